"use client";
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { Month } from "@/lib/server/metrics/dashboard";
import { formatCount } from "./format";

export const CHART_COLOUR = "#a4262c"; // the theme's accent
const HEIGHT = 240;

function MonthBars({ title, unit, months, field, width }: { title: string; unit: string; months: Month[]; field: "sessions" | "participants"; width?: number }) {
  const summary = months.map((m) => `${m.month}月 ${m[field]} ${unit}`).join("，");
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-base font-medium text-gray-800">{title}</figcaption>
      {/* On phones the chart keeps a legible width and scrolls sideways; the numbers are also in the table below. */}
      <div className="overflow-x-auto print:overflow-visible">
        <div role="img" aria-label={`${title}：${summary}`} className={width ? undefined : "min-w-[460px]"}>
          <BarChart
            data={months}
            responsive={!width}
            width={width}
            height={HEIGHT}
            style={width ? undefined : { width: "100%", height: HEIGHT }}
            margin={{ top: 24, right: 4, bottom: 0, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke="#e5e7eb" />
            <XAxis dataKey="month" tickFormatter={(m: number) => `${m}月`} interval={0} tick={{ fontSize: 14, fill: "#4b5563" }} tickLine={false} />
            <YAxis hide />
            <Bar dataKey={field} fill={CHART_COLOUR} isAnimationActive={false} maxBarSize={36}>
              <LabelList dataKey={field} position="top" formatter={(v) => formatCount(Number(v))} style={{ fontSize: 13, fill: "#374151" }} />
            </Bar>
          </BarChart>
        </div>
      </div>
    </figure>
  );
}

/** Activities and participant-times by month: two single-colour charts with their numbers on the bars. */
export function MonthlyCharts({ months, width }: { months: Month[]; width?: number }) {
  return (
    <div className={width ? "space-y-4" : "grid gap-6 xl:grid-cols-2"}>
      <MonthBars title="活动场次（次）" unit="次" months={months} field="sessions" width={width} />
      <MonthBars title="受教育青少年（人次）" unit="人次" months={months} field="participants" width={width} />
    </div>
  );
}
