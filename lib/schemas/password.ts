import { z } from "zod";
import { COMMON_PASSWORDS } from "./common-passwords";

/** Which character classes a password uses: lower, upper, digit, other. */
export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
}

/** Password rules: at least 8 characters, 3 of the 4 classes, not a commonly used password. */
export const ZPassword = z
  .string({ error: "请输入密码" })
  .min(8, "密码至少 8 位")
  .max(128, "密码不能超过 128 位")
  .refine((pw) => passwordClasses(pw) >= 3, "密码须包含大写字母、小写字母、数字、符号中的至少三类")
  .refine((pw) => !COMMON_PASSWORDS.has(pw.toLowerCase()), "这是常见密码，容易被猜中，请换一个");
