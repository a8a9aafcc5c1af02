import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession, sessionRedirect } from "@/lib/server/auth/session";
import { enrolmentKey } from "@/lib/server/auth/mfa-self";
import { PLATFORM_HOME } from "@/lib/server/auth/access";
import { homeFor } from "@/lib/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { EnrolForm } from "@/components/mfa/mfa-forms";
import { confirmRequiredEnrolmentAction } from "../actions";

export const metadata: Metadata = { title: "设置两步验证" };

/**
 * Where a district or platform admin without 两步验证 lands after signing in: the role requires
 * it, so no other page, action or API call works until it is set up (requireActor sends them
 * here). Outside the signed-in shell, like the first password choice.
 */
export default async function TwoStepSetupPage() {
  const s = await currentSession();
  if (s.kind === "actor") redirect(homeFor(s.actor.role));
  if (s.kind !== "mfa_enrol") redirect(sessionRedirect(s));
  const key = await enrolmentKey(s.user.userId);
  if (!key) redirect(sessionRedirect(s));
  const home = s.user.role === "PLATFORM_ADMIN" ? PLATFORM_HOME : homeFor(s.user.role);
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-10">
      <div className="w-full max-w-2xl rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="no-print mb-6">
          <p className="text-3xl font-bold text-accent">青苗</p>
          <h1 className="mt-1 text-xl font-semibold text-gray-900">请设置两步验证</h1>
          <p className="mt-2 text-base text-gray-600">
            {s.user.displayName}（{s.user.username}），您的账号可以管理全区（或各区）的账号和数据，必须开启两步验证：登录时除了密码，还要输入手机上每 30 秒更换一次的验证码。这样即使密码被别人知道，也登录不了您的账号。设置只需两三分钟。
          </p>
        </div>
        <EnrolForm action={confirmRequiredEnrolmentAction} qr={key.qr} manualKey={key.key} doneHref={home} doneLabel="我已保存好恢复码，继续" />
        <div className="no-print mt-8 flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
