import type { Metadata } from "next";
import type { ReactNode } from "react";
import { FilterBar, filterControl, TownFilter } from "@/components/ui/filter-bar";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { listTownsInScope } from "@/lib/server/org/read-units";
import { orNotFound, filtersOr, searchStrings } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { moneyTotals, parseMoneyFilters, recentMoneyRecords } from "@/lib/server/stations/funding";
import { stationOptions } from "@/lib/server/stations/read-stations";
import { volunteerUnitOptions } from "@/lib/server/people/read-volunteers";
import { formatDate } from "@/lib/format";
import { isoDay, todayInBeijing } from "@/lib/schemas/dates";
import { formatWan, formatYuan, PURCHASE_ITEM_LABELS, PURCHASE_ITEM_UNITS, PURCHASE_ITEMS, type TMoneyFilters } from "@/lib/schemas/station";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { Notice } from "@/components/ui/page";
import { StationTabs } from "@/components/stations/bits";
import { FundingForm, PurchaseForm } from "@/components/stations/station-forms";
import { createFundingAction, createPurchaseAction } from "../actions";

export const metadata: Metadata = { title: "经费与设备" };

type Search = Partial<Record<"from" | "to" | "town", string>>;

export default async function FundingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const raw = searchStrings(sp);
  const { filters, badFilter } = filtersOr<TMoneyFilters>(() => parseMoneyFilters(raw), {});
  const canWrite = can(actor, "station.write");
  const [t, recent, towns, stations, units] = await orNotFound(
    Promise.all([
      moneyTotals(actor, filters),
      recentMoneyRecords(actor, 10),
      listTownsInScope(actor),
      canWrite ? stationOptions(actor) : [],
      canWrite ? volunteerUnitOptions(actor) : [],
    ]),
  );
  const today = todayInBeijing();
  const filtered = Boolean(filters.from || filters.to || filters.town);
  const period = filters.from || filters.to ? `${filters.from ? formatDate(filters.from) : "最早"} 至 ${filters.to ? formatDate(filters.to) : "今天"}` : "全部时间";
  const items = Object.fromEntries(t.items.map((i) => [i.item, i]));

  return (
    <div>
      <PageHeader title="校外辅导站" subtitle={`经费与设备 · ${t.town ? t.town.name : "全部范围"} · ${period}`} />
      <StationTabs current="/stations/funding" />
      {badFilter && <Notice tone="warn">筛选条件有误，已显示全部时间的合计。</Notice>}

      <FilterBar label="筛选时段" className="sm:grid-cols-4" submitLabel="统计" clearHref={filtered && "/stations/funding"}>
        <input type="date" name="from" aria-label="开始日期" defaultValue={isoDay(filters.from) ?? ""} className={filterControl} />
        <input type="date" name="to" aria-label="结束日期" defaultValue={isoDay(filters.to) ?? ""} className={filterControl} />
        {towns.length > 0 ? (
          <TownFilter towns={towns} value={filters.town} />
        ) : (
          <span />
        )}
      </FilterBar>

      <div className="mb-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card title="筹集资金">
          <p className="text-2xl font-semibold tabular-nums" data-testid="funding-wan">{formatWan(t.fundingFen)}</p>
          <p className="text-base text-gray-600">
            {formatYuan(t.fundingFen)}，共 {t.fundingCount} 笔
          </p>
        </Card>
        <Card title="购置设备">
          <p className="text-2xl font-semibold tabular-nums">{formatWan(t.purchaseFen)}</p>
          <p className="text-base text-gray-600">
            {PURCHASE_ITEMS.filter((i) => items[i]).map((i) => `${PURCHASE_ITEM_LABELS[i]} ${items[i].quantity} ${PURCHASE_ITEM_UNITS[i]}`).join("，") || "暂无"}
          </p>
        </Card>
        <Card title="添置设备的辅导站">
          <p className="text-2xl font-semibold tabular-nums">{t.equippedStations.town + t.equippedStations.village} 个</p>
          <p className="text-base text-gray-600">
            镇（街道）{t.equippedStations.town} 个、村（社区）{t.equippedStations.village} 个
          </p>
        </Card>
      </div>

      <Card title="按镇（街道）合计" className="mb-4">
        {t.byTown.length === 0 ? (
          <EmptyState title="这段时间没有资金或购置记录" hint={canWrite ? "在下方登记筹集的资金和购置的设备。" : undefined} />
        ) : (
          <MoneyTable first="镇（街道）" rows={t.byTown} name={(r) => r.name} withWan />
        )}
      </Card>

      <Card title="按辅导站合计" className="mb-4">
        {t.byStation.length === 0 ? (
          <p className="text-base text-gray-600">这段时间没有记到辅导站的资金或设备。</p>
        ) : (
          <MoneyTable
            first="辅导站"
            rows={t.byStation}
            name={(r) => (
              <Link href={`/stations/${r.id}`} className="text-accent hover:underline">
                {r.name}
              </Link>
            )}
          />
        )}
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="最近登记的资金">
          {recent.fundings.length === 0 ? (
            <p className="text-base text-gray-600">还没有资金记录。</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-base">
              {recent.fundings.map((f) => (
                <li key={f.id} className="flex flex-wrap justify-between gap-x-3 py-2">
                  <span>
                    <span className="text-gray-600">{formatDate(f.receivedOn)}</span> · {f.station?.name ?? f.orgUnit.name} · {f.source}
                  </span>
                  <span className="tabular-nums">{formatYuan(f.amountFen)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="最近登记的购置">
          {recent.purchases.length === 0 ? (
            <p className="text-base text-gray-600">还没有购置记录。</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-base">
              {recent.purchases.map((p) => (
                <li key={p.id} className="flex flex-wrap justify-between gap-x-3 py-2">
                  <span>
                    <span className="text-gray-600">{formatDate(p.purchasedOn)}</span> · {p.station.name} ·{" "}
                    {p.item === "OTHER" && p.itemName ? p.itemName : PURCHASE_ITEM_LABELS[p.item]} × {p.quantity}
                  </span>
                  <span className="tabular-nums">{formatYuan(p.costFen)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canWrite && (
          <>
            <Card title="登记筹集资金">
              <FundingForm action={createFundingAction} stations={stations} units={units} today={today} />
            </Card>
            <Card title="登记购置设备">
              <PurchaseForm action={createPurchaseAction} stations={stations} today={today} />
            </Card>
          </>
        )}
      </div>
    </div>
  );
}

interface MoneyRow {
  id: string;
  name: string;
  fundingFen: bigint;
  purchaseFen: bigint;
  items: Partial<Record<"COMPUTER" | "AIR_CONDITIONER" | "DESK" | "CHAIR" | "OTHER", number>>;
}

/** Funding, spending and equipment per town or per station. */
function MoneyTable({ first, rows, name, withWan = false }: { first: string; rows: MoneyRow[]; name: (r: MoneyRow) => ReactNode; withWan?: boolean }) {
  return (
    <DataTable
      boxed={false}
      columns={[
        { label: first },
        { label: "筹集资金" },
        { label: "购置金额", className: "hidden sm:table-cell" },
        { label: "电脑/空调/桌/椅", className: "hidden md:table-cell" },
      ]}
    >
      {rows.map((r) => (
        <Tr key={r.id}>
          <Td>{name(r)}</Td>
          <Td className="tabular-nums">
            {formatYuan(r.fundingFen)}
            {withWan && <div className="text-gray-600">{formatWan(r.fundingFen)}</div>}
          </Td>
          <Td className="hidden tabular-nums sm:table-cell">{formatYuan(r.purchaseFen)}</Td>
          <Td className="hidden tabular-nums md:table-cell">
            {r.items.COMPUTER ?? 0} / {r.items.AIR_CONDITIONER ?? 0} / {r.items.DESK ?? 0} / {r.items.CHAIR ?? 0}
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
