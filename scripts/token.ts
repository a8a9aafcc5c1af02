/**
 * npm run token -- --user <username> [--days <n>] [--name <label>] [--code <验证码>]
 * Issues a personal access token for /api/v1 and prints only the token. Where the user is
 * enrolled in 两步验证, a current code (or a recovery code) is required and used up, as in
 * 个人设置; a user whose role requires 两步验证 gets no token before setting it up. (Whoever
 * runs this holds the database, so the code is a record of intent, not a lock: it is not
 * throttled here.)
 */
import { parseArgs } from "node:util";
import { ensureDatabaseUrl } from "../lib/server/database/embedded";
import { issueToken, MAX_TOKEN_DAYS, TOKEN_MFA_MESSAGES, tokenMfaGate } from "../lib/server/auth/token-issue";
import { checkSecondFactor } from "../lib/server/auth/mfa";
import { openPrisma } from "./lib/prisma";

const { values } = parseArgs({
  options: { user: { type: "string" }, days: { type: "string", default: "30" }, name: { type: "string" }, code: { type: "string" } },
});
const days = Number(values.days);
if (!values.user) {
  console.error("用法: npm run token -- --user <用户名> [--days <天数>] [--code <两步验证码>]");
  process.exit(2);
}
if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
  console.error(`--days 须为 1 到 ${MAX_TOKEN_DAYS} 之间的整数：令牌最长有效 ${MAX_TOKEN_DAYS} 天`);
  process.exit(2);
}

const { url, embedded } = await ensureDatabaseUrl({ log: (m) => console.error(`[db] ${m}`) });
const prisma = openPrisma(url);
try {
  const user = await prisma.user.findUnique({
    where: { username: values.user },
    select: { id: true, tenantId: true, disabledAt: true, username: true, role: true, mfaEnabledAt: true, tenant: { select: { isDemo: true } } },
  });
  const gate = user ? tokenMfaGate(user) : "none";
  const audit = (action: string, after: Record<string, unknown>) =>
    prisma.auditLog.create({
      data: { tenantId: user!.tenantId, actorId: user!.id, actorName: user!.username, action, entity: "User", entityId: user!.id, after: { purpose: "token", ...after }, via: "cli" },
    });
  const checked = user && !user.disabledAt && user.tenantId && gate === "code" && values.code ? await checkSecondFactor(prisma, user.id, values.code) : null;
  if (checked && !checked.ok) await audit("auth.mfa_failed", { reason: checked.reason });
  if (checked?.ok && checked.method === "recovery") await audit("auth.mfa_recovery_used", { remaining: checked.remaining });
  if (!user || user.disabledAt || !user.tenantId) {
    console.error(!user ? `找不到用户 ${values.user}` : user.disabledAt ? `用户 ${values.user} 已停用` : `系统管理员不使用访问令牌`);
    process.exitCode = 1;
  } else if (gate === "enrol_first") {
    console.error(`用户 ${values.user}：${TOKEN_MFA_MESSAGES.enrolFirst}`);
    process.exitCode = 1;
  } else if (gate === "code" && !checked) {
    console.error(`用户 ${values.user} 已开启两步验证：请加上 --code <手机上当前显示的 6 位验证码或一个恢复码>`);
    process.exitCode = 1;
  } else if (checked && !checked.ok) {
    console.error("两步验证码不正确（或已用过）。请输入手机上当前显示的 6 位数字，或一个未用过的恢复码");
    process.exitCode = 1;
  } else {
    const tenantId = user.tenantId;
    const { token, row } = await prisma.$transaction(async (tx) => {
      const issued = await issueToken(tx, { id: user.id, tenantId }, { name: values.name ?? `命令行 ${new Date().toISOString().slice(0, 10)}`, days });
      await tx.auditLog.create({
        data: {
          tenantId, actorId: user.id, actorName: user.username, action: "token.create",
          entity: "AccessToken", entityId: issued.row.id, after: { ...issued.row, expiresAt: issued.row.expiresAt.toISOString(), createdAt: issued.row.createdAt.toISOString() },
          via: "cli",
        },
      });
      return issued;
    });
    void row;
    console.log(token);
  }
} finally {
  await prisma.$disconnect();
  await embedded?.release();
}
