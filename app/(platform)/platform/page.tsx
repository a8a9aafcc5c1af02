import type { Metadata } from "next";
import { requirePlatformAdmin } from "@/lib/server/platform/platform-actor";
import { listTenants } from "@/lib/server/platform/tenants";
import { db } from "@/lib/server/db";
import { formatDate } from "@/lib/format";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ButtonLink } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/platform/tenant-forms";
import { removeDemoAction, resetAdminMfaAction, resetAdminPasswordAction, setTenantDisabledAction } from "./actions";

export const metadata: Metadata = { title: "系统管理" };

export default async function PlatformHome() {
  const admin = await requirePlatformAdmin();
  const tenants = await listTenants(db(), admin);
  const newButton = (
    <ButtonLink href="/platform/new" variant="primary">
      ＋ 新建区
    </ButtonLink>
  );
  return (
    <div>
      <PageHeader
        title="各区"
        subtitle="在这里开通区、停用或启用区、重置区管理员的密码和两步验证。系统管理员看不到各区的人员和数据。"
        actions={newButton}
      />
      {tenants.length === 0 ? (
        <EmptyState title="还没有区" hint="新建一个区，并为它设置第一位区管理员。" action={newButton} />
      ) : (
        <DataTable
          columns={[
            { label: "区" },
            { label: "区划代码" },
            { label: "状态" },
            { label: "用户数", className: "text-right" },
            { label: "单位数", className: "text-right" },
            { label: "区管理员" },
            { label: "操作" },
          ]}
        >
          {tenants.map((t) => (
            <Tr key={t.id}>
              <Td>
                <span className="font-medium">{t.name}</span>
                {t.isDemo && <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">演示</span>}
                <div className="text-sm text-gray-500">开通于 {formatDate(t.createdAt)}</div>
              </Td>
              <Td className="font-mono">{t.code}</Td>
              <Td>{t.disabledAt ? <span className="text-red-700">已停用（{formatDate(t.disabledAt)}）</span> : <span className="text-green-800">正常</span>}</Td>
              <Td className="text-right">{t.userCount}</Td>
              <Td className="text-right">{t.unitCount}</Td>
              <Td>
                {t.admins.length === 0 && <span className="text-gray-500">无</span>}
                <ul className="flex flex-col gap-2">
                  {t.admins.map((a) => (
                    <li key={a.id}>
                      <span className="font-mono">{a.username}</span>（{a.displayName}）
                      {a.disabledAt && <span className="ml-1 text-red-700">已停用</span>}
                      {a.mustChangePassword && <span className="ml-1 text-base text-gray-500">尚未设置自己的密码</span>}
                      <div className="text-base text-gray-600">
                        两步验证：{a.mfaEnabledAt ? "已开启" : t.isDemo ? "未开启（演示区不要求）" : "未开启（下次登录时设置）"}
                      </div>
                      <div className="mt-1 flex flex-wrap gap-2">
                        <ConfirmActionButton
                          action={resetAdminPasswordAction}
                          fields={{ userId: a.id }}
                          label="重置密码"
                          question={`为 ${a.username} 生成新的一次性密码？其原密码立即失效。`}
                          confirmLabel="确认重置"
                        />
                        {a.mfaEnabledAt && (
                          <ConfirmActionButton
                            action={resetAdminMfaAction}
                            fields={{ userId: a.id }}
                            label="重置两步验证"
                            question={`重置 ${a.username} 的两步验证？请先确认是本人（手机丢失且恢复码用完）。重置后其立即退出登录，下次登录时重新设置。`}
                            confirmLabel="确认重置"
                            variant="danger"
                          />
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td>
                <div className="flex flex-col gap-2">
                  <ConfirmActionButton
                    action={setTenantDisabledAction}
                    fields={{ tenantId: t.id, disabled: t.disabledAt ? "false" : "true" }}
                    label={t.disabledAt ? "启用" : "停用"}
                    question={t.disabledAt ? `重新启用 ${t.name}？其用户可以再次登录。` : `停用 ${t.name}？该区所有用户立即退出且无法登录，数据保留。`}
                    confirmLabel={t.disabledAt ? "确认启用" : "确认停用"}
                    variant={t.disabledAt ? "secondary" : "danger"}
                  />
                  {t.isDemo && (
                    <ConfirmActionButton
                      action={removeDemoAction}
                      fields={{ tenantId: t.id }}
                      label="删除演示数据"
                      question={`彻底删除演示区 ${t.name} 的全部数据（单位、人员、记录、账号和操作日志）？此操作不可恢复。`}
                      confirmLabel="确认删除"
                      variant="danger"
                    />
                  )}
                </div>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
