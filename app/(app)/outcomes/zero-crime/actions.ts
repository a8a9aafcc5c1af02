"use server";
// Server actions of the 零犯罪 screens: each runs one write of lib/server/outcomes/zero-crime (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { formFields, runFormAction, type FormState } from "@/lib/server/actions";
import { confirmZeroCrime, confirmZeroCrimeYear, reportZeroCrime } from "@/lib/server/outcomes/zero-crime";
import { zeroCrimeFormInput } from "@/lib/schemas/zero-crime";

function refresh(orgUnitId?: string) {
  revalidatePath("/outcomes/zero-crime", "layout");
  if (orgUnitId) revalidatePath(`/org/${orgUnitId}`);
}

export async function reportZeroCrimeAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(reportZeroCrime, fd, {
    toInput: (f) => zeroCrimeFormInput(formFields(f)),
    after: ({ record, created }) => {
      refresh(record.orgUnitId);
      const what = record.status === "CONFIRMED" ? "已保存修改，修改原因已记入操作日志。" : created ? "已上报，等待区关工委确认。" : "已保存，等待区关工委确认。";
      return { ok: true, message: what, at: Date.now() };
    },
  });
}

export async function confirmZeroCrimeAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(confirmZeroCrime, fd, {
    toInput: (f) => ({ orgUnitId: f.get("orgUnitId"), year: Number(f.get("year")) }),
    after: (r) => {
      refresh(r.orgUnitId);
      return { ok: true, message: "已确认，该记录已锁定。", at: Date.now() };
    },
  });
}

export async function confirmZeroCrimeYearAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(confirmZeroCrimeYear, fd, {
    toInput: (f) => ({ year: Number(f.get("year")), orgUnitId: f.get("orgUnitId") ?? undefined }),
    after: (r) => {
      refresh();
      return { ok: true, message: `已确认 ${r.year} 年的 ${r.confirmed} 条记录。`, at: Date.now() };
    },
  });
}
