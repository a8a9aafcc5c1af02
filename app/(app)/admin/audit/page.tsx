import type { Metadata } from "next";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound, searchStrings } from "@/lib/server/pages";
import { auditActionOptions, auditUnitOptions, listAudit } from "@/lib/server/audit-log/read-audit";
import { AUDIT_EXPORT_MAX_ROWS } from "@/lib/server/audit-log/export";
import { actionLabel, auditQuery, entityLabel, parseAuditFilters, viaLabel } from "@/lib/schemas/audit";
import { formatDate, formatDateTime } from "@/lib/format";
import { ListEmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Pagination, Td, Tr } from "@/components/ui/table";
import { FilterBar, unitOptions, type FilterOption } from "@/components/ui/filter-bar";
import { Field, SelectInput, TextInput } from "@/components/ui/form";

export const metadata: Metadata = { title: "操作日志" };

type Search = Partial<Record<"user" | "action" | "unit" | "from" | "to" | "page", string | string[]>>;

const exportLink =
  "inline-flex min-h-12 items-center justify-center rounded-md border border-gray-300 bg-white px-5 text-base font-medium text-gray-800 hover:bg-gray-100";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { filters, errors, page } = parseAuditFilters(searchStrings(await searchParams));
  const [actions, units] = await orNotFound(Promise.all([auditActionOptions(actor), auditUnitOptions(actor)]));
  if (filters.unit && !units.some((u) => u.id === filters.unit)) {
    errors.unit = "找不到这个单位，请从列表中选择";
    delete filters.unit;
  }
  if (filters.action && !actions.some((a) => a.value === filters.action)) actions.push({ value: filters.action, label: actionLabel(filters.action) });
  const { items, total, pages } = await orNotFound(listAudit(actor, filters, page));
  const filtered = Object.values(filters).some(Boolean);
  const period = filters.from || filters.to ? `${filters.from ? formatDate(filters.from) : "最早"} 至 ${filters.to ? formatDate(filters.to) : "今天"}，` : "";

  return (
    <div>
      <PageHeader
        title="操作日志"
        subtitle={
          <>
            本区所有登录和修改记录，只增不改，至少保存 180 天（更早的记录由系统管理员归档保存）。
            <br />
            {filtered ? `${period}符合条件的共 ${total} 条。` : `共 ${total} 条。`}
          </>
        }
        actions={
          total > AUDIT_EXPORT_MAX_ROWS ? (
            <p className="max-w-xs text-base text-amber-900">超过 {AUDIT_EXPORT_MAX_ROWS} 条，无法一次导出。请缩小日期范围后再导出。</p>
          ) : (
            total > 0 && (
              <a href={`/admin/audit/export${auditQuery(filters)}`} download className={exportLink}>
                导出Excel
              </a>
            )
          )
        }
      />

      <FilterBar label="筛选操作日志" className="sm:grid-cols-2 lg:grid-cols-3" clearHref={(filtered || Object.keys(errors).length > 0) && "/admin/audit"}>
        <Field label="操作人（用户名或姓名）" name="user" error={errors.user}>
          <TextInput name="user" defaultValue={filters.user ?? ""} error={errors.user} />
        </Field>
        <Choice name="action" label="操作" allLabel="全部操作" options={actions} value={filters.action} error={errors.action} />
        <Choice name="unit" label="操作人所在单位（含下级单位）" allLabel="全部单位" options={unitOptions(units)} value={filters.unit} error={errors.unit} />
        <Field label="开始日期" name="from" error={errors.from}>
          <TextInput name="from" type="date" defaultValue={filters.from ?? ""} error={errors.from} />
        </Field>
        <Field label="结束日期" name="to" error={errors.to}>
          <TextInput name="to" type="date" defaultValue={filters.to ?? ""} error={errors.to} />
        </Field>
      </FilterBar>

      {items.length === 0 ? (
        <ListEmptyState filtered={filtered} what="操作记录" title="还没有操作记录" hint="登录、修改数据等操作会自动记在这里。" />
      ) : (
        <DataTable columns={["时间", "操作人", "操作", "对象", "来源", "详情"].map((label) => ({ label }))}>
          {items.map((a) => (
            <Tr key={String(a.id)} className="align-top">
              <Td className="whitespace-nowrap">{formatDateTime(a.at)}</Td>
              <Td>
                {a.actor ? (
                  <>
                    <div className="font-medium">{a.actor.displayName}</div>
                    <div className="text-gray-600">
                      {a.actorName}
                      {a.actor.unitName && ` · ${a.actor.unitName}`}
                    </div>
                  </>
                ) : (
                  a.actorName
                )}
              </Td>
              <Td>{actionLabel(a.action)}</Td>
              <Td>
                {entityLabel(a.entity)}
                {a.entityId && <span className="font-mono text-gray-600"> {a.entityId.slice(0, 8)}</span>}
              </Td>
              <Td>
                {viaLabel(a.via)} {a.ip ?? ""}
              </Td>
              <Td className="max-w-md">
                {(a.before !== null || a.after !== null) && (
                  <details>
                    <summary className="cursor-pointer text-accent">查看</summary>
                    <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-base">
                      {JSON.stringify({ 修改前: a.before, 修改后: a.after }, null, 1)}
                    </pre>
                  </details>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} href={(p) => `/admin/audit${auditQuery(filters, p)}`} />
    </div>
  );
}

/** A labelled select of the filter bar with its message beside it: "" (allLabel) is no filter. */
function Choice(props: { name: string; label: string; allLabel: string; options: FilterOption[]; value?: string; error?: string }) {
  return (
    <Field label={props.label} name={props.name} error={props.error}>
      <SelectInput name={props.name} defaultValue={props.value ?? ""} error={props.error}>
        <option value="">{props.allLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectInput>
    </Field>
  );
}
