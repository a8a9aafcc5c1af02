/** The meeting form: numbered decision rows, blank rows dropped, errors put back beside the row typed in. */
import { describe, expect, it } from "vitest";
import { errorsByFormRow, meetingFormInput, ZDecisionDone, ZMeeting } from "@/lib/schemas/meeting";

const UNIT = "8b2c1f9e-3a4d-4e5f-8a6b-7c8d9e0f1a2b";
const meeting = { orgUnitId: UNIT, kind: "DISTRICT_WEEKLY", heldOn: "2019-10-12", title: "区关工委驻会成员例会" };
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("meetingFormInput", () => {
  it("gathers filled rows in order and drops wholly blank ones", () => {
    const { input, rows } = meetingFormInput({
      ...meeting,
      "decisions.0.text": "落实暑期活动计划",
      "decisions.0.owner": "区关工委办公室",
      "decisions.0.dueOn": "2019-11-01",
      "decisions.1.text": " ",
      "decisions.1.owner": "",
      "decisions.1.dueOn": "",
      "decisions.2.text": "",
      "decisions.2.owner": "各镇常务副主任",
      "decisions.2.dueOn": "",
      "decisions.x.text": "ignored",
    });
    expect(rows).toEqual([0, 2]);
    expect(input.decisions).toEqual([
      { text: "落实暑期活动计划", owner: "区关工委办公室", dueOn: "2019-11-01" },
      { text: "", owner: "各镇常务副主任", dueOn: "" },
    ]);
    expect(input).not.toHaveProperty("decisions.x.text");
    const parsed = ZMeeting.safeParse(input);
    expect(paths(parsed)).toEqual(["decisions.1.text", "decisions.1.dueOn"]);
    const fieldErrors = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(errorsByFormRow(fieldErrors, rows)).toEqual({ "decisions.2.text": "请填写决定事项", "decisions.2.dueOn": "请填写完成期限" });
  });

  it("no decisions at all is fine", () => {
    const { input } = meetingFormInput({ ...meeting, "decisions.0.text": "", "decisions.0.owner": "", "decisions.0.dueOn": "" });
    const r = ZMeeting.safeParse(input);
    expect(r.success).toBe(true);
    expect(r.data!.decisions).toEqual([]);
    expect(r.data!.attendees).toBeUndefined();
  });
});

describe("ZMeeting", () => {
  it("names each field in Chinese", () => {
    const r = ZMeeting.safeParse({ orgUnitId: "x", kind: "WEEKLY", heldOn: "2019-02-30", title: " " });
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["orgUnitId", "请选择召开会议的单位"],
      ["kind", "请选择会议类型"],
      ["heldOn", "会议日期不是有效的日期"],
      ["title", "请填写会议名称"],
    ]);
  });

  it("a meeting cannot be in the future; a decision cannot be due before the meeting", () => {
    expect(paths(ZMeeting.safeParse({ ...meeting, heldOn: "2999-01-01" }))).toEqual(["heldOn"]);
    const early = ZMeeting.safeParse({ ...meeting, decisions: [{ text: "整理材料", owner: "秘书组", dueOn: "2019-10-11" }] });
    expect(early.error!.issues[0]).toMatchObject({ path: ["decisions", 0, "dueOn"], message: "完成期限不能早于会议日期" });
    expect(ZMeeting.safeParse({ ...meeting, decisions: [{ text: "整理材料", owner: "秘书组", dueOn: "2019-10-12" }] }).success).toBe(true);
  });

  it("a decision is done on a real day that has come", () => {
    const id = "1b2c1f9e-3a4d-4e5f-8a6b-7c8d9e0f1a2b";
    expect(ZDecisionDone.safeParse({ decisionId: id, doneOn: "2019-10-20" }).success).toBe(true);
    expect(ZDecisionDone.safeParse({ decisionId: id, doneOn: "2999-10-20" }).error!.issues[0].message).toBe("完成日期不能晚于今天");
  });
});
