import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { listAudit } from "@/lib/server/users/read-users";
import { formatDateTime } from "@/lib/format";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";

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
  "token.revoke_by_admin": "管理员撤销访问令牌",
  "token.create_refused": "生成令牌被拒绝（密码不对）",
  "auth.sign_out": "退出登录",
  "session.end_own": "退出其他设备",
  "user.choose_own_password": "首次登录设置密码",
  "authz.denied": "越权访问被拒绝",
  "station.coordinator.assign": "指定辅导员账号",
  "station.coordinator.remove": "移除辅导员账号",
  "import.units": "导入组织架构",
  "import.rosters": "导入班子成员",
  "import.volunteers": "导入五老志愿者",
  "import.stations": "导入校外辅导站",
  "import.activities": "导入活动记录",
  "import.users": "导入用户账号",
  "org.create_unit": "新增单位",
  "org.update_unit": "修改单位",
  "org.merge_unit": "撤并单位",
  "tenant.create": "创建区",
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
        <DataTable columns={["时间", "操作人", "操作", "对象", "来源", "详情"].map((label) => ({ label }))}>
          {items.map((a) => (
            <Tr key={String(a.id)} className="align-top">
              <Td className="whitespace-nowrap">{formatDateTime(a.at)}</Td>
              <Td>{a.actorName}</Td>
              <Td>{ACTIONS[a.action] ?? a.action}</Td>
              <Td className="font-mono text-sm">
                {a.entity}
                {a.entityId ? ` ${a.entityId.slice(0, 8)}` : ""}
              </Td>
              <Td className="text-sm">
                {a.via ?? ""} {a.ip ?? ""}
              </Td>
              <Td className="max-w-md">
                {(a.before !== null || a.after !== null) && (
                  <details>
                    <summary className="cursor-pointer text-accent">查看</summary>
                    <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-xs">
                      {JSON.stringify({ 修改前: a.before, 修改后: a.after }, null, 1)}
                    </pre>
                  </details>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} href={(p) => `/admin/audit?page=${p}`} />
    </div>
  );
}
