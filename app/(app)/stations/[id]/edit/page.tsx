import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { getStation, schoolOptions } from "@/lib/server/stations/read-stations";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { StationForm } from "@/components/stations/station-forms";
import { updateStationAction } from "../../actions";

export const metadata: Metadata = { title: "编辑辅导站" };

export default async function EditStationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const [s, schools] = await orNotFound(
    (async () => {
      assertCan(actor, "station.write");
      return Promise.all([getStation(actor, id), schoolOptions(actor)]);
    })(),
  );
  // The current pairing stays selectable even if the school lies outside this user's list.
  const options = s.pairedSchoolId && !schools.some((x) => x.id === s.pairedSchoolId) ? [...schools, { id: s.pairedSchoolId, name: s.pairedSchool?.name ?? "", depth: 0 }] : schools;
  const initial = {
    id: s.id,
    name: s.name,
    address: s.address ?? "",
    pairedSchoolId: s.pairedSchoolId ?? "",
    tutors: s.tutors.join("、"),
    eReadingRoom: s.eReadingRoom ? "on" : "",
    eReadingRoomUpToStandard: s.eReadingRoomUpToStandard ? "on" : "",
    eReadingRoomCheckedOn: isoDay(s.eReadingRoomCheckedOn) ?? "",
  };
  return (
    <div>
      <Link href={`/stations/${s.id}`} className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回 {s.name}
      </Link>
      <PageHeader title={`编辑 ${s.name}`} subtitle={`所在单位：${s.orgUnit.name}`} />
      <Card>
        <StationForm action={updateStationAction} schools={options} initial={initial} today={todayInBeijing()} />
      </Card>
    </div>
  );
}
