import { Tabs } from "@/components/ui/tabs";

const TABS = [
  { href: "/rules/meetings", label: "会议制度" },
  { href: "/rules/assessment", label: "五好考核" },
  { href: "/rules/requests", label: "请示汇报" },
  { href: "/rules/subsidies", label: "补贴发放" },
] as const;

/** The four 制度 of DOMAIN §4.3, one tab each. */
export function RulesTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <Tabs label="制度落实" tabs={TABS.map((t) => ({ ...t, current: t.href === current }))} />;
}
