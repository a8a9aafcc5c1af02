import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("leader: the district's 2019 figures, the 五好 drill-down, the Excel file and the printable report", async ({ page }) => {
  await loginAs(page, "leader");
  await expect(page).toHaveURL(/\/dashboard$/); // a leader's home is the dashboard
  await page.getByRole("navigation", { name: "选择年份" }).getByRole("link", { name: "2019 年" }).click();
  await expect(page).toHaveURL(/year=2019/);
  await expect(page.getByText("清江浦区 · 2019 年度")).toBeVisible();

  const five = page.getByTestId("tile-fiveGoodRate");
  await expect(five).toContainText("73.6%");
  await expect(five).toContainText("81 / 110");
  await expect(page.getByTestId("tile-youthZeroCrimeRate")).toContainText("90.9%");
  await expect(page.getByTestId("tile-youthZeroCrimeRate")).toContainText("100 / 110");
  await expect(page.getByTestId("tile-fundsRaisedFen")).toContainText("72.6万元");

  // The comparison table sorts by a column when its header is clicked, and says so.
  const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "单位" }) });
  const fiveHeader = table.getByRole("columnheader", { name: /五好/ });
  await expect(fiveHeader).toHaveAttribute("aria-sort", "none");
  await fiveHeader.getByRole("button").click();
  await expect(fiveHeader).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("rowheader").first()).toContainText(/长东街道|盐河街道|黄码镇/); // the 100% towns come first
  await fiveHeader.getByRole("button").click();
  await expect(fiveHeader).toHaveAttribute("aria-sort", "ascending");

  // From the tile to the villages that failed the 五好 assessment.
  await five.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "“五好”考核未达标的村（社区）" })).toBeVisible();
  await expect(page.getByTestId("drill-rate")).toContainText("81 / 110");
  await expect(page.getByTestId("failing-count")).toContainText("29");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(30); // header + 29 villages

  // The Excel file: opened as a spreadsheet program would.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
  expect(download.suggestedFilename()).toBe("清江浦区_2019_五好关工委达标率_未达标单位.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  expect(wb.worksheets.map((s) => s.name)).toEqual(["指标汇总", "下级单位对比", "月度活动", "未达标单位"]);
  let rate: ExcelJS.CellValue = null;
  wb.getWorksheet("指标汇总")!.eachRow((row) => {
    if (row.getCell(1).value === "“五好”关工委达标率") rate = row.getCell(4).value;
  });
  expect(rate).toBe(0.7364);
  expect(wb.getWorksheet("未达标单位")!.rowCount).toBe(30);

  // The printable annual report.
  await page.getByRole("link", { name: "返回数据看板" }).click();
  await page.getByRole("link", { name: "打印年度报表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "清江浦区关工委2019年度工作报表" })).toBeVisible();
  await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "“五好”考核未达标的村（社区）" })).toBeVisible();
});

test("town.admin sees 城南街道's dashboard with its villages, not the district's; it fits a phone", async ({ page, browser }) => {
  // Another town's dashboard address, as the leader's comparison table links it.
  const leader = await browser.newPage();
  await loginAs(leader, "leader");
  await leader.goto("/dashboard?year=2019");
  const otherTown = await leader.getByRole("rowheader", { name: "清江街道" }).getByRole("link").getAttribute("href");
  await leader.close();
  expect(otherTown).toMatch(/unit=/);

  await page.setViewportSize({ width: 375, height: 812 });
  await loginAs(page, "town.admin");
  await page.goto("/dashboard?year=2019");
  await expect(page.getByText("城南街道 · 2019 年度")).toBeVisible();
  await expect(page.getByTestId("tile-fiveGoodRate")).toContainText("5 / 8");
  await expect(page.getByRole("heading", { name: /下级单位对比（村（社区）/ })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "清江街道" })).toHaveCount(0);
  // Tables and charts scroll inside their boxes; the page itself does not.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // A village's own figures are one click away…
  const village = page.getByRole("rowheader").first();
  const name = (await village.textContent())!.trim();
  await village.getByRole("link").click();
  await expect(page.getByText(`${name} · 2019 年度`)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "单位层级" })).toContainText("城南街道");

  // …another town's are not there at all (the page streams behind loading.tsx, so the status stays 200).
  await page.goto(otherTown!);
  await expect(page.getByText("找不到这个页面")).toBeVisible();
  await expect(page.getByTestId("tile-fiveGoodRate")).toHaveCount(0);
});
