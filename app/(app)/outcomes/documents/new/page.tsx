import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { outcomeUnitOptions } from "@/lib/server/outcomes/units";
import { documentFacets } from "@/lib/server/outcomes/documents";
import { Card, PageHeader } from "@/components/ui/page";
import { DocumentForm } from "@/components/outcomes/documents/document-form";
import { createDocumentAction } from "../actions";

export const metadata: Metadata = { title: "上传政策文件" };

export default async function NewDocumentPage() {
  const actor = await requireActor();
  const [{ owners, targets }, facets] = await orNotFound(
    (async () => {
      assertCan(actor, "research.write");
      return Promise.all([outcomeUnitOptions(actor), documentFacets(actor)]);
    })(),
  );
  return (
    <div>
      <Link href="/outcomes/documents" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回政策文件
      </Link>
      <PageHeader title="上传政策文件" subtitle="文件连同标题、文号、发文单位和日期一起归档，之后可以按标题或文号查找。" />
      <Card>
        <DocumentForm action={createDocumentAction} owners={owners} targets={targets} topics={facets.topics} />
      </Card>
    </div>
  );
}
