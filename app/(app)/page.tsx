import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { subtreeCounts } from "@/lib/server/org/read-units";
import { homeFor } from "@/lib/nav";
import { LEVEL_LABELS } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { Card, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "工作台" };

export default async function HomePage() {
  const actor = await requireActor();
  if (homeFor(actor.role) !== "/") redirect(homeFor(actor.role));
  const counts = await subtreeCounts(actor, actor.orgUnitId);
  const levels = (["TOWN", "VILLAGE", "SCHOOL"] as const).filter((l) => counts[l]);
  return (
    <div>
      <PageHeader title="工作台" subtitle={`${actor.displayName}，您好。您的身份：${actor.orgUnitName} · ${ROLE_LABELS[actor.role]}`} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="我的单位">
          <p className="text-lg font-medium">{actor.orgUnitName}</p>
          {levels.length > 0 ? (
            <ul className="mt-2 space-y-1 text-base text-gray-700">
              {levels.map((l) => (
                <li key={l}>
                  下辖{LEVEL_LABELS[l]}：<span className="font-semibold">{counts[l]}</span> 个
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-base text-gray-600">本单位没有下级单位。</p>
          )}
          <Link href={`/org/${actor.orgUnitId}`} className="mt-4 inline-flex min-h-12 items-center text-base font-medium text-accent underline">
            查看单位详情
          </Link>
        </Card>
        <Card title="待办事项">
          <p className="text-base text-gray-600">目前没有需要处理的事项。班子、志愿者、辅导站等模块上线后，缺项和逾期事项会列在这里。</p>
        </Card>
      </div>
    </div>
  );
}
