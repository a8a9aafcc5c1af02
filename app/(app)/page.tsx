import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { subtreeCounts } from "@/lib/server/org/read-units";
import { homeFor } from "@/lib/nav";
import { homeChecklist } from "@/lib/server/home/checklist";
import { LEVEL_LABELS, formatDateTime } from "@/lib/format";
import { BACKUP_WARN_HOURS, backupStatus } from "@/lib/server/backup/files";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { Card, Notice, PageHeader } from "@/components/ui/page";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "工作台" };

export default async function HomePage() {
  const actor = await requireActor();
  if (homeFor(actor.role) !== "/") redirect(homeFor(actor.role));
  const [counts, todo] = await Promise.all([subtreeCounts(actor, actor.orgUnitId), homeChecklist(actor)]);
  const levels = (["TOWN", "VILLAGE", "SCHOOL"] as const).filter((l) => counts[l]);
  // The district admin answers for the district's data: tell them when backups have stopped.
  const backup = actor.role === "DISTRICT_ADMIN" ? backupStatus() : null;
  return (
    <div>
      <PageHeader title="工作台" subtitle={`${actor.displayName}，您好。您的身份：${actor.orgUnitName} · ${ROLE_LABELS[actor.role]}`} />
      {backup?.overdue && (
        <div data-testid="backup-overdue">
          <Notice tone="warn">
            {backup.last
              ? `数据备份已超过 ${BACKUP_WARN_HOURS} 小时没有更新（最近一次：${formatDateTime(backup.last)}）。`
              : "系统还没有任何数据备份。"}
            请联系负责本系统的技术人员检查自动备份（说明见 docs/OPERATIONS.md）。
          </Notice>
        </div>
      )}
      {actor.role === "STATION_COORDINATOR" && (
        <ButtonLink href="/activities/new" variant="primary" className="mb-4 w-full py-4 text-xl sm:w-auto">
          ＋ 登记一次活动
        </ButtonLink>
      )}
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
          {todo.length === 0 ? (
            <p className="text-base text-gray-600" data-testid="todo-empty">
              目前没有需要处理的事项。
            </p>
          ) : (
            <ul className="divide-y divide-gray-100" data-testid="todo">
              {todo.map((t) => (
                <li key={t.key} className="py-3">
                  <p className="text-base font-medium text-gray-900">{t.title}</p>
                  <p className="text-base text-gray-600">{t.detail}</p>
                  <Link href={t.href} className="mt-1 inline-flex min-h-11 items-center text-base font-medium text-accent underline">
                    {t.action}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
