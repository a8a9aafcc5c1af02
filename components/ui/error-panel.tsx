"use client";
/**
 * What an error boundary shows (app/(app)/error.tsx, app/global-error.tsx). In production a
 * client boundary gets only a digest of a server error, never its message, so it cannot tell
 * a database outage from a bug by itself: it asks GET /api/health/ready. A 503 there means the
 * database is out of reach, and the page says so calmly; anything else is a fault of this page,
 * shown with the digest as a reference number the server log can be searched for.
 */
import { useEffect, useState } from "react";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/unavailable-message";

type Kind = "checking" | "unavailable" | "fault";

export function ErrorPanel({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  const [kind, setKind] = useState<Kind>("checking");
  useEffect(() => {
    let live = true;
    fetch("/api/health/ready", { cache: "no-store" })
      .then((r) => live && setKind(r.status === 503 ? "unavailable" : "fault"))
      .catch(() => live && setKind("fault"));
    return () => {
      live = false;
    };
  }, []);
  const unavailable = kind === "unavailable";
  return (
    <div
      className={`rounded-lg border bg-white p-8 text-center ${unavailable ? "border-amber-200" : "border-red-200"}`}
      data-testid="error-panel"
      data-kind={kind}
      role="alert"
    >
      <h1 className="text-xl font-semibold text-gray-900">{unavailable ? DATABASE_UNAVAILABLE_MESSAGE : "页面出错了"}</h1>
      <p className="mt-2 text-base text-gray-600">
        {unavailable
          ? "系统正在恢复中，您刚才的操作没有完成。请稍等片刻后点击“重试”；如果长时间无法使用，请联系系统管理员。"
          : "刚才的操作没有完成，您填写的内容没有保存。请重试；如果一直出错，请联系区关工委管理员。"}
      </p>
      {digest && !unavailable && <p className="mt-2 text-base text-gray-500">参考编号：{digest}</p>}
      <button
        type="button"
        onClick={onRetry}
        className="mt-4 inline-flex min-h-12 items-center justify-center rounded-md bg-accent px-5 text-base font-medium text-white hover:bg-accent-dark"
      >
        重试
      </button>
    </div>
  );
}
