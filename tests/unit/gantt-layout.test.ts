import { describe, expect, it } from "vitest";
import { ganttLayout, type GanttRowInput } from "~/modules/milestones/gantt";

const row = (over: Partial<GanttRowInput> = {}): GanttRowInput => ({
  key: "P1",
  label: "P1",
  start: "2026-01-01",
  end: "2026-12-31",
  milestones: [],
  progress: null,
  ...over,
});

describe("ganttLayout", () => {
  const opts = { today: "2026-07-02", width: 1000, labelWidth: 200 };

  it("spans whole years covering every date and today, with year and quarter ticks", () => {
    const l = ganttLayout([row()], opts);
    expect(l.from).toBe("2026-01-01");
    expect(l.to).toBe("2026-12-31");
    expect(l.ticks.map((t) => `${t.kind}:${t.label}`)).toEqual([
      "year:2026",
      "quarter:Q2",
      "quarter:Q3",
      "quarter:Q4",
    ]);
    expect(l.ticks[0].x).toBe(200);
    // Chart width = 1000 − 200 − 10 = 790; July 1 is day 181 of 365.
    expect(l.ticks.find((t) => t.label === "Q3")!.x).toBeCloseTo(200 + (181 / 365) * 790, 0);
  });

  it("maps dates to increasing x positions; the bar runs from start to end", () => {
    const l = ganttLayout([row({ start: "2026-03-01", end: "2026-09-30" })], opts);
    const bar = l.rows[0].bar!;
    expect(bar.x).toBeGreaterThan(200);
    expect(bar.x + bar.width).toBeLessThan(990);
    expect(l.today.x).toBeGreaterThan(bar.x);
    expect(l.today.x).toBeLessThan(bar.x + bar.width);
  });

  it("fills the bar by progress", () => {
    const l = ganttLayout([row({ progress: 0.5 })], opts);
    expect(l.rows[0].progressWidth).toBeCloseTo(l.rows[0].bar!.width / 2, 0);
    expect(ganttLayout([row({ progress: null })], opts).rows[0].progressWidth).toBe(0);
  });

  it("marks done, overdue and open milestones", () => {
    const l = ganttLayout(
      [
        row({
          milestones: [
            { id: 1, name: "a", dueDate: "2026-02-01", doneDate: "2026-01-20" },
            { id: 2, name: "b", dueDate: "2026-03-01", doneDate: null },
            { id: 3, name: "c", dueDate: "2026-07-02", doneDate: null },
          ],
        }),
      ],
      opts,
    );
    const ms = l.rows[0].milestones;
    expect(ms.map((m) => [m.done, m.overdue])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect(l.rows[0].overdueCount).toBe(1);
    expect(ms[2].x).toBe(l.today.x);
  });

  it("lays out an empty plan: no rows, the axis is today's year", () => {
    const l = ganttLayout([], opts);
    expect(l.rows).toEqual([]);
    expect(l.from).toBe("2026-01-01");
    expect(l.to).toBe("2026-12-31");
    expect(l.height).toBeGreaterThan(0);
  });

  it("draws no bar for a project without dates, but still places its milestones", () => {
    const l = ganttLayout(
      [
        row({
          start: null,
          end: null,
          milestones: [{ id: 1, name: "a", dueDate: "2026-05-01", doneDate: null }],
        }),
      ],
      opts,
    );
    expect(l.rows[0].bar).toBeNull();
    expect(l.rows[0].milestones[0].outsideBar).toBe(true);
    expect(ganttLayout([row({ start: "2026-01-01", end: null })], opts).rows[0].bar).toBeNull();
    expect(ganttLayout([row({ start: "2026-05-01", end: "2026-01-01" })], opts).rows[0].bar).toBeNull();
  });

  it("widens the axis for milestones outside the project's range and flags them", () => {
    const l = ganttLayout(
      [row({ milestones: [{ id: 9, name: "late", dueDate: "2028-03-01", doneDate: null }] })],
      opts,
    );
    expect(l.to).toBe("2028-12-31");
    expect(l.ticks.filter((t) => t.kind === "year").map((t) => t.label)).toEqual(["2026", "2027", "2028"]);
    const m = l.rows[0].milestones[0];
    expect(m.outsideBar).toBe(true);
    expect(m.x).toBeGreaterThan(l.rows[0].bar!.x + l.rows[0].bar!.width);
    expect(m.x).toBeLessThanOrEqual(990);
  });

  it("stacks rows one under another", () => {
    const l = ganttLayout([row({ key: "a" }), row({ key: "b" }), row({ key: "c" })], {
      ...opts,
      rowHeight: 30,
    });
    expect(l.rows.map((r) => r.y)).toEqual([56, 86, 116]);
    expect(l.height).toBe(56 + 3 * 30 + 24);
  });
});
