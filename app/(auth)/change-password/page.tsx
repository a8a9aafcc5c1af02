import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession, sessionRedirect } from "@/lib/server/auth/session";
import { homeFor } from "@/lib/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ChooseOwnPasswordForm } from "./form";
import { chooseOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "设置新密码" };

/**
 * Where everyone whose password was chosen by someone else lands after signing in: they
 * choose their own before any other page, action or API call works (requireActor sends
 * them here). Outside the signed-in shell on purpose: they have no district view yet.
 */
export default async function ChangePasswordPage() {
  const s = await currentSession();
  if (s.kind === "actor") redirect(homeFor(s.actor.role));
  if (s.kind !== "must_change") redirect(sessionRedirect(s));
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-16 sm:items-center sm:pt-0">
      <div className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold text-accent">青苗</p>
          <h1 className="mt-1 text-xl font-semibold text-gray-900">请设置您自己的密码</h1>
          <p className="mt-2 text-base text-gray-600">
            {s.user.displayName}（{s.user.username}），您的密码是管理员设置的临时密码。为了账号安全，请先设置一个只有您知道的新密码，然后继续使用。
          </p>
        </div>
        <ChooseOwnPasswordForm action={chooseOwnPasswordAction} />
        <div className="mt-6 flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
