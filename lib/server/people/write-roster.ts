import "server-only";
/**
 * Roster writes (任命 / 修改 / 离任). The database holds the line on "one current 主任
 * and one current 常务副主任 per unit" (unique (tenantId, orgUnitId, currentSlot)); the
 * checks here only turn the common case into a clear field message. A concurrent
 * duplicate still hits the index and comes back as CONFLICT.
 */
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import type { Tx } from "../db";
import type { Actor } from "../actor";
import { createPerson } from "./persons";
import {
  ROSTER_ROLE_LABELS,
  SINGLE_HOLDER_ROLES,
  ZAppointPosition,
  ZChangePosition,
  ZEndPosition,
} from "@/lib/schemas/roster";
import type { RosterRole } from "@/lib/generated/prisma/enums";

const day = (d: Date) => d.toISOString().slice(0, 10);
const zhDay = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;

/** What the audit trail keeps of a position. */
const POSITION_AUDIT_SELECT = {
  id: true,
  orgUnitId: true,
  personId: true,
  role: true,
  concurrent: true,
  startedOn: true,
  endedOn: true,
  currentSlot: true,
  exceptionReason: true,
  person: { select: { name: true } },
} as const;

const isSingleHolder = (role: RosterRole) => SINGLE_HOLDER_ROLES.includes(role);

async function currentPositionInScope(tx: Tx, actor: Actor, id: string) {
  const p = await tx.rosterPosition.findFirst({
    where: { ...scope.rosterPositions(actor), id },
    select: POSITION_AUDIT_SELECT,
  });
  if (!p) throw notFound();
  if (p.endedOn) throw invalid([{ path: "id", message: `该任职已于${zhDay(p.endedOn)}结束，不能再修改` }]);
  return p;
}

export const appointPosition = defineWrite({
  action: "roster.appoint",
  permission: "people.write",
  input: ZAppointPosition,
  conflictMessage: "该职务刚刚已由他人任命了现任人员，请刷新页面查看后再办理",
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true, active: true });
    if (!unit.active) throw invalid([{ path: "orgUnitId", message: "该单位已停用，不能再任命班子成员" }]);
    const label = ROSTER_ROLE_LABELS[input.role];

    let replaced: { id: string; name: string; startedOn: Date } | null = null;
    if (isSingleHolder(input.role)) {
      const holder = await tx.rosterPosition.findFirst({
        where: { ...scope.rosterPositions(actor), orgUnitId: unit.id, currentSlot: input.role },
        select: { id: true, startedOn: true, person: { select: { name: true } } },
      });
      if (holder && !input.replaceCurrent) {
        const message = `该单位已有现任${label}${holder.person.name}，请先办理其离任，或勾选“同时办理${holder.person.name}的离任”`;
        throw invalid([{ path: "role", message }], message);
      }
      if (holder && input.replacesId && input.replacesId !== holder.id) {
        const message = `现任${label}已变更为${holder.person.name}，请刷新页面确认后再办理`;
        throw invalid([{ path: "replaceCurrent", message }], message);
      }
      if (holder) {
        if (input.startedOn < holder.startedOn) {
          throw invalid([
            { path: "startedOn", message: `任职日期不能早于现任${label}${holder.person.name}的任职日期（${zhDay(holder.startedOn)}）` },
          ]);
        }
        // Ends on the day the successor starts; the slot frees in the same transaction.
        await tx.rosterPosition.update({ where: { id: holder.id }, data: { endedOn: input.startedOn, currentSlot: null } });
        replaced = { id: holder.id, name: holder.person.name, startedOn: holder.startedOn };
      }
    }

    let personId: string;
    if (input.personId) {
      const person = await tx.person.findFirst({ where: { ...scope.persons(actor), id: input.personId }, select: { id: true } });
      if (!person) throw notFound();
      personId = person.id;
      const same = await tx.rosterPosition.findFirst({
        where: { ...scope.rosterPositions(actor), orgUnitId: unit.id, personId, role: input.role, endedOn: null },
        select: { id: true },
      });
      if (same) throw invalid([{ path: "personId", message: `该人员已是本单位现任${label}` }]);
    } else {
      personId = (await createPerson(tx, actor, unit.id, input.person!)).id;
    }

    const position = await tx.rosterPosition.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        personId,
        role: input.role,
        concurrent: input.concurrent,
        startedOn: input.startedOn,
        exceptionReason: input.exceptionReason ?? null,
        currentSlot: isSingleHolder(input.role) ? input.role : null,
      },
      select: POSITION_AUDIT_SELECT,
    });
    return {
      result: position,
      entity: "RosterPosition",
      entityId: position.id,
      before: replaced ? { replaced: { ...replaced, endedOn: day(input.startedOn) } } : undefined,
      after: position,
    };
  },
});

export const changePosition = defineWrite({
  action: "roster.change",
  permission: "people.write",
  input: ZChangePosition,
  async run({ tx, actor, input }) {
    const before = await currentPositionInScope(tx, actor, input.id);
    const after = await tx.rosterPosition.update({
      where: { id: before.id },
      data: { concurrent: input.concurrent, exceptionReason: input.exceptionReason ?? null },
      select: POSITION_AUDIT_SELECT,
    });
    return { result: after, entity: "RosterPosition", entityId: after.id, before, after };
  },
});

export const endPosition = defineWrite({
  action: "roster.end",
  permission: "people.write",
  input: ZEndPosition,
  async run({ tx, actor, input }) {
    const before = await currentPositionInScope(tx, actor, input.id);
    if (input.endedOn < before.startedOn) {
      throw invalid([{ path: "endedOn", message: `离任日期不能早于任职日期（${zhDay(before.startedOn)}）` }]);
    }
    const after = await tx.rosterPosition.update({
      where: { id: before.id },
      data: { endedOn: input.endedOn, currentSlot: null },
      select: POSITION_AUDIT_SELECT,
    });
    return { result: after, entity: "RosterPosition", entityId: after.id, before, after };
  },
});
