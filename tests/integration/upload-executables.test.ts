/**
 * Programs renamed as documents or spreadsheets (issue 12): a Windows program (MZ) or a
 * Linux one (\x7fELF), named .pdf, .docx or .xlsx, is refused by both upload paths — policy
 * documents (createDocument, the 政策文件 form's write) and imports (POST /api/v1/imports/…)
 * — with one Chinese sentence, and nothing is stored. Also when the program carries a PDF
 * header within its first KiB (a PE/PDF polyglot), which a PDF reader would accept.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/actor";
import { createDocument } from "@/lib/server/outcomes/documents";
import { POST as importPost } from "@/app/api/v1/imports/[kind]/route";
import { POST as importUsersPost } from "@/app/api/v1/imports/users/route";
import { actorFor } from "../support/actors";
import { demoUnits, expectAppError, routeCtx, tokenFor, type DemoUnits } from "../support/fixtures";

/** The start of a Windows PE file: the DOS header (e_lfanew at 0x3c), its stub text, then "PE\0\0". */
function pe(extra: Buffer = Buffer.alloc(0)): Buffer {
  const dos = Buffer.alloc(0x80);
  dos.write("MZ", 0, "latin1");
  dos.writeUInt16LE(0x90, 2);
  dos.writeUInt32LE(0x80, 0x3c);
  dos.write("This program cannot be run in DOS mode.\r\r\n$", 0x4e, "latin1");
  return Buffer.concat([dos, Buffer.from("PE\0\0", "latin1"), Buffer.alloc(0x100), extra, randomBytes(64)]);
}

/** The start of a 64-bit little-endian Linux executable (ELF header, e_type EXEC, x86-64). */
function elf(extra: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(h);
  h.writeUInt16LE(2, 16);
  h.writeUInt16LE(0x3e, 18);
  h.writeUInt32LE(1, 20);
  return Buffer.concat([h, Buffer.alloc(0x80), extra, randomBytes(64)]);
}

const PDF_HEADER = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "latin1");

const PROGRAMS: [string, () => Buffer][] = [
  ["a Windows program (MZ)", () => pe()],
  ["a Linux program (ELF)", () => elf()],
  ["a Windows program with a PDF header inside its first KiB", () => pe(PDF_HEADER)],
  ["a Linux program with a PDF header inside its first KiB", () => elf(PDF_HEADER)],
];
const NAMES = ["通知.pdf", "意见.docx", "名册.xlsx"];
const CASES = PROGRAMS.flatMap(([label, bytes]) => NAMES.map((name) => [label, name, bytes] as const));

const HAN = /[\u4e00-\u9fff]/;

let units: DemoUnits;
let admin: Actor;
let token: string;

beforeAll(async () => {
  units = await demoUnits();
  admin = await actorFor("district.admin");
  token = (await tokenFor("district.admin")).token;
});

describe("policy documents", () => {
  it.each(CASES)("%s named %s is refused beside the file field; nothing is stored", async (_label, name, bytes) => {
    const title = `程序上传${randomBytes(4).toString("hex")}`;
    const raw = { orgUnitId: units.district.id, title, issuers: "区关工委", issuedOn: "2019-04-10", topic: "校站结合", file: new File([new Uint8Array(bytes())], name) };
    const files = await db().policyFile.count();
    const err = await expectAppError(createDocument(admin, raw), "INVALID");
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0].path).toBe("file");
    expect(err.issues[0].message).toMatch(HAN);
    expect(await db().policyDocument.count({ where: { title } })).toBe(0);
    expect(await db().policyFile.count()).toBe(files);
    expect(await db().auditLog.count({ where: { action: "document.create", after: { path: ["title"], equals: title } } })).toBe(0);
  });

  it("a program named .pdf is told that it is a program", async () => {
    for (const bytes of [pe(PDF_HEADER), elf(PDF_HEADER), pe(), elf()]) {
      const raw = { orgUnitId: units.district.id, title: "程序", issuers: "区关工委", issuedOn: "2019-04-10", topic: "校站结合", file: new File([new Uint8Array(bytes)], "通知.pdf") };
      const err = await expectAppError(createDocument(admin, raw), "INVALID");
      expect(err.issues[0].message).toContain("程序");
    }
  });
});

describe("imports", () => {
  const post = async (kind: string, body: Buffer, fileName: string) => {
    const url = new URL(`/api/v1/imports/${kind}`, "http://localhost:3000");
    url.searchParams.set("fileName", fileName);
    const req = new NextRequest(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", "user-agent": "vitest" },
      body: new Uint8Array(body),
    });
    const res = kind === "users" ? await importUsersPost(req, routeCtx({})) : await importPost(req, routeCtx({ kind }));
    return { status: res.status, json: await res.json() };
  };
  /** What an applied import would add: rows of the kinds tried here, and import audit entries. */
  const stored = async () => ({
    volunteers: await db().volunteer.count(),
    units: await db().orgUnit.count(),
    users: await db().user.count(),
    audits: await db().auditLog.count({ where: { action: { startsWith: "import." } } }),
  });

  it.each(CASES.flatMap(([label, name, bytes]) => ["volunteers", "units", "users"].map((kind) => [label, name, kind, bytes] as const)))(
    "%s named %s, imported as %s: 400 with one Chinese sentence at row 0; nothing stored",
    async (_label, name, kind, bytes) => {
      const before = await stored();
      const r = await post(kind, bytes(), name);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: "invalid", rows: 0 });
      expect(r.json.errors).toHaveLength(1);
      expect(r.json.errors[0]).toMatchObject({ row: 0, message: expect.stringMatching(HAN) });
      expect(await stored()).toEqual(before);
    },
  );
});
