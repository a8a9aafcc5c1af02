import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { subsidyVolunteerOptions } from "@/lib/server/rules/subsidies";
import { volunteerUnitOptions } from "@/lib/server/people/read-volunteers";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { SubsidyForm } from "@/components/rules/subsidies/subsidy-forms";
import { createSubsidyAction } from "../actions";

export const metadata: Metadata = { title: "登记补贴" };

export default async function NewSubsidyPage() {
  const actor = await requireActor();
  // subsidyVolunteerOptions checks subsidy.write: a reader gets the 404 page.
  const [volunteers, units] = await orNotFound(Promise.all([subsidyVolunteerOptions(actor), volunteerUnitOptions(actor)]));
  return (
    <div>
      <Link href="/rules/subsidies" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回补贴发放
      </Link>
      <PageHeader title="登记补贴" subtitle="“五老”以奖代补或进站教师工作补贴：领取人、金额、补贴期间和应发放日期" />
      <Card>
        <SubsidyForm action={createSubsidyAction} units={units} volunteers={volunteers} today={todayInBeijing()} />
      </Card>
    </div>
  );
}
