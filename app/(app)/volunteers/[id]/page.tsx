import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/auth/session";
import { orNotFound } from "@/lib/server/pages";
import { can } from "@/lib/server/permissions";
import { getVolunteer } from "@/lib/server/people/read-volunteers";
import { NO_CONSENT_MESSAGE } from "@/lib/server/people/publicity";
import { formatDate, formatDateTime } from "@/lib/format";
import { CADRE_RANK_LABELS, GENDER_LABELS } from "@/lib/schemas/person";
import { CATEGORY_LABELS, HONOR_LEVEL_LABELS, STATUS_LABELS, TRAINING_KIND_LABELS } from "@/lib/schemas/volunteer";
import { todayInBeijing } from "@/lib/schemas/dates";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/page";
import { StatusText, UntrainedFlag } from "@/components/volunteers/bits";
import { Facts, Notice } from "@/components/ui/page";
import { PublicityForm, RecognitionForm, VolunteerStatusForm } from "@/components/volunteers/volunteer-forms";
import { createPublicityAction, createRecognitionAction, setVolunteerStatusAction } from "../actions";

export const metadata: Metadata = { title: "志愿者详情" };

export default async function VolunteerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string }>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const { created, saved } = await searchParams;
  const v = await orNotFound(getVolunteer(actor, id));
  const canWrite = can(actor, "people.write");
  const p = v.person;
  const today = todayInBeijing();

  return (
    <div>
      <Link href="/volunteers" className="inline-flex min-h-12 items-center text-base text-gray-600 hover:underline">
        ‹ 返回志愿者名册
      </Link>
      <PageHeader
        title={v.name}
        subtitle={
          <span>
            {CATEGORY_LABELS[v.category]} · {v.orgUnitName} · <StatusText status={v.status} label={STATUS_LABELS[v.status]} />
          </span>
        }
        actions={
          canWrite && (
            <ButtonLink href={`/volunteers/${v.id}/edit`} variant="secondary">
              编辑资料
            </ButtonLink>
          )
        }
      />
      {created && <Notice>志愿者已登记。{!v.trainedOn && "请尽快安排入门培训。"}</Notice>}
      {saved && <Notice>修改已保存。</Notice>}
      {!v.trainedOn && (
        <div className="mb-4">
          <UntrainedFlag />
          {canWrite && (
            <Link href="/volunteers/training" className="ml-3 inline-flex min-h-12 items-center text-base text-accent underline">
              去登记培训
            </Link>
          )}
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="基本信息">
          <Facts
            rows={[
              ["性别", p.gender ? GENDER_LABELS[p.gender] : "—"],
              ["出生年份", p.birthYear ? `${p.birthYear} 年` : "—"],
              ["联系电话", <span key="phone" className="tabular-nums" data-testid="phone">{p.phone ?? "—"}</span>],
              ["政治面貌", p.politicalStatus ?? "—"],
              ["原任职务", p.formerPost ?? "—"],
              ["干部级别", CADRE_RANK_LABELS[p.cadreRank]],
              ["是否退休", p.retired ? "已退休" : "未退休"],
              ["特长", v.skills.length ? v.skills.join("、") : "—"],
              ["加入日期", formatDate(v.joinedOn)],
              ["入门培训", v.trainedOn ? `${formatDate(v.trainedOn)} 完成` : <span key="t" className="text-amber-800">未参加</span>],
              ["媒体宣传", v.publicityConsent ? "本人同意" : "本人未同意"],
              ["最后修改", formatDateTime(v.updatedAt)],
            ]}
          />
        </Card>

        <div className="flex flex-col gap-4">
          {canWrite && (
            <Card title="在队状态">
              <VolunteerStatusForm action={setVolunteerStatusAction} id={v.id} status={v.status} />
            </Card>
          )}
          <Card title={`培训记录（${v.training.length}）`}>
            {v.training.length === 0 ? (
              <p className="text-base text-gray-600">
                还没有培训记录。{canWrite && "在“培训”页创建培训并勾选参加人员后，会显示在这里。"}
              </p>
            ) : (
              <ul className="divide-y divide-gray-100 text-base">
                {v.training.map((t) => (
                  <li key={t.id} className="py-2">
                    <Link href={`/volunteers/training/${t.id}`} className="font-medium text-accent hover:underline">
                      {t.title}
                    </Link>
                    <div className="text-gray-600">
                      {formatDate(t.heldOn)} · {TRAINING_KIND_LABELS[t.kind]} · {t.orgUnit.name}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <Card title={`表彰奖励（${v.recognitions.length} 人次）`}>
          {v.recognitions.length === 0 ? (
            <p className="mb-4 text-base text-gray-600">还没有表彰记录。{canWrite && "获得表彰后在下面登记。"}</p>
          ) : (
            <ul className="mb-4 divide-y divide-gray-100 text-base">
              {v.recognitions.map((r) => (
                <li key={r.id} className="py-2">
                  <span className="font-medium">{r.title}</span>
                  <span className="ml-2 rounded bg-gray-100 px-2 text-gray-700">{HONOR_LEVEL_LABELS[r.level]}</span>
                  <div className="text-gray-600">
                    {formatDate(r.awardedOn)} · {r.issuer}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {canWrite && (
            <details className="rounded-md border border-gray-200 p-3">
              <summary className="min-h-12 cursor-pointer py-2 text-base font-medium">登记一项表彰</summary>
              <div className="mt-3">
                <RecognitionForm action={createRecognitionAction} volunteerId={v.id} today={today} />
              </div>
            </details>
          )}
        </Card>

        <Card title={`媒体宣传（${v.publicity.length} 次）`}>
          {v.publicity.length === 0 ? (
            <p className="mb-4 text-base text-gray-600">还没有宣传报道记录。</p>
          ) : (
            <ul className="mb-4 divide-y divide-gray-100 text-base">
              {v.publicity.map((x) => (
                <li key={x.id} className="py-2">
                  <span className="font-medium">{x.outlet}</span>
                  {x.level && <span className="ml-2 rounded bg-gray-100 px-2 text-gray-700">{HONOR_LEVEL_LABELS[x.level]}</span>}
                  <div className="text-gray-600">
                    {formatDate(x.publishedOn)}
                    {x.link && (
                      <>
                        {" · "}
                        <a href={x.link} target="_blank" rel="noopener noreferrer" className="text-accent underline">
                          查看报道
                        </a>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {canWrite &&
            (v.publicityConsent ? (
              <details className="rounded-md border border-gray-200 p-3">
                <summary className="min-h-12 cursor-pointer py-2 text-base font-medium">登记一篇宣传报道</summary>
                <div className="mt-3">
                  <PublicityForm action={createPublicityAction} volunteerId={v.id} today={today} />
                </div>
              </details>
            ) : (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-base text-amber-900" data-testid="no-consent">
                {NO_CONSENT_MESSAGE}
              </p>
            ))}
        </Card>
      </div>
    </div>
  );
}
