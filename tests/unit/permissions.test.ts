import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLE_UNIT_LEVELS, assertCan, can, type Permission } from "@/lib/server/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/** The district roles; PLATFORM_ADMIN (系统管理) belongs to no district and has none of these permissions. */
const ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => r !== "PLATFORM_ADMIN");
const WRITES: Permission[] = ["org.write", "user.manage"];

describe("can / ROLE_PERMISSIONS", () => {
  it("knows all five district roles, and the platform admin", () => {
    expect(ROLES.sort()).toEqual(["DISTRICT_ADMIN", "LEADER", "STATION_COORDINATOR", "TOWN_ADMIN", "UNIT_ADMIN"]);
    expect(Object.keys(ROLE_PERMISSIONS)).toContain("PLATFORM_ADMIN");
  });

  it("the platform admin has no district permission at all (it sees no district data)", () => {
    for (const p of PERMISSIONS) expect(can({ role: "PLATFORM_ADMIN" }, p)).toBe(false);
  });

  it("a leader reads dashboards but may write nothing", () => {
    expect(can({ role: "LEADER" }, "dashboard.read")).toBe(true);
    expect(can({ role: "LEADER" }, "org.read")).toBe(true);
    for (const p of WRITES) expect(can({ role: "LEADER" }, p)).toBe(false);
    expect(can({ role: "LEADER" }, "audit.read")).toBe(false);
  });

  it("only the district admin manages users and reads the audit trail", () => {
    for (const role of ROLES) {
      expect(can({ role }, "user.manage")).toBe(role === "DISTRICT_ADMIN");
      expect(can({ role }, "audit.read")).toBe(role === "DISTRICT_ADMIN");
    }
  });

  it("district, town and unit admins may write org data; coordinators and leaders may not", () => {
    expect(ROLES.filter((role) => can({ role }, "org.write")).sort()).toEqual(["DISTRICT_ADMIN", "TOWN_ADMIN", "UNIT_ADMIN"]);
  });

  it("every role may read its scope and manage its own tokens", () => {
    for (const role of ROLES) {
      expect(can({ role }, "org.read")).toBe(true);
      expect(can({ role }, "token.own")).toBe(true);
    }
  });

  it("a station coordinator does not see dashboards", () => {
    expect(can({ role: "STATION_COORDINATOR" }, "dashboard.read")).toBe(false);
  });

  it("only names known permissions", () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });

  it("assertCan throws FORBIDDEN for a refused permission and nothing otherwise", () => {
    expect(() => assertCan({ role: "DISTRICT_ADMIN" }, "user.manage")).not.toThrow();
    let err: unknown;
    try {
      assertCan({ role: "LEADER" }, "org.write");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("FORBIDDEN");
    expect((err as AppError).message).toBe("您的角色无权进行此操作");
  });
});

describe("ROLE_UNIT_LEVELS", () => {
  it("puts each role on the unit levels it belongs to", () => {
    expect(ROLE_UNIT_LEVELS.DISTRICT_ADMIN).toEqual(["DISTRICT"]);
    expect(ROLE_UNIT_LEVELS.TOWN_ADMIN).toEqual(["TOWN"]);
    expect([...ROLE_UNIT_LEVELS.UNIT_ADMIN].sort()).toEqual(["SCHOOL", "VILLAGE"]);
    expect(ROLE_UNIT_LEVELS.TOWN_ADMIN).not.toContain("VILLAGE");
  });
});
