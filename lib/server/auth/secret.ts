import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StartupProblem, dataDir } from "../database/data-dir";

/** Shorter secrets are refused: sessions signed with them could be forged by guessing. */
export const MIN_SECRET_LENGTH = 32;

/**
 * AUTH_SECRET signs sessions. Production sets its own; otherwise one is generated
 * once and kept under DATA_DIR, so sessions survive restarts with no setup. An empty or
 * short one (an emptied file, a placeholder in the environment) is a StartupProblem: the
 * app would start and then refuse every sign-in with no word why.
 */
export function authSecret(): string {
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv) return checked(fromEnv, process.env.AUTH_SECRET ? "AUTH_SECRET" : "NEXTAUTH_SECRET");
  const file = path.join(dataDir(), "auth-secret");
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    try {
      fs.writeFileSync(/*turbopackIgnore: true*/ file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process won the race
    }
  }
  return checked(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), file);
}

function checked(secret: string, source: string): string {
  if (secret.length >= MIN_SECRET_LENGTH) return secret;
  const isFile = source.includes(path.sep);
  const what = secret.length === 0 ? "为空" : `只有 ${secret.length} 个字符`;
  const whatEn = secret.length === 0 ? "is empty" : `has only ${secret.length} characters`;
  throw new StartupProblem(
    isFile
      ? `认证密钥文件 ${source} ${what}（至少需要 ${MIN_SECRET_LENGTH} 个字符）：请删除该文件，系统会在启动时重新生成（所有用户需要重新登录），或设置环境变量 AUTH_SECRET。` +
          ` / The auth secret file ${source} ${whatEn} (at least ${MIN_SECRET_LENGTH} needed): delete it to have a new one generated at start (everyone signs in again), or set AUTH_SECRET.`
      : `环境变量 ${source} ${what}（至少需要 ${MIN_SECRET_LENGTH} 个字符）：请设置一个随机值，例如 openssl rand -base64 32 的输出。` +
          ` / ${source} ${whatEn} (at least ${MIN_SECRET_LENGTH} needed): set a random value, e.g. the output of \`openssl rand -base64 32\`.`,
  );
}
