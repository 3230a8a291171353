/**
 * Money-and-time benchmark: the project page loader (with its money summary),
 * the summary module alone, the plan page loader (with its money section)
 * and the section alone, beside the bare SQL of the same statements, on the
 * cached scale-10 demo database that `npm run bench` builds (bench/.data/).
 * The busiest project (most transactions) and the plan with most projects
 * are chosen, so the figures are the worst case, not a typical one.
 *
 * `financeCases()` gives the cases in the shape bench/run.ts times and
 * prints (`npm run bench`).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "#db/client.server";
import {
  curveSql,
  PLAN_FIGURES_SQL,
  planFigures,
  PROJECT_FIGURES_SQL,
  projectMoneySummary,
} from "~/modules/finance/figures.server";
import { todayIso } from "~/utils/today";
import { loader as projectLoader } from "~/routes/projects.$code";
import { loader as planLoader } from "~/routes/plans.$id";

export interface FinanceBenchCase {
  name: string;
  loader: () => Promise<unknown>;
  /** The figures' own statements, prepared once, through better-sqlite3. */
  sql: () => void;
  statements: number;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/**
 * Cases for a database, read as `cookie` (a user who may read every project:
 * leader or coordinator): the project with most transactions and the plan
 * with most projects.
 */
export function financeCases(db: Db, base: string, cookie: string): FinanceBenchCase[] {
  const c = db.$client;
  const asOf = todayIso();
  const project = c
    .prepare(
      `SELECT p.id, p.code, COUNT(*) AS n FROM transactions t JOIN projects p ON p.id = t.project_id
        GROUP BY t.project_id ORDER BY n DESC LIMIT 1`,
    )
    .get() as { id: number; code: string; n: number };
  const plan = c
    .prepare(
      `SELECT plan_id AS id, COUNT(*) AS n FROM projects WHERE plan_id IS NOT NULL
        GROUP BY plan_id ORDER BY n DESC LIMIT 1`,
    )
    .get() as { id: number; n: number };
  const figuresStmt = c.prepare(PROJECT_FIGURES_SQL);
  const curveStmt = c.prepare(curveSql({ kind: "project", id: 0 }));
  const planStmt = c.prepare(PLAN_FIGURES_SQL);
  const projectSql = () => {
    figuresStmt.get({ id: project.id, asOf });
    curveStmt.all({ id: project.id });
  };
  const planSql = () => void planStmt.all({ id: plan.id, asOf });
  const call = (loader: Loader, url: string, params: Record<string, string>) => () =>
    loader({ request: new Request(url, { headers: { Cookie: cookie } }), params, context: {} });
  const projectLabel = `${project.code}, ${project.n} transactions`;
  const planLabel = `plan ${plan.id}, ${plan.n} projects`;
  return [
    {
      name: `/projects/:code page loader (${projectLabel})`,
      loader: call(projectLoader, `${base}/projects/${encodeURIComponent(project.code)}`, {
        code: project.code,
      }),
      sql: projectSql,
      statements: 2,
    },
    {
      name: `project money summary (${projectLabel})`,
      loader: async () => projectMoneySummary(db, project.id, asOf),
      sql: projectSql,
      statements: 2,
    },
    {
      name: `/plans/:id page loader (${planLabel})`,
      loader: call(planLoader, `${base}/plans/${plan.id}`, { id: String(plan.id) }),
      sql: planSql,
      statements: 1,
    },
    {
      name: `plan money section (${planLabel})`,
      loader: async () => planFigures(db, plan.id, asOf),
      sql: planSql,
      statements: 1,
    },
  ];
}
