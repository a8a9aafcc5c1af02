"use server";
// Server actions of the org pages.
import { revalidatePath } from "next/cache";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { createUnit, mergeUnit, setCommitteeEstablished, updateUnit } from "@/lib/server/org/write-units";
import { formatDate } from "@/lib/format";

export async function setCommitteeEstablishedAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(setCommitteeEstablished, fd, {
    successMessage: "成立日期已保存",
    after: (unitId) => revalidatePath(`/org/${unitId}`),
  });
}

/** The tree shows on every org page (and in pickers elsewhere): refresh them all. */
const refreshTree = () => revalidatePath("/", "layout");

export async function createUnitAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createUnit, fd, {
    after: (unit) => {
      refreshTree();
      return { ok: true, message: `已新增「${unit.name}」（代码 ${unit.code}）`, at: Date.now() };
    },
  });
}

/** 修改 (name, kind, code), 移动 (parentId), 撤销 (closedOn), 恢复 (reopen): the form sends only its own fields. */
export async function updateUnitAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const op = fd.get("op");
  return runFormAction(updateUnit, fd, {
    toInput: (f) => {
      const fields = Object.fromEntries([...f.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$") && k !== "op"));
      return fields;
    },
    after: (unit) => {
      refreshTree();
      const message =
        op === "close"
          ? `已撤销，撤销日期 ${formatDate(unit.closedOn)}`
          : op === "reopen"
            ? "已恢复，该单位重新出现在当前名单中"
            : op === "move"
              ? "已移动，下级单位和用户的范围随之调整"
              : "修改已保存";
      return { ok: true, message, at: Date.now() };
    },
  });
}

export async function mergeUnitAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(mergeUnit, fd, {
    after: ({ into, moved }) => {
      refreshTree();
      return {
        ok: true,
        message: `已并入「${into.name}」：转入现任班子成员 ${moved.positions} 人、志愿者 ${moved.volunteers} 人、辅导站 ${moved.stations} 个`,
        at: Date.now(),
      };
    },
  });
}
