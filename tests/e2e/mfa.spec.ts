import { expect, test } from "@playwright/test";
import { chooseOwnPassword, loginAs, signIn } from "./fixtures";
import { enterCode, setUpTwoStep } from "./mfa-helpers";

/**
 * 两步验证 in the browser: a user turns it on in 个人设置 by typing the key shown (as with an
 * authenticator app that cannot scan), signs out, and signs in again with the password and then
 * a code — or a recovery code when the phone is not at hand.
 */
test("a user turns on 两步验证 in 个人设置, signs out, and signs in with a code, later with a recovery code", async ({ page, browser }) => {
  const username = `e2e.mfa${Date.now() % 100000}`;
  await loginAs(page, "district.admin");
  await page.goto("/admin/users/new");
  await page.getByLabel("用户名（登录用）").fill(username);
  await page.getByLabel("姓名").fill("吴安");
  await page.getByLabel("角色").selectOption({ label: "镇（街道）关工委管理员" });
  await page.getByLabel("所属单位").selectOption({ label: "\u3000城南街道" });
  await page.getByLabel("初始密码").fill("Chengnan#2026");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByText(`用户已创建，可以用用户名 ${username}`)).toBeVisible();

  const ctx = await browser.newContext();
  const me = await ctx.newPage();
  await signIn(me, username, "Chengnan#2026");
  await chooseOwnPassword(me, "Wu-An-Mfa#2026");
  await expect(me.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();

  await me.goto("/settings");
  await expect(me.getByTestId("mfa-status")).toContainText("未开启");
  await me.getByRole("link", { name: "开启两步验证" }).click();
  const { app, recoveryCodes } = await setUpTwoStep(me, { continueLabel: "我已保存好恢复码，返回个人设置" });
  await expect(me.getByTestId("mfa-status")).toContainText("已开启");
  await expect(me.getByTestId("mfa-status")).toContainText("剩余恢复码 10 个");

  await me.getByRole("button", { name: "退出登录" }).click();
  await expect(me).toHaveURL(/\/login/);
  await signIn(me, username, "Wu-An-Mfa#2026");
  await expect(me.getByRole("heading", { level: 1, name: "两步验证" })).toBeVisible();
  // Until the code is given, no other page opens.
  await me.goto("/settings");
  await expect(me).toHaveURL(/\/two-step$/);
  await enterCode(me, app.wrongCode());
  await expect(me.locator('[data-field-error="code"]')).toContainText("验证码不正确");
  await enterCode(me, await app.code());
  await expect(me.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  await expect(me.getByTestId("whoami")).toContainText("吴安");

  // The phone is not at hand: a recovery code instead, once.
  await me.getByRole("button", { name: "退出登录" }).click();
  await expect(me).toHaveURL(/\/login/);
  await signIn(me, username, "Wu-An-Mfa#2026");
  await expect(me.getByText("手机不在身边或换了手机？")).toBeVisible();
  await enterCode(me, recoveryCodes[0]);
  await expect(me.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  await me.goto("/settings");
  await expect(me.getByTestId("mfa-status")).toContainText("剩余恢复码 9 个");
  await ctx.close();

  // The district admin sees it on the user's page and could reset it.
  await page.goto(`/admin/users?q=${username}`);
  await page.getByRole("link", { name: "吴安" }).click();
  await expect(page.getByTestId("user-mfa-status")).toContainText("已开启");
  await expect(page.getByRole("button", { name: "重置两步验证" })).toBeVisible();
});
