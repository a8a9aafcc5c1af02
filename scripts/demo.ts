/**
 * npm run demo -- off | on | remove
 * The demo districts (Tenant.isDemo) on a real installation: `off` switches them off
 * (nobody can sign in; sessions and tokens end at once), `on` back on, `remove` deletes
 * every row of every demo district in one transaction. Real districts are never touched:
 * only tenants WHERE isDemo are selected.
 */
import { cliActor } from "../lib/server/platform/platform-write";
import { removeDemoTenants, setTenantDisabled } from "../lib/server/platform/tenants";
import { runCli, usage } from "../lib/server/platform/cli";

const USAGE = [
  "用法: npm run demo -- off      停用演示区（无法登录）",
  "      npm run demo -- on       重新启用演示区",
  "      npm run demo -- remove   彻底删除演示区的全部数据（不可恢复）",
];
const cmd = process.argv[2];
if (cmd !== "off" && cmd !== "on" && cmd !== "remove") usage(cmd ? `未知命令 ${cmd}` : "请指定 off、on 或 remove", USAGE);

await runCli(async (prisma) => {
  const admin = cliActor();
  if (cmd === "remove") {
    const removed = await removeDemoTenants(prisma, admin, {});
    if (!removed.length) console.log("没有演示区，无需删除。");
    for (const t of removed) {
      const n = Object.values(t.rows).reduce((a, b) => a + b, 0);
      console.log(`已删除演示区 ${t.name}（${t.code}）：共 ${n} 条数据。`);
    }
    return;
  }
  const demos = await prisma.tenant.findMany({ where: { isDemo: true }, select: { id: true, name: true, code: true }, orderBy: { code: "asc" } });
  if (!demos.length) console.log("没有演示区。");
  for (const t of demos) {
    await setTenantDisabled(prisma, admin, { tenantId: t.id, disabled: cmd === "off" });
    console.log(`${cmd === "off" ? "已停用" : "已启用"}演示区 ${t.name}（${t.code}）。`);
  }
});
