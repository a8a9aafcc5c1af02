import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getSubsidy } from "@/lib/server/rules/subsidies";
import { formatDate } from "@/lib/format";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { formatYuan } from "@/lib/schemas/station";
import { SUBSIDY_KIND_LABELS } from "@/lib/schemas/subsidy";
import { Card, Facts, Notice, PageHeader } from "@/components/ui/page";
import { SubsidyStatusBadge } from "@/components/rules/subsidies/bits";
import { MarkPaidForm } from "@/components/rules/subsidies/subsidy-forms";
import { markPaidAction } from "../actions";

export const metadata: Metadata = { title: "补贴" };

export default async function SubsidyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; paid?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const today = todayInBeijing();
  const s = await orNotFound(getSubsidy(actor, id, today));
  return (
    <div>
      <Link href="/rules/subsidies" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回补贴发放
      </Link>
      <PageHeader title={`${s.recipientName}的补贴`} subtitle={`${SUBSIDY_KIND_LABELS[s.kind]} · ${s.orgUnit.name} · ${formatYuan(s.amountFen)}`} />
      {sp.created && <Notice>补贴已登记。{s.paidOn ? "" : "发放后，请在下方登记发放日期。"}</Notice>}
      {sp.paid && <Notice>已登记发放。</Notice>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="补贴">
          <Facts
            rows={[
              ["领取人", s.person ? `${s.recipientName}（五老志愿者）` : s.recipientName],
              ["所在单位", s.orgUnit.name],
              ["类别", SUBSIDY_KIND_LABELS[s.kind]],
              ["金额", formatYuan(s.amountFen)],
              ["补贴期间", `${formatDate(s.periodFrom)} 至 ${formatDate(s.periodTo)}`],
              ["应发放日期", formatDate(s.dueOn)],
              ["备注", s.note ?? "—"],
            ]}
          />
        </Card>
        <Card title="发放">
          <div className="mb-4">
            <SubsidyStatusBadge status={s.status} />
          </div>
          {s.paidOn ? (
            <Facts rows={[["发放日期", formatDate(s.paidOn)]]} />
          ) : can(actor, "subsidy.write") ? (
            <MarkPaidForm action={markPaidAction} id={s.id} periodFrom={isoDay(s.periodFrom)!} today={today} />
          ) : (
            <p className="text-base text-gray-600">尚未发放。</p>
          )}
        </Card>
      </div>
    </div>
  );
}
