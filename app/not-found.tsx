import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, not prerendered: a prerendered page's scripts carry no nonce, and the
  // CSP of proxy.ts would block them (an address matching no page is served this page).
  await connection();
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md rounded-lg border border-gray-200 bg-white p-8 text-center" data-testid="not-found">
        <p className="text-5xl font-bold text-gray-300">404</p>
        <h1 className="mt-2 text-xl font-semibold text-gray-900">找不到这个页面</h1>
        <p className="mt-2 text-base text-gray-600">该记录不存在，或不在您的管辖范围内。</p>
        <Link href="/" className="mt-6 inline-flex min-h-12 items-center rounded-md bg-accent px-5 text-base font-medium text-white">
          返回首页
        </Link>
      </div>
    </main>
  );
}
