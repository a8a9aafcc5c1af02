import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan, can } from "@/lib/server/permissions";
import { formatDate } from "@/lib/format";
import { scopeTree } from "@/lib/server/org/read-units";
import { PageHeader } from "@/components/ui/page";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "组织架构" };

type TreeNode = Awaited<ReturnType<typeof scopeTree>>;

function UnitLink({ node }: { node: TreeNode }) {
  const closed = !node.active;
  return (
    <Link
      href={`/org/${node.id}`}
      className={`font-medium underline-offset-2 hover:text-accent hover:underline ${closed ? "text-gray-500 line-through decoration-gray-400" : "text-gray-900"}`}
    >
      {node.name}
      <span className="ml-2 text-sm font-normal text-gray-500">{node.kind}</span>
      {closed ? (
        <span className="ml-2 inline-block text-sm text-gray-600 no-underline">已于{formatDate(node.closedOn)}撤销</span>
      ) : (
        !node.committeeEstablishedOn && <span className="ml-2 text-sm text-red-700">未成立关工委</span>
      )}
    </Link>
  );
}

function Branch({ node, open }: { node: TreeNode; open?: boolean }) {
  if (!node.children.length) {
    return (
      <li className="flex min-h-11 items-center pl-6">
        <UnitLink node={node} />
      </li>
    );
  }
  return (
    <li>
      <details open={open} className="group">
        <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2">
          <span aria-hidden className="inline-block w-4 text-gray-500 transition-transform group-open:rotate-90">
            ▸
          </span>
          <UnitLink node={node} />
          <span className="text-sm text-gray-500">（下级 {node.children.length} 个）</span>
        </summary>
        <ul className="ml-4 border-l border-gray-200 pl-2">
          {node.children.map((c) => (
            <Branch key={c.id} node={c} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export default async function OrgPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const showClosed = (await searchParams).closed === "1";
  const root = await orNotFound((async () => {
    assertCan(actor, "org.read");
    return scopeTree(actor, { includeClosed: showClosed });
  })());
  const manage = can(actor, "org.manage") && (root.level === "DISTRICT" || root.level === "TOWN");
  return (
    <div>
      <PageHeader
        title="组织架构"
        subtitle={`${root.name}及其下级${root.level === "DISTRICT" ? "镇（街道）、村（社区）和学校" : "单位"}。点单位名称查看详情，点 ▸ 展开或收起下级。`}
        actions={
          <>
            {manage && (
              <ButtonLink href={`/org/${root.id}#add-unit`} variant="primary">
                新增下级单位
              </ButtonLink>
            )}
            <ButtonLink href={showClosed ? "/org" : "/org?closed=1"} aria-pressed={showClosed} data-testid="toggle-closed">
              {showClosed ? "隐藏已撤销单位" : "显示已撤销单位"}
            </ButtonLink>
          </>
        }
      />
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <ul className="text-base" data-testid="org-tree">
          <Branch node={root} open />
        </ul>
      </div>
    </div>
  );
}
