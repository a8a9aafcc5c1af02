import Link from "next/link";
import { requirePlatformAdmin } from "@/lib/server/platform/platform-actor";
import { SignOutButton } from "@/components/shell/sign-out-button";

/**
 * 系统管理: the platform admin's own shell. No district sidebar and no district data:
 * districts, their state and their admins only.
 */
export default async function PlatformLayout({ children }: { children: React.ReactNode }) {
  const admin = await requirePlatformAdmin();
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/platform" className="flex items-baseline gap-2">
            <span className="text-2xl font-bold text-accent">青苗</span>
            <span className="text-lg text-gray-700">· 系统管理</span>
          </Link>
          <div className="flex items-center gap-3 text-base">
            <span className="text-gray-800" data-testid="whoami">
              {admin.displayName}
              <span className="ml-2 hidden text-gray-500 sm:inline">系统管理员</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
