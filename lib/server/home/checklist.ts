import "server-only";
/**
 * The home page's "what needs doing" list: the few things in the actor's scope that
 * are missing or wrong, each with the page that fixes it. Each capability adds its
 * checks here; each check is one or two scoped queries, never a loop over units.
 */
import type { Actor } from "../actor";
import { can } from "../permissions";
import { complianceInScope } from "../people/read-roster";
import { countVolunteers } from "../people/read-volunteers";

export interface ChecklistItem {
  key: string;
  title: string;
  detail: string;
  href: string;
  action: string;
}

export async function homeChecklist(actor: Actor): Promise<ChecklistItem[]> {
  const items: ChecklistItem[] = [];
  if (!can(actor, "people.read")) return items;
  const [compliance, untrained] = await Promise.all([
    can(actor, "people.write") ? complianceInScope(actor) : Promise.resolve([]),
    countVolunteers(actor, { trained: "no", status: "ACTIVE" }),
  ]);

  const noCommittee = compliance.filter((c) => c.compliance.failedRules.includes("committee"));
  if (noCommittee.length) {
    items.push({
      key: "committee",
      title: `${noCommittee.length} 个单位尚未成立关工委`,
      detail: noCommittee.slice(0, 3).map((c) => c.unit.name).join("、") + (noCommittee.length > 3 ? " 等" : ""),
      href: "/rosters?rule=committee",
      action: "查看并登记",
    });
  }
  const failing = compliance.filter((c) => c.compliance.status === "NON_COMPLIANT" && !c.compliance.failedRules.includes("committee"));
  if (failing.length) {
    items.push({
      key: "roster",
      title: `${failing.length} 个单位班子配备不符合要求`,
      detail: failing
        .slice(0, 3)
        .map((c) => `${c.unit.name}：${c.compliance.reasons[0]}`)
        .join("；") + (failing.length > 3 ? " 等" : ""),
      href: "/rosters?status=NON_COMPLIANT",
      action: "去调整班子",
    });
  }
  if (untrained > 0) {
    items.push({
      key: "training",
      title: `${untrained} 名在队志愿者未参加入门培训`,
      detail: "参加活动前须先完成入门培训。",
      href: "/volunteers?trained=no&status=ACTIVE",
      action: "安排培训",
    });
  }
  return items;
}
