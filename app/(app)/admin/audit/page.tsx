import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { listAudit } from "@/lib/server/users/read-users";
import { formatDateTime } from "@/lib/format";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "操作日志" };

const ACTIONS: Record<string, string> = {
  "auth.sign_in": "登录",
  "auth.sign_in_failed": "登录失败",
  "auth.locked": "账号锁定",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.reset_password": "重置密码",
  "user.set_disabled": "停用/启用账号",
  "user.change_own_password": "修改本人密码",
  "token.create": "生成访问令牌",
  "token.revoke": "撤销访问令牌",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const page = Number((await searchParams).page) || 1;
  const { items, total, pages } = await orNotFound(listAudit(actor, { page }));
  return (
    <div>
      <PageHeader title="操作日志" subtitle={`本区所有登录和修改记录，只增不改。共 ${total} 条。`} />
      {items.length === 0 ? (
        <EmptyState title="还没有操作记录" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="w-full text-left text-base">
            <thead className="border-b border-gray-200 bg-gray-50 text-gray-600">
              <tr>
                <th className="px-4 py-3 font-medium">时间</th>
                <th className="px-4 py-3 font-medium">操作人</th>
                <th className="px-4 py-3 font-medium">操作</th>
                <th className="px-4 py-3 font-medium">对象</th>
                <th className="px-4 py-3 font-medium">来源</th>
                <th className="px-4 py-3 font-medium">详情</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={String(a.id)} className="border-b border-gray-100 align-top">
                  <td className="whitespace-nowrap px-4 py-3">{formatDateTime(a.at)}</td>
                  <td className="px-4 py-3">{a.actorName}</td>
                  <td className="px-4 py-3">{ACTIONS[a.action] ?? a.action}</td>
                  <td className="px-4 py-3 font-mono text-sm">
                    {a.entity}
                    {a.entityId ? ` ${a.entityId.slice(0, 8)}` : ""}
                  </td>
                  <td className="px-4 py-3 text-sm">
                    {a.via ?? ""} {a.ip ?? ""}
                  </td>
                  <td className="max-w-md px-4 py-3">
                    {(a.before !== null || a.after !== null) && (
                      <details>
                        <summary className="cursor-pointer text-accent">查看</summary>
                        <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-xs">
                          {JSON.stringify({ 修改前: a.before, 修改后: a.after }, null, 1)}
                        </pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="mt-4 flex items-center gap-3 text-base" aria-label="分页">
          {page > 1 && <Link href={`/admin/audit?page=${page - 1}`} className="rounded-md border px-4 py-3">上一页</Link>}
          <span>第 {page} / {pages} 页</span>
          {page < pages && <Link href={`/admin/audit?page=${page + 1}`} className="rounded-md border px-4 py-3">下一页</Link>}
        </nav>
      )}
    </div>
  );
}
