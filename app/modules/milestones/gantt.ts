/**
 * Gantt/timeline layout (pure): dates → x positions, one row per bar, year
 * and quarter ticks, today's line. The SVG component only draws what this
 * returns, so every position is unit-tested here.
 */

export interface GanttMilestoneInput {
  id: number;
  name: string;
  dueDate: string;
  doneDate: string | null;
}

export interface GanttRowInput {
  key: string;
  label: string;
  start: string | null;
  end: string | null;
  milestones: GanttMilestoneInput[];
  /** Weighted progress 0..1, or null when the row has no milestone. */
  progress: number | null;
}

export interface GanttOptions {
  today: string;
  /** Total drawing width in SVG units (the SVG scales to its container). */
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
}

export interface GanttMilestone extends GanttMilestoneInput {
  x: number;
  done: boolean;
  overdue: boolean;
  /** Due outside the row's start–end (or the row has no dates). */
  outsideBar: boolean;
}

export interface GanttRow {
  key: string;
  label: string;
  y: number;
  /** Bar from start to end, or null if the row lacks either date (or end < start). */
  bar: { x: number; width: number; start: string; end: string } | null;
  /** Width of the progress fill inside the bar. */
  progressWidth: number;
  progress: number | null;
  milestones: GanttMilestone[];
  overdueCount: number;
}

export interface GanttTick {
  x: number;
  date: string;
  kind: "year" | "quarter";
  label: string;
}

export interface GanttLayout {
  width: number;
  height: number;
  labelWidth: number;
  rowHeight: number;
  headerHeight: number;
  /** First and last day of the time axis (whole years). */
  from: string;
  to: string;
  today: { x: number; date: string };
  ticks: GanttTick[];
  rows: GanttRow[];
}

const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
}

const valid = (d: string | null | undefined): d is string => typeof d === "string" && ISO.test(d);

/** Lay out the rows on a time axis spanning whole years that cover every date and today. */
export function ganttLayout(rows: readonly GanttRowInput[], opts: GanttOptions): GanttLayout {
  const width = opts.width ?? 1000;
  const labelWidth = opts.labelWidth ?? 220;
  const rowHeight = opts.rowHeight ?? 36;
  const headerHeight = 56;
  const footer = 24;
  const today = opts.today;

  const dates: string[] = [today];
  for (const r of rows) {
    if (valid(r.start)) dates.push(r.start);
    if (valid(r.end)) dates.push(r.end);
    for (const m of r.milestones) if (valid(m.dueDate)) dates.push(m.dueDate);
  }
  dates.sort();
  const firstYear = Number(dates[0].slice(0, 4));
  const lastYear = Number(dates[dates.length - 1].slice(0, 4));
  const from = `${firstYear}-01-01`;
  const to = `${lastYear}-12-31`;
  const d0 = dayNumber(from);
  const span = dayNumber(`${lastYear + 1}-01-01`) - d0;
  const chartWidth = width - labelWidth - 10;
  const x = (iso: string) => round(labelWidth + ((dayNumber(iso) - d0) / span) * chartWidth);

  const ticks: GanttTick[] = [];
  for (let y = firstYear; y <= lastYear; y++) {
    ticks.push({ x: x(`${y}-01-01`), date: `${y}-01-01`, kind: "year", label: String(y) });
    for (const q of [2, 3, 4]) {
      const date = `${y}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
      ticks.push({ x: x(date), date, kind: "quarter", label: `Q${q}` });
    }
  }

  const out: GanttRow[] = rows.map((r, i) => {
    const hasBar = valid(r.start) && valid(r.end) && r.start <= r.end;
    const bar = hasBar
      ? { x: x(r.start!), width: Math.max(1, x(r.end!) - x(r.start!)), start: r.start!, end: r.end! }
      : null;
    const milestones = r.milestones
      .filter((m) => valid(m.dueDate))
      .map((m) => ({
        ...m,
        x: x(m.dueDate),
        done: Boolean(m.doneDate),
        overdue: !m.doneDate && m.dueDate < today,
        outsideBar: !bar || m.dueDate < bar.start || m.dueDate > bar.end,
      }));
    const progress = r.progress === null ? null : Math.min(1, Math.max(0, r.progress));
    return {
      key: r.key,
      label: r.label,
      y: headerHeight + i * rowHeight,
      bar,
      progressWidth: bar && progress !== null ? round(bar.width * progress) : 0,
      progress,
      milestones,
      overdueCount: milestones.filter((m) => m.overdue).length,
    };
  });

  return {
    width,
    height: headerHeight + Math.max(1, rows.length) * rowHeight + footer,
    labelWidth,
    rowHeight,
    headerHeight,
    from,
    to,
    today: { x: x(today), date: today },
    ticks,
    rows: out,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
