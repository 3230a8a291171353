/**
 * Cumulative planned vs actual disbursement (the S-curve): a recharts line
 * chart in a fixed-size box, drawn only in the browser after hydration (the
 * box keeps its size before, so nothing jumps; recharts is loaded lazily, as
 * chart.tsx does), and a captioned table of the same numbers under it — the
 * table is what screen readers and print use.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import type { CurvePoint } from "~/modules/finance/figures";
import { useT } from "~/i18n/useT";

interface LineDatum {
  label: string;
  cumPlanned: number;
  cumActual: number;
}

interface ImplProps {
  data: LineDatum[];
  width: number;
  height: number;
  plannedName: string;
  actualName: string;
  format: (value: number) => string;
}

const LineChartImpl = lazy(async () => {
  const { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } = await import("recharts");
  function Impl({ data, width, height, plannedName, actualName, format }: ImplProps) {
    return (
      <LineChart
        width={width}
        height={height}
        data={data}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={format} width={80} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v, name) => [format(Number(v)), name]} isAnimationActive={false} />
        <Legend />
        {/* Dashes as well as colour tell the two lines apart. */}
        <Line
          type="monotone"
          dataKey="cumPlanned"
          name={plannedName}
          stroke="#6b7280"
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="cumActual"
          name={actualName}
          stroke="#0b3d91"
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
      </LineChart>
    );
  }
  return { default: Impl };
});

export function SCurve({
  points,
  tableId,
  width = 640,
  height = 300,
  testId = "s-curve",
}: {
  points: CurvePoint[];
  /** Id of the table of the same numbers (unique on the page). */
  tableId: string;
  width?: number;
  height?: number;
  testId?: string;
}) {
  const { t, money, moneyExact } = useT();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (points.length === 0) return <p className="muted">{t("finance.curve.empty")}</p>;
  const label = (p: CurvePoint) =>
    t("finance.curve.quarterLabel", { quarter: String(p.quarter), year: String(p.year) });
  const data = points.map((p) => ({ label: label(p), cumPlanned: p.cumPlanned, cumActual: p.cumActual }));
  return (
    <div className="s-curve" data-testid={testId}>
      <figure className="chart">
        <figcaption className="chart__title">
          {t("finance.curve.title")}{" "}
          <a href={`#${tableId}`} className="chart__note">
            {t("finance.curve.note")}
          </a>
        </figcaption>
        <div className="chart-box chart-box--fixed" style={{ width, height, maxWidth: "100%" }} aria-hidden="true">
          {mounted ? (
            <Suspense fallback={null}>
              <LineChartImpl
                data={data}
                width={width - 18}
                height={height - 18}
                plannedName={t("finance.curve.cumPlanned")}
                actualName={t("finance.curve.cumActual")}
                format={money}
              />
            </Suspense>
          ) : null}
        </div>
      </figure>
      <div className="table-wrap">
        <table className="data-table data-table--compact" id={tableId} data-testid={`${testId}-table`}>
          <caption>{t("finance.curve.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("finance.curve.quarter")}</th>
              <th scope="col" className="num">
                {t("finance.curve.planned")}
              </th>
              <th scope="col" className="num">
                {t("finance.curve.actual")}
              </th>
              <th scope="col" className="num">
                {t("finance.curve.cumPlanned")}
              </th>
              <th scope="col" className="num">
                {t("finance.curve.cumActual")}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={`${p.year}-${p.quarter}`}>
                <th scope="row">{label(p)}</th>
                <td className="num">{moneyExact(p.planned)}</td>
                <td className="num">{moneyExact(p.actual)}</td>
                <td className="num">{moneyExact(p.cumPlanned)}</td>
                <td className="num">{moneyExact(p.cumActual)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
