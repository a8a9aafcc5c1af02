import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { stationOptions, stationYearCount, volunteerOptionsForStation } from "@/lib/server/stations/read-activities";
import { todayInBeijing } from "@/lib/schemas/dates";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { LogActivity } from "@/components/activities/activity-form";
import { NO_STATION_HINT, YearCount } from "@/components/activities/bits";
import { createActivityAction } from "../actions";

export const metadata: Metadata = { title: "登记活动" };

export default async function NewActivityPage({ searchParams }: { searchParams: Promise<{ station?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const today = todayInBeijing();
  const year = Number(today.slice(0, 4));
  const stations = await orNotFound(
    (async () => {
      assertCan(actor, "activity.write");
      return stationOptions(actor);
    })(),
  );
  // A coordinator's only station is preselected; an admin's choice comes back in ?station=.
  const station = stations.length === 1 ? stations[0] : stations.find((s) => s.id === sp.station);
  const [volunteers, yearCount] = station
    ? await orNotFound(Promise.all([volunteerOptionsForStation(actor, station.id), stationYearCount(actor, station.id, year)]))
    : [[], null];

  return (
    <div className="mx-auto w-full max-w-xl">
      <Link href="/activities" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回活动记录
      </Link>
      <PageHeader title="登记活动" />
      {stations.length === 0 && actor.role === "STATION_COORDINATOR" ? (
        <EmptyState title="还没有为您指定辅导站" hint={NO_STATION_HINT} />
      ) : stations.length === 0 ? (
        <EmptyState title="您的管辖范围内还没有辅导站" hint="请先在“校外辅导站”登记辅导站，或联系本单位管理员。" />
      ) : (
        <>
          {station && yearCount !== null && <YearCount count={yearCount} year={year} stationName={station.name} />}
          <LogActivity
            action={createActivityAction}
            stations={stations.map((s) => ({ id: s.id, name: s.name, orgUnitName: s.orgUnitName }))}
            stationId={station?.id}
            volunteers={volunteers}
            today={today}
          />
        </>
      )}
    </div>
  );
}
