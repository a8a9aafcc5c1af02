/**
 * A real PostgreSQL for the integration suite, freshly migrated and seeded each run:
 * - DATABASE_URL set (e.g. CI's server on 127.0.0.1:5432): a database `<name>_itest` on that server;
 * - otherwise the project's embedded cluster, database `qingmiao_itest`.
 * ITEST_DB names another database, so two runs (e.g. two developers' helpers) can share a cluster.
 * Migrated and seeded as the owner; the tests use it as a restricted app role, as the app does.
 */
import crypto from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { acquireEmbedded } from "../../lib/server/database/embedded";
import { ensureAppRole, grantAppRole, withUser } from "../../lib/server/database/grants";
import { migrateDeploy } from "../../lib/server/database/migrate";
import { seedDemo } from "../../prisma/seed";
import { openPrisma } from "../../scripts/lib/prisma";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test database as the app's restricted role (lib/server/database/grants.ts): what the app uses. */
    databaseUrl: string;
    /** The test database as its owner (migrations, seed; the CLI runs as this). */
    ownerUrl: string;
    /** A URL on the same server with CREATEDB rights (for migration tests on throw-away databases). */
    adminUrl: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let testDb: string;
  let release = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    testDb = process.env.ITEST_DB || `${new URL(adminUrl).pathname.slice(1) || "postgres"}_itest`;
  } else {
    const cluster = await acquireEmbedded({ database: "postgres", log: () => {} });
    adminUrl = cluster.url;
    testDb = process.env.ITEST_DB || "qingmiao_itest";
    release = cluster.release;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${testDb}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${testDb}"`);
  await admin.end();

  const url = withDatabase(adminUrl, testDb);
  await migrateDeploy(url, { log: () => {} });
  const prisma = openPrisma(url);
  await seedDemo(prisma);
  await prisma.$disconnect();

  // The suite runs as an app role of its own (roles are cluster-wide: one per test database,
  // so parallel runs on one server do not change each other's password).
  const appRole = `${testDb.slice(0, 59)}_app`;
  const appPassword = crypto.randomBytes(18).toString("base64url");
  await ensureAppRole(adminUrl, appRole, appPassword);
  await grantAppRole(url, appRole);

  project.provide("databaseUrl", withUser(url, appRole, appPassword));
  project.provide("ownerUrl", url);
  project.provide("adminUrl", adminUrl);
  return async () => {
    await release();
  };
}
