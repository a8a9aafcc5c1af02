import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { listUsers } from "@/lib/server/users/read-users";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { formatDateTime } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const q = sp.q?.slice(0, 50) ?? "";
  const page = Number(sp.page) || 1;
  const { items, total, pages } = await orNotFound(listUsers(actor, { q, page }));
  const link = (p: number) => `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div>
      <PageHeader
        title="用户管理"
        subtitle={`共 ${total} 个账号`}
        actions={
          <ButtonLink href="/admin/users/new" variant="primary">
            新建用户
          </ButtonLink>
        }
      />
      <form className="mb-4 flex gap-2" role="search">
        <input
          name="q"
          defaultValue={q}
          placeholder="按用户名或姓名搜索"
          aria-label="搜索用户"
          className="min-h-12 w-full max-w-sm rounded-md border border-gray-300 px-3 text-base"
        />
        <button className="min-h-12 rounded-md border border-gray-300 bg-white px-4 text-base">搜索</button>
      </form>
      {items.length === 0 ? (
        <EmptyState title={q ? `没有找到与“${q}”相关的用户` : "还没有用户"} hint="点“新建用户”为各单位开通账号。" />
      ) : (
        <DataTable columns={["姓名", "用户名", "角色", "单位", "状态", "最近登录"].map((label) => ({ label }))}>
          {items.map((u) => (
            <Tr key={u.id}>
              <Td>
                <Link href={`/admin/users/${u.id}`} className="font-medium text-accent hover:underline">
                  {u.displayName}
                </Link>
              </Td>
              <Td>{u.username}</Td>
              <Td>{ROLE_LABELS[u.role]}</Td>
              <Td>{u.orgUnit?.name}</Td>
              <Td>
                {u.disabledAt ? (
                  <span className="text-gray-500">已停用</span>
                ) : u.lockedUntil && u.lockedUntil > new Date() ? (
                  <span className="text-amber-700">已锁定</span>
                ) : (
                  <span className="text-green-700">正常</span>
                )}
              </Td>
              <Td>{formatDateTime(u.lastLoginAt)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} href={link} />
    </div>
  );
}
