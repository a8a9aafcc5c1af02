import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/server/auth/session";
import { canImport } from "@/lib/server/imports/run";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page";
import { IMPORT_KIND_INFO } from "@/components/imports/kinds";

export const metadata: Metadata = { title: "数据导入" };

const download = "inline-flex min-h-12 items-center justify-center rounded-md border border-gray-300 bg-white px-4 text-base text-gray-800 hover:bg-gray-100";

/** 数据导入: one card per kind the role may import, in the order a district loads its data. */
export default async function ImportsPage() {
  const actor = await requireActor();
  const kinds = IMPORT_KIND_INFO.filter((k) => canImport(actor, k.kind));
  if (kinds.length === 0) notFound();
  return (
    <div>
      <PageHeader
        title="数据导入"
        subtitle="用 Excel 或 WPS 表格批量导入本辖区的数据：先下载模板，按模板填写（也可以先导出现有数据再修改），再上传。上传后先检查，确认无误才导入；同一文件重复导入不会产生重复数据。"
      />
      <ol className="grid gap-4 md:grid-cols-2">
        {kinds.map((k, i) => (
          <li key={k.kind} className="flex flex-col rounded-lg border border-gray-200 bg-white p-5" data-testid={`import-card-${k.kind}`}>
            <h2 className="text-lg font-semibold text-gray-900">
              <span className="mr-2 text-gray-500">{i + 1}.</span>
              {k.title}
            </h2>
            <p className="mt-1 flex-1 text-base text-gray-600">{k.what}</p>
            <div className="mt-4 flex flex-wrap gap-2">
              <ButtonLink href={`/imports/${k.kind}`} variant="primary">
                上传文件
              </ButtonLink>
              {/* Plain links: file downloads, not pages. */}
              <a href={`/api/v1/imports/${k.kind}/template`} download className={download}>
                下载模板
              </a>
              {k.kind !== "users" && (
                <a href={`/api/v1/exports/${k.kind}`} download className={download}>
                  导出现有数据
                </a>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
