"use server";
// Server actions of the 校外辅导站 screens: each runs one write of lib/server/stations (validate → permission → scope → audit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runFormAction, type FormState } from "@/lib/server/actions";
import { createStation, updateStation } from "@/lib/server/stations/write-stations";
import { createFunding, createPurchase } from "@/lib/server/stations/funding";
import { assignCoordinator, unassignCoordinator } from "@/lib/server/stations/coordinators";
import { advanceSummerPlan, createSummerPlan, linkActivityToPlan } from "@/lib/server/stations/summer-plans";
import { formatYuan, PURCHASE_ITEM_LABELS, SUMMER_PLAN_STATUS_LABELS, type PurchaseItem } from "@/lib/schemas/station";

export async function createStationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createStation, fd, {
    after: (s) => {
      revalidatePath("/stations");
      redirect(`/stations/${s.id}?created=1`);
    },
  });
}

export async function updateStationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(updateStation, fd, {
    after: (s) => {
      revalidatePath("/stations");
      redirect(`/stations/${s.id}?saved=1`);
    },
  });
}

export async function createPurchaseAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createPurchase, fd, {
    after: (p) => {
      revalidatePath("/stations", "layout");
      const what = p.itemName && p.item === "OTHER" ? p.itemName : PURCHASE_ITEM_LABELS[p.item as PurchaseItem];
      return { ok: true, message: `已登记购置：${what} ${p.quantity} 件，${formatYuan(p.costFen)}。`, at: Date.now() };
    },
  });
}

export async function createFundingAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createFunding, fd, {
    after: (f) => {
      revalidatePath("/stations", "layout");
      return { ok: true, message: `已登记资金 ${formatYuan(f.amountFen)}。`, at: Date.now() };
    },
  });
}

export async function createSummerPlanAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(createSummerPlan, fd, {
    after: (p) => {
      revalidatePath("/stations/summer-plans", "layout");
      redirect(`/stations/summer-plans/${p.id}?created=1`);
    },
  });
}

export async function advanceSummerPlanAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(advanceSummerPlan, fd, {
    after: (p) => {
      revalidatePath("/stations/summer-plans", "layout");
      return { ok: true, message: `已改为“${SUMMER_PLAN_STATUS_LABELS[p.status]}”。`, at: Date.now() };
    },
  });
}

export async function linkActivityAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(linkActivityToPlan, fd, {
    after: (r) => {
      revalidatePath(`/stations/summer-plans/${r.planId}`);
      return { ok: true, message: "活动已关联到本计划。", at: Date.now() };
    },
  });
}

export async function assignCoordinatorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(assignCoordinator, fd, {
    after: (u) => {
      revalidatePath("/stations", "layout");
      return { ok: true, message: `已添加辅导员账号：${u.displayName}（${u.username}），TA 可以为本站登记活动了。`, at: Date.now() };
    },
  });
}

export async function unassignCoordinatorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(unassignCoordinator, fd, {
    after: (u) => {
      revalidatePath("/stations", "layout");
      return { ok: true, message: `已移除辅导员账号：${u.displayName}（${u.username}）。`, at: Date.now() };
    },
  });
}
