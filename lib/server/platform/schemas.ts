import { z } from "zod";
import { ZDisplayName, ZUsername } from "@/lib/schemas/user";

/** Empty form fields are "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ZCreateTenant = z.object({
  name: z.string({ error: "请输入区名称" }).trim().min(2, "请输入区名称，例如“某某区”").max(40, "名称不能超过 40 个字"),
  code: z
    .string({ error: "请输入区划代码" })
    .trim()
    .regex(/^\d{6}$/, "区划代码为 6 位数字，例如 320812"),
  /** The district's root unit (区关工委); defaults to the district's name. */
  rootUnitName: z.preprocess(blankToUndefined, z.string().trim().min(2, "单位名称至少 2 个字").max(60, "单位名称不能超过 60 个字").optional()),
  adminUsername: ZUsername,
  adminDisplayName: z.preprocess(blankToUndefined, ZDisplayName.optional()),
});

export const ZSetTenantDisabled = z.object({
  tenantId: z.uuid(),
  disabled: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()),
});

export const ZResetAdminPassword = z.object({ userId: z.uuid() });

export const ZRemoveDemo = z.object({ tenantId: z.preprocess(blankToUndefined, z.uuid().optional()) });

export const ZPlatformAdmin = z.object({
  username: ZUsername,
  displayName: z.preprocess(blankToUndefined, ZDisplayName.optional()),
});
