import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, loginAs, signIn } from "./fixtures";

const HOMES: [string, string, RegExp, string][] = [
  ["district.admin", "王建国", /\/$/, "工作台"],
  ["town.admin", "李秀英", /\/$/, "工作台"],
  ["unit.admin", "张明", /\/$/, "工作台"],
  ["station.coord", "陈晓", /\/$/, "工作台"],
  ["leader", "刘书记", /\/dashboard$/, "数据看板"],
];

for (const [username, name, url, heading] of HOMES) {
  test(`${username} signs in and lands on their home`, async ({ page }) => {
    await loginAs(page, username);
    await expect(page).toHaveURL(url);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByTestId("whoami")).toContainText(name);
  });
}

test("a wrong password shows a clear error and stays on the sign-in page", async ({ page }) => {
  await signIn(page, "town.admin", "Wrong-password-1");
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误");
  await expect(page).toHaveURL(/\/login/);
});

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/org");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Forg/);
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
});

test("town.admin opening another town's unit sees the 404 page", async ({ page, browser }) => {
  // Find another town's id the way a curious user might: from a district admin's screen.
  const districtCtx = await browser.newContext();
  const district = await districtCtx.newPage();
  await loginAs(district, "district.admin");
  await district.goto("/org");
  const href = await district.getByRole("link", { name: /^清江街道/ }).first().getAttribute("href");
  await districtCtx.close();
  expect(href).toMatch(/^\/org\/[0-9a-f-]{36}$/);

  await loginAs(page, "town.admin");
  await page.goto(href!);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expect(page.getByText("该记录不存在，或不在您的管辖范围内。")).toBeVisible();

  // Their own town opens fine.
  await page.goto("/org");
  await page.getByRole("link", { name: /^城南街道/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "城南街道" })).toBeVisible();
});

test("signing out ends the session on the server: a copy of the old cookie opens nothing", async ({ page, browser }) => {
  await loginAs(page, "town.admin");
  await page.goto("/settings");
  await expect(page.getByText("当前设备")).toBeVisible();
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Someone who copied the cookie before the sign-out is sent to sign in, not shown the page.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const thief = await other.newPage();
  await thief.goto("/settings");
  await expect(thief).toHaveURL(/\/login/);
  await expect(thief.getByRole("button", { name: "登录" })).toBeVisible();
  await other.close();
});

test("a token is made only with the current password and for at most 90 days; 退出其他设备 ends the other browser", async ({ page, browser }) => {
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await loginAs(other, "unit.admin");
  await loginAs(page, "unit.admin");
  await page.goto("/settings");

  await page.getByLabel("令牌名称").fill("汇总脚本");
  await page.getByLabel("有效天数").fill("91");
  await page.getByLabel("您的登录密码").fill("Wrong-password-1");
  await page.getByRole("button", { name: "生成访问令牌" }).click();
  await expect(page.locator('[data-field-error="days"]')).toHaveText("令牌最长有效 90 天");
  await page.getByLabel("有效天数").fill("30");
  await page.getByLabel("您的登录密码").fill("Wrong-password-1");
  await page.getByRole("button", { name: "生成访问令牌" }).click();
  await expect(page.locator('[data-field-error="tokenPassword"]')).toHaveText("当前密码不正确");
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page.getByLabel("您的登录密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "生成访问令牌" }).click();
  await expect(page.getByTestId("new-token")).toContainText("qm_");

  await page.getByRole("button", { name: "退出其他设备" }).click();
  await expect(page.getByText(/已退出其他 \d+ 台设备/)).toBeVisible();
  await other.goto("/settings");
  await expect(other).toHaveURL(/\/login/);
  await page.goto("/settings");
  await expect(page.getByText("当前设备")).toBeVisible();
  await otherCtx.close();
});
