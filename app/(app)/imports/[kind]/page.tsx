import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { canImport, templateOf } from "@/lib/server/imports/run";
import { PageHeader } from "@/components/ui/page";
import { importKindInfo } from "@/components/imports/kinds";
import { ImportFlow } from "@/components/imports/import-flow";

export const metadata: Metadata = { title: "数据导入" };

export default async function ImportKindPage({ params }: { params: Promise<{ kind: string }> }) {
  const actor = await requireActor();
  const info = importKindInfo((await params).kind);
  if (!info || !canImport(actor, info.kind)) notFound();
  const template = templateOf(info.kind);
  return (
    <div>
      <p className="mb-2 text-base">
        <Link href="/imports" className="text-accent underline-offset-2 hover:underline">
          ← 数据导入
        </Link>
      </p>
      <PageHeader title={`导入${info.title}`} subtitle={info.what} />
      <details className="mb-4 rounded-lg border border-gray-200 bg-white p-4 text-base">
        <summary className="cursor-pointer font-medium text-gray-900">表格应有的列（带 * 的必须填写）</summary>
        <ul className="mt-2 space-y-1 text-gray-700">
          {template.columns.map((c) => (
            <li key={c.header}>
              <span className="font-medium">
                {c.header}
                {c.required ? "*" : ""}
              </span>
              {c.note ? `：${c.note}` : ""}
            </li>
          ))}
        </ul>
        <p className="mt-2">
          <a href={`/api/v1/imports/${info.kind}/template`} download className="text-accent underline">
            下载{info.title}模板
          </a>
        </p>
      </details>
      <ImportFlow kind={info.kind} title={info.title} listHref={info.listHref} listLabel={info.listLabel} />
    </div>
  );
}
