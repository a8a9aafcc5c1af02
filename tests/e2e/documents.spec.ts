import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./fixtures";

const MiB = 1024 * 1024;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, "latin1");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(17).fill(0)]);

async function fillFacts(page: Page, facts: { title: string; docNumber: string }) {
  await page.getByLabel("文件标题").fill(facts.title);
  await page.getByLabel("文号").fill(facts.docNumber);
  await page.getByLabel("发文日期").fill("2019-04-10");
  await page.getByLabel("发文单位").fill("清江浦区关工委、清江浦区教育局");
  await page.getByLabel("主题").fill("校站结合");
}

test("district.admin uploads a PDF, downloads it, and finds it by its 文号", async ({ page }) => {
  const n = Date.now() % 1_000_000;
  const facts = { title: `端到端测试通知${n}`, docNumber: `清关工委〔2026〕${n}号` };
  await loginAs(page, "district.admin");
  await page.goto("/outcomes/documents");
  await expect(page.getByRole("heading", { level: 1, name: "政策文件" })).toBeVisible();
  await page.getByRole("link", { name: "上传文件" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "上传政策文件" })).toBeVisible();

  await page.getByLabel("文件", { exact: true }).setInputFiles({ name: "测试通知.pdf", mimeType: "application/pdf", buffer: pdf(facts.title) });
  await fillFacts(page, facts);
  await page.getByRole("button", { name: "上传文件" }).click();
  await expect(page.getByRole("heading", { level: 1, name: facts.title })).toBeVisible();
  await expect(page.getByText("文件已上传归档")).toBeVisible();
  await expect(page.getByText("测试通知.pdf（PDF，")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载文件" }).click();
  expect((await download).suggestedFilename()).toBe("测试通知.pdf");

  await page.goto("/outcomes/documents");
  await page.getByLabel("标题或文号").fill(`〔2026〕${n}`);
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page.getByRole("link", { name: facts.title })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2); // the header and this document
});

test("a .pdf whose content is PNG is refused beside the file field; what was typed stays", async ({ page }) => {
  const n = Date.now() % 1_000_000;
  const facts = { title: `内容不符的文件${n}`, docNumber: `清关工委〔2026〕${n}号` };
  await loginAs(page, "district.admin");
  await page.goto("/outcomes/documents/new");
  await page.getByLabel("文件", { exact: true }).setInputFiles({ name: "通知.pdf", mimeType: "application/pdf", buffer: PNG });
  await fillFacts(page, facts);
  await page.getByRole("button", { name: "上传文件" }).click();
  await expect(page.locator('[data-field-error="file"]')).toHaveText("文件内容与扩展名不符：文件名为 .pdf，内容不是 PDF（实际是 PNG 图片，扩展名应为 .png）");
  await expect(page.getByLabel("文件标题")).toHaveValue(facts.title);
  await expect(page).toHaveURL(/\/outcomes\/documents\/new$/);
});

test("a 20 MiB file goes through (proxy and server action limits); one byte more is stopped with a message", async ({ page }) => {
  const n = Date.now() % 1_000_000;
  const big = Buffer.alloc(20 * MiB + 1);
  pdf("big").copy(big);
  await loginAs(page, "district.admin");
  await page.goto("/outcomes/documents/new");
  const fileInput = page.getByLabel("文件", { exact: true });
  await fileInput.setInputFiles({ name: "过大.pdf", mimeType: "application/pdf", buffer: big });
  await expect(page.locator('[data-field-error="file"]')).toHaveText("文件不能超过 20 MB（所选文件 20.0 MB），请压缩或拆分后再上传");

  await fileInput.setInputFiles({ name: "正好20MB.pdf", mimeType: "application/pdf", buffer: big.subarray(0, 20 * MiB) });
  await expect(page.locator('[data-field-error="file"]')).toHaveCount(0);
  await fillFacts(page, { title: `二十兆文件${n}`, docNumber: `清关工委〔2026〕大${n}号` });
  await page.getByRole("button", { name: "上传文件" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `二十兆文件${n}` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("正好20MB.pdf（PDF，20.0 MB）")).toBeVisible();
});
