import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getStation } from "@/lib/server/stations/read-stations";
import { formatDate } from "@/lib/format";
import { todayInBeijing } from "@/lib/schemas/dates";
import { KIND_LABELS } from "@/lib/schemas/activity";
import { formatWan, formatYuan, PURCHASE_ITEM_LABELS, PURCHASE_ITEM_UNITS } from "@/lib/schemas/station";
import { ButtonLink } from "@/components/ui/button";
import { YearLinks, yearChoice } from "@/components/ui/year-links";
import { Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { Facts, Notice } from "@/components/ui/page";
import { ReadingRoomText, YearProgress } from "@/components/stations/bits";
import { FundingForm, PurchaseForm } from "@/components/stations/station-forms";
import { StationCoordinators } from "@/components/stations/coordinator-forms";
import { stationCoordinators } from "@/lib/server/stations/coordinators";
import { assignCoordinatorAction, createFundingAction, createPurchaseAction, unassignCoordinatorAction } from "../actions";

export const metadata: Metadata = { title: "辅导站详情" };

export default async function StationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string; year?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  const { created, saved } = sp;
  const { years, year } = yearChoice(sp.year);
  const s = await orNotFound(getStation(actor, id, year));
  const canWrite = can(actor, "station.write");
  const coordinators = canWrite ? await orNotFound(stationCoordinators(actor, s.id)) : null;
  const today = todayInBeijing();

  return (
    <div>
      <Link href="/stations" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回辅导站列表
      </Link>
      <PageHeader
        title={s.name}
        subtitle={s.orgUnit.name}
        actions={
          canWrite && (
            <ButtonLink href={`/stations/${s.id}/edit`} variant="secondary">
              编辑资料
            </ButtonLink>
          )
        }
      />
      {created && <Notice>辅导站已登记。</Notice>}
      {saved && <Notice>修改已保存。</Notice>}

      <YearLinks years={years} current={year} href={(y) => `/stations/${s.id}?year=${y}`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`${s.year} 年活动`}>
          <YearProgress count={s.yearActivities} year={s.year} />
          <h3 className="mb-2 mt-5 text-base font-semibold text-gray-900">最近的活动</h3>
          {s.recentActivities.length === 0 ? (
            <p className="text-base text-gray-600">还没有活动记录。辅导员在“活动记录”里登记每次活动。</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-base">
              {s.recentActivities.map((a) => (
                <li key={a.id} className="flex flex-wrap justify-between gap-x-3 py-2">
                  <span>
                    <span className="text-gray-600">{formatDate(a.date)}</span> · {KIND_LABELS[a.kind]} · {a.title}
                  </span>
                  <span className="tabular-nums text-gray-600">{a.youthParticipants} 人次</span>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="基本信息">
          <Facts
            rows={[
              ["所在单位", s.orgUnit.name],
              ["地址", s.address ?? "—"],
              ["挂钩学校", s.pairedSchool?.name ?? "未挂钩"],
              ["辅导员", s.tutors.length ? s.tutors.join("、") : "—"],
              ["电子阅览室", <ReadingRoomText key="room" present={s.eReadingRoom} upToStandard={s.eReadingRoomUpToStandard} />],
              ["检查日期", formatDate(s.eReadingRoomCheckedOn)],
            ]}
          />
        </Card>

        <Card title="设备">
          <p className="mb-3 text-base text-gray-700">
            共购置 <strong data-testid="equipment-total" className="tabular-nums">{s.equipmentQuantity}</strong> 件，合计{" "}
            <span className="tabular-nums">{formatYuan(s.equipmentCostFen)}</span>
          </p>
          {s.equipment.length === 0 ? (
            <EmptyState title="还没有购置记录" hint={canWrite ? "在下面登记为本站购置的电脑、空调、桌椅。" : undefined} />
          ) : (
            <DataTable boxed={false} columns={[{ label: "物品" }, { label: "数量" }, { label: "金额" }]}>
              {s.equipment.map((e) => (
                <Tr key={e.item}>
                  <Td>{PURCHASE_ITEM_LABELS[e.item]}</Td>
                  <Td className="tabular-nums" >
                    <span data-testid={`equipment-${e.item}`}>{e.quantity}</span> {PURCHASE_ITEM_UNITS[e.item]}
                  </Td>
                  <Td className="tabular-nums">{formatYuan(e.costFen)}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
          {canWrite && (
            <div className="mt-5 border-t border-gray-100 pt-4">
              <h3 className="mb-3 text-base font-semibold text-gray-900">登记购置设备</h3>
              <PurchaseForm action={createPurchaseAction} stationId={s.id} today={today} />
            </div>
          )}
        </Card>

        <Card title="筹集资金">
          <p className="text-base text-gray-700">
            累计 <strong data-testid="funding-total" className="tabular-nums">{formatYuan(s.fundingFen)}</strong>（{formatWan(s.fundingFen)}），共{" "}
            {s.fundingCount} 笔
          </p>
          {canWrite && (
            <div className="mt-5 border-t border-gray-100 pt-4">
              <h3 className="mb-3 text-base font-semibold text-gray-900">登记筹集资金</h3>
              <FundingForm action={createFundingAction} stationId={s.id} today={today} />
            </div>
          )}
        </Card>

        {coordinators && (
          <Card title="辅导员账号">
            <StationCoordinators
              stationId={s.id}
              assigned={coordinators.assigned}
              candidates={coordinators.candidates}
              assign={assignCoordinatorAction}
              remove={unassignCoordinatorAction}
            />
          </Card>
        )}
      </div>
    </div>
  );
}
