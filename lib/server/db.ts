import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { UTC_SESSION } from "./database/utc";

const holder = globalThis as unknown as { __qingmiaoPrisma?: PrismaClient };

/**
 * The one Prisma client (engine-free, over node-postgres). Lazy, because
 * DATABASE_URL is filled in by scripts/start.ts or the test setup before first use.
 */
export function db(): PrismaClient {
  if (!holder.__qingmiaoPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start the app with `npm start` (embedded PostgreSQL) or set DATABASE_URL.");
    }
    holder.__qingmiaoPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10, ...UTC_SESSION }) });
  }
  return holder.__qingmiaoPrisma;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
