/**
 * A bar chart in a fixed-size box. recharts draws SVG only in the browser,
 * after hydration; on the server (and before the script loads) the box keeps
 * its size and stays empty, so nothing jumps. The same numbers must be shown
 * in a table with a caption next to the chart (`describedBy`).
 */
import { lazy, Suspense, useEffect, useState } from "react";

export interface BarDatum {
  label: string;
  value: number;
}

const BarChartImpl = lazy(() => import("./bar-chart.client"));

export function BarChartBox({
  title,
  data,
  width = 640,
  height = 320,
  horizontal = false,
  valueName,
  format = (v) => String(v),
  tableId,
  note,
  testId,
}: {
  title: string;
  data: BarDatum[];
  width?: number;
  height?: number;
  /** Bars left to right (categories on the vertical axis): for long lists. */
  horizontal?: boolean;
  valueName: string;
  format?: (value: number) => string;
  /** Id of the table holding the same numbers. */
  tableId: string;
  /** E.g. "the same figures are in the table below". */
  note?: string;
  testId?: string;
}) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__title">
        {title}
        {note ? (
          <>
            {" "}
            <a href={`#${tableId}`} className="chart__note">
              {note}
            </a>
          </>
        ) : null}
      </figcaption>
      <div
        className="chart-box chart-box--fixed"
        style={{ width, height, maxWidth: "100%" }}
        aria-hidden="true"
      >
        {mounted ? (
          <Suspense fallback={null}>
            <BarChartImpl
              data={data}
              width={width - 18}
              height={height - 18}
              horizontal={horizontal}
              valueName={valueName}
              format={format}
            />
          </Suspense>
        ) : null}
      </div>
    </figure>
  );
}
