import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { enrolmentKey, mfaStatus } from "@/lib/server/auth/mfa-self";
import { formatDate } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page";
import { EnrolForm, PasswordAndCodeForm } from "@/components/mfa/mfa-forms";
import { confirmEnrolmentAction, disableMfaAction, renewRecoveryCodesAction } from "../actions";

export const metadata: Metadata = { title: "两步验证" };

/** 个人设置 › 两步验证: set it up, renew the recovery codes, or turn it off where the role allows. */
export default async function SettingsTwoStepPage() {
  const actor = await requireActor();
  const status = await mfaStatus(actor.userId);
  const key = status.enrolled ? null : await enrolmentKey(actor.userId);
  const whoResets = actor.role === "DISTRICT_ADMIN" ? "本区其他管理员或系统管理员" : "区关工委管理员";
  return (
    <div>
      <Link href="/settings" className="no-print text-base text-gray-600 hover:underline">
        ‹ 返回个人设置
      </Link>
      <PageHeader title="两步验证" subtitle="登录时除了密码，还要输入手机上每 30 秒更换一次的验证码" />
      {key ? (
        <Card>
          <EnrolForm action={confirmEnrolmentAction} qr={key.qr} manualKey={key.key} doneHref="/settings" doneLabel="我已保存好恢复码，返回个人设置" />
        </Card>
      ) : (
        <div className="flex flex-col gap-4">
          <Card title="状态">
            <p className="text-base text-gray-700">
              已开启（{formatDate(status.enabledAt)}起）。剩余恢复码 {status.recoveryCodesLeft} 个。手机丢失且恢复码用完时，请联系{whoResets}重置。
            </p>
          </Card>
          <Card title="重新生成恢复码">
            <p className="mb-4 text-base text-gray-600">生成十个新的恢复码，旧的恢复码（用过的和没用过的）全部作废。</p>
            <PasswordAndCodeForm action={renewRecoveryCodesAction} prefix="renew" submitLabel="生成新的恢复码" doneHref="/settings" />
          </Card>
          <Card title="关闭两步验证">
            {status.required ? (
              <p className="text-base text-gray-700">您的账号可以管理全区的账号和数据，必须使用两步验证，不能关闭。</p>
            ) : (
              <>
                <p className="mb-4 text-base text-gray-600">关闭后，只凭密码就能登录您的账号。</p>
                <PasswordAndCodeForm action={disableMfaAction} prefix="disable" submitLabel="关闭两步验证" variant="danger" doneHref="/settings" />
              </>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
