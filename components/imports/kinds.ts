/**
 * The import kinds as the pages show them: in the order a district loads its data
 * (the tree first, activities last — each needs the ones before it).
 */
import type { ImportKind } from "@/lib/imports/templates";

export interface ImportKindInfo {
  /** The five template kinds, and the optional accounts import. */
  kind: ImportKind | "users";
  title: string;
  what: string;
  /** Where the imported rows are seen afterwards. */
  listHref: string;
  listLabel: string;
}

export const IMPORT_KIND_INFO: readonly ImportKindInfo[] = [
  { kind: "units", title: "组织架构", what: "镇（街道）、村（社区）和学校，按单位代码对应；先导入这一项", listHref: "/org", listLabel: "查看组织架构" },
  { kind: "rosters", title: "班子成员", what: "各单位关工委的主任、常务副主任、副主任和成员，含任职和离任日期", listHref: "/rosters", listLabel: "查看班子队伍" },
  { kind: "volunteers", title: "五老志愿者", what: "老干部、老战士、老专家、老教师、老模范的名册", listHref: "/volunteers", listLabel: "查看五老志愿者" },
  { kind: "stations", title: "校外辅导站", what: "各镇（街道）、村（社区）的校外辅导站，含挂钩学校和电子阅览室", listHref: "/stations", listLabel: "查看校外辅导站" },
  { kind: "activities", title: "活动记录", what: "辅导站开展的活动，只填参加的青少年人数，不填姓名", listHref: "/activities", listLabel: "查看活动记录" },
  {
    kind: "users",
    title: "用户账号",
    what: "一次为各镇（街道）、村（社区）开通账号；系统生成初始密码，只显示一次，本人首次登录时须改为自己的密码",
    listHref: "/admin/users",
    listLabel: "查看用户管理",
  },
];

export const importKindInfo = (kind: string) => IMPORT_KIND_INFO.find((k) => k.kind === kind);
