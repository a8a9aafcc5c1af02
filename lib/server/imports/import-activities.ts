import "server-only";
/**
 * 活动记录 import (key: the station — 所在单位代码 + 辅导站名称 — and 活动日期, 活动类型,
 * 活动主题). Youth are counted, never named. A station coordinator imports only for
 * their own station(s): scope puts nothing else in reach. Tens of thousands of rows:
 * one read of the stations, one of the activities in the file's date range, and one
 * INSERT and one UPDATE for the lot.
 */
import { z } from "zod";
import { ACTIVITY_KINDS, MAX_YOUTH_PARTICIPANTS } from "@/lib/schemas/activity";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { scope } from "../scope";
import type { Importer, Plan } from "./run";
import { TEMPLATES } from "@/lib/imports/templates";
import { firstByKey, isoDay, keep, repeatMessage, STATION_PICK_ORDER, stationKey, todayDate, tooLong, unitLookup, unitsInScope, type Problems } from "./rows";

const ZRow = z.object({
  row: z.number().int().positive(),
  hostCode: z.string().min(1),
  stationName: z.string().min(1),
  date: z.date(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().min(1),
  youthParticipants: z.number().int().min(0),
  notes: z.string().nullish(),
});
type ActivityRow = z.output<typeof ZRow>;

const C = { host: "所在单位代码", station: "辅导站名称", date: "活动日期", kind: "活动类型", title: "活动主题", youth: "参加青少年人数", notes: "备注" } as const;

const activityKey = (stationId: string, date: Date, kind: string, title: string) => `${stationId}\u0000${isoDay(date)}\u0000${kind}\u0000${title}`;

async function plan(client: Tx, actor: Actor, rows: ActivityRow[], problems: Problems): Promise<Plan> {
  const hosts = await unitsInScope(client, actor, rows.map((r) => r.hostCode));
  const stations = await client.station.findMany({
    where: { ...scope.stations(actor), orgUnitId: { in: [...new Set([...hosts.values()].map((h) => h.id))] } },
    select: { id: true, orgUnitId: true, name: true, active: true },
    orderBy: STATION_PICK_ORDER,
  });
  const stationAt = firstByKey(stations, (s) => stationKey(s.orgUnitId, s.name));

  // reduce, not Math.min(...): 50,000 arguments would overflow the stack.
  const first = rows.reduce((m, r) => Math.min(m, r.date.getTime()), Infinity);
  const last = rows.reduce((m, r) => Math.max(m, r.date.getTime()), -Infinity);
  const stored = stations.length && rows.length
    ? await client.activity.findMany({
        where: {
          ...scope.activities(actor),
          stationId: { in: stations.map((s) => s.id) },
          date: { gte: new Date(first), lte: new Date(last) },
        },
        select: { id: true, stationId: true, date: true, kind: true, title: true, youthParticipants: true, notes: true },
        // Same-key rows pair in id order: the order the export writes them in.
        orderBy: { id: "asc" },
      })
    : [];
  const byKey = new Map<string, (typeof stored)[number][]>();
  for (const a of stored) {
    const k = activityKey(a.stationId, a.date, a.kind, a.title);
    byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  /** Per key: the file rows seen so far, paired in order with the stored rows of that key. */
  const seen = new Map<string, { first: number; count: number }>();

  const today = todayDate();
  const creates: { r: ActivityRow; stationId: string; hostId: string }[] = [];
  const updates: { id: string; r: ActivityRow }[] = [];
  let unchanged = 0;

  const hostOf = unitLookup(hosts, actor, problems, C.host);
  for (const r of rows) {
    const host = hostOf(r.row, r.hostCode);
    if (!host) continue;
    const station = stationAt.get(stationKey(host.id, r.stationName));
    const checks: [string, string | null][] = [
      [C.station, station ? null : `单位 ${r.hostCode} 没有名为“${r.stationName}”的辅导站，请先导入或登记该辅导站`],
      [C.date, r.date > today ? "活动日期不能晚于今天" : null],
      [C.title, tooLong(r.title, 100)],
      [C.youth, r.youthParticipants > MAX_YOUTH_PARTICIPANTS ? `参加青少年人数不能超过 ${MAX_YOUTH_PARTICIPANTS}（只填人数）` : null],
      [C.notes, tooLong(r.notes, 500)],
    ];
    if (problems.check(r.row, checks) || !station) continue;

    const key = activityKey(station.id, r.date, r.kind, r.title);
    const earlier = seen.get(key);
    const nth = earlier?.count ?? 0;
    seen.set(key, { first: earlier?.first ?? r.row, count: nth + 1 });
    const existing = byKey.get(key)?.[nth];
    if (!existing && earlier) {
      problems.add(r.row, C.host, repeatMessage(TEMPLATES.activities, earlier.first));
      continue;
    }
    if (existing) {
      const notes = keep(r.notes, existing.notes);
      if (existing.youthParticipants === r.youthParticipants && existing.notes === notes) unchanged++;
      else updates.push({ id: existing.id, r: { ...r, notes } });
      continue;
    }
    if (!station.active) {
      problems.add(r.row, C.station, "该辅导站已停用，不能再登记活动");
      continue;
    }
    creates.push({ r, stationId: station.id, hostId: station.orgUnitId });
  }

  return {
    created: creates.length,
    updated: updates.length,
    unchanged,
    async apply(tx) {
      const tenant = actor.tenantId;
      if (creates.length) {
        await tx.$executeRaw`
          INSERT INTO "Activity" (id, "tenantId", "orgUnitId", "stationId", date, kind, title, "youthParticipants", notes, "createdById", "updatedAt")
          SELECT gen_random_uuid(), ${tenant}::uuid, v.host, v.station, v.date, v.kind::"ActivityKind", v.title, v.youth, v.notes, ${actor.userId}::uuid, now()
          FROM unnest(${creates.map((c) => c.hostId)}::uuid[], ${creates.map((c) => c.stationId)}::uuid[], ${creates.map((c) => isoDay(c.r.date))}::date[],
                      ${creates.map((c) => c.r.kind)}::text[], ${creates.map((c) => c.r.title)}::text[], ${creates.map((c) => c.r.youthParticipants)}::int[],
                      ${creates.map((c) => c.r.notes ?? null)}::text[]) AS v(host, station, date, kind, title, youth, notes)`;
      }
      if (updates.length) {
        await tx.$executeRaw`
          UPDATE "Activity" a SET "youthParticipants" = v.youth, notes = v.notes, "updatedAt" = now()
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.r.youthParticipants)}::int[], ${updates.map((u) => u.r.notes ?? null)}::text[])
               AS v(id, youth, notes)
          WHERE a.id = v.id AND a."tenantId" = ${tenant}::uuid`;
      }
    },
  };
}

export const activitiesImporter: Importer<ActivityRow> = {
  kind: "activities",
  permission: "activity.write",
  repeatsMatchStored: true,
  fields: { [C.host]: "hostCode", [C.station]: "stationName", [C.date]: "date", [C.kind]: "kind", [C.title]: "title", [C.youth]: "youthParticipants", [C.notes]: "notes" },
  row: ZRow,
  plan,
};
