import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/server/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Shown when the role has this permission (the same table the server enforces). */
  permission?: Permission;
  /** Or: shown for exactly these roles. */
  roles?: Role[];
}

/** The sidebar. Each capability adds its entry here as it lands (see shared/UX.md). */
export const NAV: NavItem[] = [
  { href: "/", label: "工作台", roles: ["DISTRICT_ADMIN", "TOWN_ADMIN", "UNIT_ADMIN", "STATION_COORDINATOR"] },
  { href: "/dashboard", label: "数据看板", permission: "dashboard.read" },
  { href: "/org", label: "组织架构", permission: "org.read" },
  { href: "/rosters", label: "班子队伍", permission: "people.read", roles: ["DISTRICT_ADMIN", "TOWN_ADMIN", "UNIT_ADMIN", "LEADER"] },
  { href: "/volunteers", label: "五老志愿者", permission: "people.read" },
  { href: "/stations", label: "校外辅导站", permission: "station.read" },
  { href: "/activities", label: "活动记录", permission: "station.read" },
  { href: "/rules", label: "制度落实", permission: "rules.read" },
  { href: "/outcomes", label: "成效与调研", permission: "outcome.read" },
  { href: "/imports", label: "数据导入", roles: ["DISTRICT_ADMIN", "TOWN_ADMIN", "UNIT_ADMIN"] },
  { href: "/admin/users", label: "用户管理", permission: "user.manage" },
  { href: "/admin/audit", label: "操作日志", permission: "audit.read" },
  { href: "/settings", label: "个人设置" },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter(
    (i) => (!i.permission || can({ role }, i.permission)) && (!i.roles || i.roles.includes(role)),
  );
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  return role === "LEADER" ? "/dashboard" : "/";
}
