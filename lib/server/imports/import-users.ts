import "server-only";
/**
 * 用户账号 import (optional, DISTRICT_ADMIN only): many accounts at once when a district
 * starts. Only new accounts are made; an existing one in scope that matches its row is
 * "unchanged" and anything else about existing accounts is done on the user admin page.
 * Every new account gets a generated password, returned once in the API answer (the
 * page offers it as a sheet to hand out) and never stored or audited in clear; the
 * account must choose its own password at its first sign-in (mustChangePassword).
 */
import { randomInt, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Column, ImportKind, Template, Vocabulary } from "@/lib/imports/templates";
import { ROLES, ZUsername } from "@/lib/schemas/user";
import { ZPassword } from "@/lib/schemas/password";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { ROLE_LABELS, ROLE_UNIT_LEVELS } from "../permissions";
import { scope } from "../scope";
import { hashPassword } from "../auth/password";
import type { Importer, Plan } from "./run";
import { codeMissMessage, tooLong, unitsInScope, type Problems } from "./rows";

type Role = (typeof ROLES)[number];

/** The role names of the user admin page, then the short words offices use. */
const ROLE_WORDS: Vocabulary<Role> = {
  words: [
    ...ROLES.map((r) => [ROLE_LABELS[r], r] as const),
    ["区管理员", "DISTRICT_ADMIN"],
    ["镇街管理员", "TOWN_ADMIN"],
    ["村社区管理员", "UNIT_ADMIN"],
    ["学校管理员", "UNIT_ADMIN"],
    ["辅导员", "STATION_COORDINATOR"],
    ["领导", "LEADER"],
  ],
};

const column = (header: string, type: Column["type"], note: string, example: string, vocabulary?: Vocabulary): Column => ({
  header,
  required: true,
  type,
  note,
  example,
  vocabulary,
});

/**
 * Not one of the five contract templates of shared/IMPORT.md (lib/imports/templates.ts):
 * the shape is the same, so the reader, the template download and the error report serve
 * it too. Its kind is outside ImportKind on purpose: exports never offer accounts.
 */
export const USERS_TEMPLATE: Template = {
  kind: "users" as ImportKind,
  title: "用户账号",
  key: ["用户名"],
  columns: [
    column("用户名", "text", "登录用的名字：小写字母、数字和 . _ -，3–40 位，全系统唯一", "chengnan.admin"),
    column("姓名", "text", "使用人的姓名", "王建国"),
    column("角色", "vocab", ROLES.map((r) => ROLE_LABELS[r]).join(" / "), ROLE_LABELS.TOWN_ADMIN, ROLE_WORDS),
    column("所属单位代码", "code", "区管理员填区代码；镇（街道）管理员填镇街代码；村（社区）/学校管理员填村社区或学校代码", "320812001"),
  ],
};

const ZRow = z.object({
  row: z.number().int().positive(),
  username: z.string().min(1),
  displayName: z.string().min(1),
  role: z.enum(ROLES),
  unitCode: z.string().min(1),
});
type UserRow = z.output<typeof ZRow>;

const C = { username: "用户名", name: "姓名", role: "角色", unit: "所属单位代码" } as const;
const LEVEL_WORDS: Record<string, string> = { DISTRICT: "区", TOWN: "镇（街道）", VILLAGE: "村（社区）", SCHOOL: "学校" };

/** 12 characters a person can read out and type: upper, lower, digits and one symbol (passes ZPassword). */
export function generatedPassword(): string {
  const pick = (set: string, n: number) => Array.from({ length: n }, () => set[randomInt(set.length)]);
  const chars = [...pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 3), ...pick("abcdefghijkmnpqrstuvwxyz", 5), ...pick("23456789", 3), ...pick("@#%+", 1)];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  const pw = chars.join("");
  return ZPassword.safeParse(pw).success ? pw : generatedPassword();
}

export interface IssuedPassword {
  row: number;
  username: string;
  displayName: string;
  password: string;
}

async function plan(client: Tx, actor: Actor, rows: UserRow[], problems: Problems): Promise<Plan> {
  const units = await unitsInScope(client, actor, rows.map((r) => r.unitCode));
  // Usernames are unique across the deployment: one taken anywhere cannot be made again.
  const names = [...new Set(rows.map((r) => r.username))];
  const [taken, mine] = await Promise.all([
    client.user.findMany({ where: { username: { in: names } }, select: { username: true } }),
    client.user.findMany({
      where: { ...scope.users(actor), username: { in: names } },
      select: { username: true, displayName: true, role: true, orgUnit: { select: { code: true } } },
    }),
  ]);
  const takenNames = new Set(taken.map((u) => u.username));
  const mineByName = new Map(mine.map((u) => [u.username, u]));

  const creates: (UserRow & { id: string; orgUnitId: string })[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const username = ZUsername.safeParse(r.username);
    if (!username.success) problems.add(r.row, C.username, username.error.issues[0].message);
    const nameProblem = tooLong(r.displayName, 40);
    if (nameProblem) problems.add(r.row, C.name, nameProblem);
    const unit = units.get(r.unitCode);
    if (!unit) problems.add(r.row, C.unit, codeMissMessage(actor, r.unitCode));
    else if (!ROLE_UNIT_LEVELS[r.role].includes(unit.level)) {
      problems.add(r.row, C.unit, `${ROLE_LABELS[r.role]}只能分配到${ROLE_UNIT_LEVELS[r.role].map((l) => LEVEL_WORDS[l]).join("或")}单位`);
    } else if (!unit.active) problems.add(r.row, C.unit, `单位 ${r.unitCode} 已撤销，不能再分配账号`);
    if (problems.has(r.row) || !unit) continue;

    const existing = mineByName.get(r.username);
    if (existing) {
      if (existing.displayName === r.displayName && existing.role === r.role && existing.orgUnit?.code === r.unitCode) unchanged++;
      else problems.add(r.row, C.username, "该账号已存在，与表中的姓名、角色或单位不同：修改已有账号请到用户管理页面");
      continue;
    }
    if (takenNames.has(r.username)) {
      problems.add(r.row, C.username, `用户名 ${r.username} 已被使用，请换一个`);
      continue;
    }
    creates.push({ ...r, id: randomUUID(), orgUnitId: unit.id });
  }

  const issued: IssuedPassword[] = [];
  return {
    created: creates.length,
    updated: 0,
    unchanged,
    issued,
    auditDetail: { usernames: creates.map((c) => c.username) },
    async apply(tx) {
      const passwords = creates.map(() => generatedPassword());
      const hashes = await Promise.all(passwords.map((pw) => hashPassword(pw)));
      await tx.$executeRaw`
        INSERT INTO "User" (id, "tenantId", "orgUnitId", username, "displayName", role, "passwordHash", "mustChangePassword", "updatedAt")
        SELECT v.id, ${actor.tenantId}::uuid, v.unit, v.username, v.name, v.role::"Role", v.hash, true, now()
        FROM unnest(${creates.map((c) => c.id)}::uuid[], ${creates.map((c) => c.orgUnitId)}::uuid[], ${creates.map((c) => c.username)}::text[],
                    ${creates.map((c) => c.displayName)}::text[], ${creates.map((c) => c.role)}::text[], ${hashes}::text[])
             AS v(id, unit, username, name, role, hash)`;
      issued.push(...creates.map((c, i) => ({ row: c.row, username: c.username, displayName: c.displayName, password: passwords[i] })));
    },
  };
}

export const usersImporter: Importer<UserRow> = {
  kind: "users" as ImportKind,
  permission: "user.manage",
  roles: ["DISTRICT_ADMIN"],
  fields: { [C.username]: "username", [C.name]: "displayName", [C.role]: "role", [C.unit]: "unitCode" },
  row: ZRow,
  plan,
};
