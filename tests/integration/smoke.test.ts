import { describe, expect, it } from "vitest";
import { actorFor, unitByName } from "../support/actors";
import { getUnit, listChildren } from "@/lib/server/org/read-units";

describe("smoke", () => {
  it("district admin sees 16 towns", async () => {
    const a = await actorFor("district.admin");
    const kids = await listChildren(a, a.orgUnitId);
    expect(kids.filter((k) => k.level === "TOWN")).toHaveLength(16);
  });
  it("town admin cannot see another town", async () => {
    const a = await actorFor("town.admin");
    const other = await unitByName("清江街道");
    await expect(getUnit(a, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
