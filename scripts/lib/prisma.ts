import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { UTC_SESSION } from "../../lib/server/database/utc";

/** A Prisma client for scripts (the app itself uses lib/server/db.ts). */
export function openPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4, ...UTC_SESSION }) });
}
