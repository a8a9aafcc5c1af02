/**
 * The village or school dashboard: the four things a committee is judged on in a year,
 * each read from the metric engine for the admin's own unit, with the page that fixes it.
 */
import { describe, expect, it } from "vitest";
import { unitChecklist } from "@/lib/server/metrics/unit-checklist";
import { getUnitRoster } from "@/lib/server/people/read-roster";
import { actorFor } from "../support/actors";
import { demoUnits, newUser } from "../support/fixtures";

describe("unit checklist", () => {
  it("a village in 2019: 五好 and 零犯罪 come from the confirmed records, the roster from the rule engine", async () => {
    const actor = await actorFor("unit.admin");
    const checks = await unitChecklist(actor, 2019);
    expect(checks.map((c) => c.key)).toEqual(["roster", "fiveGood", "zeroCrime", "station"]);
    const roster = await getUnitRoster(actor, actor.orgUnitId);
    expect(checks[0].state).toBe(roster.compliance.status === "COMPLIANT" ? "ok" : roster.compliance.status === "EXCEPTION" ? "warn" : "missing");
    expect(checks[0].href).toBe(`/org/${actor.orgUnitId}`);
    expect(checks[1].state).not.toBe("missing"); // the seed scored every village in 2019
    expect(checks[2]).toMatchObject({ state: expect.stringMatching(/ok|warn/), action: "查看上报" });
    // One station: its count; several (other suites register stations here too): how many reached 24.
    expect(checks[3].detail).toMatch(/^(2019 年已开展 \d+ \/ 24 次活动。|\d+ \/ \d+ 个辅导站已达到 24 次)/);
  });

  it("a year with nothing recorded says what is missing and where to do it", async () => {
    const checks = await unitChecklist(await actorFor("unit.admin"), 2099);
    const byKey = Object.fromEntries(checks.map((c) => [c.key, c]));
    expect(byKey.fiveGood).toMatchObject({ state: "missing", detail: "本年度尚无考核结果。", href: "/rules/assessment" });
    expect(byKey.zeroCrime).toMatchObject({ state: "missing", detail: "本年度尚未上报。", action: "去上报", href: "/outcomes/zero-crime" });
    expect(byKey.station).toMatchObject({ state: "warn", action: "登记活动" });
    expect(byKey.station.detail).toMatch(/^(2099 年已开展 0 \/ 24 次活动。|0 \/ \d+ 个辅导站已达到 24 次)/);
  });

  it("a school reports its students and, not being assessed, has no 五好 item or station", async () => {
    const { townSchool } = await demoUnits();
    const user = await newUser({ role: "UNIT_ADMIN", orgUnitId: townSchool.id, prefix: "school" });
    const checks = await unitChecklist(await actorFor(user.username), 2019);
    const byKey = Object.fromEntries(checks.map((c) => [c.key, c]));
    expect(byKey.fiveGood).toBeUndefined();
    expect(byKey.zeroCrime).toMatchObject({ state: "ok", detail: "已上报，在校生违法犯罪为零。" });
    expect(byKey.station).toMatchObject({ state: "na", detail: "本单位没有在用的辅导站。" });
  });
});
