import { describe, expect, it } from "vitest";
import { SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS, sessionState } from "@/lib/server/auth/session-policy";

const NOW = 1_800_000_000;
const claims = (over: Partial<{ sub: string; sv: number; authTime: number; lastActive: number }> = {}) => ({
  sub: "6f1c0a52-6a4f-4c43-9d0e-7b0a4b3f2a11",
  sv: 0,
  authTime: NOW - 3600,
  lastActive: NOW - 60,
  ...over,
});

describe("sessionState", () => {
  it("the limits are 30 minutes idle and 12 hours in all", () => {
    expect(SESSION_IDLE_SECONDS).toBe(30 * 60);
    expect(SESSION_MAX_SECONDS).toBe(12 * 3600);
  });

  it("is active right after sign-in and while in use", () => {
    expect(sessionState(claims({ authTime: NOW, lastActive: NOW }), NOW)).toBe("active");
    expect(sessionState(claims(), NOW)).toBe("active");
    expect(sessionState(claims({ sv: 7 }), NOW)).toBe("active");
  });

  it("turns idle after exactly 30 minutes without activity, not before", () => {
    expect(sessionState(claims({ lastActive: NOW - 30 * 60 }), NOW)).toBe("active");
    expect(sessionState(claims({ lastActive: NOW - 30 * 60 - 1 }), NOW)).toBe("idle");
    expect(sessionState(claims({ lastActive: NOW - 31 * 60 }), NOW)).toBe("idle");
  });

  it("expires 12 hours after sign-in even when active", () => {
    expect(sessionState(claims({ authTime: NOW - 12 * 3600, lastActive: NOW }), NOW)).toBe("active");
    expect(sessionState(claims({ authTime: NOW - 12 * 3600 - 1, lastActive: NOW }), NOW)).toBe("expired");
    expect(sessionState(claims({ authTime: NOW - 13 * 3600, lastActive: NOW - 31 * 60 }), NOW)).toBe("expired");
  });

  it("is invalid without the claims it needs", () => {
    expect(sessionState(null, NOW)).toBe("invalid");
    expect(sessionState({}, NOW)).toBe("invalid");
    expect(sessionState(claims({ sub: "" }), NOW)).toBe("invalid");
    expect(sessionState({ ...claims(), sv: undefined }, NOW)).toBe("invalid");
    expect(sessionState({ ...claims(), sv: "0" as unknown as number }, NOW)).toBe("invalid");
    expect(sessionState({ ...claims(), authTime: undefined }, NOW)).toBe("invalid");
    expect(sessionState({ ...claims(), lastActive: undefined }, NOW)).toBe("invalid");
  });
});
