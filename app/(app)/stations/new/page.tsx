import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { schoolOptions, stationHostOptions } from "@/lib/server/stations/read-stations";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { StationForm } from "@/components/stations/station-forms";
import { createStationAction } from "../actions";

export const metadata: Metadata = { title: "登记辅导站" };

export default async function NewStationPage() {
  const actor = await requireActor();
  const [hosts, schools] = await orNotFound(
    (async () => {
      assertCan(actor, "station.write");
      return Promise.all([stationHostOptions(actor), schoolOptions(actor)]);
    })(),
  );
  return (
    <div>
      <Link href="/stations" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回辅导站列表
      </Link>
      <PageHeader title="登记校外辅导站" subtitle="每个镇（街道）和村（社区）设一个校外辅导站。" />
      <Card>
        <StationForm action={createStationAction} hosts={hosts} schools={schools} today={todayInBeijing()} />
      </Card>
    </div>
  );
}
