/**
 * The frame of the 系统管理 commands (scripts/platform-admin.ts, tenant-create.ts,
 * demo.ts): the database exactly as `npm start` finds it (DATABASE_URL, else the embedded
 * cluster), connected as the schema owner (operator tools on the server: MIGRATE_DATABASE_URL
 * when set, the embedded superuser), pending migrations and the app role's grants applied
 * first (so they work on a brand-new database),
 * errors in Chinese on stderr with a non-zero exit, and a one-time password — when there
 * is one — printed alone on the very last line of stdout, after everything else.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ensureDatabaseUrl } from "../database/embedded";
import { migrateAndGrant } from "../database/grants";
import { AppError } from "../errors";
import { UTC_SESSION } from "../database/utc";

const toStderr = (m: string) => console.error(`[db] ${m}`);

export async function runCli(main: (prisma: PrismaClient) => Promise<{ password?: string } | void>): Promise<void> {
  let password: string | undefined;
  let ok = false;
  let embedded: Awaited<ReturnType<typeof ensureDatabaseUrl>>["embedded"];
  try {
    const found = await ensureDatabaseUrl({ log: toStderr });
    embedded = found.embedded;
    await migrateAndGrant({ ownerUrl: found.url, appUrl: found.appUrl }, { log: toStderr });
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: found.url, max: 2, ...UTC_SESSION }) });
    try {
      password = (await main(prisma))?.password;
      ok = true;
    } finally {
      await prisma.$disconnect();
    }
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`错误：${e.message}`);
      for (const i of e.issues) if (i.message !== e.message) console.error(`  ${i.path}：${i.message}`);
    } else {
      console.error(`出错了：${e instanceof Error ? e.message : String(e)}`);
    }
    process.exitCode = 1;
  } finally {
    await embedded?.release().catch((e) => console.error(`[db] 无法停止 PostgreSQL：${e}`));
  }
  if (ok && password) console.log(password);
}

/** A usage error: the message and the usage on stderr, exit code 2. */
export function usage(message: string, lines: string[]): never {
  console.error(`错误：${message}`);
  for (const l of lines) console.error(l);
  process.exit(2);
}
