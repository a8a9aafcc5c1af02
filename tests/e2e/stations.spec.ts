import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("town.admin registers a station, sees n / 24 on its page, records a purchase and the equipment total goes up", async ({ page }) => {
  const name = `城南测试站${Date.now() % 100000}`;
  await loginAs(page, "town.admin");

  await page.goto("/stations");
  await expect(page.getByRole("heading", { level: 1, name: "校外辅导站" })).toBeVisible();
  await page.getByRole("link", { name: "登记辅导站" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "登记校外辅导站" })).toBeVisible();
  await page.getByLabel("所在镇（街道）或村（社区）").selectOption({ index: 1 });
  await page.getByLabel("辅导站名称").fill(name);
  await page.getByLabel("辅导员").fill("王老师、李老师");
  // 达标 without a room is refused beside the field.
  await page.getByLabel("电子阅览室达标").check();
  await page.getByRole("button", { name: "登记辅导站" }).click();
  await expect(page.locator('[data-field-error="eReadingRoomUpToStandard"]')).toContainText("没有电子阅览室");
  await expect(page.getByLabel("辅导站名称")).toHaveValue(name);
  await page.getByLabel("有电子阅览室").check();
  await page.getByLabel("检查日期").fill("2019-05-10");
  await page.getByRole("button", { name: "登记辅导站" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("辅导站已登记")).toBeVisible();
  await expect(page.getByTestId("year-progress")).toHaveText("0 / 24");
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByTestId("equipment-total")).toHaveText("0");

  const form = page.getByRole("form", { name: "登记购置设备" });
  await form.getByLabel("物品").selectOption("COMPUTER");
  await form.getByLabel("数量").fill("3");
  await form.getByLabel("金额（元）").fill("12000.50");
  await form.getByRole("button", { name: "登记购置" }).click();
  await expect(page.getByText("已登记购置：电脑 3 件")).toBeVisible();
  await expect(page.getByTestId("equipment-total")).toHaveText("3");
  await expect(page.getByTestId("equipment-COMPUTER")).toHaveText("3");

  // A bad quantity is refused beside the field and nothing is added.
  await form.getByLabel("物品").selectOption("CHAIR");
  await form.getByLabel("数量").fill("0");
  await form.getByLabel("金额（元）").fill("100");
  await form.getByRole("button", { name: "登记购置" }).click();
  await expect(page.locator('[data-field-error="quantity"]')).toContainText("数量至少为 1");
  await expect(page.getByTestId("equipment-total")).toHaveText("3");

  // The list shows every station's count against 24.
  await page.goto("/stations");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByTestId("year-progress")).toHaveText("0 / 24");
  const progress = page.getByTestId("year-progress");
  expect(await progress.count()).toBeGreaterThan(1);

  await page.goto("/stations/funding");
  await expect(page.getByRole("heading", { level: 2, name: "按镇（街道）合计" })).toBeVisible();
  await expect(page.getByTestId("funding-wan")).toContainText("万元");

  await page.goto("/stations/summer-plans?year=2019");
  await expect(page.getByRole("heading", { level: 2, name: /截至7月1日未商定暑期计划/ })).toBeVisible();
});

test("leader reads a station page but sees no forms", async ({ page }) => {
  await loginAs(page, "leader");
  // The leader's home is the dashboard: let that redirect finish before navigating on.
  await page.waitForURL(/\/dashboard$/);
  await page.goto("/stations");
  await page.getByRole("link", { name: "健康社区校外辅导站" }).or(page.getByRole("row").nth(1).getByRole("link")).first().click();
  await page.waitForURL(/\/stations\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("year-progress")).toHaveText(/^\d+ \/ 24$/);
  await expect(page.getByRole("form", { name: "登记购置设备" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "编辑资料" })).toHaveCount(0);
});
