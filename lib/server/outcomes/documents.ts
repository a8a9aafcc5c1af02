import "server-only";
/**
 * 政策文件 (DOMAIN §4.5): documents with their facts (title, 文号, issuers, date, topic),
 * the units they concern, and the file itself: type checked by content (file-type.ts),
 * bytes in PolicyFile (bytea) with sha256 and size, apart from the row so lists never
 * load them. A committee's documents are read by every unit below it
 * (scope.policyDocuments); only its own subtree may change them (scope.editable).
 */
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../actor";
import { invalid, notFound } from "../errors";
import { assertCan } from "../permissions";
import { assertUnitsInScope, findUnitInScope, parseId, scope } from "../scope";
import { defineWrite, parseInput } from "../write";
import { ZCreateDocument, ZDocumentFilters, ZUpdateDocument, type TDocumentFilters } from "@/lib/schemas/document";
import { isoDay, yearRange } from "@/lib/schemas/dates";
import { checkUpload } from "./file-type";
import { canEditUnit } from "./units";

export const DOCUMENT_PAGE_SIZE = 20;

export function parseDocumentFilters(raw: Record<string, string | undefined>): TDocumentFilters {
  return parseInput(ZDocumentFilters, raw);
}

const LIST_SELECT = {
  id: true,
  title: true,
  docNumber: true,
  issuers: true,
  issuedOn: true,
  topic: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  orgUnitId: true,
  orgUnit: { select: { name: true } },
} satisfies Prisma.PolicyDocumentSelect;
type ListRow = Prisma.PolicyDocumentGetPayload<{ select: typeof LIST_SELECT }>;

/** Search (title or 文号 contains, any case) and filters, inside the shared-downward scope. */
function documentWhere(actor: Actor, f: Omit<TDocumentFilters, "page">): Prisma.PolicyDocumentWhereInput {
  const and: Prisma.PolicyDocumentWhereInput[] = [];
  // scope.policyDocuments uses an OR key: the search's OR must live inside AND.
  if (f.q) and.push({ OR: [{ title: { contains: f.q, mode: "insensitive" } }, { docNumber: { contains: f.q, mode: "insensitive" } }] });
  if (f.topic) and.push({ topic: f.topic });
  if (f.issuer) and.push({ issuers: { has: f.issuer } });
  if (f.year) and.push({ issuedOn: yearRange(f.year) });
  return { ...scope.policyDocuments(actor), AND: and };
}

/** One page of documents in scope, newest first. */
export async function listDocuments(actor: Actor, filters: TDocumentFilters) {
  assertCan(actor, "outcome.read");
  const where = documentWhere(actor, filters);
  const [items, total] = await Promise.all([
    db().policyDocument.findMany({
      where,
      orderBy: [{ issuedOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * DOCUMENT_PAGE_SIZE,
      take: DOCUMENT_PAGE_SIZE,
      select: LIST_SELECT,
    }),
    db().policyDocument.count({ where }),
  ]);
  return { items, total, page: filters.page, pages: Math.max(1, Math.ceil(total / DOCUMENT_PAGE_SIZE)) };
}
export type DocumentListItem = ListRow;

/** What the filters offer: the topics and issuers in scope, and the years from the oldest document to the newest. */
export async function documentFacets(actor: Actor) {
  assertCan(actor, "outcome.read");
  const where = scope.policyDocuments(actor);
  const [topics, issuerSets, span] = await Promise.all([
    db().policyDocument.groupBy({ by: ["topic"], where, orderBy: { topic: "asc" } }),
    db().policyDocument.findMany({ where, distinct: ["issuers"], select: { issuers: true } }),
    db().policyDocument.aggregate({ where, _min: { issuedOn: true }, _max: { issuedOn: true } }),
  ]);
  const issuers = [...new Set(issuerSets.flatMap((d) => d.issuers))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const [from, to] = [span._min.issuedOn?.getUTCFullYear(), span._max.issuedOn?.getUTCFullYear()];
  const years = from && to ? Array.from({ length: to - from + 1 }, (_, i) => to - i) : [];
  return { topics: topics.map((t) => t.topic), issuers, years };
}

/** API.md-style shape of a document (no bytes). */
export function documentJson(d: ListRow) {
  return {
    id: d.id,
    title: d.title,
    docNumber: d.docNumber,
    issuers: d.issuers,
    issuedOn: isoDay(d.issuedOn),
    topic: d.topic,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    orgUnitId: d.orgUnitId,
  };
}

/** One document in scope with the units it concerns; `editable` when the actor's subtree filed it. */
export async function getDocument(actor: Actor, id: unknown) {
  assertCan(actor, "outcome.read");
  const d = await db().policyDocument.findFirst({
    where: { ...scope.policyDocuments(actor), id: parseId(id) },
    select: {
      ...LIST_SELECT,
      sha256: true,
      createdAt: true,
      orgUnit: { select: { name: true, path: true } },
      units: { orderBy: { orgUnit: { code: "asc" } }, select: { orgUnit: { select: { id: true, name: true } } } },
    },
  });
  if (!d) throw notFound();
  return { ...d, units: d.units.map((u) => u.orgUnit), editable: canEditUnit(actor, d.orgUnit) };
}
export type DocumentDetail = Awaited<ReturnType<typeof getDocument>>;

/** The stored file of a document in scope (one scoped query), or NOT_FOUND. */
export async function documentFile(actor: Actor, id: unknown) {
  assertCan(actor, "outcome.read");
  const d = await db().policyDocument.findFirst({
    where: { ...scope.policyDocuments(actor), id: parseId(id) },
    select: { fileName: true, mimeType: true, sha256: true, file: { select: { content: true } } },
  });
  if (!d?.file || !d.fileName || !d.mimeType) throw notFound();
  return { fileName: d.fileName, mimeType: d.mimeType, sha256: d.sha256, content: d.file.content };
}

/**
 * Files a document with its file. The file is refused (beside the file field, nothing
 * written) unless its content is a kind we keep and agrees with its extension.
 */
export const createDocument = defineWrite({
  action: "document.create",
  permission: "research.write",
  input: ZCreateDocument,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.orgUnitId, { id: true });
    await assertUnitsInScope(tx, actor, input.unitIds);
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    const checked = checkUpload(input.file.name, bytes);
    if (!checked.ok) throw invalid([{ path: "file", message: checked.message }], checked.message);
    const doc = await tx.policyDocument.create({
      data: {
        tenantId: actor.tenantId,
        orgUnitId: unit.id,
        title: input.title,
        docNumber: input.docNumber ?? null,
        issuers: input.issuers,
        issuedOn: input.issuedOn,
        topic: input.topic,
        fileName: checked.fileName,
        mimeType: checked.mimeType,
        sizeBytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      },
      select: { ...LIST_SELECT, sha256: true },
    });
    await tx.policyFile.create({ data: { tenantId: actor.tenantId, documentId: doc.id, content: bytes } });
    await tx.policyDocumentUnit.createMany({ data: input.unitIds.map((orgUnitId) => ({ tenantId: actor.tenantId, documentId: doc.id, orgUnitId })) });
    const after = { ...documentJson(doc), sha256: doc.sha256, unitIds: input.unitIds };
    return { result: after, entity: "PolicyDocument", entityId: doc.id, after };
  },
});

/**
 * Corrects a document's facts and the units it concerns (the file stays). Only the
 * filing unit's subtree may: a town reading a district document gets NOT_FOUND, as for
 * anything outside what it may change.
 */
export const updateDocument = defineWrite({
  action: "document.update",
  permission: "research.write",
  input: ZUpdateDocument,
  async run({ tx, actor, input }) {
    const found = await tx.policyDocument.findFirst({
      where: { ...scope.editable(actor), id: input.id },
      select: { ...LIST_SELECT, units: { select: { orgUnitId: true } } },
    });
    if (!found) throw notFound();
    await assertUnitsInScope(tx, actor, input.unitIds);
    const doc = await tx.policyDocument.update({
      where: { id: found.id },
      data: { title: input.title, docNumber: input.docNumber ?? null, issuers: input.issuers, issuedOn: input.issuedOn, topic: input.topic },
      select: LIST_SELECT,
    });
    // Links to units the actor cannot see (set by a unit above) stay as they are.
    await tx.policyDocumentUnit.deleteMany({ where: { tenantId: actor.tenantId, documentId: doc.id, orgUnit: scope.orgUnits(actor) } });
    await tx.policyDocumentUnit.createMany({
      data: input.unitIds.map((orgUnitId) => ({ tenantId: actor.tenantId, documentId: doc.id, orgUnitId })),
      skipDuplicates: true,
    });
    const before = { ...documentJson(found), unitIds: found.units.map((u) => u.orgUnitId) };
    const units = await tx.policyDocumentUnit.findMany({ where: { tenantId: actor.tenantId, documentId: doc.id }, select: { orgUnitId: true } });
    const after = { ...documentJson(doc), unitIds: units.map((u) => u.orgUnitId) };
    return { result: after, entity: "PolicyDocument", entityId: doc.id, before, after };
  },
});
