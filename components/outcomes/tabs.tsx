import { Tabs } from "@/components/ui/tabs";

const TABS = [
  { href: "/outcomes/zero-crime", label: "零犯罪创建" },
  { href: "/outcomes/surveys", label: "调研" },
  { href: "/outcomes/documents", label: "政策文件" },
] as const;

/** 成效与调研 (DOMAIN §4.5), one tab each. */
export function OutcomeTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <Tabs label="成效与调研" tabs={TABS.map((t) => ({ ...t, current: t.href === current }))} />;
}
