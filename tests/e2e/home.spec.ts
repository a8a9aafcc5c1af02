import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("town.admin's home lists what needs doing, and each item leads to the page that fixes it", async ({ page }) => {
  await loginAs(page, "town.admin");
  const todo = page.getByTestId("todo");
  await expect(todo).toContainText("名在队志愿者未参加入门培训");
  await todo.getByRole("link", { name: "安排培训" }).click();
  await expect(page).toHaveURL(/\/volunteers\?trained=no&status=ACTIVE/);
  await expect(page.getByRole("heading", { level: 1, name: "五老志愿者" })).toBeVisible();
});

test("unit.admin records the committee's establishment date on the unit page", async ({ page }) => {
  await loginAs(page, "unit.admin");
  await page.getByRole("link", { name: "查看单位详情" }).click();
  const date = page.getByLabel("更正成立日期");
  await date.fill("2099-01-01");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.locator('[data-field-error="establishedOn"]')).toHaveText("关工委成立日期不能晚于今天");

  await date.fill("2010-05-04");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("成立日期已保存")).toBeVisible();
  await expect(page.getByTestId("established")).toHaveText("2010年5月4日");
});

test("station.coord's home has one large button to log an activity", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(page, "station.coord");
  await page.getByRole("link", { name: "＋ 登记一次活动" }).click();
  await expect(page).toHaveURL(/\/activities\/new$/);
});

test("with no backup taken yet, the district admin's home says so and whom to ask; a town admin's does not", async ({ browser }) => {
  // The e2e server runs with an empty backup folder of its own and no daily job (scripts/e2e-server.ts).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, "district.admin");
  await expect(admin.getByTestId("backup-overdue")).toContainText("系统还没有任何数据备份");
  await expect(admin.getByTestId("backup-overdue")).toContainText("技术人员");
  await adminContext.close();

  const townContext = await browser.newContext();
  const town = await townContext.newPage();
  await loginAs(town, "town.admin");
  await expect(town.getByTestId("todo")).toBeVisible();
  await expect(town.getByTestId("backup-overdue")).toHaveCount(0);
  await townContext.close();
});
