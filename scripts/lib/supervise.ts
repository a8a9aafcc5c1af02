/**
 * Keeps a child process running (npm start's next-server, issue 13): when it exits without
 * being asked to, it is started again after 1 s, 2 s, 4 s … (capped), one log line each;
 * when it dies `maxDeaths` times within `windowMs`, supervision gives up so the caller can
 * exit non-zero and let systemd (Restart=on-failure) or the operator take over.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface SuperviseOptions {
  command: string;
  args: string[];
  options: SpawnOptions;
  /** Name in log lines, e.g. "next-server". */
  name: string;
  /** First restart delay (default 1 s), doubled per death in the window, capped at maxDelayMs (default 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Give up when the child dies this many times (default 5) within windowMs (default 2 minutes). */
  maxDeaths?: number;
  windowMs?: number;
  log?: (msg: string) => void;
}

export interface Supervised {
  /** "stopped" after stop(); "gave-up" after too many deaths. */
  done: Promise<"stopped" | "gave-up">;
  /** Sends `signal` to the child (SIGKILL after 15 s) and ends supervision once it is gone. */
  stop: (signal?: NodeJS.Signals) => void;
}

export function supervise(o: SuperviseOptions): Supervised {
  const log = o.log ?? ((m: string) => console.log(`[start] ${m}`));
  const base = o.baseDelayMs ?? 1000;
  const cap = o.maxDelayMs ?? 30_000;
  const maxDeaths = o.maxDeaths ?? 5;
  const windowMs = o.windowMs ?? 120_000;
  const deaths: number[] = [];
  let child: ChildProcess | null = null;
  let pending: NodeJS.Timeout | null = null;
  let stopping = false;
  let finish!: (r: "stopped" | "gave-up") => void;
  const done = new Promise<"stopped" | "gave-up">((r) => (finish = r));

  const launch = () => {
    pending = null;
    const c = spawn(o.command, o.args, o.options);
    child = c;
    c.on("error", (e) => log(`${o.name} could not be started: ${e.message}`));
    if (c.pid) log(`${o.name} started (pid ${c.pid})`);
    // "close" follows "exit", and also a failed spawn ("error"), exactly once.
    c.on("close", (code, signal) => {
      child = null;
      if (stopping) return finish("stopped");
      const now = Date.now();
      deaths.push(now);
      while (deaths.length && now - deaths[0] > windowMs) deaths.shift();
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (deaths.length >= maxDeaths) {
        log(`${o.name} ${how}; it died ${deaths.length} times within ${windowMs / 1000} s, giving up`);
        return finish("gave-up");
      }
      const delay = Math.min(cap, base * 2 ** (deaths.length - 1));
      log(`${o.name} ${how}; restarting in ${delay / 1000} s (death ${deaths.length} of ${maxDeaths} allowed within ${windowMs / 1000} s)`);
      pending = setTimeout(launch, delay);
    });
  };
  launch();

  return {
    done,
    stop(signal = "SIGTERM") {
      if (stopping) return;
      stopping = true;
      if (pending) {
        clearTimeout(pending);
        pending = null;
        finish("stopped");
      } else if (child) {
        const c = child;
        c.kill(signal);
        setTimeout(() => c.exitCode === null && c.signalCode === null && c.kill("SIGKILL"), 15_000).unref();
      }
    },
  };
}
