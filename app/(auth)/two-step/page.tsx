import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession, sessionRedirect } from "@/lib/server/auth/session";
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from "@/lib/server/auth/sign-in";
import { homeFor } from "@/lib/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { CodeStepForm } from "@/components/mfa/mfa-forms";
import { verifyCodeAction } from "./actions";

export const metadata: Metadata = { title: "两步验证" };

/**
 * The second step of signing in for a user with 两步验证: the password was right, and until a
 * code is given this session opens nothing but this page (lib/server/auth/access.ts).
 */
export default async function TwoStepPage() {
  const s = await currentSession();
  if (s.kind === "actor") redirect(homeFor(s.actor.role));
  if (s.kind !== "mfa_verify") redirect(sessionRedirect(s));
  const whoResets = s.user.role === "PLATFORM_ADMIN" ? "请服务器运维人员运行 npm run platform:admin 重置" : s.user.role === "DISTRICT_ADMIN" ? "请联系本区其他管理员或系统管理员重置两步验证" : "请联系区关工委管理员重置两步验证";
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-16 sm:items-center sm:pt-0">
      <div className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold text-accent">青苗</p>
          <h1 className="mt-1 text-xl font-semibold text-gray-900">两步验证</h1>
          <p className="mt-2 text-base text-gray-600">
            {s.user.displayName}（{s.user.username}），密码正确。请再输入手机身份验证器应用上的验证码，完成登录。
          </p>
        </div>
        <CodeStepForm action={verifyCodeAction} />
        <div className="mt-6 flex flex-col gap-2 text-base text-gray-700">
          <p>
            <span className="font-medium">手机不在身边或换了手机？</span>在“验证码”一栏输入一个恢复码（开启两步验证时打印或抄下的 16 位字符），每个只能用一次。
          </p>
          <p>
            <span className="font-medium">恢复码也找不到了？</span>
            {whoResets}。
          </p>
          <p className="text-gray-500">
            验证码连续输错 {MAX_FAILED_SIGN_INS} 次，账号将锁定 {LOCK_MINUTES} 分钟。
          </p>
        </div>
        <div className="mt-6 flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
