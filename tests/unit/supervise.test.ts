/** scripts/lib/supervise.ts with real child processes (node -e …) and short delays. */
import { describe, expect, it } from "vitest";
import { supervise } from "../../scripts/lib/supervise";

const node = (code: string) => ({ command: process.execPath, args: ["-e", code], options: { stdio: "ignore" as const } });

describe("supervise", () => {
  it("restarts a dying child with doubling delays, then gives up", async () => {
    const lines: string[] = [];
    const s = supervise({ ...node("process.exit(3)"), name: "child", baseDelayMs: 20, maxDeaths: 4, windowMs: 60_000, log: (m) => lines.push(m) });
    expect(await s.done).toBe("gave-up");
    expect(lines.filter((l) => l.startsWith("child started (pid "))).toHaveLength(4);
    const delays = lines.flatMap((l) => l.match(/restarting in ([\d.]+) s/)?.[1] ?? []);
    expect(delays).toEqual(["0.02", "0.04", "0.08"]);
    expect(lines.at(-1)).toBe("child exited with code 3; it died 4 times within 60 s, giving up");
  });

  it("forgets deaths older than the window", async () => {
    const lines: string[] = [];
    // Each run lives 150 ms; the window is 100 ms: never two deaths in it.
    const s = supervise({ ...node("setTimeout(() => process.exit(1), 150)"), name: "child", baseDelayMs: 10, maxDeaths: 2, windowMs: 100, log: (m) => lines.push(m) });
    while (lines.filter((l) => l.includes("started")).length < 4) await new Promise((r) => setTimeout(r, 20));
    s.stop();
    expect(await s.done).toBe("stopped");
    expect(lines.some((l) => l.includes("giving up"))).toBe(false);
    expect(lines.filter((l) => l.includes("restarting in 0.01 s (death 1 of 2"))).toHaveLength(3);
  });

  it("stop() ends a running child with the signal and does not restart it", async () => {
    const lines: string[] = [];
    const s = supervise({ ...node("setInterval(() => {}, 1000)"), name: "child", log: (m) => lines.push(m) });
    await new Promise((r) => setTimeout(r, 200));
    s.stop("SIGTERM");
    expect(await s.done).toBe("stopped");
    expect(lines.filter((l) => l.includes("started"))).toHaveLength(1);
    expect(lines.some((l) => l.includes("restarting"))).toBe(false);
  });
});
