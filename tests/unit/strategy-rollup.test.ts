import { describe, expect, it } from "vitest";
import { PROJECT_PHASES } from "#db/enums";
import {
  assembleRollups,
  emptyRollup,
  progressOf,
  summarise,
  type RollupRow,
} from "~/modules/strategy/rollup";

const row = (nodeId: number, phase: RollupRow["phase"], n: Partial<RollupRow> = {}): RollupRow => ({
  nodeId,
  phase,
  projects: 1,
  direct: 0,
  approved: 0,
  disbursed: 0,
  weightTotal: 0,
  weightDone: 0,
  ...n,
});

describe("progressOf", () => {
  it("is the weighted share of done milestones, or null without milestones", () => {
    expect(progressOf(3, 4)).toBe(0.75);
    expect(progressOf(0, 5)).toBe(0);
    expect(progressOf(0, 0)).toBeNull();
  });
});

describe("assembleRollups", () => {
  it("gives every node all phases in machine order, with totals and progress", () => {
    const rollups = assembleRollups([
      row(1, "pilot", {
        projects: 2,
        direct: 1,
        approved: 5_000,
        disbursed: 1_000,
        weightTotal: 10,
        weightDone: 4,
      }),
      row(1, "proposed", {
        projects: 3,
        direct: 0,
        approved: 2_000,
        disbursed: 0,
        weightTotal: 6,
        weightDone: 0,
      }),
      row(2, "operational", {
        projects: 1,
        direct: 1,
        approved: 9,
        disbursed: 9,
        weightTotal: 0,
        weightDone: 0,
      }),
    ]);
    const one = rollups.get(1)!;
    expect(one.byPhase.map((p) => p.phase)).toEqual([...PROJECT_PHASES]);
    expect(one.byPhase.find((p) => p.phase === "pilot")).toMatchObject({
      projects: 2,
      approved: 5_000,
      disbursed: 1_000,
      progress: 0.4,
    });
    expect(one.byPhase.find((p) => p.phase === "cancelled")).toMatchObject({ projects: 0, progress: null });
    expect(one.totals).toEqual({
      projects: 5,
      directProjects: 1,
      approved: 7_000,
      disbursed: 1_000,
      weightTotal: 16,
      weightDone: 4,
      progress: 0.25,
    });
    // Progress is weighted over all milestones, not an average of phase percentages.
    expect(one.totals.progress).not.toBe((0.4 + 0) / 2);
    expect(rollups.get(2)!.totals.progress).toBeNull();
    expect(rollups.has(3)).toBe(false);
  });

  it("keeps negative disbursements (reversals) in the sum", () => {
    const r = assembleRollups([row(1, "pilot", { disbursed: 700 }), row(1, "scaling", { disbursed: -200 })]);
    expect(r.get(1)!.totals.disbursed).toBe(500);
  });

  it("adds up duplicate node × phase rows and ignores unknown phases", () => {
    const r = assembleRollups([
      row(1, "pilot", { projects: 1, approved: 10 }),
      row(1, "pilot", { projects: 2, approved: 5 }),
      row(1, "bogus" as RollupRow["phase"], { projects: 99 }),
    ]);
    expect(r.get(1)!.totals.projects).toBe(3);
    expect(r.get(1)!.totals.approved).toBe(15);
  });

  it("summarises for the tree and offers an empty roll-up", () => {
    const empty = emptyRollup();
    expect(empty.byPhase).toHaveLength(PROJECT_PHASES.length);
    expect(summarise(empty)).toEqual({
      projects: 0,
      directProjects: 0,
      approved: 0,
      disbursed: 0,
      progress: null,
    });
    const r = assembleRollups([
      row(4, "pilot", { projects: 2, direct: 2, approved: 3, disbursed: 1, weightTotal: 2, weightDone: 1 }),
    ]);
    expect(summarise(r.get(4)!)).toEqual({
      projects: 2,
      directProjects: 2,
      approved: 3,
      disbursed: 1,
      progress: 0.5,
    });
  });
});
