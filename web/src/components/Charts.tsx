// The analytics charts. Colours hold at least 3:1 against both themes' card backgrounds.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { Analytics } from "../api/types";

const kVerdictColours: Record<string, string> = {
  APPROVE: "#15803d",
  REQUEST_CHANGES: "#b91c1c",
  NEEDS_DISCUSSION: "#b45309",
};
const kSeverityColours = ["#b91c1c", "#c2410c", "#a16207", "#1d4ed8", "#475569"];

function ChartFrame({ label, children }: { label: string; children: React.ReactElement }) {
  return (
    <figure aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%" minWidth={200} minHeight={200}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

export function VerdictChart({ data }: { data: Analytics }) {
  const slices = Object.entries(data.verdicts)
    .filter(([, count]) => count > 0)
    .map(([name, value]) => ({ name: name.replaceAll("_", " ").toLowerCase(), value, key: name }));
  return (
    <ChartFrame label="Verdict distribution">
      <PieChart>
        <Pie data={slices} dataKey="value" nameKey="name" outerRadius={80} label isAnimationActive={false}>
          {slices.map((slice) => (
            <Cell key={slice.key} fill={kVerdictColours[slice.key] ?? "#475569"} />
          ))}
        </Pie>
        <Tooltip />
        <Legend />
      </PieChart>
    </ChartFrame>
  );
}

export function ReviewsPerDayChart({ data }: { data: Analytics }) {
  return (
    <ChartFrame label="Reviews per day">
      <BarChart data={data.per_day}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="date" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="reviews" name="reviews" fill="#1d4ed8" isAnimationActive={false} />
        <Bar dataKey="posted" name="posted" fill="#15803d" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function SeverityChart({ data }: { data: Analytics }) {
  const bars = Object.entries(data.comments_by_severity).map(([severity, figures]) => ({
    severity,
    total: figures.total,
  }));
  return (
    <ChartFrame label="Comments by severity">
      <BarChart data={bars}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="severity" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="total" name="comments" isAnimationActive={false}>
          {bars.map((bar, index) => (
            <Cell key={bar.severity} fill={kSeverityColours[index % kSeverityColours.length]} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

export function TokensCostChart({ data }: { data: Analytics }) {
  return (
    <ChartFrame label="Tokens and cost over time">
      <LineChart data={data.per_day}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="date" tick={{ fontSize: 11 }} />
        <YAxis yAxisId="tokens" />
        <YAxis yAxisId="cost" orientation="right" />
        <Tooltip />
        <Legend />
        <Line yAxisId="tokens" dataKey="input_tokens" name="input tokens" stroke="#1d4ed8" dot={false} isAnimationActive={false} />
        <Line yAxisId="tokens" dataKey="output_tokens" name="output tokens" stroke="#7e22ce" dot={false} isAnimationActive={false} />
        <Line yAxisId="cost" dataKey="cost_usd" name="cost (USD)" stroke="#b45309" dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}
