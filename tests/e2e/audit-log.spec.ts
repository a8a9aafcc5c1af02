import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("district.admin filters 操作日志 and downloads exactly those rows as Excel", async ({ page }) => {
  await loginAs(page, "district.admin"); // leaves an auth.sign_in entry of district.admin
  await page.getByRole("link", { name: "操作日志" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "操作日志" })).toBeVisible();

  await page.getByLabel("操作人（用户名或姓名）").fill("district.admin");
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "登录" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/user=district\.admin/);
  await expect(page).toHaveURL(/action=auth\.sign_in/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toContainText("登录");
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  for (let i = 0; i < shown; i++) {
    await expect(rows.nth(i)).toContainText("district.admin");
    await expect(rows.nth(i).locator("td").nth(2)).toHaveText("登录");
  }
  await expect(rows.first().locator("td").first()).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  const total = Number(/符合条件的共 (\d+) 条/.exec((await page.getByText(/符合条件的共/).textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(shown);

  // The export: exactly the filtered rows, Chinese headers.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出Excel" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^操作日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const sheet = wb.getWorksheet("操作日志")!;
  expect(sheet.getRow(1).getCell(3).value).toBe("操作人账号");
  expect(sheet.rowCount - 1).toBe(total);
  const first = sheet.getRow(2);
  expect([first.getCell(3).value, first.getCell(6).value, first.getCell(9).value]).toEqual(["district.admin", "登录", "网页"]);

  // The unit filter covers the acting person's unit and below: the district admin sits above 城南街道.
  await page.getByLabel("操作人所在单位（含下级单位）").selectOption({ label: "\u3000城南街道" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.getByText("没有符合条件的操作记录")).toBeVisible();

  // A bad date typed into the address: a message beside the field, the rest still filtered.
  await page.goto("/admin/audit?from=2019-13-45&action=auth.sign_in");
  await expect(page.locator('[data-field-error="from"]')).toContainText("开始日期");
  await expect(rows.first().locator("td").nth(2)).toHaveText("登录");

  // The download itself is in the log.
  await page.goto("/admin/audit");
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "导出操作日志" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(rows.first()).toContainText("导出操作日志");
  await expect(rows.first()).toContainText("district.admin");
});
