import type { ReactNode } from "react";
import type { FormState } from "@/lib/server/actions";
import type { ComplianceStatus } from "@/lib/server/people/compliance";
import type { RosterEntry, UnitRoster } from "@/lib/server/people/read-roster";
import { CADRE_RANK_LABELS } from "@/lib/schemas/person";
import { ROSTER_ROLE_LABELS, SINGLE_HOLDER_ROLES, type TRosterRole } from "@/lib/schemas/roster";
import { formatDate } from "@/lib/format";
import { Card, EmptyState } from "@/components/ui/page";
import { AppointForm, PositionForms, type Holder, type PersonOption } from "./roster-forms";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

const BADGE: Record<ComplianceStatus, string> = {
  COMPLIANT: "bg-green-50 text-green-800 border-green-200",
  EXCEPTION: "bg-amber-50 text-amber-900 border-amber-200",
  NON_COMPLIANT: "bg-red-50 text-red-800 border-red-200",
};

export function ComplianceBadge({ status, label }: { status: ComplianceStatus; label: string }) {
  return (
    <span
      className={`inline-flex min-h-8 items-center whitespace-nowrap rounded-full border px-3 text-base font-medium ${BADGE[status]}`}
      data-status={status}
      data-testid="compliance-badge"
    >
      {label}
    </span>
  );
}

function Fact({ children }: { children: ReactNode }) {
  return <span className="whitespace-nowrap">{children}</span>;
}

function PersonFacts({ e }: { e: RosterEntry }) {
  const p = e.person;
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1 text-base text-gray-700">
      <Fact>{p.retired ? "退休" : "在职"}</Fact>
      <Fact>{CADRE_RANK_LABELS[p.cadreRank]}</Fact>
      {e.concurrent && <Fact>兼任</Fact>}
      {p.birthYear && <Fact>{p.birthYear}年生</Fact>}
      {p.formerPost && <Fact>{p.formerPost}</Fact>}
      {p.phone && (
        <Fact>
          电话 <span className="tabular-nums">{p.phone}</span>
        </Fact>
      )}
    </div>
  );
}

export interface RosterWriteProps {
  appointAction: Action;
  changeAction: Action;
  endAction: Action;
  persons: PersonOption[];
  today: string;
}

/** 班子成员 on the unit page: compliance with reasons, current roster, history, and (for writers) the forms. */
export function RosterSection({
  roster,
  statusLabel,
  write,
  className,
}: {
  roster: UnitRoster;
  statusLabel: string;
  write?: RosterWriteProps;
  className?: string;
}) {
  const { current, history, compliance } = roster;
  const holders: Partial<Record<TRosterRole, Holder>> = {};
  for (const e of current) if (SINGLE_HOLDER_ROLES.includes(e.role)) holders[e.role] ??= { name: e.person.name, positionId: e.id };
  return (
    <Card className={className}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-gray-900">班子成员</h2>
        <ComplianceBadge status={compliance.status} label={statusLabel} />
      </div>
      {compliance.reasons.length > 0 && (
        <ul
          className={`mb-4 list-disc space-y-1 rounded-md px-8 py-3 text-base ${
            compliance.status === "EXCEPTION" ? "bg-amber-50 text-amber-900" : "bg-red-50 text-red-800"
          }`}
          data-testid="compliance-reasons"
        >
          {compliance.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}

      {current.length === 0 ? (
        <EmptyState
          title="还没有登记班子成员"
          hint={write ? "在下方“任命班子成员”中登记主任、常务副主任和其他成员。" : "请本单位或上级管理员登记班子成员。"}
        />
      ) : (
        <ul className="divide-y divide-gray-100 rounded-md border border-gray-200" data-testid="roster-current">
          {current.map((e) => (
            <li key={e.id} className="px-4 py-3">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="rounded bg-gray-100 px-2 text-base text-gray-800">{ROSTER_ROLE_LABELS[e.role]}</span>
                <span className="text-lg font-medium text-gray-900">{e.person.name}</span>
                <span className="text-base text-gray-600">{formatDate(e.startedOn)}起</span>
              </div>
              <PersonFacts e={e} />
              {e.exceptionReason && <p className="mt-1 text-base text-amber-900">备案的例外：{e.exceptionReason}</p>}
              {write && (
                <details className="mt-2">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center text-base text-accent">修改或办理离任</summary>
                  <PositionForms
                    changeAction={write.changeAction}
                    endAction={write.endAction}
                    today={write.today}
                    position={{
                      id: e.id,
                      concurrent: e.concurrent,
                      exceptionReason: e.exceptionReason,
                      name: e.person.name,
                      roleLabel: ROSTER_ROLE_LABELS[e.role],
                    }}
                  />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}

      {write && (
        <details className="mt-4 rounded-md border border-gray-200" data-testid="appoint">
          <summary className="flex min-h-12 cursor-pointer items-center px-4 text-base font-medium text-accent">任命班子成员</summary>
          <div className="border-t border-gray-200 p-4">
            <AppointForm
              action={write.appointAction}
              orgUnitId={roster.unit.id}
              persons={write.persons}
              holders={holders}
              today={write.today}
            />
          </div>
        </details>
      )}

      <details className="mt-4" data-testid="roster-history">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-base text-gray-700">
          历任成员（{history.length}）
        </summary>
        {history.length === 0 ? (
          <p className="mt-2 text-base text-gray-600">还没有离任记录。</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-100 rounded-md border border-gray-200">
            {history.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-3 text-base">
                <span className="text-gray-600">{ROSTER_ROLE_LABELS[e.role]}</span>
                <span className="font-medium text-gray-900">{e.person.name}</span>
                <span className="text-gray-600">
                  {formatDate(e.startedOn)} – {formatDate(e.endedOn)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </details>
    </Card>
  );
}
