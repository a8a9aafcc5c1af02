/**
 * Demo outcomes and research for 清江浦区 (DOMAIN §4.5 and §5): 零犯罪 records for 2018
 * and 2019 (2019: 100 of 110 villages with no youth offender, 109 of 110 with no minor
 * offender, 25 of 25 schools with no student offender), all confirmed; the survey the
 * source describes, with a finding in each category it names; and the documents it
 * names (four on 校站结合 issued with the education bureau, one 区委办 opinion on stations).
 * Counts only: no names or case details exist anywhere in these rows.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { FindingCategory } from "../../lib/generated/prisma/enums";
import type { SeedUnit } from "./org";
import { day, rng } from "./random";

export const OUTCOME_FIGURES = {
  /** Villages with at least one youth offender, of them with a minor offender; schools with a student offender. */
  2018: { youthVillages: 13, minorVillages: 2, studentSchools: 1 },
  2019: { youthVillages: 10, minorVillages: 1, studentSchools: 0 },
} as const;

const FINDINGS: { category: FindingCategory; text: string; recommendation: string; status: "OPEN" | "IN_PROGRESS" | "DONE"; owner: string; due: Date }[] = [
  { category: "LEADERSHIP_TEAM", text: "部分基层关工委班子队伍不齐不强、结构不合理", recommendation: "按“五好”标准配齐配强班子，每个村（社区）配备一名年轻工作者", status: "DONE", owner: "各镇（街道）关工委", due: day(2019, 12, 31) },
  { category: "STATION_HARDWARE", text: "部分校外辅导站硬件保障不到位、使用效率不高", recommendation: "筹集资金为薄弱辅导站添置电脑、桌椅，推进电子阅览室达标", status: "IN_PROGRESS", owner: "区关工委办公室", due: day(2020, 6, 30) },
  { category: "TEACHERS", text: "校外辅导站师资严重短缺", recommendation: "联合区教育局组织在职教师进站辅导，动员五老志愿者充实辅导员队伍", status: "OPEN", owner: "区关工委、区教育局", due: day(2020, 8, 31) },
  { category: "FUNDING", text: "“五老”人员“以奖代补”、进站教师工作补贴发放不到位", recommendation: "请区委、区财政局明确补贴标准和发放时限，按期足额发放", status: "OPEN", owner: "区关工委办公室、区财政局", due: day(2020, 3, 31) },
];

const DOCUMENTS = [
  { title: "关于进一步做好“校站结合”工作的意见", docNumber: "清关工委〔2017〕3号", issuers: ["清江浦区关工委", "清江浦区教育局"], issuedOn: day(2017, 3, 15), topic: "校站结合" },
  { title: "关于建立“校站结合”工作领导体制和工作机制的通知", docNumber: "清关工委〔2017〕9号", issuers: ["清江浦区关工委", "清江浦区教育局"], issuedOn: day(2017, 9, 5), topic: "校站结合" },
  { title: "关于做好暑期“校站结合”活动的通知", docNumber: "清关工委〔2018〕6号", issuers: ["清江浦区关工委", "清江浦区教育局"], issuedOn: day(2018, 6, 20), topic: "校站结合" },
  { title: "关于加强“校站结合”保障措施的通知", docNumber: "清关工委〔2019〕4号", issuers: ["清江浦区关工委", "清江浦区教育局"], issuedOn: day(2019, 4, 10), topic: "校站结合" },
  { title: "关于进一步加强校外辅导站建设切实提高办站质量和水平的意见", docNumber: "清办发〔2018〕21号", issuers: ["中共清江浦区委办公室"], issuedOn: day(2018, 8, 28), topic: "校外辅导站" },
];

/** A one-page PDF that says what the demo document is (the real files are not part of the demo). */
function placeholderPdf(title: string): Buffer {
  const text = `Demo document placeholder: ${title.length} characters of title`;
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export async function seedOutcomes(client: PrismaClient, tenantId: string, units: SeedUnit[]) {
  const r = rng(20191130);
  const district = units.find((u) => u.level === "DISTRICT")!;
  const villages = units.filter((u) => u.level === "VILLAGE").sort((a, b) => a.code.localeCompare(b.code));
  const schools = units.filter((u) => u.level === "SCHOOL").sort((a, b) => a.code.localeCompare(b.code));

  for (const year of [2018, 2019] as const) {
    const f = OUTCOME_FIGURES[year];
    const withYouth = r.shuffled(villages).slice(0, f.youthVillages);
    const withMinor = new Set(withYouth.slice(0, f.minorVillages).map((v) => v.id));
    const youth = new Map(withYouth.map((v) => [v.id, r.int(1, 3)]));
    const studentSchools = new Set(r.shuffled(schools).slice(0, f.studentSchools).map((s) => s.id));
    const confirmedAt = day(year + 1, 1, 15);
    await client.zeroCrimeRecord.createMany({
      data: [
        ...villages.map((v) => {
          const y = youth.get(v.id) ?? 0;
          return { tenantId, orgUnitId: v.id, year, youthOffenders: y, minorOffenders: withMinor.has(v.id) ? 1 : 0, status: "CONFIRMED" as const, reportedAt: day(year, 12, 20), confirmedAt, isDemo: true };
        }),
        ...schools.map((s) => ({ tenantId, orgUnitId: s.id, year, studentOffenders: studentSchools.has(s.id) ? 1 : 0, status: "CONFIRMED" as const, reportedAt: day(year, 12, 20), confirmedAt, isDemo: true })),
      ],
    });
  }

  const survey = await client.survey.create({
    data: {
      tenantId,
      orgUnitId: district.id,
      title: "2019年基层关工委组织建设和校外辅导站建设情况调研",
      periodFrom: day(2019, 3, 1),
      periodTo: day(2019, 5, 31),
      summary: "围绕基层组织建设、校外辅导站建设和“零犯罪”村（社区）、学校创建开展调研，走访各镇（街道）及部分村（社区）、学校。",
      recommendations: "推进“五好”村（社区）关工委创建和“零犯罪”村（社区）、学校创建活动。",
      isDemo: true,
    },
  });
  await client.surveyUnit.createMany({
    data: units.filter((u) => u.level === "TOWN").map((u) => ({ tenantId, surveyId: survey.id, orgUnitId: u.id })),
  });
  await client.surveyFinding.createMany({
    data: FINDINGS.map((f) => ({
      tenantId,
      orgUnitId: district.id,
      surveyId: survey.id,
      category: f.category,
      text: f.text,
      recommendation: f.recommendation,
      status: f.status,
      owner: f.owner,
      dueOn: f.due,
      doneOn: f.status === "DONE" ? day(2019, 12, 10) : null,
    })),
  });

  for (const d of DOCUMENTS) {
    const content = placeholderPdf(d.title);
    const doc = await client.policyDocument.create({
      data: {
        tenantId,
        orgUnitId: district.id,
        ...d,
        fileName: `${d.docNumber}.pdf`,
        mimeType: "application/pdf",
        sizeBytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
        isDemo: true,
      },
    });
    await client.policyFile.create({ data: { documentId: doc.id, tenantId, content: new Uint8Array(content) } });
  }
  return { villages: villages.length, schools: schools.length, documents: DOCUMENTS.length };
}
