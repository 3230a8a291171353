/**
 * Dashboard benchmark cases for `npm run bench` (bench/run.ts times and
 * prints them): the national dashboard loader, unfiltered and filtered, next
 * to the bare SQL it needs — the fact statements of
 * `app/modules/dashboard/facts.server.ts`, prepared once and run through
 * better-sqlite3. With the memo on (as served) the loader reuses the facts
 * and the view until the next write; with the memo off every call reads all
 * facts again and aggregates them, which is what the bare SQL is compared to.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "#db/client.server";
import { FACT_STATEMENTS, factParams } from "~/modules/dashboard/facts.server";
import { todayIso } from "~/utils/today";
import { loader as dashboardLoader } from "~/routes/dashboard._index";

export interface DashboardBenchCase {
  name: string;
  loader: () => Promise<unknown>;
  sql: () => void;
  statements: number;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** Cases for a database, read as `cookie` (a leader or coordinator). */
export function dashboardCases(db: Db, base: string, cookie: string): DashboardBenchCase[] {
  const asOf = todayIso();
  const statements = FACT_STATEMENTS.map((sql) => ({
    stmt: db.$client.prepare(sql),
    params: factParams(sql, asOf),
  }));
  const sql = () => {
    for (const s of statements) s.stmt.all(s.params);
  };
  const call = (loader: Loader, url: string) => () =>
    loader({ request: new Request(url, { headers: { Cookie: cookie } }), params: {}, context: {} });
  return [
    {
      name: "/dashboard (national, no filter)",
      loader: call(dashboardLoader, `${base}/dashboard`),
      sql,
      statements: statements.length,
    },
    {
      name: "/dashboard?year=2025&year=2026&region=…&source=…",
      loader: call(
        dashboardLoader,
        `${base}/dashboard?year=2025&year=2026&region=northern-midlands-mountains&source=central_budget&measure=rate`,
      ),
      sql,
      statements: statements.length,
    },
  ];
}
