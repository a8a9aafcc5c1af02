/**
 * Helpers of the fault tests that run the real `npm start` (scripts/start.ts) in a child
 * process: free ports, polling, the postmaster of a data directory, whether a pid lives.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

/** Polls `fn` until it returns a value (not undefined) or `ms` pass; the error carries the server's last output. */
export async function until<T>(what: string, ms: number, fn: () => Promise<T | undefined> | T | undefined, output: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}\n--- server output ---\n${output().slice(-4000)}`);
    await sleep(250);
  }
}

/** The pids of next-server that start.ts reported in its output, in order. */
export const nextPidsIn = (output: string) => [...output.matchAll(/next-server started \(pid (\d+)\)/g)].map((m) => Number(m[1]));

/** The running postmaster of a DATA_DIR (from its postmaster.pid), or null. */
export function postmaster(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n");
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

/** The process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2].startsWith("Z");
  } catch {
    return false;
  }
}
