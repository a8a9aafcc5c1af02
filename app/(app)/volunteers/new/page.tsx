import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { volunteerUnitOptions } from "@/lib/server/people/read-volunteers";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { RegisterVolunteerForm } from "@/components/volunteers/volunteer-forms";
import { registerVolunteerAction } from "../actions";

export const metadata: Metadata = { title: "登记志愿者" };

export default async function NewVolunteerPage() {
  const actor = await requireActor();
  const units = await orNotFound(
    (async () => {
      assertCan(actor, "people.write");
      return volunteerUnitOptions(actor);
    })(),
  );
  return (
    <div>
      <Link href="/volunteers" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回志愿者名册
      </Link>
      <PageHeader title="登记五老志愿者" subtitle="登记后请安排入门培训：未参加入门培训的志愿者，参加活动前须先培训。" />
      <Card>
        <RegisterVolunteerForm action={registerVolunteerAction} units={units} today={todayInBeijing()} />
      </Card>
    </div>
  );
}
