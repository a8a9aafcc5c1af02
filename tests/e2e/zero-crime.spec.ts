import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

const YEAR = 2023;

test("unit.admin reports a year, district.admin confirms it, then the unit can no longer edit it", async ({ page }) => {
  await loginAs(page, "unit.admin");
  await page.goto(`/outcomes/zero-crime?year=${YEAR}`);
  await expect(page.getByRole("heading", { level: 1, name: "成效与调研" })).toBeVisible();
  await expect(page.getByText("只填人数，不填姓名和案情").first()).toBeVisible();
  await expect(page.getByTestId("unreported")).toHaveText("1");
  const report = page.getByRole("link", { name: new RegExp(`^上报.+ ${YEAR} 年情况$`) });
  await expect(report).toHaveCount(1);
  await report.click();

  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${YEAR} 年零犯罪创建$`) })).toBeVisible();
  const unitUrl = page.url();
  const form = page.getByRole("form", { name: "上报零犯罪情况" });
  await expect(form.getByText("只填人数，不填姓名和案情")).toBeVisible();
  // No field for names or case details: only the two counts of a village.
  await expect(form.getByRole("textbox")).toHaveCount(2);

  // More minors than young people: refused beside the minors field, what was typed stays.
  await form.getByLabel("青少年违法犯罪人数").fill("1");
  await form.getByLabel("其中未成年人数").fill("2");
  await form.getByRole("button", { name: "上报" }).click();
  await expect(page.locator('[data-field-error="minorOffenders"]')).toHaveText("未成年人数不能超过青少年总数");
  await expect(form.getByLabel("青少年违法犯罪人数")).toHaveValue("1");

  await form.getByLabel("其中未成年人数").fill("0");
  await form.getByRole("button", { name: "上报" }).click();
  await expect(form.getByText("已上报，等待区关工委确认。")).toBeVisible();
  await expect(page.getByText("待确认").first()).toBeVisible();

  // The district confirms it from the unit's page.
  await page.context().clearCookies();
  await loginAs(page, "district.admin");
  await page.goto(`/outcomes/zero-crime?year=${YEAR}&status=pending`);
  await expect(page.getByRole("link", { name: new RegExp(`^修改.+ ${YEAR} 年情况$`) })).toHaveCount(1);
  await page.goto(unitUrl);
  await expect(page.getByRole("form", { name: "上报零犯罪情况" }).getByLabel("青少年违法犯罪人数")).toHaveValue("1");
  await page.getByRole("button", { name: "确认该记录" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await expect(page.getByText("已确认").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "确认该记录" })).toHaveCount(0);
  // The district may still change it, giving a reason.
  await expect(page.getByLabel("修改原因（必填）")).toBeVisible();

  // The unit now sees the counts locked.
  await page.context().clearCookies();
  await loginAs(page, "unit.admin");
  await page.goto(unitUrl);
  await expect(page.getByTestId("zero-crime-locked")).toContainText("已由区关工委确认，不能再修改");
  await expect(page.getByLabel("青少年违法犯罪人数")).toBeDisabled();
  await expect(page.getByLabel("青少年违法犯罪人数")).toHaveValue("1");
  await expect(page.getByLabel("其中未成年人数")).toBeDisabled();
  await expect(page.getByRole("button", { name: /上报|保存修改/ })).toHaveCount(0);
  await expect(page.getByLabel("修改原因（必填）")).toHaveCount(0);

  // Its unit page shows the confirmed year.
  await page.getByRole("link", { name: "单位详情" }).click();
  await expect(page.getByTestId("unit-zero-crime")).toContainText(`${YEAR} 年`);
  await expect(page.getByTestId("unit-zero-crime")).toContainText("有违法犯罪");
  await expect(page.getByTestId("unit-zero-crime")).toContainText("已确认");
});
