/** An upload that cannot be read as an import sheet; `message` is one Chinese sentence for the user. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}
