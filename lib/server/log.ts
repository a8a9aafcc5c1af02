import "server-only";
/**
 * The server's structured log: one JSON line per event on stdout (pino), level from
 * LOG_LEVEL (default info). Secrets never reach it: authorization, cookie and password
 * fields are redacted wherever they sit. An error is logged as `{ err }`, which pino turns
 * into one line with its type, message and stack. Under `npm run dev` (NODE_ENV=development)
 * the lines are printed readable by pino-pretty, a devDependency loaded only then (unless
 * LOG_FORMAT=json).
 */
import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Logger } from "pino";

const REDACT = ["authorization", "cookie", "password", "newPassword", "currentPassword", "token", "secret"].flatMap((k) => [
  k,
  `*.${k}`,
  `*.headers.${k}`,
]);

export function createLogger(destination: DestinationStream, level = process.env.LOG_LEVEL || "info"): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    destination,
  );
}

/** Development only: pino-pretty, synchronous, when installed (it is a devDependency). */
function devPretty(): DestinationStream | null {
  if (process.env.NODE_ENV !== "development" || process.env.LOG_FORMAT === "json") return null;
  try {
    const load = createRequire(path.join(process.cwd(), "package.json"));
    const pretty = load("pino-pretty") as typeof import("pino-pretty");
    return pretty({ sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" });
  } catch {
    return null;
  }
}

const stdout: DestinationStream = devPretty() ?? process.stdout;

/** Where the app's log goes: stdout, unless a test captures it (setLogSink). */
let sink: DestinationStream = stdout;

/** Tests: send the app's log lines elsewhere; returns a function that restores stdout. */
export function setLogSink(s: DestinationStream): () => void {
  sink = s;
  return () => {
    sink = stdout;
  };
}

export const logger: Logger = createLogger({ write: (line: string) => sink.write(line) });
