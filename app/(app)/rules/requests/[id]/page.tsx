import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getRequest } from "@/lib/server/rules/requests";
import { formatDate } from "@/lib/format";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { PARTY_REQUEST_KIND_LABELS } from "@/lib/schemas/party-request";
import { Card, Facts, Notice, PageHeader } from "@/components/ui/page";
import { DaysWaiting } from "@/components/rules/requests/bits";
import { AnswerForm } from "@/components/rules/requests/request-forms";
import { answerRequestAction } from "../actions";

export const metadata: Metadata = { title: "请示汇报" };

export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; answered?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const r = await orNotFound(getRequest(actor, id));
  const kind = PARTY_REQUEST_KIND_LABELS[r.kind];
  const open = r.resolvedOn === null;
  return (
    <div>
      <Link href="/rules/requests" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回请示汇报
      </Link>
      <PageHeader title={r.subject} subtitle={`${kind} · ${formatDate(r.submittedOn)}报送 · ${open ? "待答复" : "已答复"}`} />
      {sp.created && <Notice>{kind}已登记。区委答复后，请在下方登记答复。</Notice>}
      {sp.answered && <Notice>答复已登记。</Notice>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={kind}>
          <Facts
            rows={[
              ["类型", kind],
              ["报送单位", r.orgUnit.name],
              ["报送日期", formatDate(r.submittedOn)],
              ["状态", open ? <DaysWaiting key="w" days={r.days} /> : `已答复，用时 ${r.days} 天`],
              ["内容", r.body ? <span key="b" className="whitespace-pre-wrap">{r.body}</span> : "—"],
            ]}
          />
        </Card>
        <Card title="区委答复">
          {open ? (
            can(actor, "request.write") ? (
              <AnswerForm action={answerRequestAction} id={r.id} submittedOn={isoDay(r.submittedOn)!} today={todayInBeijing()} />
            ) : (
              <p className="text-base text-gray-600">尚未答复。</p>
            )
          ) : (
            <Facts
              rows={[
                ["答复日期", formatDate(r.resolvedOn)],
                ["答复内容", <span key="a" className="whitespace-pre-wrap">{r.answer ?? "—"}</span>],
              ]}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
