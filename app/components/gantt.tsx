/**
 * Server-rendered SVG Gantt/timeline (no chart library): draws a layout from
 * `ganttLayout` (app/modules/milestones/gantt.ts), then gives the same data
 * as a real table right below it (the table alternative). Black-and-white
 * friendly: hatched progress, filled vs hollow diamonds, "!" on overdue ones,
 * dashed today line with a label.
 */
import { useId } from "react";
import { useT } from "~/i18n/useT";
import type { GanttLayout } from "~/modules/milestones/gantt";

export function Gantt({
  layout,
  title,
  description,
  caption,
  kind,
}: {
  layout: GanttLayout;
  title: string;
  description: string;
  caption: string;
  kind: "project" | "plan";
}) {
  const { t, date, pct } = useT();
  const uid = useId().replace(/:/g, "");
  const titleId = `gantt-title-${uid}`;
  const descId = `gantt-desc-${uid}`;
  const hatch = `gantt-hatch-${uid}`;
  const { width, height, headerHeight, rowHeight, labelWidth } = layout;
  const bottom = headerHeight + Math.max(1, layout.rows.length) * rowHeight;
  const half = rowHeight / 2;
  const d = 7;
  return (
    <figure className="gantt" data-testid="gantt">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        preserveAspectRatio="xMinYMin meet"
        className="gantt__svg"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        <defs>
          <pattern
            id={hatch}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#1d3f7a" strokeWidth="3" />
          </pattern>
        </defs>
        {layout.ticks.map((tk) => (
          <g key={tk.date} className={`gantt__tick gantt__tick--${tk.kind}`}>
            <line
              x1={tk.x}
              x2={tk.x}
              y1={tk.kind === "year" ? 4 : 22}
              y2={bottom}
              stroke={tk.kind === "year" ? "#505a5f" : "#b1b4b6"}
              strokeWidth={tk.kind === "year" ? 1.2 : 0.6}
            />
            <text
              x={tk.x + 3}
              y={tk.kind === "year" ? 16 : 34}
              fontSize={tk.kind === "year" ? 13 : 10}
              fill="#0b0c0c"
            >
              {tk.label}
            </text>
          </g>
        ))}
        {layout.rows.length === 0 ? (
          <text x={labelWidth + 10} y={headerHeight + half + 4} fontSize="13" fill="#0b0c0c">
            {t("milestones.gantt.emptyRows")}
          </text>
        ) : null}
        {layout.rows.map((r) => (
          <g key={r.key} className="gantt__row">
            <line x1={0} x2={width} y1={r.y + rowHeight} y2={r.y + rowHeight} stroke="#e1e3e5" />
            <text x={4} y={r.y + half + 4} fontSize="12" fill="#0b0c0c">
              {truncate(r.label, 32)}
              {r.overdueCount > 0 ? ` ⚠${r.overdueCount}` : ""}
            </text>
            {r.bar ? (
              <g>
                <rect
                  x={r.bar.x}
                  y={r.y + half - 7}
                  width={r.bar.width}
                  height={14}
                  fill="#fff"
                  stroke="#1d3f7a"
                  strokeWidth="1.2"
                />
                {r.progressWidth > 0 ? (
                  <rect
                    x={r.bar.x}
                    y={r.y + half - 7}
                    width={r.progressWidth}
                    height={14}
                    fill={`url(#${hatch})`}
                  />
                ) : null}
              </g>
            ) : (
              <text x={labelWidth + 4} y={r.y + half - 9} fontSize="9" fill="#505a5f">
                {t("milestones.gantt.noDates")}
              </text>
            )}
            {r.milestones.map((m) => {
              const cy = r.y + half;
              return (
                <g key={m.id}>
                  <polygon
                    points={`${m.x},${cy - d} ${m.x + d},${cy} ${m.x},${cy + d} ${m.x - d},${cy}`}
                    fill={m.done ? "#0b0c0c" : "#fff"}
                    stroke={m.overdue ? "#b10e1e" : "#0b0c0c"}
                    strokeWidth={m.overdue ? 2.5 : 1.5}
                  >
                    <title>
                      {`${m.name} — ${date(m.dueDate)} — ${
                        m.done
                          ? t("milestones.status.done")
                          : m.overdue
                            ? t("milestones.status.overdue")
                            : t("milestones.status.open")
                      }`}
                    </title>
                  </polygon>
                  {m.overdue ? (
                    <text
                      x={m.x}
                      y={cy - d - 2}
                      fontSize="11"
                      fontWeight="700"
                      textAnchor="middle"
                      fill="#b10e1e"
                    >
                      !
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        ))}
        <text
          x={layout.today.x}
          y={headerHeight - 5}
          fontSize="11"
          fontWeight="700"
          textAnchor="middle"
          fill="#0b0c0c"
          aria-hidden="true"
        >
          {t("milestones.gantt.legendToday")}
        </text>
        <line
          x1={layout.today.x}
          x2={layout.today.x}
          y1={headerHeight - 2}
          y2={bottom}
          stroke="#0b0c0c"
          strokeWidth="1.5"
          strokeDasharray="5 3"
        />
        <text x={layout.today.x + 3} y={bottom + 16} fontSize="11" fill="#0b0c0c" data-testid="gantt-today">
          {t("milestones.gantt.today", { date: date(layout.today.date) })}
        </text>
      </svg>
      <figcaption className="gantt__legend">
        <span>◆ {t("milestones.gantt.legendDone")}</span> <span>◇ {t("milestones.gantt.legendOpen")}</span>{" "}
        <span>! {t("milestones.gantt.legendOverdue")}</span>{" "}
        <span>┆ {t("milestones.gantt.legendToday")}</span>{" "}
        <span>▨ {t("milestones.gantt.legendProgress")}</span>
      </figcaption>
      <div className="table-wrap">
        <table className="data-table gantt__table" data-testid="gantt-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">
                {kind === "plan" ? t("milestones.gantt.colProject") : t("milestones.gantt.colRow")}
              </th>
              <th scope="col">{t("milestones.gantt.colStart")}</th>
              <th scope="col">{t("milestones.gantt.colEnd")}</th>
              <th scope="col">{t("milestones.gantt.colProgress")}</th>
              <th scope="col">{t("milestones.gantt.colOverdue")}</th>
              <th scope="col">{t("milestones.gantt.colMilestones")}</th>
            </tr>
          </thead>
          <tbody>
            {layout.rows.length === 0 ? (
              <tr>
                <td colSpan={6}>{t("milestones.gantt.emptyRows")}</td>
              </tr>
            ) : null}
            {layout.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.bar ? date(r.bar.start) : t("milestones.gantt.noDate")}</td>
                <td>{r.bar ? date(r.bar.end) : t("milestones.gantt.noDate")}</td>
                <td>{r.progress === null ? t("milestones.progress.none") : pct(r.progress)}</td>
                <td>{r.overdueCount > 0 ? `⚠ ${r.overdueCount}` : "0"}</td>
                <td>
                  {r.milestones.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="gantt__milestones">
                      {r.milestones.map((m) => (
                        <li key={m.id}>
                          {m.name}: {date(m.dueDate)} —{" "}
                          {m.done ? (
                            <>✔ {t("milestones.status.doneOn", { date: date(m.doneDate) })}</>
                          ) : m.overdue ? (
                            <strong className="overdue">⚠ {t("milestones.status.overdue")}</strong>
                          ) : (
                            t("milestones.status.open")
                          )}
                          {m.outsideBar && r.bar ? ` (${t("milestones.gantt.outsideBar")})` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
