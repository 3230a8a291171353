/**
 * Plan Gantt benchmark: the /plans/:id/gantt loader for the largest plans
 * beside the bare SQL of its two statements (projects with progress, then
 * their milestones), on the cached scale-10 demo database that
 * `npm run bench` builds (bench/.data/). `planGanttCases()` gives the cases
 * in the shape bench/run.ts uses.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "#db/client.server";
import { PLAN_GANTT_MILESTONES_SQL, PLAN_GANTT_PROJECTS_SQL } from "~/modules/milestones/milestones.server";
import { todayIso } from "~/utils/today";
import { loader as planGanttLoader } from "~/routes/plans.$id_.gantt";

export interface GanttBenchCase {
  name: string;
  loader: () => Promise<unknown>;
  /** The plan Gantt's two statements, prepared once, through better-sqlite3. */
  sql: () => void;
  statements: number;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** The plan with the most projects, and a median-sized one, as a user who may read them (leader/coordinator). */
export function planGanttCases(db: Db, base: string, cookie: string): GanttBenchCase[] {
  const c = db.$client;
  const sized = c
    .prepare(
      `SELECT p.plan_id AS id, COUNT(*) AS n,
              (SELECT COUNT(*) FROM milestones m JOIN projects q ON q.id = m.project_id WHERE q.plan_id = p.plan_id) AS m
         FROM projects p WHERE p.plan_id IS NOT NULL GROUP BY p.plan_id ORDER BY n DESC, p.plan_id`,
    )
    .all() as { id: number; n: number; m: number }[];
  if (sized.length === 0) return [];
  const picks = [sized[0], sized[Math.floor(sized.length / 2)]];
  const projectsStmt = c.prepare(PLAN_GANTT_PROJECTS_SQL);
  const milestonesStmt = c.prepare(PLAN_GANTT_MILESTONES_SQL);
  return picks.map((plan, i) => ({
    name: `/plans/:id/gantt (${i === 0 ? "largest" : "median"}: ${plan.n} projects, ${plan.m} milestones)`,
    loader: () =>
      (planGanttLoader as Loader)({
        request: new Request(`${base}/plans/${plan.id}/gantt`, { headers: { Cookie: cookie } }),
        params: { id: String(plan.id) },
        context: {},
      }),
    sql: () => {
      const today = todayIso();
      projectsStmt.all({ planId: plan.id, today });
      milestonesStmt.all({ planId: plan.id, today });
    },
    statements: 2,
  }));
}
