import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("town.admin records an overdue subsidy for a village, sees 逾期未发, records the payment and sees 逾期发放", async ({ page }) => {
  const name = `测试老师${Date.now() % 100000}`;
  await loginAs(page, "town.admin");

  await page.goto("/rules/subsidies");
  await expect(page.getByRole("heading", { level: 2, name: /^按镇（街道）的逾期未发/ })).toBeVisible();
  await page.getByRole("link", { name: "登记补贴" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "登记补贴" })).toBeVisible();

  // Options: placeholder, 城南街道, then its villages (indented).
  await page.getByLabel("领取人所在单位").selectOption({ index: 2 });
  await page.getByLabel("补贴类别").selectOption("TEACHER_ALLOWANCE");
  await page.getByLabel("领取人姓名").fill(name);
  await page.getByLabel("金额（元）").fill("0");
  await page.getByLabel("补贴期间 从").fill("2025-01-01");
  await page.getByLabel("补贴期间 至").fill("2025-06-30");
  await page.getByLabel("应发放日期").fill("2025-07-31");
  await page.getByRole("button", { name: "登记补贴" }).click();
  // A zero amount is refused beside the field; what was typed stays.
  await expect(page.locator('[data-field-error="amount"]')).toContainText("金额须大于 0");
  await expect(page.getByLabel("领取人姓名")).toHaveValue(name);
  await page.getByLabel("金额（元）").fill("800");
  await page.getByRole("button", { name: "登记补贴" }).click();

  await expect(page.getByRole("heading", { level: 1, name: `${name}的补贴` })).toBeVisible();
  await expect(page.getByTestId("subsidy-status")).toHaveText("逾期未发");

  await page.getByLabel("发放日期").fill("2025-08-20");
  await page.getByRole("button", { name: "登记发放" }).click();
  await expect(page.getByText("已登记发放")).toBeVisible();
  await expect(page.getByTestId("subsidy-status")).toHaveText("逾期发放");

  await page.goto("/rules/subsidies?year=2025&status=paid_late");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByTestId("subsidy-status")).toHaveText("逾期发放");
  await expect(row).toContainText("800 元");
});
