/**
 * Project register benchmark: the /projects loader (filter + sort + page, and
 * text search) beside the bare SQL of the same statements, on the cached
 * scale-10 demo database that `npm run bench` builds (bench/.data/).
 *
 * `projectRegisterCases()` gives the cases in the shape bench/run.ts times
 * and prints (`npm run bench`), next to its own.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Db } from "#db/client.server";
import { getCurrentUser } from "~/auth/guard.server";
import { parseProjectRegisterQuery } from "~/modules/projects/register";
import {
  registerScopeFor,
  registerSql,
  resolveFilters,
  type RegisterScope,
} from "~/modules/projects/register.server";
import { clampPage, limitOffset } from "~/modules/table/params";
import { todayIso } from "~/utils/today";
import { loader as registerLoader } from "~/routes/projects._index";

export interface RegisterBenchCase {
  name: string;
  loader: () => Promise<unknown>;
  /** The register's own statements (count + page), prepared once, through better-sqlite3. */
  sql: () => void;
  statements: number;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** Filter + sort + page views, then text searches (as a leader or coordinator unless marked). */
export const REGISTER_VIEWS: { name: string; search: string; planner?: boolean }[] = [
  { name: "/projects (default: updated, newest first)", search: "" },
  { name: "/projects sort=approved desc (no filter)", search: "?sort=approved&dir=desc" },
  {
    name: "/projects province+phase, sort=approved, page 2",
    search: "?province=P-HCM&phase=pilot&sort=approved&dir=desc&page=2",
  },
  { name: "/projects org=LP-74 (merger family), sort=title", search: "?org=LP-74&sort=title" },
  {
    name: "/projects node subtree+source+year, sort=org, page 3",
    search: "?node=DA950.4&source=local_budget&year=2026&sort=organisation&page=3",
  },
  { name: "/projects sort=province desc, page 500", search: "?sort=province&dir=desc&page=500" },
  { name: "/projects planner.hcm (scoped), sort=start", search: "?sort=start&dir=desc", planner: true },
  { name: "/projects?q=dieu hanh do thi", search: "?q=dieu%20hanh%20do%20thi" },
  {
    name: "/projects?q=Đà Nẵng, sort=approved",
    search: "?q=%C4%90%C3%A0%20N%E1%BA%B5ng&sort=approved&dir=desc",
  },
  { name: "/projects?q=he thong (≈90 % of rows)", search: "?q=he%20thong" },
  { name: "/projects?q=camera&phase=pilot&province=P-HN", search: "?q=camera&phase=pilot&province=P-HN" },
  { name: "/projects?q=HCM-2026 (code prefix)", search: "?q=HCM-2026" },
];

/**
 * The register cases for a database: `cookies.all` for a user who sees every
 * project (leader, coordinator), `cookies.planner` for a planner.
 */
export function projectRegisterCases(
  db: Db,
  base: string,
  cookies: { all: string; planner: string },
): RegisterBenchCase[] {
  const c = db.$client;
  const asOf = todayIso();
  const scopeOf = (cookie: string): RegisterScope => {
    const user = getCurrentUser(new Request(base, { headers: { Cookie: cookie } }), db);
    const scope = user ? registerScopeFor(user) : null;
    if (!scope) throw new Error("bench: the register cookie does not belong to a reader of projects");
    return scope;
  };
  const scopes = { all: scopeOf(cookies.all), planner: scopeOf(cookies.planner) };
  return REGISTER_VIEWS.map(({ name, search, planner }) => {
    const cookie = planner ? cookies.planner : cookies.all;
    const query = parseProjectRegisterQuery(search);
    const resolved = resolveFilters(db, query.filters, asOf);
    const { countSql, pageSql, params } = registerSql(
      query.table,
      planner ? scopes.planner : scopes.all,
      resolved,
      "vi",
    );
    const countStmt = c.prepare(countSql);
    const pageStmt = c.prepare(pageSql);
    return {
      name: planner ? `${name} [planner]` : name,
      loader: () =>
        (registerLoader as Loader)({
          request: new Request(`${base}/projects${search}`, { headers: { Cookie: cookie } }),
          params: {},
          context: {},
        }),
      sql: () => {
        const total = (countStmt.get(params) as { n: number }).n;
        const page = clampPage(query.table.page, total, query.table.pageSize);
        pageStmt.all({ ...params, today: asOf, ...limitOffset({ page, pageSize: query.table.pageSize }) });
      },
      statements: 2,
    };
  });
}
