import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { chooseOwnPassword, loginAs, signIn } from "./fixtures";
import { setUpTwoStep } from "./mfa-helpers";

/**
 * The first platform admin is made the way an installation makes it: the CLI, against the
 * database the e2e server serves (the embedded cluster, scripts/e2e-server.ts).
 */
function platformAdminFromCli(username: string): string {
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/platform-admin.ts", "--username", username, "--display-name", "运维值班"], {
    env: { ...process.env, DATABASE_URL: "", EMBEDDED_DB_NAME: process.env.E2E_DB || "qingmiao_e2e" },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trimEnd().split("\n").at(-1)!;
}

test("every page of a demo district carries the 演示数据 banner", async ({ page }) => {
  await loginAs(page, "district.admin");
  await expect(page.getByTestId("demo-banner")).toContainText("演示数据");
  await page.getByRole("link", { name: "组织架构" }).click();
  await expect(page.getByTestId("demo-banner")).toBeVisible();
  // 系统管理 does not exist for a district user.
  await page.goto("/platform");
  await expect(page.getByTestId("not-found")).toBeVisible();
});

test("a platform admin opens a district; its new admin chooses a password and finds an empty district without the banner", async ({ page, browser }) => {
  const ops = `e2e.ops${Date.now() % 100000}`;
  const opsPassword = platformAdminFromCli(ops);

  await signIn(page, ops, opsPassword);
  await chooseOwnPassword(page, "Ops-Admin#2026");
  // Required of platform admins: 两步验证 next, before 系统管理 opens.
  await expect(page.getByRole("heading", { level: 1, name: "请设置两步验证" })).toBeVisible();
  await setUpTwoStep(page);
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByText("· 系统管理", { exact: true })).toBeVisible();
  await expect(page.getByTestId("whoami")).toContainText("运维值班");
  await expect(page.getByRole("heading", { level: 1, name: "各区" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /清江浦区/ })).toBeVisible();
  // No district sidebar: none of a district's pages.
  await expect(page.getByRole("link", { name: "组织架构" })).toHaveCount(0);

  await page.getByRole("link", { name: "＋ 新建区" }).first().click();
  await page.getByLabel("区名称").fill("清河区");
  await page.getByLabel("区划代码（6 位数字）").fill("3208");
  await page.getByLabel("区管理员用户名").fill("qinghe.admin");
  await page.getByLabel("区管理员姓名").fill("钱主任");
  await page.getByRole("button", { name: "创建区" }).click();
  await expect(page.locator('[data-field-error="code"]')).toContainText("6 位数字");
  await expect(page.getByLabel("区名称")).toHaveValue("清河区");
  await page.getByLabel("区划代码（6 位数字）").fill("320813");
  await page.getByRole("button", { name: "创建区" }).click();
  await expect(page.getByText("已创建 清河区（320813）")).toBeVisible();
  const oneTime = (await page.getByTestId("one-time-password").textContent())!.trim();
  expect(oneTime).toMatch(/^[A-Za-z0-9]{14}$/);

  await page.getByRole("link", { name: "返回区列表", exact: true }).click();
  const row = page.getByRole("row", { name: /清河区/ });
  await expect(row).toContainText("320813");
  await expect(row).toContainText("尚未设置自己的密码");

  const ctx = await browser.newContext();
  const newcomer = await ctx.newPage();
  await signIn(newcomer, "qinghe.admin", oneTime);
  await chooseOwnPassword(newcomer, "Qinghe-Admin#26");
  // A real district's admin sets up 两步验证 too (a demo district's admin does not have to).
  await setUpTwoStep(newcomer);
  await expect(newcomer.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  await expect(newcomer.getByTestId("whoami")).toContainText("钱主任");
  await expect(newcomer.getByText("本单位没有下级单位。")).toBeVisible();
  await expect(newcomer.getByTestId("demo-banner")).toHaveCount(0);
  await ctx.close();
});
