import Link from "next/link";

/** The org path of a unit, from the highest unit the viewer may see. */
export function OrgBreadcrumb({ trail }: { trail: { id: string; name: string }[] }) {
  return (
    <nav aria-label="组织路径" className="mb-3 text-base text-gray-600">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <Link href="/org" className="underline-offset-2 hover:underline">
            组织架构
          </Link>
        </li>
        {trail.map((u, i) => (
          <li key={u.id} className="flex items-center gap-1">
            <span aria-hidden>›</span>
            {i === trail.length - 1 ? (
              <span className="font-medium text-gray-900" aria-current="page">
                {u.name}
              </span>
            ) : (
              <Link href={`/org/${u.id}`} className="underline-offset-2 hover:underline">
                {u.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
