import { ensureDatabaseUrl, type EmbeddedCluster } from "../../lib/server/database/embedded";
import { migrateAndGrant } from "../../lib/server/database/grants";
import { seedDemo } from "../../prisma/seed";
import { openPrisma } from "./prisma";

/**
 * What every start does: find the database (DATABASE_URL, else the embedded cluster),
 * apply pending migrations and the app role's grants as the owner, and seed the demo
 * districts into an empty database. `url` is the owner's, `appUrl` the one the app uses.
 */
export async function prepareDatabase(
  opts: { seed?: boolean } = {},
): Promise<{ url: string; appUrl: string; embedded?: EmbeddedCluster }> {
  const { url, appUrl, embedded } = await ensureDatabaseUrl();
  try {
    await migrateAndGrant({ ownerUrl: url, appUrl }, { warn: true });
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
  return { url, appUrl, embedded };
}
