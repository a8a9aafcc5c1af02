import "server-only";
/**
 * 表彰奖励: awards to a volunteer (their person) or to a unit. One row is one award
 * person-time (人次), the figure DOMAIN §4.2 counts (675 in the source).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { findUnitInScope, scope } from "../scope";
import { assertCan } from "../permissions";
import { ZCreateRecognition, type HonorLevel } from "@/lib/schemas/volunteer";
import { dayDate, isoDay } from "@/lib/schemas/dates";
import { decodeDayCursor, encodeDayCursor } from "../cursor";

export const RECOGNITION_PAGE_SIZE = 50;

/** A page of awards in scope, newest first, with person-times by level over the whole scope. */
export async function listRecognitions(actor: Actor, opts: { cursor?: string } = {}) {
  assertCan(actor, "people.read");
  const base = scope.recognitions(actor);
  const where: Prisma.RecognitionWhereInput = { ...base };
  if (opts.cursor) {
    const c = decodeDayCursor(opts.cursor);
    if (!c) throw invalid([{ path: "cursor", message: "翻页参数无效，请回到第一页重新浏览" }]);
    where.OR = [{ awardedOn: { lt: dayDate(c.date) } }, { awardedOn: dayDate(c.date), id: { lt: c.id } }];
  }
  const [rows, byLevel] = await Promise.all([
    db().recognition.findMany({
      where,
      orderBy: [{ awardedOn: "desc" }, { id: "desc" }],
      take: RECOGNITION_PAGE_SIZE + 1,
      select: {
        id: true,
        title: true,
        level: true,
        awardedOn: true,
        issuer: true,
        person: { select: { name: true, volunteer: { select: { id: true } } } },
        recipientUnit: { select: { id: true, name: true } },
      },
    }),
    db().recognition.groupBy({ by: ["level"], where: base, _count: { _all: true } }),
  ]);
  const items = rows.slice(0, RECOGNITION_PAGE_SIZE);
  const last = items.at(-1);
  const levels = Object.fromEntries(byLevel.map((r) => [r.level, r._count._all])) as Partial<Record<HonorLevel, number>>;
  return {
    items,
    nextCursor: rows.length > RECOGNITION_PAGE_SIZE && last ? encodeDayCursor({ date: isoDay(last.awardedOn)!, id: last.id }) : null,
    personTimes: byLevel.reduce((n, r) => n + r._count._all, 0),
    byLevel: levels,
  };
}

export const createRecognition = defineWrite({
  action: "recognition.create",
  permission: "people.write",
  input: ZCreateRecognition,
  async run({ tx, actor, input }) {
    let target: { orgUnitId: string; personId: string | null; recipientUnitId: string | null };
    if (input.recipient === "PERSON") {
      // The award goes to the volunteer's person and is kept with their home unit.
      const v = await tx.volunteer.findFirst({
        where: { ...scope.volunteers(actor), id: input.volunteerId! },
        select: { personId: true, orgUnitId: true },
      });
      if (!v) throw notFound();
      target = { orgUnitId: v.orgUnitId, personId: v.personId, recipientUnitId: null };
    } else {
      const unit = await findUnitInScope(tx, actor, input.recipientUnitId, { id: true });
      target = { orgUnitId: unit.id, personId: null, recipientUnitId: unit.id };
    }
    const row = await tx.recognition.create({
      data: {
        tenantId: actor.tenantId,
        ...target,
        title: input.title,
        level: input.level,
        awardedOn: input.awardedOn,
        issuer: input.issuer,
      },
      select: { id: true, orgUnitId: true, personId: true, recipientUnitId: true, title: true, level: true, awardedOn: true, issuer: true },
    });
    return { result: row, entity: "Recognition", entityId: row.id, after: row };
  },
});
