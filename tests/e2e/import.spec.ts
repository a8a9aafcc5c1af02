import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

const HEADERS = ["单位名称*", "单位层级*", "单位类型*", "单位代码*", "上级单位代码", "关工委成立日期"];

/** A 组织架构 sheet as an office would fill it: a title line, the header row, the units. */
async function unitsFile(name: string, rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("组织架构");
  ws.addRow(["2026年组织架构（测试）"]);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qm-import-")), name);
  await wb.xlsx.writeFile(file);
  return file;
}

test("district.admin downloads the template, sees two bad rows beside their numbers, fixes them, imports, and finds the new villages", async ({ page }) => {
  const n = 800 + (Date.now() % 150);
  const town = `320812${n}`;
  const suffix = String(n);
  const townName = `导入测试镇${suffix}`;
  const villages = [`东风村${suffix}`, `向阳村${suffix}`];
  const good = [
    [villages[0], "村社区", "村", `${town}001`, town, "2020-06-01"],
    [villages[1], "村社区", "村", `${town}002`, town, null],
    [townName, "镇街", "镇", town, null, "2010年5月1日"],
  ];

  await loginAs(page, "district.admin");
  await page.getByRole("link", { name: "数据导入" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "数据导入" })).toBeVisible();
  // The five kinds in loading order, then accounts (district admins only).
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([/组织架构/, /班子成员/, /五老志愿者/, /校外辅导站/, /活动记录/, /用户账号/]);

  const card = page.getByTestId("import-card-units");
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "下载模板" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(await download.path());
  expect(JSON.stringify(template.worksheets[0].getSheetValues())).toContain("单位代码");

  await card.getByRole("link", { name: "上传文件" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "导入组织架构" })).toBeVisible();

  // Rows 6 and 7 are wrong: a village typed as a school, a village code outside its town.
  const bad = await unitsFile("组织架构-有错.xlsx", [...good, [`错类村${suffix}`, "村社区", "小学", `${town}003`, town, null], [`错码村${suffix}`, "村社区", "村", `320812999004`, town, null]]);
  await page.getByTestId("import-file").setInputFiles(bad);
  await expect(page.getByTestId("import-error-summary")).toContainText("有 2 处错误");
  const errors = page.getByTestId("import-error");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText("第 6 行");
  await expect(errors.nth(0)).toContainText("单位类型");
  await expect(errors.nth(1)).toContainText("第 7 行");
  await expect(errors.nth(1)).toContainText("单位代码");
  await expect(page.getByTestId("import-confirm")).toHaveCount(0);

  const fixed = await unitsFile("组织架构.xlsx", good);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "重新上传" }).click()]);
  await chooser.setFiles(fixed);
  await expect(page.getByTestId("count-created")).toContainText("3 条");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-done")).toContainText("导入完成：新增 3 条");

  await page.getByRole("link", { name: "查看组织架构" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "组织架构" })).toBeVisible();
  await page.locator("summary", { hasText: townName }).click();
  for (const v of villages) await expect(page.getByRole("link", { name: new RegExp(v) })).toBeVisible();
});

test("district.admin imports an account and sees its first password once", async ({ page }) => {
  const username = `imp-${Date.now() % 1_000_000}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("用户账号");
  ws.addRow(["用户名*", "姓名*", "角色*", "所属单位代码*"]);
  ws.addRow([username, "导入测试员", "区委领导（只读）", "320812"]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qm-import-")), "用户账号.xlsx");
  await wb.xlsx.writeFile(file);

  await loginAs(page, "district.admin");
  await page.goto("/imports");
  await page.getByTestId("import-card-users").getByRole("link", { name: "上传文件" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "导入用户账号" })).toBeVisible();
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("count-created")).toContainText("1 条");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-done")).toContainText("新增 1 条");
  const table = page.getByTestId("issued-passwords");
  await expect(table).toContainText(username);
  await expect(table.locator("td.font-mono")).toHaveText(/^[A-Za-z0-9@#%+]{12}$/);
});

test("at 375 px the import page fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await loginAs(page, "town.admin");
  await page.goto("/imports");
  // A town admin sees the four kinds below the tree, and units (villages under the town); no accounts.
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([/组织架构/, /班子成员/, /五老志愿者/, /校外辅导站/, /活动记录/]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByTestId("import-card-volunteers").getByRole("link", { name: "上传文件" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "导入五老志愿者" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
