import { describe, expect, it } from "vitest";
import { ZPassword, passwordClasses } from "@/lib/schemas/password";

const messageOf = (pw: unknown) => {
  const r = ZPassword.safeParse(pw);
  return r.success ? null : r.error.issues[0].message;
};

describe("ZPassword", () => {
  it("accepts a long password of three or four classes", () => {
    expect(ZPassword.safeParse("Qingmiao-2026").success).toBe(true);
    expect(ZPassword.safeParse("abcdEFGH1234").success).toBe(true); // lower, upper, digit
    expect(ZPassword.safeParse("abcd efgh 12").success).toBe(true); // lower, digit, space (symbol)
    expect(ZPassword.safeParse("关工委Abc123").success).toBe(true); // Chinese counts as a symbol
  });

  it("needs at least 8 characters (Chinese message)", () => {
    expect(messageOf("Ab1!")).toBe("密码至少 8 位");
    expect(messageOf("Ab1!xyz")).toBe("密码至少 8 位");
    expect(ZPassword.safeParse("Ab1!xyzw").success).toBe(true);
  });

  it("refuses more than 128 characters", () => {
    expect(messageOf(`Ab1!${"x".repeat(125)}`)).toBe("密码不能超过 128 位");
    expect(ZPassword.safeParse(`Ab1!${"x".repeat(124)}`).success).toBe(true);
  });

  it("needs three of the four character classes", () => {
    const msg = "密码须包含大写字母、小写字母、数字、符号中的至少三类";
    expect(messageOf("abcdefghij")).toBe(msg);
    expect(messageOf("abcdefgh12")).toBe(msg);
    expect(messageOf("ABCDEFGH!!")).toBe(msg);
    expect(messageOf("1234567890")).toBe(msg);
  });

  it("refuses common passwords whatever their case", () => {
    const msg = "这是常见密码，容易被猜中，请换一个";
    expect(messageOf("Password1!")).toBe(msg);
    expect(messageOf("PASSWORD1!")).toBe(msg);
    expect(messageOf("P@ssw0rd1")).toBe(msg);
    expect(messageOf("Qingmiao@123")).toBe(msg);
    expect(messageOf("Admin@123")).toBe(msg);
  });

  it("says 请输入密码 when there is no password at all", () => {
    expect(messageOf(undefined)).toBe("请输入密码");
    expect(messageOf(12345678)).toBe("请输入密码");
  });

  it("passwordClasses counts lower, upper, digit and other", () => {
    expect(passwordClasses("")).toBe(0);
    expect(passwordClasses("abc")).toBe(1);
    expect(passwordClasses("aB")).toBe(2);
    expect(passwordClasses("aB3")).toBe(3);
    expect(passwordClasses("aB3!")).toBe(4);
    expect(passwordClasses("密码")).toBe(1);
  });
});
