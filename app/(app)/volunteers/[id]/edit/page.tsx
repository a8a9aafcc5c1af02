import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { getVolunteer, volunteerUnitOptions } from "@/lib/server/people/read-volunteers";
import { canSeePhone } from "@/lib/server/people/persons";
import { isoDay } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { EditVolunteerForm } from "@/components/volunteers/volunteer-forms";
import { updateVolunteerAction } from "../../actions";

export const metadata: Metadata = { title: "编辑志愿者" };

export default async function EditVolunteerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const [v, units] = await orNotFound(
    (async () => {
      assertCan(actor, "people.write");
      return Promise.all([getVolunteer(actor, id), volunteerUnitOptions(actor)]);
    })(),
  );
  const p = v.person;
  // Only those who see the full phone may change it; others see it masked, read-only.
  const phoneVisible = canSeePhone(actor, p.orgUnitId);
  const initial = {
    id: v.id,
    name: p.name,
    category: v.category,
    orgUnitId: v.orgUnitId,
    joinedOn: isoDay(v.joinedOn) ?? "",
    gender: p.gender ?? "",
    birthYear: p.birthYear?.toString() ?? "",
    phone: phoneVisible ? (p.phone ?? "") : "",
    skills: v.skills.join("、"),
    politicalStatus: p.politicalStatus ?? "",
    formerPost: p.formerPost ?? "",
    cadreRank: p.cadreRank,
    retired: p.retired ? "on" : "",
    publicityConsent: v.publicityConsent ? "on" : "",
  };
  return (
    <div>
      <Link href={`/volunteers/${v.id}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回 {v.name}
      </Link>
      <PageHeader title={`编辑 ${v.name}`} />
      <Card>
        <EditVolunteerForm action={updateVolunteerAction} units={units} initial={initial} maskedPhone={phoneVisible ? undefined : p.phone} />
      </Card>
    </div>
  );
}
