/**
 * 政策文件 against real PostgreSQL: uploads judged by content (a mismatch is refused
 * beside the file field and nothing is stored), bytes kept with the right sha256 and
 * size, search by title and 文号, scope shared downward for reading but not for editing,
 * another town's or district's documents not found, the download route's headers, and
 * GET /api/v1/documents.
 */
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createDocument, documentFile, getDocument, listDocuments, updateDocument } from "@/lib/server/outcomes/documents";
import { MAX_FILE_BYTES } from "@/lib/schemas/document";
import { GET as listRoute } from "@/app/api/v1/documents/route";
import { GET as fileRoute } from "@/app/api/v1/documents/[id]/file/route";
import { actorFor } from "../support/actors";
import { apiGet, demoUnits, expectAppError, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

let units: DemoUnits;
const actors: Record<string, Actor> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  units = await demoUnits();
  for (const u of ["district.admin", "town.admin", "unit.admin", "leader", "huaiyin.admin"]) {
    actors[u] = await actorFor(u);
    tokens[u] = (await tokenFor(u)).token;
  }
});

const tag = () => randomBytes(4).toString("hex");
const pdf = (text = tag()) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, "latin1");
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from("IHDR"), randomBytes(17)]);
const file = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name);

const input = (over: Record<string, unknown> = {}) => ({
  orgUnitId: units.district.id,
  title: `测试文件${tag()}`,
  docNumber: `测关工委〔2026〕${tag()}号`,
  issuers: "清江浦区关工委、清江浦区教育局",
  issuedOn: "2019-04-10",
  topic: "校站结合",
  file: file(pdf(), "通知.pdf"),
  ...over,
});

async function expectNothingStored(title: string) {
  expect(await db().policyDocument.count({ where: { title } })).toBe(0);
  expect(await db().auditLog.count({ where: { action: "document.create", after: { path: ["title"], equals: title } } })).toBe(0);
}

describe("uploading", () => {
  it("a .pdf whose content is PNG is refused beside the file field, and nothing is stored", async () => {
    const raw = input({ file: file(png(), "通知.pdf") });
    const err = await expectAppError(createDocument(actors["district.admin"], raw), "INVALID");
    expect(err.issues).toEqual([{ path: "file", message: "文件内容与扩展名不符：文件名为 .pdf，内容不是 PDF（实际是 PNG 图片，扩展名应为 .png）" }]);
    await expectNothingStored(raw.title);
  });

  it("text named .docx, an .html file and no file at all are refused; nothing is stored", async () => {
    for (const [f, message] of [
      [file(Buffer.from("<html><script>alert(1)</script></html>"), "意见.docx"), "文件内容与扩展名不符：文件名为 .docx，内容不是 Word 文档"],
      [file(pdf(), "页面.html"), "不能上传 .html 文件"],
      [new File([], ""), "请选择要上传的文件"],
      [undefined, "请选择要上传的文件"],
    ] as const) {
      const raw = input({ file: f });
      const err = await expectAppError(createDocument(actors["district.admin"], raw), "INVALID");
      expect(err.issues.find((i) => i.path === "file")?.message).toContain(message);
      await expectNothingStored(raw.title);
    }
  });

  it("a valid PDF is stored with its sha256, size and checked type; the audit entry has no bytes", async () => {
    const bytes = pdf();
    const raw = input({ file: file(bytes, "清关工委〔2026〕通知.pdf") });
    const d = await createDocument(actors["district.admin"], raw);
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(d).toMatchObject({ title: raw.title, docNumber: raw.docNumber, issuers: ["清江浦区关工委", "清江浦区教育局"], issuedOn: "2019-04-10" });
    const row = await db().policyDocument.findUniqueOrThrow({ where: { id: d.id }, include: { file: true } });
    expect(row).toMatchObject({ fileName: "清关工委〔2026〕通知.pdf", mimeType: "application/pdf", sizeBytes: bytes.length, sha256: sha });
    expect(Buffer.from(row.file!.content).equals(bytes)).toBe(true);
    const audit = await db().auditLog.findMany({ where: { action: "document.create", entityId: d.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ sha256: sha, sizeBytes: bytes.length, mimeType: "application/pdf" });
    expect(JSON.stringify(audit[0].after)).not.toContain("content");
  });

  it("a valid PNG is stored as image/png whatever case its extension has", async () => {
    const bytes = png();
    const d = await createDocument(actors["town.admin"], input({ orgUnitId: units.town.id, file: file(bytes, "照片.PNG") }));
    const row = await db().policyDocument.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ mimeType: "image/png", sizeBytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  });

  it("exactly 20 MiB is kept; 20 MiB and one byte is refused with the limit in the message", async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1);
    pdf().copy(big);
    const over = input({ file: file(big, "大文件.pdf") });
    const err = await expectAppError(createDocument(actors["district.admin"], over), "INVALID");
    expect(err.issues).toEqual([{ path: "file", message: "文件不能超过 20 MB（所选文件 20.0 MB），请压缩或拆分后再上传" }]);
    await expectNothingStored(over.title);

    const d = await createDocument(actors["district.admin"], input({ file: file(big.subarray(0, MAX_FILE_BYTES), "正好.pdf") }));
    const row = await db().policyDocument.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.sizeBytes).toBe(MAX_FILE_BYTES);
    expect(row.sha256).toBe(createHash("sha256").update(big.subarray(0, MAX_FILE_BYTES)).digest("hex"));
  });

  it("roles without research.write are refused (403); linked units outside scope are not found (404)", async () => {
    await expectAppError(createDocument(actors.leader, input()), "FORBIDDEN");
    await expectAppError(createDocument(actors["unit.admin"], input({ orgUnitId: units.village.id })), "FORBIDDEN");
    const raw = input({ orgUnitId: units.town.id, unitIds: [units.village.id, units.villageOfSiblingTown.id] });
    await expectAppError(createDocument(actors["town.admin"], raw), "NOT_FOUND");
    await expectNothingStored(raw.title);
    await expectAppError(createDocument(actors["town.admin"], input({ orgUnitId: units.district.id })), "NOT_FOUND");
  });
});

describe("searching", () => {
  it("by title and by 文号, case-insensitive contains, with topic, issuer and year filters", async () => {
    const t = tag();
    const a = await createDocument(actors["district.admin"], input({ title: `关于Qingmiao-${t}试点的通知`, docNumber: `清关工委〔2031〕${t}号`, topic: `主题${t}` }));
    const b = await createDocument(actors["district.admin"], input({ title: `第二份${t}`, docNumber: `清办发〔2031〕${t}号`, issuers: `区委办${t}`, issuedOn: "2018-08-28" }));
    const ids = async (f: Record<string, unknown>) => (await listDocuments(actors["district.admin"], { page: 1, ...f })).items.map((d) => d.id);

    expect(await ids({ q: `qingmiao-${t.toUpperCase()}` })).toEqual([a.id]);
    expect(await ids({ q: `清关工委〔2031〕${t}` })).toEqual([a.id]);
    expect((await ids({ q: t })).sort()).toEqual([a.id, b.id].sort());
    expect(await ids({ q: t, topic: `主题${t}` })).toEqual([a.id]);
    expect(await ids({ q: t, issuer: `区委办${t}` })).toEqual([b.id]);
    expect(await ids({ q: t, year: 2018 })).toEqual([b.id]);
    expect(await ids({ q: `没有这个${t}` })).toEqual([]);
  });

  it("GET /api/v1/documents?q=&topic= answers { items } with the fixed fields; bad filters are 400", async () => {
    const t = tag();
    const d = await createDocument(actors["district.admin"], input({ title: `接口文件${t}`, topic: `接口${t}` }));
    const res = await listRoute(apiGet(`/api/v1/documents?q=${encodeURIComponent(`接口文件${t}`)}&topic=${encodeURIComponent(`接口${t}`)}`, tokens["unit.admin"]), routeCtx({}));
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.items).toEqual([
      {
        id: d.id,
        title: `接口文件${t}`,
        docNumber: d.docNumber,
        issuers: ["清江浦区关工委", "清江浦区教育局"],
        issuedOn: "2019-04-10",
        topic: `接口${t}`,
        fileName: "通知.pdf",
        mimeType: "application/pdf",
        sizeBytes: expect.any(Number),
        orgUnitId: units.district.id,
      },
    ]);
    expect((await listRoute(apiGet(`/api/v1/documents?year=abc`, tokens["unit.admin"]), routeCtx({}))).status).toBe(400);
    expect((await listRoute(apiGet(`/api/v1/documents`), routeCtx({}))).status).toBe(401);
    const other = await (await listRoute(apiGet(`/api/v1/documents?q=${encodeURIComponent(`接口文件${t}`)}`, tokens["huaiyin.admin"]), routeCtx({}))).json();
    expect(other.items).toEqual([]);
  });
});

describe("scope", () => {
  it("a town admin reads a district document (list, page, file) but cannot edit it: NOT_FOUND, nothing changes", async () => {
    const d = await createDocument(actors["district.admin"], input());
    const town = actors["town.admin"];
    expect((await listDocuments(town, { page: 1, q: d.title })).items.map((x) => x.id)).toEqual([d.id]);
    expect(await getDocument(town, d.id)).toMatchObject({ id: d.id, editable: false });
    expect((await documentFile(town, d.id)).fileName).toBe("通知.pdf");
    expect(await getDocument(actors["unit.admin"], d.id)).toMatchObject({ id: d.id, editable: false });

    const edit = { id: d.id, title: `改过的${tag()}`, issuers: "城南街道关工委", issuedOn: "2019-04-10", topic: "校站结合" };
    await expectAppError(updateDocument(town, edit), "NOT_FOUND");
    expect((await db().policyDocument.findUniqueOrThrow({ where: { id: d.id } })).title).toBe(d.title);
    expect(await db().auditLog.count({ where: { action: "document.update", entityId: d.id } })).toBe(0);

    // The district may: before and after are audited.
    await updateDocument(actors["district.admin"], { ...edit, unitIds: [units.town.id] });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "document.update", entityId: d.id } });
    expect(audit.before).toMatchObject({ title: d.title });
    expect(audit.after).toMatchObject({ title: edit.title, issuers: ["城南街道关工委"], unitIds: [units.town.id] });
  });

  it("a document of another town, or of another district, is not found for a town admin (404 from the page, the file and the API)", async () => {
    const sibling = await createDocument(actors["district.admin"], input({ orgUnitId: units.siblingTown.id }));
    const huaiyin = await createDocument(actors["huaiyin.admin"], input({ orgUnitId: units.huaiyin.id }));
    const town = actors["town.admin"];
    for (const id of [sibling.id, huaiyin.id]) {
      await expectAppError(getDocument(town, id), "NOT_FOUND");
      await expectAppError(documentFile(town, id), "NOT_FOUND");
      await expectAppError(updateDocument(town, { id, title: "x", issuers: "x", issuedOn: "2019-01-01", topic: "x" }), "NOT_FOUND");
      const res = await fileRoute(apiGet(`/api/v1/documents/${id}/file`, tokens["town.admin"]), routeCtx({ id }));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
    }
    expect((await listDocuments(town, { page: 1, q: sibling.title })).items).toEqual([]);
    await expectAppError(getDocument(town, "not-a-uuid"), "NOT_FOUND");
  });
});

describe("downloading", () => {
  it("sends the stored bytes as an attachment with the checked type, a UTF-8 file name and nosniff", async () => {
    const bytes = pdf();
    const d = await createDocument(actors["district.admin"], input({ file: file(bytes, "清关工委〔2019〕4号.pdf") }));
    const res = await fileRoute(apiGet(`/api/v1/documents/${d.id}/file`, tokens["unit.admin"]), routeCtx({ id: d.id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent("清关工委〔2019〕4号.pdf")}`,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fileRoute(apiGet(`/api/v1/documents/${d.id}/file`), routeCtx({ id: d.id }))).status).toBe(401);
  });

  it("the seeded placeholder documents can be downloaded by a village admin", async () => {
    const seeded = await db().policyDocument.findFirstOrThrow({ where: { tenantId: actors["unit.admin"].tenantId, isDemo: true } });
    const res = await fileRoute(apiGet(`/api/v1/documents/${seeded.id}/file`, tokens["unit.admin"]), routeCtx({ id: seeded.id }));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
