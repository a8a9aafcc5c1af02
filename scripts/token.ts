/**
 * npm run token -- --user <username> [--days <n>] [--name <label>]
 * Issues a personal access token for /api/v1 and prints only the token.
 */
import { parseArgs } from "node:util";
import { ensureDatabaseUrl } from "../lib/server/database/embedded";
import { issueToken, MAX_TOKEN_DAYS } from "../lib/server/auth/token-issue";
import { openPrisma } from "./lib/prisma";

const { values } = parseArgs({
  options: { user: { type: "string" }, days: { type: "string", default: "30" }, name: { type: "string" } },
});
const days = Number(values.days);
if (!values.user) {
  console.error("用法: npm run token -- --user <用户名> [--days <天数>]");
  process.exit(2);
}
if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
  console.error(`--days 须为 1 到 ${MAX_TOKEN_DAYS} 之间的整数：令牌最长有效 ${MAX_TOKEN_DAYS} 天`);
  process.exit(2);
}

const { url, embedded } = await ensureDatabaseUrl({ log: (m) => console.error(`[db] ${m}`) });
const prisma = openPrisma(url);
try {
  const user = await prisma.user.findUnique({ where: { username: values.user }, select: { id: true, tenantId: true, disabledAt: true, username: true } });
  if (!user || user.disabledAt || !user.tenantId) {
    console.error(!user ? `找不到用户 ${values.user}` : user.disabledAt ? `用户 ${values.user} 已停用` : `系统管理员不使用访问令牌`);
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
