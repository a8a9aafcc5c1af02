/**
 * A demo district seeded by an earlier version (before 制度 and 成效 existed) catches up
 * on its next start: the missing parts are filled in once, cached figures are dropped,
 * and a second start adds nothing. On a throw-away database.
 */
import { afterAll, expect, it } from "vitest";
import { migrateDeploy } from "@/lib/server/database/migrate";
import { seedDemo } from "@/prisma/seed";
import { openPrisma } from "@/scripts/lib/prisma";
import { scratchDatabase } from "../support/scratch-db";

const scratch = scratchDatabase("qm_seed");
const { url } = scratch;

afterAll(() => scratch.drop());

it("fills in meetings, assessments, subsidies and zero-crime records for a district seeded before them, once", async () => {
  await scratch.create();
  await migrateDeploy(url, { log: () => {} });
  const prisma = openPrisma(url);
  try {
    await seedDemo(prisma);
    // What an earlier version's seed left: none of the later parts.
    await prisma.$executeRawUnsafe(`
      TRUNCATE "PolicyFile", "PolicyDocumentUnit", "PolicyDocument", "SurveyFinding", "SurveyUnit", "Survey",
        "ZeroCrimeRecord", "MeetingDecision", "Meeting", "AssessmentResult", "AssessmentCriterion", "AssessmentRound",
        "PartyRequest", "Subsidy"`);
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { code: "320812" } });

    const log: string[] = [];
    expect(await seedDemo(prisma, (m) => log.push(m))).toBe(true);
    expect(log).toEqual([
      "seeded meetings, 五好 assessments, requests and subsidies",
      "seeded zero-crime records, surveys and policy documents",
    ]);
    const round = await prisma.assessmentRound.findUniqueOrThrow({ where: { tenantId_year: { tenantId: tenant.id, year: 2019 } }, include: { results: true } });
    expect(round.results.filter((r) => r.passed)).toHaveLength(81);
    expect(await prisma.zeroCrimeRecord.count({ where: { tenantId: tenant.id, year: 2019 } })).toBe(135);
    // Seeding writes no audit entries, so it moves the data version itself: no cached figure survives it.
    expect((await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).dataVersion).toBeGreaterThan(tenant.dataVersion);

    expect(await seedDemo(prisma)).toBe(false);
    expect(await prisma.assessmentRound.count({ where: { tenantId: tenant.id } })).toBe(2);
  } finally {
    await prisma.$disconnect();
  }
});
