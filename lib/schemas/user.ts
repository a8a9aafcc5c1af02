import { z } from "zod";
import { ZPassword } from "./password";

export const ROLES = ["DISTRICT_ADMIN", "TOWN_ADMIN", "UNIT_ADMIN", "STATION_COORDINATOR", "LEADER"] as const;

export const ZUsername = z
  .string({ error: "请输入用户名" })
  .trim()
  .min(3, "用户名至少 3 个字符")
  .max(40, "用户名不能超过 40 个字符")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "用户名只能使用小写字母、数字和 . _ -，并以字母或数字开头");

export const ZDisplayName = z.string({ error: "请输入姓名" }).trim().min(1, "请输入姓名").max(40, "姓名不能超过 40 个字");
const ZRole = z.enum(ROLES, { error: "请选择角色" });
const ZUnitId = z.uuid({ error: "请选择所属单位" });

export const ZCreateUser = z.object({
  username: ZUsername,
  displayName: ZDisplayName,
  role: ZRole,
  orgUnitId: ZUnitId,
  password: ZPassword,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z.object({
  id: z.uuid(),
  displayName: ZDisplayName,
  role: ZRole,
  orgUnitId: ZUnitId,
});
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZResetPassword = z.object({ id: z.uuid(), password: ZPassword });
export const ZSetDisabled = z.object({ id: z.uuid(), disabled: z.boolean() });

export const ZChangeOwnPassword = z
  .object({
    currentPassword: z.string().min(1, "请输入当前密码"),
    password: ZPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "两次输入的新密码不一致" });

export const ZCreateToken = z.object({
  name: z.string().trim().min(1, "请为令牌起个名字，例如“市关工委汇总脚本”").max(60, "名称不能超过 60 个字"),
  days: z.coerce.number({ error: "请输入有效天数" }).int("天数须为整数").min(1, "至少 1 天").max(90, "令牌最长有效 90 天"),
  currentPassword: z.string({ error: "请输入当前密码" }).min(1, "请输入当前密码"),
  /** 两步验证 code (or a recovery code), asked where the user is enrolled. */
  code: z.string().trim().max(64, "验证码不正确").optional(),
});
export const ZRevokeToken = z.object({ id: z.uuid() });
