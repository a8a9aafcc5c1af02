import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo@2026";

/** Signs in through the real sign-in page, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function loginAs(page: Page, username: string) {
  await signIn(page, username);
  await expect(page.getByTestId("whoami")).toBeVisible();
  // The home page may still redirect (a leader's home is the dashboard): wait until a page has rendered.
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
}

/**
 * The first sign-in of an account whose password someone else chose (user admin, CLI,
 * 系统管理): the user lands on 设置新密码 and chooses their own before anything else.
 */
export async function chooseOwnPassword(page: Page, newPassword: string) {
  await expect(page.getByRole("heading", { level: 1, name: "请设置您自己的密码" })).toBeVisible();
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("再次输入新密码").fill(newPassword);
  await page.getByRole("button", { name: "保存新密码并继续" }).click();
}
