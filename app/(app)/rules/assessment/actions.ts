"use server";
// Server actions of the 五好 assessment screens: each runs one write of lib/server/rules/assessment (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { confirmRound, createRound, publishRound, scoreUnit, setAdvanced, updateRound } from "@/lib/server/rules/assessment";
import { nestFields } from "@/lib/schemas/assessment";

/** Fields named `weights.X` / `points.X` become nested objects, so problems come back at those paths. */
const nested = (fd: FormData) => nestFields(formFields(fd));

const refresh = () => revalidatePath("/rules/assessment", "layout");

export async function createRoundAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createRound, fd, {
    toInput: nested,
    after: (r) => {
      refresh();
      redirect(`/rules/assessment?year=${r.year}&created=1`);
    },
  });
}

export async function updateRoundAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(updateRound, fd, {
    toInput: nested,
    after: (r) => {
      refresh();
      return { ok: true, message: `${r.year} 年度考核标准已保存。`, at: Date.now() };
    },
  });
}

export async function publishRoundAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(publishRound, fd, {
    after: (r) => {
      refresh();
      return { ok: true, message: `${r.year} 年度考核标准已发布，各镇（街道）可以开始评分。`, at: Date.now() };
    },
  });
}

export async function confirmRoundAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(confirmRound, fd, {
    after: (r) => {
      refresh();
      revalidatePath("/org", "layout");
      return { ok: true, message: `${r.year} 年度考核结果已确认，分数已锁定。`, at: Date.now() };
    },
  });
}

export async function scoreAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(scoreUnit, fd, {
    toInput: nested,
    after: (r) => {
      refresh();
      revalidatePath(`/org/${r.orgUnitId}`);
      redirect(`/rules/assessment/${r.year}?scored=${r.orgUnitId}`);
    },
  });
}

export async function advancedAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(setAdvanced, fd, {
    after: (r) => {
      refresh();
      revalidatePath(`/org/${r.orgUnitId}`);
      return { ok: true, message: r.advanced ? `已将${r.unitName}评为先进单位。` : `已取消${r.unitName}的先进单位。`, at: Date.now() };
    },
  });
}
