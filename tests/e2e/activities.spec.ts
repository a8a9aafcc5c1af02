import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./fixtures";

/** The station's "n / 24" as the form page shows it. */
async function yearCount(page: Page): Promise<number> {
  const el = page.getByTestId("year-count");
  await expect(el).toBeVisible();
  return Number(await el.getAttribute("data-count"));
}

async function fillActivity(page: Page, title: string, participants: string) {
  await page.locator("label").filter({ hasText: /^故事会$/ }).click();
  await expect(page.getByRole("radio", { name: "故事会" })).toBeChecked();
  await page.getByLabel("活动主题").fill(title);
  await page.getByLabel("参加的青少年人数").fill(participants);
}

test.describe("活动记录 on a phone (375 px)", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("station.coord logs an activity in a few taps, sees it saved and the year count go up by one; a double click makes one", async ({ page }) => {
    await loginAs(page, "station.coord");
    await page.goto("/activities/new");
    await expect(page.getByRole("heading", { level: 1, name: "登记活动" })).toBeVisible();
    // Their only station is preselected; today's date is filled in.
    await expect(page.getByTestId("station-name")).toContainText("校外辅导站");
    await expect(page.getByLabel("活动日期")).not.toHaveValue("");
    await expect(page.getByLabel("参加的青少年人数")).toHaveAttribute("inputmode", "numeric");
    const before = await yearCount(page);

    // A bad count is refused beside the field, and what was typed stays.
    const title = `红色故事会${Date.now() % 100000}`;
    await fillActivity(page, title, "-3");
    await page.getByRole("button", { name: "保存活动记录" }).click();
    await expect(page.locator('[data-field-error="youthParticipants"]')).toContainText("不能为负数");
    await expect(page.getByLabel("活动主题")).toHaveValue(title);
    await expect(page.getByRole("radio", { name: "故事会" })).toBeChecked();

    await page.getByLabel("参加的青少年人数").fill("28");
    await page.getByRole("button", { name: "保存活动记录" }).click();
    await expect(page.getByTestId("activity-saved")).toContainText("已保存");
    await expect(page.getByTestId("activity-saved")).toContainText(title);
    await expect.poll(() => yearCount(page)).toBe(before + 1);

    // Nothing runs off the side of a 375 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // Log another (a new id); a double click on submit still stores one activity.
    await page.getByRole("button", { name: "再登记一次活动" }).click();
    await fillActivity(page, `${title}-2`, "15");
    await page.getByRole("button", { name: "保存活动记录" }).dblclick();
    await expect(page.getByTestId("activity-saved")).toContainText("已保存");
    await page.reload();
    expect(await yearCount(page)).toBe(before + 2);

    // Both appear in the list.
    await page.goto("/activities");
    await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(1);
    await expect(page.getByRole("link", { name: `${title}-2`, exact: true })).toHaveCount(1);
  });

  test("a retry after a lost response stores one activity", async ({ page }) => {
    await loginAs(page, "station.coord");
    await page.goto("/activities/new");
    const before = await yearCount(page);
    // The first save reaches the server, but its answer never reaches the phone.
    let lost = false;
    await page.route("**/activities/new**", async (route) => {
      if (route.request().method() === "POST" && !lost) {
        lost = true;
        await route.fetch();
        await route.abort("internetdisconnected");
        return;
      }
      await route.continue();
    });
    const title = `网络重试${Date.now() % 100000}`;
    await fillActivity(page, title, "12");
    await page.getByRole("button", { name: "保存活动记录" }).click();
    await expect(page.getByRole("status")).toContainText("网络不通");
    await page.getByRole("button", { name: "保存活动记录" }).click();
    await expect(page.getByTestId("activity-saved")).toContainText("此前已经提交过");
    await page.unroute("**/activities/new**");
    await page.reload();
    expect(await yearCount(page)).toBe(before + 1);
  });

  test("LEADER sees the list but no way to log", async ({ page }) => {
    await loginAs(page, "leader");
    await page.goto("/activities");
    await expect(page.getByRole("heading", { level: 1, name: "活动记录" })).toBeVisible();
    await expect(page.getByRole("link", { name: /登记活动/ })).toHaveCount(0);
    await page.goto("/activities?view=calendar&month=2019-07");
    await expect(page.getByTestId("month-calendar")).toContainText("2019 年 7 月");
  });
});

test("a village admin sees on the station page which coordinator accounts may log for it", async ({ page }) => {
  await loginAs(page, "unit.admin");
  await page.goto("/stations");
  // The village's demo station (other specs may add stations, listed after it or before).
  await page.getByRole("row").getByRole("link", { name: /校外辅导站$/ }).first().click();
  await page.waitForURL(/\/stations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "辅导员账号" })).toBeVisible();
  await expect(page.getByTestId("station-coordinators")).toContainText("station.coord");
  await expect(page.getByRole("button", { name: "移除" })).toBeVisible();
});
