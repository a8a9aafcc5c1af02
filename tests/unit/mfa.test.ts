/**
 * 两步验证 building blocks (lib/server/auth/mfa.ts): TOTP per RFC 6238 and its ±1-step window,
 * the step a code belongs to (what the replay check compares), recovery codes and their
 * hashes, and the secret's encryption at rest.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  MfaKeyError,
  RECOVERY_CODE_COUNT,
  TOTP_PERIOD_SECONDS,
  groupKey,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  looksLikeTotp,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  sealSecret,
  timeStep,
  totpCode,
} from "@/lib/server/auth/mfa";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", here in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const USER = "6f1c0a52-6a4f-4c43-9d0e-7b0a4b3f2a11";
const OTHER = "0b9d7c11-2a4e-4f8a-9c3b-5d6e7f8a9b0c";

let savedSecret: string | undefined;
beforeEach(() => {
  savedSecret = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET = "unit-test-secret-0123456789abcdef";
});
afterEach(() => {
  process.env.AUTH_SECRET = savedSecret;
});

describe("TOTP (RFC 6238)", () => {
  it("computes the RFC's test vectors (last six of the eight digits)", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(totpCode(RFC_SECRET, 1_111_111_111_000)).toBe("050471");
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe("005924");
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe("279037");
  });

  it("accepts the code of this step and of one step either side, and says which step it was", () => {
    const at = 1_800_000_015_000; // 15 s into a step
    const step = timeStep(at);
    const code = (offset: number) => totpCode(RFC_SECRET, at + offset * TOTP_PERIOD_SECONDS * 1000);
    expect(matchTotpStep(RFC_SECRET, code(0), at)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, code(-1), at)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, code(1), at)).toBe(step + 1);
  });

  it("refuses codes two steps away, wrong codes and anything that is not six digits", () => {
    const at = 1_800_000_015_000;
    const twoBack = totpCode(RFC_SECRET, at - 2 * TOTP_PERIOD_SECONDS * 1000);
    const twoAhead = totpCode(RFC_SECRET, at + 2 * TOTP_PERIOD_SECONDS * 1000);
    const now = totpCode(RFC_SECRET, at);
    // The vectors above are distinct from the current code, so a refusal is about the step.
    expect(new Set([twoBack, twoAhead, now]).size).toBe(3);
    expect(matchTotpStep(RFC_SECRET, twoBack, at)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, twoAhead, at)).toBeNull();
    const wrong = String((Number(now) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotpStep(RFC_SECRET, wrong, at)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, `${now}0`, at)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, "abcdef", at)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, "", at)).toBeNull();
  });

  it("reads a code typed with spaces or a dash", () => {
    const at = 1_800_000_015_000;
    const code = totpCode(RFC_SECRET, at);
    expect(matchTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(timeStep(at));
    expect(matchTotpStep(RFC_SECRET, ` ${code.slice(0, 3)}-${code.slice(3)} `, at)).toBe(timeStep(at));
    expect(looksLikeTotp("123 456")).toBe(true);
    expect(looksLikeTotp("12345")).toBe(false);
  });

  it("a replay is the same step again: the step is what the server stores and compares", () => {
    const at = 1_800_000_015_000;
    const code = totpCode(RFC_SECRET, at);
    // Ten seconds later the same code still maps to the same step, so "step <= last used" refuses it.
    expect(matchTotpStep(RFC_SECRET, code, at + 10_000)).toBe(matchTotpStep(RFC_SECRET, code, at));
  });

  it("new secrets: 160 random bits in base32; the key is shown in groups of four; the QR address names 青苗", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    expect(groupKey("ABCDEFGHIJKLMNOP")).toBe("ABCD EFGH IJKL MNOP");
    const uri = new URL(otpauthUri(a, "district.admin"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(a);
    expect(uri.searchParams.get("issuer")).toBe("青苗");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});

describe("recovery codes", () => {
  it("ten distinct codes of 16 characters (80 bits) in groups of four, without i, l, o, u", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
    }
  });

  it("are stored as sha256 of user and code: never the code, different per user", () => {
    const [code] = newRecoveryCodes(1);
    const h = hashRecoveryCode(USER, code);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(code.replace(/-/g, ""));
    expect(hashRecoveryCode(OTHER, code)).not.toBe(h);
    expect(hashRecoveryCode(USER, newRecoveryCodes(1)[0])).not.toBe(h);
  });

  it("are read leniently: case, spaces and dashes do not matter, and o, i, l read as 0, 1, 1", () => {
    const code = "0a1b-2c3d-4e5f-6g7h";
    const h = hashRecoveryCode(USER, code);
    expect(hashRecoveryCode(USER, "0A1B2C3D4E5F6G7H")).toBe(h);
    expect(hashRecoveryCode(USER, " 0a1b 2c3d 4e5f 6g7h ")).toBe(h);
    expect(hashRecoveryCode(USER, "oaib-2c3d-4e5f-6g7h")).toBe(h);
    expect(hashRecoveryCode(USER, "0alb-2c3d-4e5f-6g7h")).toBe(h);
    expect(looksLikeRecoveryCode("0a1b-2c3d")).toBe(false);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});

describe("the secret at rest", () => {
  it("is sealed with AES-256-GCM: opens for its user only, a fresh IV each time, no plain text", () => {
    const secret = newTotpSecret();
    const a = sealSecret(secret, USER);
    const b = sealSecret(secret, USER);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(openSecret(a, USER)).toBe(secret);
    expect(openSecret(b, USER)).toBe(secret);
    expect(() => openSecret(a, OTHER)).toThrow(MfaKeyError);
  });

  it("a changed byte or another AUTH_SECRET cannot open it", () => {
    const sealed = sealSecret(newTotpSecret(), USER);
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[2], "base64url");
    ct[0] ^= 1;
    expect(() => openSecret([parts[0], parts[1], ct.toString("base64url"), parts[3]].join("."), USER)).toThrow(MfaKeyError);
    expect(() => openSecret("v0.x.y.z", USER)).toThrow(MfaKeyError);
    process.env.AUTH_SECRET = "another-secret-0123456789abcdef-xyz";
    expect(() => openSecret(sealed, USER)).toThrow(MfaKeyError);
  });
});
