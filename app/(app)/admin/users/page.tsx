import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { listUsers } from "@/lib/server/users/read-users";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { formatDateTime } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page";

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
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="w-full text-left text-base">
            <thead className="border-b border-gray-200 bg-gray-50 text-gray-600">
              <tr>
                <th className="px-4 py-3 font-medium">姓名</th>
                <th className="px-4 py-3 font-medium">用户名</th>
                <th className="px-4 py-3 font-medium">角色</th>
                <th className="px-4 py-3 font-medium">单位</th>
                <th className="px-4 py-3 font-medium">状态</th>
                <th className="px-4 py-3 font-medium">最近登录</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className="border-b border-gray-100">
                  <td className="px-4 py-3">
                    <Link href={`/admin/users/${u.id}`} className="font-medium text-accent hover:underline">
                      {u.displayName}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{u.username}</td>
                  <td className="px-4 py-3">{ROLE_LABELS[u.role]}</td>
                  <td className="px-4 py-3">{u.orgUnit.name}</td>
                  <td className="px-4 py-3">
                    {u.disabledAt ? (
                      <span className="text-gray-500">已停用</span>
                    ) : u.lockedUntil && u.lockedUntil > new Date() ? (
                      <span className="text-amber-700">已锁定</span>
                    ) : (
                      <span className="text-green-700">正常</span>
                    )}
                  </td>
                  <td className="px-4 py-3">{formatDateTime(u.lastLoginAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="mt-4 flex items-center gap-3 text-base" aria-label="分页">
          {page > 1 && <Link href={link(page - 1)} className="min-h-12 rounded-md border px-4 py-3">上一页</Link>}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages && <Link href={link(page + 1)} className="min-h-12 rounded-md border px-4 py-3">下一页</Link>}
        </nav>
      )}
    </div>
  );
}
