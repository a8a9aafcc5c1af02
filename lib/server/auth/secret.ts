import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../database/data-dir";

/**
 * AUTH_SECRET signs sessions. Production sets its own; otherwise one is generated
 * once and kept under DATA_DIR, so sessions survive restarts with no setup.
 */
export function authSecret(): string {
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process won the race
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}
