/**
 * 两步验证 in the browser suite: an "authenticator app" that reads the key the page shows and
 * computes codes with the same TOTP library the server uses (otpauth), never one time step twice.
 */
import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

export class Authenticator {
  private lastStep = -1;
  private readonly totp: TOTP;
  constructor(readonly secret: string) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  }

  /** Six digits that are no code of the steps around now. */
  wrongCode(): string {
    const near = [-1, 0, 1].map((d) => this.totp.generate({ timestamp: Date.now() + d * 30_000 }));
    for (let n = 0; ; n++) {
      const c = String((Number(near[1]) + 500_000 + n) % 1_000_000).padStart(6, "0");
      if (!near.includes(c)) return c;
    }
  }

  /** A code the server has not seen yet: this step's, or the next one's (both within its window). */
  async code(): Promise<string> {
    for (;;) {
      const now = Math.floor(Date.now() / 30_000);
      const step = Math.max(now, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return this.totp.generate({ timestamp: step * 30_000 + 1_000 });
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/**
 * The set-up page (required at sign-in, or 个人设置 › 两步验证): reads the key typed by hand,
 * confirms with a code, and keeps the recovery codes shown once; then follows the page's 继续.
 */
export async function setUpTwoStep(page: Page, opts: { continueLabel?: string } = {}) {
  const key = page.getByTestId("mfa-key");
  await expect(key).toBeVisible();
  await expect(page.getByRole("img", { name: /两步验证二维码/ })).toBeVisible();
  const app = new Authenticator((await key.textContent())!.replace(/\s/g, ""));
  await page.getByLabel("6 位验证码").fill(await app.code());
  await page.getByRole("button", { name: "确认开启两步验证" }).click();
  const list = page.getByTestId("recovery-codes");
  await expect(list).toBeVisible();
  const recoveryCodes = (await list.locator("li").allTextContents()).map((t) => t.replace(/^\d+\./, "").trim());
  expect(recoveryCodes).toHaveLength(10);
  await page.getByRole("link", { name: opts.continueLabel ?? "我已保存好恢复码，继续" }).click();
  return { app, recoveryCodes };
}

/** The code step after the password. */
export async function enterCode(page: Page, code: string) {
  await expect(page.getByRole("heading", { level: 1, name: "两步验证" })).toBeVisible();
  await page.getByLabel("验证码").fill(code);
  await page.getByRole("button", { name: "验证并继续" }).click();
}
