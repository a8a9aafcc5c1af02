/**
 * Where 两步验证 puts a user (lib/server/auth/access.ts): required of district and platform
 * admins outside demo districts; an enrolled user's session is held at the code step until a
 * code is given; the order of the steps.
 */
import { describe, expect, it } from "vitest";
import { mfaRequired, userAccess, type AccessRow } from "@/lib/server/auth/access";
import { tokenMfaGate } from "@/lib/server/auth/token-issue";

const row = (over: Partial<AccessRow> = {}): AccessRow => ({
  role: "DISTRICT_ADMIN",
  tenantId: "6f1c0a52-6a4f-4c43-9d0e-7b0a4b3f2a11",
  disabledAt: null,
  mustChangePassword: false,
  mfaEnabled: false,
  orgUnit: { active: true },
  tenant: { disabledAt: null, isDemo: false },
  ...over,
});
const platform = (over: Partial<AccessRow> = {}) => row({ role: "PLATFORM_ADMIN", tenantId: null, orgUnit: null, tenant: null, ...over });

describe("mfaRequired", () => {
  it("district admins of real districts and platform admins; nobody in a demo district; no other role", () => {
    expect(mfaRequired({ role: "DISTRICT_ADMIN", tenant: { isDemo: false } })).toBe(true);
    expect(mfaRequired({ role: "PLATFORM_ADMIN", tenant: null })).toBe(true);
    expect(mfaRequired({ role: "DISTRICT_ADMIN", tenant: { isDemo: true } })).toBe(false);
    for (const role of ["TOWN_ADMIN", "UNIT_ADMIN", "STATION_COORDINATOR", "LEADER"] as const) {
      expect(mfaRequired({ role, tenant: { isDemo: false } }), role).toBe(false);
    }
  });
});

describe("userAccess with 两步验证", () => {
  it("a required user without it may only set it up; a demo district's admin goes straight in", () => {
    expect(userAccess(row(), true)).toBe("mfa_enrol");
    expect(userAccess(platform(), true)).toBe("mfa_enrol");
    expect(userAccess(row({ tenant: { disabledAt: null, isDemo: true } }), false)).toBe("district");
    expect(userAccess(row({ role: "TOWN_ADMIN" }), false)).toBe("district");
  });

  it("an enrolled user: the code step until this session passed it, then in", () => {
    expect(userAccess(row({ mfaEnabled: true }), false)).toBe("mfa_verify");
    expect(userAccess(row({ mfaEnabled: true }), true)).toBe("district");
    expect(userAccess(platform({ mfaEnabled: true }), false)).toBe("mfa_verify");
    expect(userAccess(platform({ mfaEnabled: true }), true)).toBe("platform");
    // Optional enrolment counts the same: a town admin who turned it on is asked for codes.
    expect(userAccess(row({ role: "TOWN_ADMIN", mfaEnabled: true }), false)).toBe("mfa_verify");
  });

  it("the order: code first (a one-time password someone else knows does not pass it), then the password, then the set-up", () => {
    expect(userAccess(row({ mfaEnabled: true, mustChangePassword: true }), false)).toBe("mfa_verify");
    expect(userAccess(row({ mfaEnabled: true, mustChangePassword: true }), true)).toBe("must_change");
    expect(userAccess(row({ mustChangePassword: true }), false)).toBe("must_change");
    expect(userAccess(platform({ mustChangePassword: true }), false)).toBe("must_change");
  });

  it("ended and disabled districts stay what they were", () => {
    expect(userAccess(row({ disabledAt: new Date() }), true)).toBe("ended");
    expect(userAccess(row({ tenant: { disabledAt: new Date(), isDemo: false } }), true)).toBe("tenant_disabled");
    expect(userAccess(row({ orgUnit: { active: false } }), true)).toBe("ended");
    expect(userAccess(platform({ disabledAt: new Date(), mfaEnabled: true }), false)).toBe("ended");
  });
});

describe("tokenMfaGate", () => {
  it("a code where enrolled; none issued before a required set-up; nothing extra otherwise", () => {
    expect(tokenMfaGate({ role: "TOWN_ADMIN", tenant: { isDemo: false }, mfaEnabledAt: new Date() })).toBe("code");
    expect(tokenMfaGate({ role: "DISTRICT_ADMIN", tenant: { isDemo: false }, mfaEnabledAt: null })).toBe("enrol_first");
    expect(tokenMfaGate({ role: "DISTRICT_ADMIN", tenant: { isDemo: true }, mfaEnabledAt: null })).toBe("none");
    expect(tokenMfaGate({ role: "LEADER", tenant: { isDemo: false }, mfaEnabledAt: null })).toBe("none");
  });
});
