import path from "node:path";

/** DATA_DIR (default `.data/` in the project): the embedded cluster, its password, the generated auth secret. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DATA_DIR || ".data");
}
