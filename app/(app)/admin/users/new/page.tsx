import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { userFormOptions } from "@/lib/server/users/options";
import { PageHeader } from "@/components/ui/page";
import { CreateUserForm } from "@/components/admin/user-forms";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "新建用户" };

export default async function NewUserPage() {
  const actor = await requireActor();
  const { units, roles } = await orNotFound((async () => {
    assertCan(actor, "user.manage");
    return userFormOptions(actor);
  })());
  return (
    <div>
      <Link href="/admin/users" className="text-base text-gray-600 hover:underline">
        ‹ 返回用户列表
      </Link>
      <PageHeader title="新建用户" subtitle="新用户用这里设置的初始密码登录。" />
      <div className="rounded-lg border border-gray-200 bg-white p-5">
        <CreateUserForm action={createUserAction} units={units} roles={roles} />
      </div>
    </div>
  );
}
