/**
 * Shared by the project integration tests: a real SQLite file with the
 * reference data and the hand-made pages fixture (users of every role with
 * live sessions, projects in current and legacy provinces, plans in every
 * status), and a way to call route loaders and actions as the browser would.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { setDb, type Db } from "#db/client.server";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

export type Role = keyof PagesFixture["cookies"];

export interface ProjectsTestDb {
  db: Db;
  fx: PagesFixture;
  cleanup: () => void;
}

/** A migrated temp database with the fixture, made the app's database. */
export function setupProjectsDb(): ProjectsTestDb {
  const { db, cleanup } = createTestDb();
  const fx = buildPagesFixture(db);
  setDb(db);
  return {
    db,
    fx,
    cleanup: () => {
      setDb(undefined);
      cleanup();
    },
  };
}

type Entries = Record<string, string | number | (string | number)[] | undefined>;

export interface CallResult {
  status: number;
  /** The loader's or action's data (for `data(...)`, its payload). */
  data?: unknown;
  /** Where a redirect points. */
  location?: string | null;
}

type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

/** Call a loader (GET) or an action (POST with `form`) like Remix does; thrown responses become results. */
export async function call(
  fn: RouteFunction,
  path: string,
  opts: { cookie?: string; params?: Record<string, string>; form?: Entries } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.Cookie = opts.cookie;
  let init: RequestInit = { headers };
  if (opts.form) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, String(x));
    }
    init = {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    };
  }
  const request = new Request(`http://localhost${path}`, init);
  try {
    const out = await fn({ request, params: opts.params ?? {}, context: {} });
    if (out && typeof out === "object" && (out as { type?: string }).type === "DataWithResponseInit") {
      const d = out as { data: unknown; init: ResponseInit | null };
      return { status: d.init?.status ?? 200, data: d.data };
    }
    if (out instanceof Response) return { status: out.status, location: out.headers.get("Location") };
    return { status: 200, data: out };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("Location") };
    throw e;
  }
}

export interface ProjectRow {
  id: number;
  code: string;
  organisation_id: number;
  province_id: number | null;
  city_id: number | null;
  plan_id: number | null;
  title_vi: string;
  title_en: string | null;
  description_vi: string;
  domain: string;
  phase: string;
  version: number;
  search_text: string;
  hosting_model: string;
  components: string;
  personal_data_categories: string;
  handles_personal_data: number;
  operator_type: string;
  operator_name: string | null;
  citizen_app_name: string | null;
  citizen_app_platforms: string;
  replicates_project_id: number | null;
  cancellation_reason: string | null;
  start_date: string | null;
  created_by: number | null;
}

export function projectRow(db: Db, code: string): ProjectRow | undefined {
  return db.$client.prepare("SELECT * FROM projects WHERE code = ?").get(code) as ProjectRow | undefined;
}

export function count(db: Db, sql: string, ...args: unknown[]): number {
  return (db.$client.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get(...args) as { n: number }).n;
}

export function lastAudit(db: Db): {
  id: number;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: number | null;
  actor_user_id: number | null;
  before: string | null;
  after: string | null;
} {
  return db.$client.prepare("SELECT * FROM audit_events ORDER BY id DESC LIMIT 1").get() as ReturnType<
    typeof lastAudit
  >;
}

/** A complete, valid project form for an owner, as the browser sends it. */
export function projectForm(fx: PagesFixture, owner: string, overrides: Entries = {}): Entries {
  return {
    organisationId: fx.org(owner),
    titleVi: "Trung tâm điều hành đô thị thông minh",
    titleEn: "Smart city operations centre",
    descriptionVi: "Giám sát giao thông, môi trường và an ninh trên một nền tảng.",
    domain: "governance",
    primaryNodeId: fx.node("DA950.4.5"),
    otherNodeIds: [fx.node("DA950.3.1")],
    provinceId: owner.startsWith("P-") ? fx.org(owner) : undefined,
    cooperatorIds: [fx.org("M-MOST")],
    hostingModel: "government_cloud",
    operatorType: "government_agency",
    operatorName: "Sở Khoa học và Công nghệ",
    handlesPersonalData: "on",
    personalDataCategories: ["identity", "camera_images"],
    hasCitizenApp: "on",
    citizenAppName: "Công dân số",
    citizenAppPlatforms: ["android", "ios"],
    startDate: "2027-01-15",
    endDate: "2028-12-31",
    components: "ioc, camera, citizen-app",
    ...overrides,
  };
}
