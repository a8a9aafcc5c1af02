"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  // Signing out is a round trip: say so, and keep a second tap from sending another.
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/login?reason=signedout" }).catch(() => setPending(false));
      }}
      className="min-h-11 rounded-md border border-gray-300 px-3 text-base text-gray-700 hover:bg-gray-100 disabled:opacity-60"
    >
      {pending ? "正在退出…" : "退出登录"}
    </button>
  );
}
