/**
 * npm run platform:admin -- --username <u> [--display-name <n>]
 * Creates the platform admin (系统管理), or gives an existing one a new password and clears
 * their 两步验证 (set up again at the next sign-in). The
 * one-time password is the last line of output; it must be changed at the first sign-in.
 */
import { parseArgs } from "node:util";
import { cliActor } from "../lib/server/platform/platform-write";
import { ensurePlatformAdmin } from "../lib/server/platform/tenants";
import { runCli, usage } from "../lib/server/platform/cli";

const USAGE = ["用法: npm run platform:admin -- --username <用户名> [--display-name <姓名>]"];
let values: { username?: string; "display-name"?: string };
try {
  ({ values } = parseArgs({ options: { username: { type: "string" }, "display-name": { type: "string" } } }));
} catch (e) {
  usage((e as Error).message, USAGE);
}
if (!values.username) usage("请用 --username 指定用户名", USAGE);

await runCli(async (prisma) => {
  const r = await ensurePlatformAdmin(prisma, cliActor(), { username: values.username, displayName: values["display-name"] });
  console.log(r.created ? `已创建系统管理员 ${r.username}。` : `系统管理员 ${r.username} 已存在，已重置其密码和两步验证。`);
  console.log("请用下面的一次性密码登录，首次登录后须设置新密码：");
  return { password: r.password };
});
