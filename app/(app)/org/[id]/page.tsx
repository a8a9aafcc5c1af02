import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan, can } from "@/lib/server/permissions";
import { getUnit, listChildren, listUnitsForPicker, mergedIntoName, mergeTargets, moveTargets, visibleAncestors } from "@/lib/server/org/read-units";
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
import { CloseUnitForm, CreateUnitForm, Disclosure, EditUnitForm, MergeUnitForm, MoveUnitForm, ReopenUnitForm } from "@/components/org/unit-forms";
import { PARENT_LEVELS, NEW_UNIT_LEVELS } from "@/lib/schemas/org";
import type { Actor } from "@/lib/server/actor";
import { createUnitAction, mergeUnitAction, setCommitteeEstablishedAction, updateUnitAction } from "../actions";
import { appointAction, changePositionAction, endPositionAction } from "../../rosters/actions";

export const metadata: Metadata = { title: "单位详情" };

/**
 * What the actor may do to this unit's place in the tree (the server checks again):
 * DISTRICT_ADMIN anything but closing, moving or merging the district itself;
 * TOWN_ADMIN what lies under its town, not the town.
 */
function treeRights(actor: Actor, unit: { id: string; level: string; parentId: string | null; active: boolean }) {
  if (!can(actor, "org.manage")) return null;
  const own = unit.id === actor.orgUnitId;
  const frame = unit.parentId === null || unit.level === "DISTRICT" || unit.level === "CITY";
  const mayEdit = !own || actor.role === "DISTRICT_ADMIN";
  return {
    edit: mayEdit && unit.active,
    reshape: mayEdit && !frame && !own,
    addLevels: unit.active ? NEW_UNIT_LEVELS.filter((l) => PARENT_LEVELS[l].includes(unit.level)) : [],
  };
}

export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const canWritePeople = can(actor, "people.write");
  const { unit, children, trail, roster, persons, fiveGood, rights, moveTo, mergeInto, mergedInto, closedChildren } = await orNotFound((async () => {
    assertCan(actor, "org.read");
    const unit = await getUnit(actor, id);
    const [allChildren, trail, roster, persons, fiveGood] = await Promise.all([
      listChildren(actor, unit.id, { includeClosed: true }),
      visibleAncestors(actor, unit),
      can(actor, "people.read") ? getUnitRoster(actor, unit.id) : null,
      canWritePeople ? listUnitPersons(actor, unit.id) : [],
      unit.level === "VILLAGE" && can(actor, "rules.read") ? fiveGoodForUnit(actor, unit.id) : undefined,
    ]);
    const rights = treeRights(actor, unit);
    const reshape = rights?.reshape && unit.active;
    // One picker query serves both the move and the merge targets.
    const [picker, mergedInto] = await Promise.all([reshape ? listUnitsForPicker(actor) : [], mergedIntoName(actor, unit.mergedIntoId)]);
    const moveTo = reshape ? await moveTargets(actor, unit, picker) : [];
    const mergeInto = reshape && unit.level === "VILLAGE" ? await mergeTargets(actor, unit, picker) : [];
    // Current units in the table; closed ones folded away below it.
    const children = allChildren.filter((c) => c.active);
    const closedChildren = allChildren.filter((c) => !c.active);
    return { unit, children, trail, roster, persons, fiveGood, rights, moveTo, mergeInto, mergedInto, closedChildren };
  })());
  const today = todayInBeijing();
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
      {!unit.active && (
        <div className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-base text-amber-900" data-testid="closed-banner">
          <p className="font-medium">
            已于{formatDate(unit.closedOn)}撤销
            {unit.mergedIntoId && (
              <>
                ，并入
                {mergedInto ? (
                  <Link href={`/org/${mergedInto.id}`} className="mx-1 underline underline-offset-2">
                    {mergedInto.name}
                  </Link>
                ) : (
                  "其他村（社区）"
                )}
              </>
            )}
          </p>
          <p className="mt-1">以下是该单位撤销前的记录；它不再出现在当前名单和选择列表中。</p>
          {rights?.reshape && (
            <div className="mt-3">
              <ReopenUnitForm action={updateUnitAction} unitId={unit.id} />
            </div>
          )}
        </div>
      )}
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
              <dd className="font-medium">{unit.active ? "正常" : `已撤销（${formatDate(unit.closedOn)}）`}</dd>
            </div>
          </dl>
          {can(actor, "org.write") && unit.active && (
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
              canWritePeople && unit.active
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
        {rights && unit.active && (rights.edit || rights.reshape || rights.addLevels.length > 0) && (
          <Card title="调整组织架构" className="lg:col-span-3">
            <div className="flex flex-col gap-3" data-testid="tree-edit">
              {rights.addLevels.length > 0 && (
                <div id="add-unit">
                  <Disclosure label="新增下级单位" testId="add-unit">
                    <CreateUnitForm action={createUnitAction} parent={{ id: unit.id, name: unit.name, code: unit.code }} levels={rights.addLevels} today={today} />
                  </Disclosure>
                </div>
              )}
              {rights.edit && (
                <Disclosure label="修改名称、类型或代码" testId="edit-unit">
                  <EditUnitForm action={updateUnitAction} unit={{
                      id: unit.id,
                      name: unit.name,
                      kind: unit.kind,
                      code: unit.code,
                      level: unit.level,
                      isRoot: unit.parentId === null || unit.level === "DISTRICT" || unit.level === "CITY",
                    }} />
                </Disclosure>
              )}
              {rights.reshape && moveTo.length > 0 && (
                <Disclosure label="移动到…" testId="move-unit">
                  <MoveUnitForm action={updateUnitAction} unitId={unit.id} targets={moveTo} />
                </Disclosure>
              )}
              {rights.reshape && mergeInto.length > 0 && (
                <Disclosure label="撤并到…" testId="merge-unit">
                  <MergeUnitForm action={mergeUnitAction} unitId={unit.id} unitName={unit.name} targets={mergeInto} today={today} />
                </Disclosure>
              )}
              {rights.reshape && (
                <Disclosure label="撤销该单位" testId="close-unit">
                  <CloseUnitForm action={updateUnitAction} unitId={unit.id} unitName={unit.name} today={today} />
                </Disclosure>
              )}
            </div>
          </Card>
        )}
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
          {closedChildren.length > 0 && (
            <details className="mt-4" data-testid="closed-children">
              <summary className="inline-flex min-h-11 cursor-pointer items-center text-base text-gray-700">已撤销的下级单位（{closedChildren.length}）</summary>
              <ul className="mt-2 space-y-1 text-base">
                {closedChildren.map((c) => (
                  <li key={c.id}>
                    <Link href={`/org/${c.id}`} className="text-gray-700 underline underline-offset-2">
                      {c.name}
                    </Link>
                    <span className="ml-2 text-gray-500">已于{formatDate(c.closedOn)}撤销</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </Card>
      </div>
    </div>
  );
}
