/**
 * 操作日志: what the page and its Excel export call things, and the filters of both (from
 * the URL query string). Pure: the page, the export route and the tests share it.
 */
import { z } from "zod";
import { ZFilterDay } from "./activity";
import { emptyToUndefined } from "./person";
import { optionalText, ZPage } from "./text";

/** Audit action codes in plain Chinese. A code missing here is shown as it is. */
export const ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "登录",
  "auth.sign_in_failed": "登录失败",
  "auth.locked": "账号锁定",
  "auth.sign_out": "退出登录",
  "session.end_own": "退出其他设备",
  "authz.denied": "越权访问被拒绝",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.reset_password": "重置密码",
  "user.set_disabled": "停用/启用账号",
  "user.change_own_password": "修改本人密码",
  "user.choose_own_password": "首次登录设置密码",
  "token.create": "生成访问令牌",
  "token.revoke": "撤销访问令牌",
  "token.revoke_by_admin": "管理员撤销访问令牌",
  "token.create_refused": "生成令牌被拒绝（密码不对）",
  "org.create_unit": "新增单位",
  "org.update_unit": "修改单位",
  "org.merge_unit": "撤并单位",
  "org.set_committee_established": "登记关工委成立日期",
  "roster.appoint": "任命班子成员",
  "roster.change": "修改班子成员",
  "roster.end": "班子成员离任",
  "volunteer.register": "登记五老志愿者",
  "volunteer.update": "修改五老志愿者",
  "volunteer.set_status": "变更志愿者状态",
  "training.create": "登记培训",
  "training.record_attendance": "登记培训参加人员",
  "recognition.create": "登记表彰",
  "publicity.create": "登记宣传报道",
  "station.create": "新建辅导站",
  "station.update": "修改辅导站",
  "station.coordinator.assign": "指定辅导员账号",
  "station.coordinator.remove": "移除辅导员账号",
  "funding.create": "登记经费",
  "purchase.create": "登记设备购置",
  "summer_plan.create": "新建暑期计划",
  "summer_plan.advance": "推进暑期计划",
  "summer_plan.link_activity": "关联暑期活动",
  "activity.create": "登记活动",
  "activity.update": "修改活动",
  "meeting.create": "登记会议",
  "meeting.update": "修改会议",
  "meeting.add_decision": "登记会议决定事项",
  "meeting.decision_done": "决定事项办结",
  "assessment.round.create": "新建五好评估",
  "assessment.round.update": "修改五好评估标准",
  "assessment.round.publish": "发布五好评估标准",
  "assessment.round.confirm": "确认五好评估结果",
  "assessment.score": "五好评分",
  "assessment.advanced": "评定先进单位",
  "party_request.create": "提交请示汇报",
  "party_request.answer": "答复请示汇报",
  "subsidy.create": "登记补贴",
  "subsidy.mark_paid": "补贴已发放",
  "zero_crime.report": "上报零犯罪",
  "zero_crime.confirm": "确认零犯罪",
  "zero_crime.confirm_year": "确认零犯罪年度",
  "survey.create": "新建调研",
  "survey.add_finding": "登记调研发现",
  "survey.follow_up": "调研问题跟进",
  "document.create": "上传政策文件",
  "document.update": "修改政策文件",
  "import.units": "导入组织架构",
  "import.rosters": "导入班子成员",
  "import.volunteers": "导入五老志愿者",
  "import.stations": "导入校外辅导站",
  "import.activities": "导入活动记录",
  "import.users": "导入用户账号",
  "tenant.create": "创建区",
  "tenant.set_disabled": "停用/启用区",
  "tenant.reset_admin_password": "重置区管理员密码",
  "tenant.demo_remove": "删除演示区",
  "platform_admin.create": "新建系统管理员",
  "platform_admin.reset_password": "重置系统管理员密码",
  "audit.export": "导出操作日志",
  "audit.archive": "归档旧日志",
  "system.restore": "从备份恢复",
  "user.mfa_enrolled": "开启两步验证",
  "auth.mfa_verified": "两步验证通过",
  "auth.mfa_failed": "两步验证码错误",
  "auth.mfa_recovery_used": "使用恢复码登录",
  "user.mfa_reset": "管理员重置两步验证",
  "user.mfa_disabled": "关闭两步验证",
  "user.mfa_recovery_codes_renewed": "重新生成恢复码",
  "user.mfa_change_refused": "两步验证设置被拒绝",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** What an entry was about (AuditLog.entity), in plain Chinese; unknown names as they are. */
const ENTITY_LABELS: Record<string, string> = {
  AccessToken: "访问令牌",
  Activity: "活动",
  AssessmentResult: "五好评分",
  AssessmentRound: "五好评估",
  AuditLog: "操作日志",
  Backup: "数据备份",
  Authorization: "权限检查",
  Funding: "经费",
  Import: "数据导入",
  Meeting: "会议",
  MeetingDecision: "会议决定事项",
  OrgUnit: "单位",
  PartyRequest: "请示汇报",
  PolicyDocument: "政策文件",
  Publicity: "宣传报道",
  Purchase: "设备购置",
  Recognition: "表彰",
  RosterPosition: "班子职务",
  Station: "辅导站",
  Subsidy: "补贴",
  SummerPlan: "暑期计划",
  Survey: "调研",
  SurveyFinding: "调研发现",
  Tenant: "区",
  TrainingSession: "培训",
  User: "用户",
  Volunteer: "五老志愿者",
  ZeroCrimeRecord: "零犯罪记录",
  ZeroCrimeYear: "零犯罪年度",
};

export const entityLabel = (entity: string) => ENTITY_LABELS[entity] ?? entity;

/** How the entry came in (AuditLog.via). */
const VIA_LABELS: Record<string, string> = { session: "网页", token: "访问令牌", cli: "命令行" };

export const viaLabel = (via: string | null) => (via ? (VIA_LABELS[via] ?? via) : "");

/** Filters of 操作日志, as they come in the query string. */
export const AUDIT_FILTER_KEYS = ["user", "action", "unit", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

const FIELDS = {
  /** Part of a username or of a person's name. */
  user: optionalText("操作人", 50),
  action: z.preprocess(
    emptyToUndefined,
    z.string({ error: "请从列表中选择操作" }).regex(/^[a-z][a-z0-9_.]{0,63}$/, "请从列表中选择操作").optional(),
  ),
  /** A unit in scope: entries of the people of that unit and every unit below it. */
  unit: z.preprocess(emptyToUndefined, z.uuid({ error: "请从列表中选择单位" }).optional()),
  from: ZFilterDay("开始日期"),
  to: ZFilterDay("结束日期"),
} satisfies Record<AuditFilterKey, z.ZodType>;

export type TAuditFilters = { [K in AuditFilterKey]?: string };

/**
 * The filters from a query string, one field at a time: a bad value is left out and its
 * message comes back under its name, so the page shows it beside that field and still
 * applies the others (and the export route refuses with the same messages).
 */
export function parseAuditFilters(raw: Record<string, string | undefined>): {
  filters: TAuditFilters;
  errors: Partial<Record<AuditFilterKey, string>>;
  page: number;
} {
  const filters: TAuditFilters = {};
  const errors: Partial<Record<AuditFilterKey, string>> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const r = FIELDS[key].safeParse(raw[key]);
    if (!r.success) errors[key] = r.error.issues[0].message;
    else if (r.data !== undefined) filters[key] = r.data;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = "结束日期不能早于开始日期";
    delete filters.to;
  }
  const page = ZPage.safeParse(raw.page);
  return { filters, errors, page: page.success ? page.data : 1 };
}

/** The query string of these filters (and a page), for links, the export and pagination. */
export function auditQuery(filters: TAuditFilters, page?: number): string {
  const q = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) if (filters[key]) q.set(key, filters[key]);
  if (page && page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}
