"use client";
/**
 * When the root layout or a page outside the (app) shell fails (e.g. the database is out of
 * reach while the shell reads the session): replaces the whole document, so it brings its own
 * <html> and <body>. Retrying reloads the page, which asks the server again.
 */
import "./globals.css";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="zh-CN">
      <head>
        <title>暂时无法使用 · 青苗</title>
      </head>
      <body className="min-h-screen font-sans">
        <main className="flex min-h-[60vh] items-center justify-center px-4">
          <div className="w-full max-w-lg">
            <p className="mb-4 text-center text-3xl font-bold text-accent">青苗</p>
            <ErrorPanel digest={error.digest} onRetry={() => window.location.reload()} />
          </div>
        </main>
      </body>
    </html>
  );
}
