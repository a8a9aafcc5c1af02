import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { documentFacets, listDocuments, parseDocumentFilters } from "@/lib/server/outcomes/documents";
import { formatFileSize, type TDocumentFilters } from "@/lib/schemas/document";
import { formatDate } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { ListEmptyState, Notice, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";
import { FilterBar, filterControl, FilterSelect, yearOptions } from "@/components/ui/filter-bar";
import { OutcomeTabs } from "@/components/outcomes/tabs";
import { DownloadLink } from "@/components/outcomes/documents/download-link";

export const metadata: Metadata = { title: "政策文件" };

type Search = Partial<Record<"q" | "topic" | "issuer" | "year" | "page", string>>;

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { filters, badFilter } = filtersOr<TDocumentFilters>(() => parseDocumentFilters(raw), { page: 1 });
  const [list, facets] = await orNotFound(Promise.all([listDocuments(actor, filters), documentFacets(actor)]));
  const canWrite = can(actor, "research.write");
  const newButton = canWrite && (
    <ButtonLink href="/outcomes/documents/new" variant="primary">
      上传文件
    </ButtonLink>
  );
  const { page, ...kept } = filters;
  const filtered = Object.values(kept).some((v) => v !== undefined);
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries(kept).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    if (p > 1) q.set("page", String(p));
    return `/outcomes/documents?${q}`;
  };

  return (
    <div>
      <PageHeader
        title="政策文件"
        subtitle={`${filtered ? "符合条件的" : ""}文件共 ${list.total} 份；本单位和上级单位归档的文件都在这里`}
        actions={newButton}
      />
      <OutcomeTabs current="/outcomes/documents" />
      {badFilter && <Notice tone="warn">筛选条件或页码有误，已显示全部文件。</Notice>}

      <FilterBar label="查找政策文件" className="sm:grid-cols-2 lg:grid-cols-6" submitLabel="查找" clearHref={filtered && "/outcomes/documents"}>
        <input name="q" defaultValue={filters.q ?? ""} placeholder="标题或文号" aria-label="标题或文号" className={`${filterControl} lg:col-span-2`} />
        <FilterSelect name="topic" label="主题" allLabel="全部主题" value={filters.topic} options={facets.topics.map((t) => ({ value: t, label: t }))} />
        <FilterSelect name="issuer" label="发文单位" allLabel="全部发文单位" value={filters.issuer} options={facets.issuers.map((i) => ({ value: i, label: i }))} />
        <FilterSelect name="year" label="发文年份" allLabel="全部年份" value={filters.year} options={yearOptions(facets.years)} />
      </FilterBar>

      {list.items.length === 0 ? (
        <ListEmptyState
          filtered={filtered}
          what="文件"
          filteredTitle="没有找到符合条件的文件"
          filteredHint="换个标题或文号里的字词，或放宽筛选条件再试；也可以点“清除”查看全部。"
          title="还没有政策文件"
          hint={canWrite ? "点“上传文件”，把本单位的政策文件（PDF、Word 或图片）连同文号、发文单位一起归档。" : "上级或本单位上传文件后，会显示在这里。"}
          action={newButton}
        />
      ) : (
        <DataTable
          columns={[
            { label: "文件标题" },
            { label: "文号", className: "hidden md:table-cell whitespace-nowrap" },
            { label: "发文单位", className: "hidden lg:table-cell" },
            { label: "发文日期", className: "hidden sm:table-cell whitespace-nowrap" },
            { label: "主题", className: "hidden lg:table-cell whitespace-nowrap" },
            { label: "文件", className: "whitespace-nowrap" },
          ]}
        >
          {list.items.map((d) => (
            <Tr key={d.id}>
              <Td>
                <Link href={`/outcomes/documents/${d.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  {d.title}
                </Link>
                <div className="text-base text-gray-600 md:hidden">{d.docNumber ?? "无文号"}</div>
                <div className="text-base text-gray-600 sm:hidden">{formatDate(d.issuedOn)}</div>
              </Td>
              <Td className="hidden whitespace-nowrap md:table-cell">{d.docNumber ?? <span className="text-gray-500">—</span>}</Td>
              <Td className="hidden lg:table-cell">{d.issuers.join("、")}</Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{formatDate(d.issuedOn)}</Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">{d.topic}</Td>
              <Td className="whitespace-nowrap">
                {d.fileName ? (
                  <DownloadLink id={d.id}>
                    下载<span className="hidden sm:inline">（{formatFileSize(d.sizeBytes ?? 0)}）</span>
                  </DownloadLink>
                ) : (
                  <span className="text-gray-500">无文件</span>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={list.pages} href={href} />
    </div>
  );
}
