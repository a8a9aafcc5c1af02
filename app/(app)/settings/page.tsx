import type { Metadata } from "next";
import { currentClaims, requireActor } from "@/lib/server/auth/session";
import { listOwnSessions, listOwnTokens } from "@/lib/server/users/read-users";
import { mfaStatus } from "@/lib/server/auth/mfa-self";
import { ButtonLink } from "@/components/ui/button";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { formatDate, formatDateTime } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ChangePasswordForm, CreateTokenForm, EndSessionsButton, RevokeTokenButton } from "@/components/settings/settings-forms";
import { describeDevice } from "@/components/settings/device";
import {
  changePasswordAction,
  createTokenAction,
  endAllSessionsAction,
  endOtherSessionsAction,
  revokeTokenAction,
} from "./actions";

export const metadata: Metadata = { title: "个人设置" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ mfa?: string }> }) {
  const actor = await requireActor();
  const [tokens, sessions, claims, mfa, { mfa: mfaNews }] = await Promise.all([
    listOwnTokens(actor),
    listOwnSessions(actor),
    currentClaims(),
    mfaStatus(actor.userId),
    searchParams,
  ]);
  const currentSid = claims?.sid;
  const now = new Date();
  return (
    <div>
      <PageHeader title="个人设置" subtitle={`${actor.displayName}（${actor.username}）· ${actor.orgUnitName} · ${ROLE_LABELS[actor.role]}`} />
      <div className="flex flex-col gap-4">
        <Card title="修改密码">
          <p className="mb-4 text-base text-gray-600">修改后所有设备上的登录都会失效，需要用新密码重新登录。</p>
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <Card title="两步验证">
          {mfaNews === "off" && !mfa.enrolled && (
            <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-base text-green-800">两步验证已关闭。</p>
          )}
          {mfa.enrolled ? (
            <p className="mb-4 text-base text-gray-700" data-testid="mfa-status">
              已开启（{formatDate(mfa.enabledAt)}起）。登录时除了密码，还要输入手机上的验证码。剩余恢复码 {mfa.recoveryCodesLeft} 个
              {mfa.recoveryCodesLeft <= 3 ? "，快用完了，请重新生成" : ""}。
            </p>
          ) : (
            <p className="mb-4 text-base text-gray-700" data-testid="mfa-status">
              未开启。开启后，登录时除了密码，还要输入手机上每 30 秒更换一次的验证码；即使密码被别人知道，也登录不了您的账号。
            </p>
          )}
          <ButtonLink href="/settings/two-step" variant={mfa.enrolled ? "secondary" : "primary"}>
            {mfa.enrolled ? "管理两步验证" : "开启两步验证"}
          </ButtonLink>
        </Card>
        <Card title="登录设备">
          <p className="mb-4 text-base text-gray-600">
            以下是正在登录您账号的设备。如有不认识的设备，请点击“退出其他设备”并修改密码。
          </p>
          <DataTable boxed={false} columns={[{ label: "设备" }, { label: "登录时间" }, { label: "最近活动" }, { label: "IP 地址" }]}>
            {sessions.map((s) => (
              <Tr key={s.id}>
                <Td>
                  {describeDevice(s.userAgent)}
                  {s.id === currentSid && <span className="ml-2 rounded bg-green-50 px-2 py-0.5 text-sm text-green-800">当前设备</span>}
                </Td>
                <Td>{formatDateTime(s.createdAt)}</Td>
                <Td>{formatDateTime(s.lastSeenAt)}</Td>
                <Td className="font-mono text-sm">{s.ip ?? "—"}</Td>
              </Tr>
            ))}
          </DataTable>
          <div className="mt-4 flex flex-wrap gap-4">
            <EndSessionsButton action={endOtherSessionsAction} all={false} />
            <EndSessionsButton action={endAllSessionsAction} all />
          </div>
        </Card>
        <Card title="访问令牌（供数据接口使用）">
          <p className="mb-4 text-base text-gray-600">
            令牌让市关工委汇总程序或脚本以您的身份读取数据，权限与您的账号相同。令牌最长有效 90 天；修改密码后所有令牌自动失效。不用时请及时撤销。
          </p>
          <CreateTokenForm action={createTokenAction} askCode={mfa.enrolled} />
          {tokens.length > 0 && (
            <div className="mt-6">
              <DataTable
                boxed={false}
                columns={[{ label: "名称" }, { label: "开头" }, { label: "有效期至" }, { label: "最近使用" }, { label: "最近使用 IP" }, { label: "状态" }]}
              >
                {tokens.map((t) => (
                  <Tr key={t.id}>
                    <Td>{t.name}</Td>
                    <Td className="font-mono text-sm">{t.prefix}…</Td>
                    <Td>{formatDate(t.expiresAt)}</Td>
                    <Td>{formatDateTime(t.lastUsedAt)}</Td>
                    <Td className="font-mono text-sm">{t.lastUsedIp ?? "—"}</Td>
                    <Td>
                      {t.revokedAt ? "已撤销" : t.expiresAt <= now ? "已过期" : <RevokeTokenButton action={revokeTokenAction} id={t.id} />}
                    </Td>
                  </Tr>
                ))}
              </DataTable>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
