import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { assertCan } from "@/lib/server/permissions";
import { scopeTree } from "@/lib/server/org/read-units";
import { PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "组织架构" };

type TreeNode = Awaited<ReturnType<typeof scopeTree>>;

function UnitLink({ node }: { node: TreeNode }) {
  return (
    <Link href={`/org/${node.id}`} className="font-medium text-gray-900 underline-offset-2 hover:text-accent hover:underline">
      {node.name}
      <span className="ml-2 text-sm font-normal text-gray-500">{node.kind}</span>
      {!node.committeeEstablishedOn && <span className="ml-2 text-sm text-red-700">未成立关工委</span>}
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

export default async function OrgPage() {
  const actor = await requireActor();
  const root = await orNotFound((async () => {
    assertCan(actor, "org.read");
    return scopeTree(actor);
  })());
  return (
    <div>
      <PageHeader title="组织架构" subtitle={`${root.name}及其下级${root.level === "DISTRICT" ? "镇（街道）、村（社区）和学校" : "单位"}。点单位名称查看详情，点 ▸ 展开或收起下级。`} />
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <ul className="text-base" data-testid="org-tree">
          <Branch node={root} open />
        </ul>
      </div>
    </div>
  );
}
