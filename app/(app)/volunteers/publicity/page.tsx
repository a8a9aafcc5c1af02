import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { listPublicity } from "@/lib/server/people/publicity";
import { formatDate } from "@/lib/format";
import { HONOR_LEVEL_LABELS } from "@/lib/schemas/volunteer";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { VolunteerTabs } from "@/components/volunteers/bits";

export const metadata: Metadata = { title: "媒体宣传" };

export default async function PublicityPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireActor();
  const { cursor } = await searchParams;
  const list = await orNotFound(listPublicity(actor, { cursor: typeof cursor === "string" ? cursor : undefined }));
  return (
    <div>
      <PageHeader title="五老志愿者" subtitle={`媒体宣传共 ${list.total} 人次`} />
      <VolunteerTabs current="/volunteers/publicity" />
      <p className="mb-4 text-base text-gray-600">宣传报道在志愿者详情页登记；只有本人同意媒体宣传的志愿者才能登记。</p>
      {list.items.length === 0 ? (
        <EmptyState title="还没有媒体宣传记录" hint="打开一位同意宣传的志愿者，在“媒体宣传”里登记报道。" />
      ) : (
        <DataTable
          columns={[
            { label: "日期", className: "whitespace-nowrap" },
            { label: "志愿者" },
            { label: "媒体" },
            { label: "级别", className: "hidden sm:table-cell" },
            { label: "报道", className: "hidden sm:table-cell" },
          ]}
        >
          {list.items.map((x) => (
            <Tr key={x.id}>
              <Td className="whitespace-nowrap">{formatDate(x.publishedOn)}</Td>
              <Td>
                {x.person.volunteer ? (
                  <Link href={`/volunteers/${x.person.volunteer.id}`} className="font-medium text-accent hover:underline">
                    {x.person.name}
                  </Link>
                ) : (
                  x.person.name
                )}
                <div className="text-gray-600">{x.orgUnit.name}</div>
              </Td>
              <Td>{x.outlet}</Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{x.level ? HONOR_LEVEL_LABELS[x.level] : "—"}</Td>
              <Td className="hidden sm:table-cell">
                {x.link ? (
                  <a href={x.link} target="_blank" rel="noopener noreferrer" className="text-accent underline">
                    查看
                  </a>
                ) : (
                  "—"
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {(cursor || list.nextCursor) && (
        <nav className="mt-4 flex flex-wrap gap-3 text-base" aria-label="分页">
          {cursor && (
            <Link href="/volunteers/publicity" className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
              回到第一页
            </Link>
          )}
          {list.nextCursor && (
            <Link href={`/volunteers/publicity?cursor=${list.nextCursor}`} className="inline-flex min-h-12 items-center rounded-md border border-gray-300 bg-white px-4">
              下一页
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
