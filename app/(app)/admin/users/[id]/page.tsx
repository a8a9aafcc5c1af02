import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { getUser, listUserTokens } from "@/lib/server/users/read-users";
import { userFormOptions } from "@/lib/server/users/options";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { formatDate, formatDateTime } from "@/lib/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { RevokeTokenButton } from "@/components/settings/settings-forms";
import { Card, PageHeader } from "@/components/ui/page";
import { DisableUserForm, EditUserForm, ResetPasswordForm } from "@/components/admin/user-forms";
import { ResetMfaButton } from "@/components/mfa/mfa-forms";
import { mfaRequired } from "@/lib/server/auth/access";
import { resetMfaAction, resetPasswordAction, revokeUserTokenAction, setDisabledAction, updateUserAction } from "../actions";

export const metadata: Metadata = { title: "用户详情" };

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const { created } = await searchParams;
  const [user, options, tokens] = await orNotFound(Promise.all([getUser(actor, id), userFormOptions(actor), listUserTokens(actor, id)]));
  const now = new Date();
  const locked = user.lockedUntil && user.lockedUntil > now;
  return (
    <div>
      <Link href="/admin/users" className="text-base text-gray-600 hover:underline">
        ‹ 返回用户列表
      </Link>
      <PageHeader
        title={user.displayName}
        subtitle={`${user.username} · ${ROLE_LABELS[user.role]} · ${user.orgUnit?.name ?? ""}`}
      />
      {created && (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-base text-green-800">
          用户已创建，可以用用户名 {user.username} 和初始密码登录。
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="基本信息">
          <EditUserForm action={updateUserAction} user={{ ...user, orgUnitId: user.orgUnitId ?? "" }} units={options.units} roles={options.roles} />
        </Card>
        <div className="flex flex-col gap-4">
          <Card title="账号状态">
            <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
              <dt className="text-gray-600">状态</dt>
              <dd>{user.disabledAt ? "已停用" : locked ? `已锁定（至 ${formatDateTime(user.lockedUntil)}）` : "正常"}</dd>
              <dt className="text-gray-600">最近登录</dt>
              <dd>{formatDateTime(user.lastLoginAt)}</dd>
              <dt className="text-gray-600">创建时间</dt>
              <dd>{formatDateTime(user.createdAt)}</dd>
            </dl>
            {user.id !== actor.userId && <DisableUserForm action={setDisabledAction} userId={user.id} disabled={!!user.disabledAt} />}
          </Card>
          <Card title="重置密码">
            <ResetPasswordForm action={resetPasswordAction} userId={user.id} />
          </Card>
          <Card title="两步验证">
            <p className="mb-4 text-base text-gray-700" data-testid="user-mfa-status">
              {user.mfaEnabledAt
                ? `已开启（${formatDate(user.mfaEnabledAt)}起）。`
                : mfaRequired({ role: user.role, tenant: { isDemo: actor.tenantIsDemo } })
                  ? "未开启。该角色必须使用两步验证，下次登录时会要求设置。"
                  : "未开启。"}
              {user.id !== actor.userId && "手机丢失且恢复码用完时，确认是本人后可以重置，该用户下次登录时重新设置。"}
            </p>
            {user.id !== actor.userId && user.mfaEnabledAt && <ResetMfaButton action={resetMfaAction} userId={user.id} username={user.username} />}
          </Card>
        </div>
      </div>
      <div className="mt-4">
        <Card title="访问令牌">
          <p className="mb-4 text-base text-gray-600">该用户为数据接口生成的令牌。发现不再使用或来历不明的令牌，请立即撤销。</p>
          {tokens.length === 0 ? (
            <p className="text-base text-gray-600">该用户没有访问令牌。</p>
          ) : (
            <DataTable
              boxed={false}
              columns={[{ label: "名称" }, { label: "开头" }, { label: "创建时间" }, { label: "有效期至" }, { label: "最近使用" }, { label: "最近使用 IP" }, { label: "状态" }]}
            >
              {tokens.map((t) => (
                <Tr key={t.id}>
                  <Td>{t.name}</Td>
                  <Td className="font-mono text-sm">{t.prefix}…</Td>
                  <Td>{formatDateTime(t.createdAt)}</Td>
                  <Td>{formatDate(t.expiresAt)}</Td>
                  <Td>{formatDateTime(t.lastUsedAt)}</Td>
                  <Td className="font-mono text-sm">{t.lastUsedIp ?? "—"}</Td>
                  <Td>
                    {t.revokedAt ? "已撤销" : t.expiresAt <= now ? "已过期" : <RevokeTokenButton action={revokeUserTokenAction} id={t.id} />}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </div>
  );
}
