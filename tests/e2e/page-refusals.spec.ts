import { expect, test } from "@playwright/test";
import { loginAs } from "./fixtures";

/**
 * A page asked for outside the caller's scope shows the not-found page like any missing one, and the
 * refusal is in 操作日志 (issue 12: refused authorization is logged for pages too, not only
 * for the API and writes), with the path that was asked for.
 */
test("a unit page outside the user's scope shows the not-found page, and the district admin sees the attempt in 操作日志", async ({ browser }) => {
  const probe = `/org/${crypto.randomUUID()}`;
  const townContext = await browser.newContext();
  const town = await townContext.newPage();
  await loginAs(town, "town.admin");
  // The (app) loading boundary streams the shell first, so the status is already sent: the
  // answer is the not-found page itself.
  await town.goto(probe);
  await expect(town.getByTestId("not-found")).toBeVisible();
  await townContext.close();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, "district.admin");
  await admin.goto("/admin/audit");
  const row = admin.getByRole("row").filter({ hasText: "越权访问被拒绝" }).filter({ hasText: "town.admin" }).first();
  await expect(row).toBeVisible();
  await row.getByText("查看").click();
  await expect(row).toContainText(probe);
  await adminContext.close();
});
