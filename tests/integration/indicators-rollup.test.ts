/**
 * The roll-up of project indicators to strategy-node targets, on demo data
 * (seedAll), equals an independent computation: latest value per indicator
 * found with a correlated MAX(period_end) subquery instead of a window
 * function, then summed or averaged per target.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { saveValue } from "~/modules/indicators/indicators.server";
import { parsePeriod } from "~/modules/indicators/period";
import { aggregationOf } from "~/modules/indicators/units";
import { targetRollups } from "~/modules/strategy/targets-rollup.server";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.1, seed: 7 });
});
afterAll(() => cleanup());

interface Independent {
  targetId: number;
  unit: string;
  indicators: number;
  reporting: number;
  projects: number;
  actualSum: number | null;
  actualMean: number | null;
  targetSum: number | null;
  targetMean: number | null;
  latestPeriod: string | null;
}

function independent(nodeId: number): Independent[] {
  return db.$client
    .prepare(
      `SELECT t.id AS targetId, t.unit,
              (SELECT COUNT(*) FROM indicators i WHERE i.strategy_target_id = t.id) AS indicators,
              (SELECT COUNT(*) FROM indicators i WHERE i.strategy_target_id = t.id
                  AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id)) AS reporting,
              (SELECT COUNT(DISTINCT i.project_id) FROM indicators i WHERE i.strategy_target_id = t.id
                  AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id)) AS projects,
              (SELECT SUM(lv.value) FROM (
                 SELECT (SELECT v.value FROM indicator_values v WHERE v.indicator_id = i.id
                          ORDER BY v.period_end DESC, v.period_start DESC LIMIT 1) AS value
                   FROM indicators i WHERE i.strategy_target_id = t.id) lv) AS actualSum,
              (SELECT AVG(lv.value) FROM (
                 SELECT (SELECT v.value FROM indicator_values v WHERE v.indicator_id = i.id
                          ORDER BY v.period_end DESC, v.period_start DESC LIMIT 1) AS value
                   FROM indicators i WHERE i.strategy_target_id = t.id) lv) AS actualMean,
              (SELECT v.period FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
                WHERE i.strategy_target_id = t.id
                  AND v.period_end = (SELECT MAX(v2.period_end) FROM indicator_values v2 WHERE v2.indicator_id = i.id)
                ORDER BY v.period_end DESC, v.period DESC LIMIT 1) AS latestPeriod,
              (SELECT SUM(i.target) FROM indicators i WHERE i.strategy_target_id = t.id) AS targetSum,
              (SELECT AVG(i.target) FROM indicators i WHERE i.strategy_target_id = t.id) AS targetMean
         FROM strategy_targets t WHERE t.node_id = ? ORDER BY t.id`,
    )
    .all(nodeId) as Independent[];
}

const nodesWithLinkedTargets = () =>
  db.$client
    .prepare(
      `SELECT DISTINCT t.node_id AS id FROM strategy_targets t
         JOIN indicators i ON i.strategy_target_id = t.id ORDER BY t.node_id`,
    )
    .all() as { id: number }[];

function expectEqual(nodeId: number) {
  const ours = targetRollups(db, nodeId);
  const theirs = independent(nodeId);
  expect(ours.map((r) => r.targetId)).toEqual(theirs.map((r) => r.targetId));
  ours.forEach((r, k) => {
    const x = theirs[k];
    const mean = aggregationOf(x.unit) === "mean";
    expect(r.aggregation).toBe(mean ? "mean" : "sum");
    expect({
      indicators: r.indicators,
      reporting: r.reporting,
      projects: r.projects,
      latest: r.latestPeriod,
    }).toEqual({
      latest: x.latestPeriod,
      indicators: x.indicators,
      reporting: x.reporting,
      projects: x.projects,
    });
    const actual = mean ? x.actualMean : x.actualSum;
    const targets = mean ? x.targetMean : x.targetSum;
    if (actual === null) expect(r.actual).toBeNull();
    else expect(r.actual).toBeCloseTo(actual, 9);
    if (targets === null) expect(r.indicatorTargets).toBeNull();
    else expect(r.indicatorTargets).toBeCloseTo(targets, 9);
  });
  return ours;
}

describe("strategy-node target roll-up", () => {
  it("the demo data links project indicators to both additive and non-additive targets", () => {
    const nodes = nodesWithLinkedTargets();
    expect(nodes.length).toBeGreaterThan(1);
    const all = nodes.flatMap((n) => targetRollups(db, n.id));
    expect(all.some((r) => r.aggregation === "sum" && r.actual !== null)).toBe(true);
    expect(all.some((r) => r.aggregation === "mean" && r.actual !== null)).toBe(true);
  });

  it("equals the independent SQL computation for every node with linked indicators", () => {
    for (const n of nodesWithLinkedTargets()) expectEqual(n.id);
  });

  it("follows new values: a later period becomes the latest, an earlier one does not", () => {
    const row = db.$client
      .prepare(
        `SELECT i.id, i.project_id AS projectId, t.node_id AS nodeId, t.id AS targetId, p.code, p.organisation_id AS organisationId
           FROM indicators i JOIN strategy_targets t ON t.id = i.strategy_target_id JOIN projects p ON p.id = i.project_id
          ORDER BY i.id LIMIT 1`,
      )
      .get() as {
      id: number;
      projectId: number;
      nodeId: number;
      targetId: number;
      code: string;
      organisationId: number;
    };
    const project = { id: row.projectId, code: row.code, organisationId: row.organisationId };
    const actor = { userId: null, label: "test" };
    const period = (label: string) => {
      const p = parsePeriod(label);
      if (!p.ok) throw new Error(label);
      return p.period;
    };
    const before = expectEqual(row.nodeId).find((r) => r.targetId === row.targetId)!;
    saveValue(db, actor, project, {
      indicatorId: row.id,
      period: period("2029-Q4"),
      value: 1234.5,
      note: null,
      replace: false,
    });
    const after = expectEqual(row.nodeId).find((r) => r.targetId === row.targetId)!;
    expect(after.latestPeriod).toBe("2029-Q4");
    expect(after.actual).not.toBe(before.actual);
    saveValue(db, actor, project, {
      indicatorId: row.id,
      period: period("1999"),
      value: 1,
      note: null,
      replace: false,
    });
    expect(expectEqual(row.nodeId).find((r) => r.targetId === row.targetId)!.actual).toBe(after.actual);
  });
});
