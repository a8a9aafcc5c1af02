import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { documentFacets, getDocument } from "@/lib/server/outcomes/documents";
import { outcomeUnitOptions } from "@/lib/server/outcomes/units";
import { FILE_KINDS } from "@/lib/server/outcomes/file-type";
import { formatFileSize } from "@/lib/schemas/document";
import { isoDay } from "@/lib/schemas/dates";
import { formatDate, formatDateTime } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Card, Facts, Notice, PageHeader } from "@/components/ui/page";
import { DocumentForm } from "@/components/outcomes/documents/document-form";
import { DownloadLink } from "@/components/outcomes/documents/download-link";
import { updateDocumentAction } from "../actions";

export const metadata: Metadata = { title: "政策文件" };

const typeLabel = (mimeType: string | null) => Object.values(FILE_KINDS).find((k) => k.mimeType === mimeType)?.label ?? mimeType ?? "—";

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Partial<Record<"edit" | "created" | "saved", string>>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const doc = await orNotFound(getDocument(actor, id));
  // Only the filing unit's subtree may correct it: a town reads district documents but does not edit them.
  const canEdit = doc.editable && can(actor, "research.write");
  const editing = canEdit && Boolean(sp.edit);
  const [options, facets] = editing ? await Promise.all([outcomeUnitOptions(actor), documentFacets(actor)]) : [null, null];
  const here = `/outcomes/documents/${doc.id}`;

  return (
    <div>
      <Link href="/outcomes/documents" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回政策文件
      </Link>
      <PageHeader
        title={doc.title}
        subtitle={`${doc.docNumber ? `${doc.docNumber} · ` : ""}${doc.issuers.join("、")} · ${formatDate(doc.issuedOn)}`}
        actions={
          <>
            {doc.fileName && <DownloadLink id={doc.id} primary>
                下载文件
              </DownloadLink>}
            {canEdit && !editing && <ButtonLink href={`${here}?edit=1`}>修改信息</ButtonLink>}
          </>
        }
      />
      {sp.created && <Notice>文件已上传归档。</Notice>}
      {sp.saved && <Notice>文件信息已保存。</Notice>}

      {editing && options && facets ? (
        <Card title="修改文件信息">
          <DocumentForm
            action={updateDocumentAction}
            targets={options.targets}
            topics={facets.topics}
            initial={{
              id: doc.id,
              title: doc.title,
              docNumber: doc.docNumber ?? undefined,
              issuers: doc.issuers.join("、"),
              issuedOn: isoDay(doc.issuedOn) ?? undefined,
              topic: doc.topic,
              unitIds: doc.units.map((u) => u.id).join(","),
            }}
          />
          <Link href={here} className="mt-2 inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
            取消
          </Link>
        </Card>
      ) : (
        <Card>
          <Facts
            rows={[
              ["文件标题", doc.title],
              ["文号", doc.docNumber ?? "—"],
              ["发文单位", doc.issuers.join("、")],
              ["发文日期", formatDate(doc.issuedOn)],
              ["主题", doc.topic],
              ["归档单位", doc.orgUnit.name],
              ["涉及的单位", doc.units.length ? doc.units.map((u) => u.name).join("、") : "—"],
              [
                "文件",
                doc.fileName ? (
                  <span className="break-all">
                    {doc.fileName}（{typeLabel(doc.mimeType)}，{formatFileSize(doc.sizeBytes ?? 0)}）
                  </span>
                ) : (
                  "无文件"
                ),
              ],
              ["SHA-256", doc.sha256 ? <span className="break-all font-mono text-sm">{doc.sha256}</span> : "—"],
              ["上传时间", formatDateTime(doc.createdAt)],
            ]}
          />
        </Card>
      )}
    </div>
  );
}
