import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { getUnit, listChildren, visibleAncestors } from "@/lib/server/org/read-units";
import { formatDate, LEVEL_LABELS } from "@/lib/format";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { OrgBreadcrumb } from "@/components/org/breadcrumb";

export const metadata: Metadata = { title: "单位详情" };

export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { unit, children, trail } = await orNotFound((async () => {
    assertCan(actor, "org.read");
    const unit = await getUnit(actor, id);
    const [children, trail] = await Promise.all([listChildren(actor, unit.id), visibleAncestors(actor, unit)]);
    return { unit, children, trail };
  })());

  return (
    <div>
      <OrgBreadcrumb trail={trail} />
      <PageHeader
        title={unit.name}
        subtitle={
          <span>
            {LEVEL_LABELS[unit.level]} · {unit.kind} · 行政区划代码 {unit.code}
            {unit.isDemo && <span className="ml-2 rounded bg-gray-100 px-2 text-sm text-gray-600">演示数据</span>}
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="关工委组织" className="lg:col-span-1">
          <dl className="space-y-2 text-base">
            <div>
              <dt className="text-gray-600">成立日期</dt>
              <dd className="font-medium" data-testid="established">
                {unit.committeeEstablishedOn ? formatDate(unit.committeeEstablishedOn) : <span className="text-red-700">尚未成立</span>}
              </dd>
            </div>
            <div>
              <dt className="text-gray-600">状态</dt>
              <dd className="font-medium">{unit.active ? "正常" : "已停用"}</dd>
            </div>
          </dl>
        </Card>
        <Card title={`下级单位（${children.length}）`} className="lg:col-span-2">
          {children.length === 0 ? (
            <EmptyState title="没有下级单位" hint="村（社区）和学校是最基层的单位。" />
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-base">
                <thead className="border-b border-gray-200 text-gray-600">
                  <tr>
                    <th className="py-2 pr-4 font-medium">名称</th>
                    <th className="whitespace-nowrap py-2 pr-4 font-medium">类型</th>
                    <th className="hidden py-2 pr-4 font-medium sm:table-cell">代码</th>
                    <th className="py-2 font-medium">关工委成立</th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <tr key={c.id} className="border-b border-gray-100">
                      <td className="py-2 pr-4">
                        <Link href={`/org/${c.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                          {c.name}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap py-2 pr-4">{c.kind}</td>
                      <td className="hidden py-2 pr-4 tabular-nums sm:table-cell">{c.code}</td>
                      <td className="whitespace-nowrap py-2">{c.committeeEstablishedOn ? formatDate(c.committeeEstablishedOn) : <span className="text-red-700">未成立</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
