import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { can } from "@/lib/server/permissions";
import { todayInBeijing } from "@/lib/schemas/dates";
import { Card, PageHeader } from "@/components/ui/page";
import { RequestForm } from "@/components/rules/requests/request-forms";
import { createRequestAction } from "../actions";

export const metadata: Metadata = { title: "登记请示汇报" };

export default async function NewRequestPage() {
  const actor = await requireActor();
  // Only the district office reports to the party committee (createRequest refuses anyone else too).
  if (!can(actor, "request.write") || actor.orgUnitLevel !== "DISTRICT") notFound();
  return (
    <div>
      <Link href="/rules/requests" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回请示汇报
      </Link>
      <PageHeader title="登记请示汇报" subtitle={`${actor.orgUnitName}关工委向区委报送的请示或汇报`} />
      <Card>
        <RequestForm action={createRequestAction} today={todayInBeijing()} />
      </Card>
    </div>
  );
}
