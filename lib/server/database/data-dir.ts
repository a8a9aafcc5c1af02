import fs from "node:fs";
import path from "node:path";

/**
 * A setting that stops the app from starting, said in one Chinese/English line: what is
 * wrong and what to do. Its stack is that line alone, so even an uncaught one prints no
 * trace; scripts/start.ts may also catch it and print `message` before exiting 1.
 */
export class StartupProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupProblem";
    this.stack = message;
  }
}

const checked = new Set<string>();

/** DATA_DIR (default `.data/` in the project): the embedded cluster, its password, the generated auth secret. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DATA_DIR || ".data");
  if (!checked.has(dir)) {
    assertWritableDir(dir);
    checked.add(dir);
  }
  return dir;
}

/** Creates `dir` if needed and checks this process may write in it; a StartupProblem otherwise. */
export function assertWritableDir(dir: string): void {
  try {
    fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
    fs.accessSync(/*turbopackIgnore: true*/ dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new StartupProblem(
      `数据目录 ${dir} 无法写入（${code}）：请让运行本系统的用户可以写入该目录（例如 chown），或用环境变量 DATA_DIR 指定一个可写的目录。` +
        ` / DATA_DIR ${dir} is not writable (${code}): give the user running the app write access to it, or set DATA_DIR to a writable directory.`,
    );
  }
}
