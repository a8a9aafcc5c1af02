import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/server/platform/platform-actor";
import { PageHeader } from "@/components/ui/page";
import { CreateTenantForm } from "@/components/platform/tenant-forms";
import { createTenantAction } from "../actions";

export const metadata: Metadata = { title: "新建区" };

export default async function NewTenantPage() {
  await requirePlatformAdmin();
  return (
    <div>
      <Link href="/platform" className="text-base text-gray-600 hover:underline">
        ‹ 返回区列表
      </Link>
      <PageHeader
        title="新建区"
        subtitle="开通一个区：区关工委作为根单位，并设置第一位区管理员。之后由区管理员在“数据导入”中导入本区的组织架构和数据。"
      />
      <div className="rounded-lg border border-gray-200 bg-white p-5">
        <CreateTenantForm action={createTenantAction} />
      </div>
    </div>
  );
}
