import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { outcomeUnitOptions } from "@/lib/server/outcomes/units";
import { Card, PageHeader } from "@/components/ui/page";
import { SurveyForm } from "@/components/outcomes/surveys/survey-forms";
import { createSurveyAction } from "../actions";

export const metadata: Metadata = { title: "登记调研" };

export default async function NewSurveyPage() {
  const actor = await requireActor();
  const { owners, targets } = await orNotFound(
    (async () => {
      assertCan(actor, "research.write");
      return outcomeUnitOptions(actor);
    })(),
  );
  return (
    <div>
      <Link href="/outcomes/surveys" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回调研
      </Link>
      <PageHeader title="登记调研" subtitle="调研的题目、时间、覆盖的单位，发现的问题（按类别）和对策建议。" />
      <Card>
        <SurveyForm action={createSurveyAction} owners={owners} targets={targets} ownerId={actor.orgUnitId} />
      </Card>
    </div>
  );
}
