import "server-only";
/**
 * 媒体宣传: a volunteer featured by a newspaper, broadcaster or website. Only volunteers
 * who consented to publicity may be recorded; anyone else is refused with the reason.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { scope } from "../scope";
import { assertCan } from "../permissions";
import { ZCreatePublicity } from "@/lib/schemas/volunteer";
import { dayDate, isoDay } from "@/lib/schemas/dates";
import { decodeDayCursor, encodeDayCursor } from "../cursor";

export const PUBLICITY_PAGE_SIZE = 50;

export const NO_CONSENT_MESSAGE = "该志愿者未同意媒体宣传，不能登记宣传报道。如本人已同意，请先在“编辑资料”中勾选“本人同意媒体宣传”。";

/** A page of publicity in scope, newest first, and the person-times over the whole scope. */
export async function listPublicity(actor: Actor, opts: { cursor?: string } = {}) {
  assertCan(actor, "people.read");
  const base = scope.publicity(actor);
  const where: Prisma.PublicityWhereInput = { ...base };
  if (opts.cursor) {
    const c = decodeDayCursor(opts.cursor);
    if (!c) throw invalid([{ path: "cursor", message: "翻页参数无效，请回到第一页重新浏览" }]);
    where.OR = [{ publishedOn: { lt: dayDate(c.date) } }, { publishedOn: dayDate(c.date), id: { lt: c.id } }];
  }
  const [rows, total] = await Promise.all([
    db().publicity.findMany({
      where,
      orderBy: [{ publishedOn: "desc" }, { id: "desc" }],
      take: PUBLICITY_PAGE_SIZE + 1,
      select: {
        id: true,
        outlet: true,
        level: true,
        publishedOn: true,
        link: true,
        person: { select: { name: true, volunteer: { select: { id: true } } } },
        orgUnit: { select: { name: true } },
      },
    }),
    db().publicity.count({ where: base }),
  ]);
  const items = rows.slice(0, PUBLICITY_PAGE_SIZE);
  const last = items.at(-1);
  return {
    items,
    total,
    nextCursor: rows.length > PUBLICITY_PAGE_SIZE && last ? encodeDayCursor({ date: isoDay(last.publishedOn)!, id: last.id }) : null,
  };
}

export const createPublicity = defineWrite({
  action: "publicity.create",
  permission: "people.write",
  input: ZCreatePublicity,
  async run({ tx, actor, input }) {
    const v = await tx.volunteer.findFirst({
      where: { ...scope.volunteers(actor), id: input.volunteerId },
      select: { personId: true, orgUnitId: true, publicityConsent: true },
    });
    if (!v) throw notFound();
    if (!v.publicityConsent) throw invalid([{ path: "volunteerId", message: NO_CONSENT_MESSAGE }], NO_CONSENT_MESSAGE);
    const row = await tx.publicity.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: v.orgUnitId,
        personId: v.personId,
        outlet: input.outlet,
        level: input.level ?? null,
        publishedOn: input.publishedOn,
        link: input.link ?? null,
      },
      select: { id: true, orgUnitId: true, personId: true, outlet: true, level: true, publishedOn: true, link: true },
    });
    return { result: row, entity: "Publicity", entityId: row.id, after: row };
  },
});
