/**
 * The whole app in-process for the access-control matrix and the fuzzer:
 * the real Remix server build (route manifest, loaders, actions, SSR, every
 * route file present in app/routes at run time) loaded through Vite's SSR
 * loader, wrapped like server/index.ts wraps it, answering `Request`s
 * against a temp SQLite file with the pages fixture (one user per role, a
 * few projects in Ho Chi Minh City, Lai Châu, Hà Nội and a ministry).
 *
 * Roles of the matrix: admin, coordinator, planner of the resource's own
 * organisation (P-HCM), planner of a foreign organisation (Lai Châu),
 * leader, auditor, anonymous. Route parameters are filled with resources
 * owned by P-HCM, so "own" and "foreign" mean something for every route.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";
import { setDb, type Db } from "#db/client.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { setMemoEnabled } from "~/modules/db/sql.server";
import { withStorageErrors } from "../../server/storage-full";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

export const ROLES = [
  "admin",
  "coordinator",
  "plannerOwn",
  "plannerForeign",
  "leader",
  "auditor",
  "anonymous",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "admin",
  coordinator: "coordinator",
  plannerOwn: "planner (own org)",
  plannerForeign: "planner (foreign org)",
  leader: "leader",
  auditor: "auditor",
  anonymous: "anonymous",
};

const FIXTURE_USER: Record<Exclude<Role, "anonymous">, keyof PagesFixture["cookies"]> = {
  admin: "admin",
  coordinator: "coordinator",
  plannerOwn: "plannerHcm",
  plannerForeign: "plannerLaiChau",
  leader: "leader",
  auditor: "auditor",
};

export interface DiscoveredRoute {
  id: string;
  /** Full URL pattern, e.g. `/projects/:code/budget/:lineId`. */
  pattern: string;
  params: string[];
  hasLoader: boolean;
  hasAction: boolean;
  /** Has a default export (renders a page) or only a resource. */
  hasComponent: boolean;
}

export interface Harness {
  db: Db;
  fx: PagesFixture;
  routes: DiscoveredRoute[];
  /** Concrete path for a route, parameters filled with P-HCM's resources. */
  pathFor(route: DiscoveredRoute): string;
  /** A fresh session cookie for the role (each request its own, so a logout kills nothing else). */
  cookieFor(role: Role): string | undefined;
  fetch(
    path: string,
    init?: {
      method?: string;
      role?: Role;
      body?: URLSearchParams | FormData;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  ids: FixtureIds;
  close(): Promise<void>;
}

export interface FixtureIds {
  hcmOrg: number;
  laiChauOrg: number;
  hcmPlan: number;
  laiChauPlan: number;
  hcmProject: number;
  laiChauProject: number;
  hcmLine: number;
  laiChauLine: number;
  hcmProjectCode: string;
  laiChauProjectCode: string;
  strategyCode: string;
  /** A provincial app of Ho Chi Minh City in the app register. */
  hcmApp: number;
}

function routePattern(build: ServerBuild, id: string): string {
  const parts: string[] = [];
  let route: ServerBuild["routes"][string] | undefined = build.routes[id];
  while (route) {
    if (route.path) parts.unshift(route.path);
    route = route.parentId ? build.routes[route.parentId] : undefined;
  }
  return "/" + parts.join("/").replace(/^\/+/, "");
}

export async function startHarness(): Promise<Harness> {
  const { db, cleanup } = createTestDb();
  const fx = buildPagesFixture(db);
  setDb(db);
  setMemoEnabled(false);

  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-vite-"));
  const vite: ViteDevServer = await createServer({
    root: path.resolve(import.meta.dirname, "../.."),
    configFile: path.resolve(import.meta.dirname, "../../vite.config.ts"),
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: "custom",
    logLevel: "error",
    cacheDir,
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const loaded = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  // Route files added or renamed by someone while the build loads can leave the
  // browser manifest and the route modules one route apart: keep what both have.
  const moduleIds = new Set(Object.keys(loaded.routes));
  const strays = Object.keys(loaded.assets.routes).filter((id) => !moduleIds.has(id));
  if (strays.length)
    console.warn(`harness: manifest routes without a module (dropped): ${strays.join(", ")}`);
  const build = withStorageErrors({
    ...loaded,
    assets: {
      ...loaded.assets,
      routes: Object.fromEntries(Object.entries(loaded.assets.routes).filter(([id]) => moduleIds.has(id))),
    },
  });
  const handle = createRequestHandler(build, "production");

  const routes: DiscoveredRoute[] = Object.values(build.routes)
    .filter((r): r is NonNullable<typeof r> => !!r && r.id !== "root")
    .map((r) => {
      const pattern = routePattern(build, r.id);
      return {
        id: r.id,
        pattern,
        params: [...pattern.matchAll(/:(\w+)|(\*)/g)].map((m) => m[1] ?? "*"),
        hasLoader: typeof r.module.loader === "function",
        hasAction: typeof r.module.action === "function",
        hasComponent: typeof r.module.default === "function",
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id));

  const one = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
  const projectId = (code: string) => one<{ id: number }>("SELECT id FROM projects WHERE code = ?", code).id;
  const lineOf = (code: string) =>
    one<{ id: number }>(
      "SELECT b.id FROM budget_lines b JOIN projects p ON p.id = b.project_id WHERE p.code = ? ORDER BY b.id LIMIT 1",
      code,
    )?.id ?? 0;
  const planId = (code: string) => one<{ id: number }>("SELECT id FROM plans WHERE code = ?", code).id;
  // T-HCM-1 is published (public pages answer for it) and HCM has a provincial app.
  db.$client.prepare("UPDATE projects SET published = 1, published_at = ? WHERE code = 'T-HCM-1'").run(Date.now());
  const hcmApp = Number(
    db.$client
      .prepare(
        `INSERT INTO app_register (name_vi, owner_organisation_id, scope, domain, platforms, status, created_at)
         VALUES ('Ứng dụng thử của TP.HCM', ?, 'provincial', 'governance', '["web"]', 'live', ?)`,
      )
      .run(fx.org("P-HCM"), Date.now()).lastInsertRowid,
  );
  const ids: FixtureIds = {
    hcmApp,
    hcmOrg: fx.org("P-HCM"),
    laiChauOrg: fx.org("P-LCU"),
    hcmPlan: planId("PL-HCM-2026"),
    laiChauPlan: planId("PL-LCU-2026"),
    hcmProject: projectId("T-HCM-1"),
    laiChauProject: projectId("T-LCU-1"),
    hcmLine: lineOf("T-HCM-1"),
    laiChauLine: lineOf("T-LCU-1"),
    hcmProjectCode: "T-HCM-1",
    laiChauProjectCode: "T-LCU-1",
    strategyCode: "DA950.1.1",
  };

  function paramValue(pattern: string, name: string): string {
    const first = pattern.split("/")[1] ?? "";
    if (name === "*") return "no-such-page";
    if (name === "lineId") return String(ids.hcmLine);
    if (name === "code") return first === "strategy" ? ids.strategyCode : ids.hcmProjectCode;
    if (name === "id") {
      if (first === "plans") return String(ids.hcmPlan);
      if (first === "apps") return String(ids.hcmApp);
      if (pattern.includes("ministries")) return String(fx.org("M-MOST"));
      return String(ids.hcmOrg);
    }
    return "1";
  }

  function cookieFor(role: Role): string | undefined {
    if (role === "anonymous") return undefined;
    return `${SESSION_COOKIE}=${createSession(db, fx.userIds[FIXTURE_USER[role]]!).token}`;
  }

  return {
    db,
    fx,
    routes,
    ids,
    pathFor: (route) =>
      route.pattern.replace(/:(\w+)|\*/g, (m, name: string | undefined) =>
        encodeURIComponent(paramValue(route.pattern, name ?? "*")),
      ),
    cookieFor,
    async fetch(p, init = {}) {
      const headers = new Headers(init.headers);
      const cookie = init.role ? cookieFor(init.role) : undefined;
      if (cookie) headers.set("Cookie", [cookie, headers.get("Cookie")].filter(Boolean).join("; "));
      const request = new Request(`http://localhost${p}`, {
        method: init.method ?? "GET",
        headers,
        body: init.body,
      });
      return handle(request, { cspNonce: "matrixnonce", clientIp: "127.0.0.1" });
    },
    async close() {
      await vite.close();
      setMemoEnabled(true);
      setDb(undefined);
      cleanup();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
