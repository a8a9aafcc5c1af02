import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan, can } from "@/lib/server/permissions";
import { getUnit, listChildren, visibleAncestors } from "@/lib/server/org/read-units";
import { getUnitRoster, listUnitPersons } from "@/lib/server/people/read-roster";
import { STATUS_LABELS } from "@/lib/server/people/compliance";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { formatDate, LEVEL_LABELS } from "@/lib/format";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { OrgBreadcrumb } from "@/components/org/breadcrumb";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { RosterSection } from "@/components/roster/roster-section";
import { CommitteeEstablishedForm } from "@/components/org/committee-form";
import { fiveGoodForUnit } from "@/lib/server/rules/assessment";
import { UnitFiveGood } from "@/components/rules/assessment/unit-five-good";
import { zeroCrimeForUnit } from "@/lib/server/outcomes/zero-crime";
import { UnitZeroCrime } from "@/components/outcomes/unit-zero-crime";
import { setCommitteeEstablishedAction } from "../actions";
import { appointAction, changePositionAction, endPositionAction } from "../../rosters/actions";

export const metadata: Metadata = { title: "单位详情" };

export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const canWritePeople = can(actor, "people.write");
  const { unit, children, trail, roster, persons, fiveGood } = await orNotFound((async () => {
    assertCan(actor, "org.read");
    const unit = await getUnit(actor, id);
    const [children, trail, roster, persons, fiveGood] = await Promise.all([
      listChildren(actor, unit.id),
      visibleAncestors(actor, unit),
      can(actor, "people.read") ? getUnitRoster(actor, unit.id) : null,
      canWritePeople ? listUnitPersons(actor, unit.id) : [],
      unit.level === "VILLAGE" && can(actor, "rules.read") ? fiveGoodForUnit(actor, unit.id) : undefined,
    ]);
    return { unit, children, trail, roster, persons, fiveGood };
  })());
  const zeroCrime = await orNotFound(zeroCrimeForUnit(actor, unit.id));

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
        <Card title="关工委组织" className="lg:col-span-1 lg:self-start">
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
          {can(actor, "org.write") && (
            <CommitteeEstablishedForm
              action={setCommitteeEstablishedAction}
              unitId={unit.id}
              value={isoDay(unit.committeeEstablishedOn)}
              today={todayInBeijing()}
            />
          )}
        </Card>
        {roster && (
          <RosterSection
            className="lg:col-span-2"
            roster={roster}
            statusLabel={STATUS_LABELS[roster.compliance.status]}
            write={
              canWritePeople
                ? {
                    appointAction,
                    changeAction: changePositionAction,
                    endAction: endPositionAction,
                    persons,
                    today: todayInBeijing(),
                  }
                : undefined
            }
          />
        )}
        {fiveGood !== undefined && <UnitFiveGood status={fiveGood} className="lg:col-span-3" />}
        {zeroCrime && <UnitZeroCrime data={zeroCrime} className="lg:col-span-3" />}
        <Card title={`下级单位（${children.length}）`} className="lg:col-span-3">
          {children.length === 0 ? (
            <EmptyState title="没有下级单位" hint="村（社区）和学校是最基层的单位。" />
          ) : (
            <DataTable
              boxed={false}
              columns={[
                { label: "名称" },
                { label: "类型", className: "whitespace-nowrap" },
                { label: "代码", className: "hidden sm:table-cell" },
                { label: "关工委成立" },
              ]}
            >
              {children.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Link href={`/org/${c.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                      {c.name}
                    </Link>
                  </Td>
                  <Td className="whitespace-nowrap">{c.kind}</Td>
                  <Td className="hidden tabular-nums sm:table-cell">{c.code}</Td>
                  <Td className="whitespace-nowrap">
                    {c.committeeEstablishedOn ? formatDate(c.committeeEstablishedOn) : <span className="text-red-700">未成立</span>}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </div>
  );
}
