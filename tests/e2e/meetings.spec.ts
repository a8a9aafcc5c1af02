import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("district.admin records a meeting with a decision, marks it done and sees the meeting in the list", async ({ page }) => {
  const title = `区关工委专题会议${Date.now() % 100000}`;
  await loginAs(page, "district.admin");

  // 制度落实 opens on the meetings tab; 2019 is over, so all 52 ISO weeks were owed.
  await page.goto("/rules");
  await page.waitForURL(/\/rules\/meetings/);
  await page.getByRole("navigation", { name: "选择年份" }).getByRole("link", { name: "2019 年" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "2019 年例会情况" })).toBeVisible();
  await expect(page.getByTestId("strip-DISTRICT_WEEKLY").getByTestId("regularity-ratio")).toHaveText(/^\d+ \/ 52$/);
  await expect(page.getByTestId("strip-GRASSROOTS_MONTHLY").getByTestId("regularity-ratio")).toHaveText(/^\d+ \/ 12$/);
  await expect(page.getByTestId("strip-DISTRICT_WEEKLY").locator("li[data-status]")).toHaveCount(52);

  await page.getByRole("link", { name: "＋ 新增会议" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新增会议" })).toBeVisible();
  await page.getByLabel("会议类型").selectOption({ label: "其他会议" });
  await page.getByLabel("会议名称").fill(title);
  await page.getByLabel("参会人员").fill("区关工委驻会成员");
  const row = page.getByRole("group", { name: "决定事项 1" });
  await row.getByLabel("事项 1").fill("整理上报先进典型材料");
  // A decision without its owner is refused beside that field; what was typed stays.
  await page.getByRole("button", { name: "登记会议" }).click();
  await expect(page.locator('[data-field-error="decisions.0.owner"]')).toContainText("请填写责任人");
  await expect(page.getByLabel("会议名称")).toHaveValue(title);
  await row.getByLabel("责任人").fill("区关工委秘书组");
  await row.getByLabel("完成期限").fill(await page.getByLabel("会议日期").inputValue());
  await page.getByRole("button", { name: "登记会议" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("会议已登记")).toBeVisible();
  const decisions = page.getByTestId("decisions");
  await expect(decisions).toContainText("整理上报先进典型材料");
  await expect(decisions).toContainText("未到期，未完成");
  await decisions.getByRole("button", { name: "标记完成" }).click();
  await expect(decisions).toContainText(/已于\d{4}年\d{1,2}月\d{1,2}日完成/);

  await page.getByRole("link", { name: "‹ 返回会议制度" }).click();
  await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
});

test.describe("on a phone (375 px)", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the strips fit; a town admin sees no district strips, a leader no 新增会议", async ({ page }) => {
    await loginAs(page, "district.admin");
    await page.goto("/rules/meetings?year=2019");
    await expect(page.getByTestId("strip-ANNUAL_SUMMARY")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.context().clearCookies();
    await loginAs(page, "town.admin");
    await page.goto("/rules/meetings?year=2019");
    await expect(page.getByText("本单位没有规定的例会")).toBeVisible();
    await expect(page.getByRole("link", { name: "＋ 新增会议" }).first()).toBeVisible();

    await page.context().clearCookies();
    await loginAs(page, "leader");
    await page.waitForURL(/\/dashboard$/);
    await page.goto("/rules/meetings?year=2019");
    await expect(page.getByTestId("strip-DISTRICT_WEEKLY")).toBeVisible();
    await expect(page.getByRole("link", { name: "＋ 新增会议" })).toHaveCount(0);
  });
});
