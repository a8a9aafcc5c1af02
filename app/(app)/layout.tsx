import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { ROLE_LABELS } from "@/lib/server/permissions";
import { navFor } from "@/lib/nav";
import { Sidebar } from "@/components/shell/sidebar";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { DemoBanner } from "@/components/shell/demo-banner";

/** The signed-in shell: the demo banner (demo districts only), header with who is signed in, sidebar by role, the page. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="min-h-screen">
      {actor.tenantIsDemo && <DemoBanner />}
      <header className="no-print border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="flex items-baseline gap-2">
            <span className="text-2xl font-bold text-accent">青苗</span>
            <span className="hidden text-base text-gray-600 sm:inline">关工委工作平台</span>
          </Link>
          <div className="flex items-center gap-3 text-base">
            <span className="text-gray-800" data-testid="whoami">
              {actor.displayName}
              <span className="ml-2 hidden text-gray-500 sm:inline">
                {actor.orgUnitName} · {ROLE_LABELS[actor.role]}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 md:flex-row md:gap-8 md:py-6">
        <aside className="md:w-48 md:shrink-0">
          <Sidebar items={navFor(actor.role)} />
        </aside>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
