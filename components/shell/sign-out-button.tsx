"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/login?reason=signedout" })}
      className="min-h-11 rounded-md border border-gray-300 px-3 text-base text-gray-700 hover:bg-gray-100"
    >
      退出登录
    </button>
  );
}
