import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { LOCKED_MESSAGE, scoreForm } from "@/lib/server/rules/assessment";
import { ZAssessmentYear } from "@/lib/schemas/assessment";
import { Card, Facts, Notice, PageHeader } from "@/components/ui/page";
import { PassBadge } from "@/components/rules/assessment/bits";
import { ScoreForm } from "@/components/rules/assessment/forms";
import { scoreAction } from "../../../actions";

export const metadata: Metadata = { title: "“五好”考核评分" };

export default async function ScorePage({ params }: { params: Promise<{ year: string; unitId: string }> }) {
  const actor = await requireActor();
  const { year: rawYear, unitId } = await params;
  const parsed = ZAssessmentYear.safeParse(rawYear);
  if (!parsed.success) notFound();
  const { round, unit, result, mode } = await orNotFound(scoreForm(actor, parsed.data, unitId));
  const year = round.year;

  return (
    <div>
      <Link href={`/rules/assessment/${year}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回 {year} 年度考核结果
      </Link>
      <PageHeader title={`${unit.name} · ${year} 年度“五好”评分`} subtitle={`${unit.town} · 满分 ${round.fullMarks} 分，达标分数线 ${round.passMark} 分`} />
      {mode === "draft" && <Notice tone="warn">{year} 年度考核标准尚未发布，不能评分。</Notice>}
      {mode === "locked" && <Notice tone="warn">{LOCKED_MESSAGE}。如需更正，请联系区关工委。</Notice>}
      <Card>
        {mode === "open" || mode === "amend" ? (
          <ScoreForm
            action={scoreAction}
            year={year}
            unitId={unit.id}
            criteria={round.criteria}
            passMark={round.passMark}
            initial={result ? { points: result.points, comment: result.comment } : undefined}
            amend={mode === "amend"}
          />
        ) : result ? (
          <Facts
            rows={[
              ...round.criteria.map((c): [string, string] => [c.label, `${result.points[c.item]} / ${c.weight}`]),
              ["总分", `${result.total} / ${round.fullMarks}`],
              ["结果", <PassBadge key="p" passed={result.passed} />],
              ["评语", result.comment ?? "—"],
            ]}
          />
        ) : (
          <p className="text-base text-gray-600">还没有评分。</p>
        )}
      </Card>
    </div>
  );
}
