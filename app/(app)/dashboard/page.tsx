import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/session";
import { assertCan } from "@/lib/server/permissions";
import { orNotFound } from "@/lib/server/pages";
import { subtreeCounts } from "@/lib/server/org/read-units";
import { LEVEL_LABELS } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "数据看板" };

export default async function DashboardPage() {
  const actor = await requireActor();
  const counts = await orNotFound((async () => {
    assertCan(actor, "dashboard.read");
    return subtreeCounts(actor, actor.orgUnitId);
  })());
  const tiles = (["TOWN", "VILLAGE", "SCHOOL"] as const).map((l) => ({ label: `${LEVEL_LABELS[l]}关工委`, value: counts[l] ?? 0 }));
  return (
    <div>
      <PageHeader title="数据看板" subtitle={`${actor.orgUnitName} · 组织概况`} />
      <div className="grid gap-4 sm:grid-cols-3">
        {tiles.map((t) => (
          <Card key={t.label}>
            <p className="text-base text-gray-600">{t.label}</p>
            <p className="mt-1 text-3xl font-semibold" data-testid={`tile-${t.label}`}>
              {t.value}
            </p>
          </Card>
        ))}
      </div>
      <p className="mt-6 text-base text-gray-600">各项工作指标（五好达标率、零犯罪率、辅导站活动等）将随相应模块上线后在此显示。</p>
    </div>
  );
}
