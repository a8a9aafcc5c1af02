/**
 * lib/server/log.ts: one JSON line per event, secrets redacted, an error as one line with its stack.
 */
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/server/log";
import { requestIdFrom, safeRequestId } from "@/lib/server/request-id";

function capture(level?: string) {
  const lines: string[] = [];
  const logger = createLogger({ write: (s: string) => void lines.push(s) }, level);
  return { logger, lines };
}

describe("logger", () => {
  it("writes one JSON line with the fields, a level name and a time", () => {
    const { logger, lines } = capture();
    logger.info({ requestId: "abc-1", method: "GET", status: 200, durationMs: 3.2, userId: "u1" }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith("\n")).toBe(true);
    expect(lines[0].trimEnd()).not.toContain("\n");
    const o = JSON.parse(lines[0]);
    expect(o).toMatchObject({ level: "info", msg: "request", requestId: "abc-1", method: "GET", status: 200, durationMs: 3.2, userId: "u1" });
    expect(Number.isNaN(Date.parse(o.time))).toBe(false);
  });

  it("redacts authorization, cookie and password fields wherever they sit", () => {
    const { logger, lines } = capture();
    logger.info(
      { authorization: "Bearer qm_secret1", password: "hunter2-secret", headers: { cookie: "sid=secret3" }, body: { password: "secret4", newPassword: "secret5" } },
      "x",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret|hunter2/);
    const o = JSON.parse(lines[0]);
    expect(o.authorization).toBe("[redacted]");
    expect(o.password).toBe("[redacted]");
    expect(o.headers.cookie).toBe("[redacted]");
    expect(o.body).toEqual({ password: "[redacted]", newPassword: "[redacted]" });
  });

  it("logs an error as one line carrying its type, message and stack", () => {
    const { logger, lines } = capture();
    const e = new TypeError("boom here");
    logger.error({ err: e }, "unexpected error");
    expect(lines).toHaveLength(1);
    expect(lines[0].trimEnd()).not.toContain("\n");
    const o = JSON.parse(lines[0]);
    expect(o).toMatchObject({ level: "error", msg: "unexpected error", err: { type: "TypeError", message: "boom here" } });
    expect(o.err.stack).toContain("TypeError: boom here");
    expect(o.err.stack).toContain("log.test.ts");
  });

  it("honours the level: debug is dropped at info, kept at debug", () => {
    const info = capture("info");
    info.logger.debug("hidden");
    expect(info.lines).toHaveLength(0);
    const debug = capture("debug");
    debug.logger.debug("shown");
    expect(debug.lines).toHaveLength(1);
  });
});

describe("request id", () => {
  it("keeps a safe incoming id and replaces anything else", () => {
    expect(requestIdFrom("req-ABC-123")).toBe("req-ABC-123");
    expect(safeRequestId("a".repeat(64))).toBe("a".repeat(64));
    expect(safeRequestId("a".repeat(65))).toBeNull();
    expect(safeRequestId("x\nforged: 1")).toBeNull();
    expect(safeRequestId("a b")).toBeNull();
    expect(safeRequestId("")).toBeNull();
    expect(requestIdFrom("<script>")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
