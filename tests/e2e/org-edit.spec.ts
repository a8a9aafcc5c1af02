import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

test("town.admin adds a community under its town (a bad code refused beside the field), finds it in the tree, then closes it", async ({ page }) => {
  const name = `新建测试社区${Date.now() % 100000}`;
  await loginAs(page, "town.admin");

  await page.goto("/org");
  await expect(page.getByRole("heading", { level: 1, name: "组织架构" })).toBeVisible();
  await page.getByRole("link", { name: "新增下级单位" }).click();
  const subtitle = await page.getByText(/行政区划代码 \d+/).first().textContent();
  const townCode = /行政区划代码 (\d+)/.exec(subtitle ?? "")![1];

  await page.getByTestId("add-unit").locator("summary").click();
  const form = page.getByRole("form", { name: "新增下级单位" });
  await form.getByLabel("单位层级").selectOption({ label: "村（社区）" });
  await form.getByLabel("单位类型").selectOption("社区");
  await form.getByLabel("单位名称").fill(name);
  await form.getByLabel("单位代码").fill("123");
  await form.getByRole("button", { name: "新增单位" }).click();
  await expect(form.locator('[data-field-error="code"]')).toContainText("12 位数字");
  await expect(form.getByLabel("单位名称")).toHaveValue(name);

  const code = `${townCode}${900 + (Date.now() % 99)}`;
  await form.getByLabel("单位代码").fill(code);
  await form.getByRole("button", { name: "新增单位" }).click();
  await expect(form.getByText(`已新增「${name}」`)).toBeVisible();

  // In the tree and in the town's list of units below it.
  await page.goto("/org");
  const tree = page.getByTestId("org-tree");
  await expect(tree.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await tree.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Close it (with a confirm): gone from the tree unless asked for, its page says since when.
  await page.getByTestId("close-unit").locator("summary").click();
  await page.getByLabel("撤销日期").fill("2020-06-01");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "确认撤销" }).click();
  await expect(page.getByTestId("closed-banner")).toContainText("已于2020年6月1日撤销");

  await page.goto("/org");
  await expect(page.getByTestId("org-tree").getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
  await page.getByTestId("toggle-closed").click();
  await expect(page.getByTestId("org-tree").getByRole("link", { name: new RegExp(name) })).toContainText("已于2020年6月1日撤销");
});
