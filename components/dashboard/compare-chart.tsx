"use client";
import { useState } from "react";
import { Bar, BarChart, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";
import { SelectInput } from "@/components/ui/form";
import { CHART_COLOUR } from "./trend-charts";
import { formatPercent } from "./format";

export interface CompareOption {
  key: string;
  label: string;
  /** The whole unit's rate, drawn as a reference line. */
  overall: number | null;
  /** Children with something counted for this rate. */
  bars: { name: string; value: number }[];
}

const ROW = 34;

/** One rate across the child units, chosen from a list; the unit's own rate as a dashed line. */
export function CompareChart({ options, initialKey }: { options: CompareOption[]; initialKey: string }) {
  const [key, setKey] = useState(initialKey);
  // After a year change the chosen rate may have no figures: fall back rather than show nothing.
  const option = options.find((o) => o.key === key) ?? options.find((o) => o.key === initialKey) ?? options[0];
  if (!option) return null;
  const height = option.bars.length * ROW + 40;
  // Room for the longest name at 14 px (Chinese characters are square), within reason on a phone.
  const nameWidth = Math.min(168, Math.max(...option.bars.map((b) => b.name.length), 2) * 15 + 8);
  const summary = option.bars.map((b) => `${b.name} ${formatPercent(b.value)}`).join("，");
  return (
    <div>
      <div className="no-print mb-3 flex flex-wrap items-center gap-2">
        <label htmlFor="compare-metric" className="text-base text-gray-700">
          比较指标
        </label>
        <SelectInput name="compare-metric" value={option.key} onChange={(e) => setKey(e.target.value)} className="sm:w-auto">
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </SelectInput>
      </div>
      {option.bars.length === 0 ? (
        <p className="text-base text-gray-600">该年度各下级单位暂无此项数据。</p>
      ) : (
        <div role="img" aria-label={`${option.label}：${summary}`}>
          <BarChart
            data={option.bars}
            layout="vertical"
            responsive
            style={{ width: "100%", height }}
            margin={{ top: 20, right: 56, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <XAxis type="number" domain={[0, 1]} hide />
            <YAxis type="category" dataKey="name" width={nameWidth} interval={0} tick={{ fontSize: 14, fill: "#374151" }} tickLine={false} axisLine={false} />
            <Bar dataKey="value" fill={CHART_COLOUR} isAnimationActive={false} barSize={20}>
              <LabelList dataKey="value" position="right" formatter={(v) => formatPercent(Number(v))} style={{ fontSize: 14, fill: "#374151" }} />
            </Bar>
            {option.overall !== null && (
              <ReferenceLine
                x={option.overall}
                stroke="#6b7280"
                strokeDasharray="4 4"
                label={{ value: `整体 ${formatPercent(option.overall)}`, position: "top", fontSize: 13, fill: "#4b5563" }}
              />
            )}
          </BarChart>
        </div>
      )}
    </div>
  );
}
