import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with OWASP's minimum parameters.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this for unknown usernames keeps sign-in timing the same. */
let dummy: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword("not-a-real-password-Qm1!");
  await verifyPassword(await dummy, password);
}

/**
 * The demo accounts' published password (README): it may exist only in the demo
 * districts, so nobody may choose it for their own account. prisma/seed uses the same.
 */
export const DEFAULT_DEMO_PASSWORD = "Demo@2026";
export function isPublishedDemoPassword(password: string): boolean {
  return password === DEFAULT_DEMO_PASSWORD || (!!process.env.DEMO_PASSWORD && password === process.env.DEMO_PASSWORD);
}
export const PUBLISHED_DEMO_PASSWORD_MESSAGE = "这是公开的演示密码，任何人都知道，请换一个";
