/**
 * npm run tenant:create -- --name <区名称> --code <6位区划代码> --admin <用户名> [--display-name <姓名>] [--root <根单位名称>]
 * Creates a district (never a demo), its root unit and its first district admin, through
 * the same createTenant as 系统管理. The admin's one-time password is the last line.
 */
import { parseArgs } from "node:util";
import { cliActor } from "../lib/server/platform/platform-write";
import { createTenant } from "../lib/server/platform/tenants";
import { runCli, usage } from "../lib/server/platform/cli";

const USAGE = ["用法: npm run tenant:create -- --name <区名称> --code <6位区划代码> --admin <管理员用户名> [--display-name <管理员姓名>] [--root <根单位名称>]"];
let values: { name?: string; code?: string; admin?: string; "display-name"?: string; root?: string };
try {
  ({ values } = parseArgs({
    options: {
      name: { type: "string" },
      code: { type: "string" },
      admin: { type: "string" },
      "display-name": { type: "string" },
      root: { type: "string" },
    },
  }));
} catch (e) {
  usage((e as Error).message, USAGE);
}
if (!values.name || !values.code || !values.admin) usage("--name、--code 和 --admin 都必须填写", USAGE);

await runCli(async (prisma) => {
  const r = await createTenant(prisma, cliActor(), {
    name: values.name,
    code: values.code,
    rootUnitName: values.root,
    adminUsername: values.admin,
    adminDisplayName: values["display-name"],
  });
  console.log(`已创建 ${r.tenant.name}（${r.tenant.code}），根单位“${r.rootUnit.name}”，区管理员 ${r.admin.username}（${r.admin.displayName}）。`);
  console.log("请用下面的一次性密码登录，首次登录后须设置新密码，然后在“数据导入”中导入本区数据：");
  return { password: r.password };
});
