import { expect, test } from "@playwright/test";
import { chooseOwnPassword, loginAs, signIn } from "./fixtures";

test("district.admin creates a user who can then sign in", async ({ page, browser }) => {
  const username = `e2e.user${Date.now() % 100000}`;
  await loginAs(page, "district.admin");
  await page.getByRole("link", { name: "用户管理" }).click();
  await page.getByRole("link", { name: "新建用户" }).click();

  // A weak password is refused with the message beside the field, and nothing else is lost.
  await page.getByLabel("用户名（登录用）").fill(username);
  await page.getByLabel("姓名").fill("周新");
  await page.getByLabel("角色").selectOption({ label: "镇（街道）关工委管理员" });
  await page.getByLabel("所属单位").selectOption({ label: "\u3000城南街道" });
  await page.getByLabel("初始密码").fill("abc");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.locator('[data-field-error="password"]')).toContainText("至少 8 位");
  await expect(page.getByLabel("用户名（登录用）")).toHaveValue(username);

  await page.getByLabel("初始密码").fill("Chengnan#2026");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText(`用户已创建，可以用用户名 ${username}`)).toBeVisible();

  const ctx = await browser.newContext();
  const newcomer = await ctx.newPage();
  await signIn(newcomer, username, "Chengnan#2026");
  // The admin chose that password: the newcomer must choose their own first.
  await chooseOwnPassword(newcomer, "Zhou-Xin#2026");
  await expect(newcomer.getByTestId("whoami")).toContainText("周新");
  await expect(newcomer.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  await ctx.close();
});
