import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { currentSession, sessionRedirect } from "@/lib/server/auth/session";
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from "@/lib/server/auth/sign-in";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, logLine } from "@/lib/server/unavailable";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

/** The session of a visitor with a cookie; null when the database cannot be reached, so the page still renders. */
async function sessionOrUnavailable() {
  try {
    return await currentSession();
  } catch (e) {
    if (!isDatabaseUnavailable(e)) throw e;
    console.error("[login] database unavailable:", logLine(e));
    return null;
  }
}

export default async function LoginPage() {
  const session = await sessionOrUnavailable();
  if (session?.kind === "actor") redirect("/");
  if (session && session.kind !== "none") redirect(sessionRedirect(session));
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-16 sm:items-center sm:pt-0">
      <div className="w-full max-w-md rounded-xl border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold text-accent">青苗</p>
          <h1 className="mt-1 text-xl font-semibold text-gray-900">关心下一代工作委员会 · 工作平台</h1>
          <p className="mt-1 text-base text-gray-600">请使用单位分配的账号登录</p>
        </div>
        {session === null && (
          <p className="mb-5 rounded-md bg-amber-50 px-3 py-2 text-base text-amber-900" data-testid="login-unavailable">
            {DATABASE_UNAVAILABLE_MESSAGE}
          </p>
        )}
        <Suspense>
          <LoginForm />
        </Suspense>
        {/* Every failed sign-in gets one answer (lib/server/auth/sign-in.ts), so the lock is said here, to everyone. */}
        <p className="mt-6 text-center text-sm text-gray-500">
          密码连续输错 {MAX_FAILED_SIGN_INS} 次，账号将锁定 {LOCK_MINUTES} 分钟。忘记密码请联系区关工委管理员重置。
        </p>
      </div>
    </main>
  );
}
