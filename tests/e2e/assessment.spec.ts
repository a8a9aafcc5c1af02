import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./fixtures";

// A year the demo seed does not assess, so the district starts it from scratch.
const YEAR = 2030;

async function switchTo(page: Page, username: string) {
  await page.context().clearCookies();
  await loginAs(page, username);
}

test("the district publishes criteria, 城南街道 scores a village, the district confirms, and the village page shows its 五好 result", async ({ page }) => {
  await loginAs(page, "district.admin");
  await page.goto("/rules/assessment");
  await expect(page.getByRole("heading", { level: 1, name: "制度落实" })).toBeVisible();

  // The new-year form starts folded once any year exists.
  const create = page.getByRole("form", { name: "新建年度考核标准" });
  if (!(await create.isVisible())) await page.getByText("新建年度考核标准", { exact: true }).click();
  await create.getByLabel("考核年度").fill(String(YEAR));
  // A pass mark above full marks is refused beside the field.
  await create.getByLabel("达标分数线").fill("120");
  await create.getByRole("button", { name: "建立考核标准（草稿）" }).click();
  await expect(page.locator('[data-field-error="passMark"]')).toContainText("不能高于满分合计 100 分");
  await create.getByLabel("达标分数线").fill("80");
  await create.getByLabel("领导班子好评分要点").fill("主任、常务副主任配齐，有年轻工作者");
  await create.getByRole("button", { name: "建立考核标准（草稿）" }).click();

  await expect(page).toHaveURL(new RegExp(`/rules/assessment\\?year=${YEAR}`));
  await expect(page.getByTestId("round-status")).toHaveText("草稿（未发布）");
  await page.getByRole("button", { name: "发布考核标准" }).click();
  await expect(page.getByTestId("round-status")).toHaveText("已发布，评分中");

  // 城南街道 scores the first of its villages.
  await switchTo(page, "town.admin");
  await page.goto(`/rules/assessment/${YEAR}`);
  await expect(page.getByRole("heading", { level: 1, name: `${YEAR} 年度“五好”考核结果` })).toBeVisible();
  const firstRow = page.getByRole("row").nth(1);
  const villageLink = firstRow.getByRole("link").first();
  const village = (await villageLink.textContent())!.trim();
  const unitHref = (await villageLink.getAttribute("href"))!;
  await firstRow.getByRole("link", { name: `评分：${village}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${village} · ${YEAR} 年度“五好”评分` })).toBeVisible();
  await expect(page.getByText("主任、常务副主任配齐，有年轻工作者")).toBeVisible();

  const form = page.getByRole("form", { name: "评分" });
  await form.getByLabel("领导班子好（满分 20 分）").fill("21");
  await form.getByLabel("五老队伍好（满分 20 分）").fill("17");
  await form.getByLabel("工作制度好（满分 20 分）").fill("16");
  await form.getByLabel("活动阵地好（满分 20 分）").fill("15");
  await form.getByLabel("工作成效好（满分 20 分）").fill("18");
  await form.getByRole("button", { name: "保存评分" }).click();
  await expect(page.locator('[data-field-error="points.LEADERSHIP"]')).toHaveText("领导班子好满分 20 分，得分不能超过满分");
  await expect(form.getByLabel("五老队伍好（满分 20 分）")).toHaveValue("17");
  await form.getByLabel("领导班子好（满分 20 分）").fill("19");
  await form.getByRole("button", { name: "保存评分" }).click();

  await expect(page.getByText(`已保存 ${village} 的评分`)).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: village, exact: true }) });
  await expect(row).toContainText("85");
  await expect(row.getByTestId("pass-badge")).toHaveText("达标");

  // The district confirms the year; the town can no longer change the score.
  await switchTo(page, "district.admin");
  await page.goto(`/rules/assessment?year=${YEAR}`);
  await expect(page.getByTestId("count-assessed")).toHaveText("1 个村（社区）");
  await page.getByRole("button", { name: `确认 ${YEAR} 年度考核结果` }).click();
  await expect(page.getByTestId("round-status")).toHaveText("已确认");

  await switchTo(page, "town.admin");
  await page.goto(`/rules/assessment/${YEAR}`);
  await expect(page.getByText("该年度考核已确认，分数已锁定")).toBeVisible();
  await expect(page.getByRole("link", { name: `修改：${village}` })).toHaveCount(0);

  // The village's unit page shows its 五好 result for the year.
  await page.goto(unitHref);
  await expect(page.getByRole("heading", { level: 1, name: village })).toBeVisible();
  const status = page.getByTestId("unit-five-good");
  await expect(status).toContainText(`${YEAR} 年度`);
  await expect(status.getByTestId("pass-badge").first()).toHaveText("达标");
  await expect(status.getByTestId("five-good-total").first()).toHaveText("85");
  await expect(status).not.toContainText("评分中");
});

test("a leader reads the assessment without any action buttons", async ({ page }) => {
  await loginAs(page, "leader");
  await page.waitForURL(/\/dashboard$/);
  await page.goto("/rules/assessment");
  await expect(page.getByRole("heading", { level: 1, name: "制度落实" })).toBeVisible();
  await expect(page.getByRole("form", { name: "新建年度考核标准" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /发布考核标准|确认/ })).toHaveCount(0);
});
