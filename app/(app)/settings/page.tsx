import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/session";
import { listOwnTokens } from "@/lib/server/users/read-users";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { formatDate, formatDateTime } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page";
import { ChangePasswordForm, CreateTokenForm, RevokeTokenButton } from "@/components/settings/settings-forms";
import { changePasswordAction, createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "个人设置" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const tokens = await listOwnTokens(actor);
  const now = new Date();
  return (
    <div>
      <PageHeader title="个人设置" subtitle={`${actor.displayName}（${actor.username}）· ${actor.orgUnitName} · ${ROLE_LABELS[actor.role]}`} />
      <div className="flex flex-col gap-4">
        <Card title="修改密码">
          <p className="mb-4 text-base text-gray-600">修改后所有设备上的登录都会失效，需要用新密码重新登录。</p>
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <Card title="访问令牌（供数据接口使用）">
          <p className="mb-4 text-base text-gray-600">
            令牌让市关工委汇总程序或脚本以您的身份读取数据，权限与您的账号相同。不用时请及时撤销。
          </p>
          <CreateTokenForm action={createTokenAction} />
          {tokens.length > 0 && (
            <div className="mt-6 overflow-x-auto">
              <table className="w-full text-left text-base">
                <thead className="border-b border-gray-200 text-gray-600">
                  <tr>
                    <th className="py-2 pr-4 font-medium">名称</th>
                    <th className="py-2 pr-4 font-medium">开头</th>
                    <th className="py-2 pr-4 font-medium">有效期至</th>
                    <th className="py-2 pr-4 font-medium">最近使用</th>
                    <th className="py-2 font-medium">状态</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((t) => (
                    <tr key={t.id} className="border-b border-gray-100">
                      <td className="py-2 pr-4">{t.name}</td>
                      <td className="py-2 pr-4 font-mono text-sm">{t.prefix}…</td>
                      <td className="py-2 pr-4">{formatDate(t.expiresAt)}</td>
                      <td className="py-2 pr-4">{formatDateTime(t.lastUsedAt)}</td>
                      <td className="py-2">
                        {t.revokedAt ? (
                          "已撤销"
                        ) : t.expiresAt <= now ? (
                          "已过期"
                        ) : (
                          <RevokeTokenButton action={revokeTokenAction} id={t.id} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
