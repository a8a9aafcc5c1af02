import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { noticeOf } from "@/lib/server/rules/assessment";
import { noticeTitle, ZAssessmentYear } from "@/lib/schemas/assessment";
import { formatDate } from "@/lib/format";
import { EmptyState, Notice } from "@/components/ui/page";
import { PrintButton } from "@/components/ui/print-button";

export const metadata: Metadata = { title: "先进单位通报" };

/** A4 paper, margins like an official document; the app's header and navigation are .no-print. */
const PAGE_CSS = "@page { size: A4; margin: 25mm 20mm; }";

export default async function NoticePage({ params }: { params: Promise<{ year: string }> }) {
  const actor = await requireActor();
  const parsed = ZAssessmentYear.safeParse((await params).year);
  if (!parsed.success) notFound();
  const n = await orNotFound(noticeOf(actor, parsed.data));
  const title = noticeTitle(n.year);

  return (
    <div>
      <style>{PAGE_CSS}</style>
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href={`/rules/assessment/${n.year}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
          ‹ 返回 {n.year} 年度考核结果
        </Link>
        {n.advancedCount > 0 && <PrintButton />}
      </div>
      <div className="no-print">
        {n.status !== "CONFIRMED" && <Notice tone="warn">{n.year} 年度考核尚未确认，本通报仅为草稿。</Notice>}
        {n.partial && <Notice tone="warn">只列出您管辖范围内的先进单位。</Notice>}
      </div>

      {n.advancedCount === 0 ? (
        <EmptyState
          title={`${n.year} 年度还没有评定先进单位`}
          hint={can(actor, "assessment.manage") ? "在考核结果页把达标的村（社区）评为先进单位后，这里生成通报。" : "区关工委评定先进单位后，这里生成通报。"}
        />
      ) : (
        <article className="mx-auto max-w-[210mm] bg-white px-6 py-10 text-base leading-loose text-gray-900 shadow-sm sm:px-16 print:max-w-none print:p-0 print:text-[16pt] print:shadow-none">
          <h1 className="mb-8 text-center text-2xl font-bold leading-relaxed print:text-[22pt]">{title}</h1>
          <p>各镇（街道）关工委：</p>
          <p className="indent-8">
            {n.year}年，全区各村（社区）关工委围绕“领导班子好、五老队伍好、工作制度好、活动阵地好、工作成效好”的目标，扎实开展关心下一代工作。经考核，
            {n.counts.assessed}个村（社区）关工委中，{n.counts.passed}个达到“五好”标准。为表彰先进，决定对以下{n.advancedCount}个“五好”村（社区）关工委先进单位予以通报表彰：
          </p>
          <div className="my-6" data-testid="notice-units">
            {n.groups.map((g) => (
              <p key={g.town} className="indent-8 break-inside-avoid">
                <span className="font-semibold">{g.town}</span>：{g.units.join("、")}
              </p>
            ))}
          </div>
          <p className="indent-8">
            希望受到表彰的单位珍惜荣誉，再接再厉；各村（社区）关工委要以先进为榜样，对照“五好”标准查找差距，推动关心下一代工作再上新台阶。
          </p>
          <div className="mt-12 text-right">
            <p>{n.issuer}</p>
            <p>{formatDate(n.confirmedAt ?? new Date())}</p>
          </div>
        </article>
      )}
    </div>
  );
}
