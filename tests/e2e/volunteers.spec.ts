import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test.describe("五老志愿者 on a phone (375 px)", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("unit.admin registers a volunteer, a bad birth year is refused beside the field, and the volunteer appears in the list", async ({ page }) => {
    const name = `赵志刚${Date.now() % 100000}`;
    await loginAs(page, "unit.admin");
    await page.goto("/volunteers");
    await expect(page.getByRole("heading", { level: 1, name: "五老志愿者" })).toBeVisible();
    await page.getByRole("link", { name: "登记志愿者" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "登记五老志愿者" })).toBeVisible();

    await page.getByLabel("姓名").fill(name);
    await page.getByLabel("类别").selectOption({ label: "老教师" });
    await page.getByLabel("特长").fill("书法、革命传统宣讲");
    const birthYear = page.getByLabel("出生年份");

    // Too early: the message sits beside the birth-year field, and what was typed stays.
    await birthYear.fill("1850");
    await page.getByRole("button", { name: "登记志愿者" }).click();
    await expect(page.locator('[data-field-error="birthYear"]')).toContainText("出生年份不能早于 1920 年");
    await expect(birthYear).toHaveAttribute("aria-invalid", "true");
    await expect(birthYear).toHaveAttribute("aria-describedby", "birthYear-error");
    await expect(page.getByLabel("姓名")).toHaveValue(name);
    await expect(page.getByLabel("类别")).toHaveValue("VETERAN_TEACHER");

    // Too late: a volunteer is an adult.
    await birthYear.fill("2020");
    await page.getByRole("button", { name: "登记志愿者" }).click();
    await expect(page.locator('[data-field-error="birthYear"]')).toContainText("须年满 18 周岁");

    await birthYear.fill("1956");
    await page.getByRole("button", { name: "登记志愿者" }).click();
    await expect(page.getByText("志愿者已登记")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("untrained-flag")).toContainText("未参加入门培训，参加活动前须先培训");

    // The list finds them by name, flagged until they attend 入门培训.
    await page.goto("/volunteers");
    await page.getByRole("searchbox").or(page.getByPlaceholder("按姓名搜索")).first().fill(name);
    await page.getByRole("button", { name: "筛选" }).click();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("link", { name })).toBeVisible();
    await expect(row.getByTestId("untrained-flag")).toBeVisible();
    await expect(row).toContainText("老教师");
    await expect(row).toContainText("在队");

    // Nothing runs off the side of a 375 px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test("town.admin records an 入门培训 and the volunteer's flag goes away", async ({ page }) => {
  const name = `钱学文${Date.now() % 100000}`;
  await loginAs(page, "town.admin");
  await page.goto("/volunteers/new");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("类别").selectOption({ label: "老专家" });
  await page.getByLabel("所属单位").selectOption({ index: 2 }); // the town's first community
  await page.getByRole("button", { name: "登记志愿者" }).click();
  await expect(page.getByTestId("untrained-flag")).toBeVisible();

  await page.goto("/volunteers/training");
  await page.getByLabel("培训名称").fill(`入门培训 ${name}`);
  await page.getByLabel("培训类型").selectOption("ONBOARDING");
  await page.getByLabel("举办单位").selectOption({ index: 1 }); // 城南街道 itself
  await page.getByRole("button", { name: "创建培训" }).click();
  await expect(page.getByText("培训已创建")).toBeVisible();

  // Submitting with nobody ticked says what to do, beside the list.
  await page.getByLabel("按姓名查找志愿者").fill(name);
  await page.getByRole("button", { name: "查找" }).click();
  await page.getByRole("button", { name: /登记参加/ }).click();
  await expect(page.locator('[data-field-error="volunteerIds"]')).toContainText("请至少勾选一位");
  await page.getByRole("checkbox", { name: new RegExp(name) }).check();
  await page.getByRole("button", { name: /登记参加/ }).click();
  await expect(page.getByText("已登记 1 人，其中 1 人记为已完成入门培训")).toBeVisible();

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("untrained-flag")).toHaveCount(0);
  await expect(page.getByText(/\d{4}年\d{1,2}月\d{1,2}日 完成/)).toBeVisible();

  // Editing keeps the record and its training.
  await page.getByRole("link", { name: "编辑资料" }).click();
  await page.getByLabel("类别").selectOption({ label: "老模范" });
  await page.getByLabel("本人同意媒体宣传").check();
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("修改已保存")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("老模范 · ");
  await expect(page.getByText(/\d{4}年\d{1,2}月\d{1,2}日 完成/)).toBeVisible();
  // With consent given, publicity can now be recorded.
  await expect(page.getByText("登记一篇宣传报道")).toBeVisible();
});
