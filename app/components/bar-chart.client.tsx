/**
 * recharts bar chart, loaded only in the browser (see chart.tsx). Sized by
 * its parent's explicit width and height, so it never measures the DOM.
 */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { BarDatum } from "./chart";

export default function BarChartImpl({
  data,
  width,
  height,
  horizontal,
  valueName,
  format,
}: {
  data: BarDatum[];
  width: number;
  height: number;
  horizontal: boolean;
  valueName: string;
  format: (value: number) => string;
}) {
  // Wide enough for a province name on one line at 12px.
  const axisWidth = horizontal ? Math.min(170, 16 + 7 * Math.max(4, ...data.map((d) => d.label.length))) : 60;
  return (
    <BarChart
      width={width}
      height={height}
      data={data}
      layout={horizontal ? "vertical" : "horizontal"}
      margin={{ top: 8, right: 24, bottom: horizontal ? 8 : 40, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" />
      {horizontal ? (
        <>
          <XAxis type="number" tickFormatter={format} allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={axisWidth} interval={0} tick={{ fontSize: 12 }} />
        </>
      ) : (
        <>
          <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={format} allowDecimals={false} width={axisWidth} />
        </>
      )}
      <Tooltip formatter={(v) => [format(Number(v)), valueName]} isAnimationActive={false} />
      <Bar dataKey="value" name={valueName} fill="#0b3d91" isAnimationActive={false} />
    </BarChart>
  );
}
