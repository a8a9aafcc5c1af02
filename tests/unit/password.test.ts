import { describe, expect, it } from "vitest";
import { ZPassword, PASSWORD_MIN_LENGTH, isCommonPassword } from "@/lib/schemas/password";
import { COMMON_PASSWORDS } from "@/lib/schemas/common-passwords";
import { oneTimePassword } from "@/lib/server/platform/one-time-password";

const messageOf = (pw: unknown) => {
  const r = ZPassword.safeParse(pw);
  return r.success ? null : r.error.issues[0].message;
};
const COMMON = "这是常见密码，容易被猜中，请换一个";

describe("ZPassword", () => {
  it("accepts any long enough password that is not a common one: no composition rules (ASVS 6.2.5)", () => {
    expect(ZPassword.safeParse("Qingmiao-2026").success).toBe(true);
    expect(ZPassword.safeParse("abcdEFGH1234").success).toBe(true);
    // one class only, as long as it is not common: passphrases are welcome
    expect(ZPassword.safeParse("correct horse battery staple").success).toBe(true);
    expect(ZPassword.safeParse("qingjiangpu lu").success).toBe(true);
    expect(ZPassword.safeParse("关工委的青苗计划好").success).toBe(true);
    expect(ZPassword.safeParse("jiangsuhuaian").success).toBe(true);
  });

  it("needs at least 8 characters (Chinese message)", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(messageOf("Ab1!")).toBe("密码至少 8 位");
    expect(messageOf("Ab1!xyz")).toBe("密码至少 8 位");
    expect(ZPassword.safeParse("Ab1!xyzw").success).toBe(true);
  });

  it("refuses more than 128 characters", () => {
    expect(messageOf(`Ab1!${"x".repeat(125)}`)).toBe("密码不能超过 128 位");
    expect(ZPassword.safeParse(`Ab1!${"x".repeat(124)}`).success).toBe(true);
  });

  it("checks against at least 3,000 common passwords (ASVS 6.2.4)", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(3000);
    expect([...COMMON_PASSWORDS].filter((pw) => pw.length >= 8).length).toBeGreaterThanOrEqual(3000);
    // from the breach list, not from our own short list
    for (const pw of ["iloveyou2", "sunshine1", "1qaz2wsx3edc", "trustno1", "football1", "abc123456"]) {
      expect(messageOf(pw)).toBe(COMMON);
    }
  });

  it("refuses common passwords whatever their case", () => {
    expect(messageOf("Password1!")).toBe(COMMON);
    expect(messageOf("PASSWORD1!")).toBe(COMMON);
    expect(messageOf("P@ssw0rd1")).toBe(COMMON);
    expect(messageOf("Qingmiao@123")).toBe(COMMON);
    expect(messageOf("Admin@123")).toBe(COMMON);
    expect(messageOf("WoAiNi1314")).toBe(COMMON);
  });

  it("refuses a common password with only digits or symbols added at the end", () => {
    expect(isCommonPassword("Sunshine2026!")).toBe(true);
    expect(isCommonPassword("iloveyou!!!!")).toBe(true);
    expect(messageOf("Qwertyuiop@2026")).toBe(COMMON);
    expect(isCommonPassword("Sunshine-over-Huaian")).toBe(false);
    // an all-digit password is judged whole (a date of birth is in the list, a long random number is not)
    expect(isCommonPassword("19283746501928")).toBe(false);
  });

  it("says 请输入密码 when there is no password at all", () => {
    expect(messageOf(undefined)).toBe("请输入密码");
    expect(messageOf(12345678)).toBe("请输入密码");
  });

  it("the passwords the product and the tests generate or use still pass", () => {
    for (let i = 0; i < 50; i++) expect(ZPassword.safeParse(oneTimePassword()).success).toBe(true);
    for (const pw of ["Qm-Itest-2026!x", "Chengnan#2026", "Zhou-Xin#2026", "Fresh-Start-2026"]) {
      expect(ZPassword.safeParse(pw).success).toBe(true);
    }
  });
});
