/** lib/server/unavailable.ts: which errors mean "the database is out of reach", and which do not. */
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, isDatabaseUnavailable, logLine } from "@/lib/server/unavailable";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["Prisma: server not reachable (P1001)", withCode("P1001")],
    ["Prisma: connect timeout (P1002)", withCode("P1002")],
    ["Prisma: pool timeout (P2024)", withCode("P2024")],
    [
      "Prisma raw query wrapping the driver adapter's DatabaseNotReachable",
      Object.assign(new Error("Raw query failed"), { code: "P2010", meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "h", port: 1 } } } }),
    ],
    ["node: connection refused", withCode("ECONNREFUSED")],
    ["node: connection reset", withCode("ECONNRESET")],
    ["PostgreSQL 57P01 admin_shutdown", withCode("57P01", "terminating connection due to administrator command")],
    ["PostgreSQL 57P03 cannot_connect_now", withCode("57P03", "the database system is starting up")],
    ["PostgreSQL class 08 connection_exception", withCode("08006")],
    ["node-postgres connect timeout", new Error("Connection terminated due to connection timeout")],
    ["node-postgres connection lost", new Error("Connection terminated unexpectedly")],
    ["wrapped in a cause", new Error("outer", { cause: withCode("ECONNREFUSED") })],
    ["inside an AggregateError", new AggregateError([new Error("a"), withCode("ECONNREFUSED")], "all failed")],
    ["our own typed error", new DatabaseUnavailableError()],
  ])("%s: yes", (_label, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it.each([
    ["unique violation (P2002)", withCode("P2002")],
    ["PostgreSQL 23505", withCode("23505")],
    ["permission denied 42501", withCode("42501")],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("%s: no", (_label, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
  });

  it("a cycle of causes ends", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("logLine", () => {
  it("keeps the last line of Prisma's many-line message", () => {
    expect(logLine(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Message: `x`\n"))).toBe("Raw query failed. Message: `x`");
  });
});
