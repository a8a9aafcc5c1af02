import { ensureDatabaseUrl, type EmbeddedCluster } from "../../lib/server/database/embedded";
import { migrateDeploy } from "../../lib/server/database/migrate";
import { seedDemo } from "../../prisma/seed";
import { openPrisma } from "./prisma";

/**
 * What every start does: find the database (DATABASE_URL, else the embedded cluster),
 * apply pending migrations, and seed the demo districts into an empty database.
 */
export async function prepareDatabase(opts: { seed?: boolean } = {}): Promise<{ url: string; embedded?: EmbeddedCluster }> {
  const { url, embedded } = await ensureDatabaseUrl();
  try {
    await migrateDeploy(url);
    if (opts.seed !== false) {
      const prisma = openPrisma(url);
      try {
        await seedDemo(prisma, (m) => console.log(`[seed] ${m}`));
      } finally {
        await prisma.$disconnect();
      }
    }
  } catch (e) {
    await embedded?.release();
    throw e;
  }
  return { url, embedded };
}
