import { Tabs } from "@/components/ui/tabs";
import { UNTRAINED_FLAG } from "@/lib/schemas/volunteer";

const TABS = [
  { href: "/volunteers", label: "志愿者名册" },
  { href: "/volunteers/training", label: "培训" },
  { href: "/volunteers/recognition", label: "表彰奖励" },
  { href: "/volunteers/publicity", label: "媒体宣传" },
] as const;

/** The four parts of 五老志愿者. */
export function VolunteerTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <Tabs label="五老志愿者" tabs={TABS.map((t) => ({ ...t, current: t.href === current }))} />;
}

/** The flag on a volunteer who has not attended 入门培训. */
export function UntrainedFlag({ className }: { className?: string }) {
  return (
    <span
      data-testid="untrained-flag"
      className={`inline-block rounded bg-amber-50 px-2 py-0.5 text-base text-amber-800 ring-1 ring-amber-300 ${className ?? ""}`}
    >
      ⚠ {UNTRAINED_FLAG}
    </span>
  );
}

const STATUS_TONE = { ACTIVE: "text-green-700", PAUSED: "text-amber-700", LEFT: "text-gray-500" } as const;

export function StatusText({ status, label }: { status: keyof typeof STATUS_TONE; label: string }) {
  return <span className={`whitespace-nowrap ${STATUS_TONE[status]}`}>{label}</span>;
}
