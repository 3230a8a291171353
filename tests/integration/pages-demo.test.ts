/**
 * The read pages on generated demo data (seedAll, small scale): national
 * figures checked against an independent computation, the demo accounts'
 * access to plans, and the register over every legacy unit.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { getOverview } from "~/modules/home/overview.server";
import { parseRegisterQuery } from "~/modules/organisations/register";
import { listOrganisations } from "~/modules/organisations/register.server";
import { loadStrategyNodes } from "~/modules/strategy/tree.server";
import { loader as plansLoader } from "~/routes/organisations.$id_.plans";
import { loader as homeLoader } from "~/routes/_index";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;
const AS_OF = "2026-06-01";

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.1, seed: 7 });
  setDb(db);
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

function cookieOf(email: string): string {
  const { id } = db.$client.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
  return `${SESSION_COOKIE}=${createSession(db, id).token}`;
}

const orgId = (code: string) =>
  (db.$client.prepare("SELECT id FROM organisations WHERE code = ?").get(code) as { id: number }).id;

async function status(
  loader: (a: LoaderFunctionArgs) => Promise<unknown>,
  path: string,
  cookie: string,
  params: Record<string, string>,
) {
  try {
    await loader({
      request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
      params,
      context: {},
    });
    return 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

describe("home figures on demo data", () => {
  it("equal an independent computation that follows successions in JavaScript", () => {
    const c = db.$client;
    const orgs = new Map(
      (
        c
          .prepare("SELECT id, kind, valid_from AS validFrom, valid_to AS validTo FROM organisations")
          .all() as {
          id: number;
          kind: string;
          validFrom: string | null;
          validTo: string | null;
        }[]
      ).map((o) => [o.id, o]),
    );
    const next = new Map<number, number>();
    for (const s of c
      .prepare("SELECT predecessor_id AS p, successor_id AS s FROM organisation_successions")
      .all() as {
      p: number;
      s: number;
    }[]) {
      next.set(s.p, s.s);
    }
    const inForce = (id: number) => {
      const o = orgs.get(id)!;
      return (o.validFrom === null || o.validFrom <= AS_OF) && (o.validTo === null || o.validTo >= AS_OF);
    };
    const currentOf = (id: number): number | null => {
      let cur: number | undefined = id;
      for (let hops = 0; cur !== undefined && hops < 16; hops++) {
        if (inForce(cur)) return cur;
        cur = next.get(cur);
      }
      return null;
    };
    const projects = c.prepare("SELECT id, phase, province_id AS provinceId FROM projects").all() as {
      id: number;
      phase: string;
      provinceId: number | null;
    }[];
    const approvedBy = new Map(
      (
        c
          .prepare("SELECT project_id AS id, SUM(approved_amount) AS s FROM budget_lines GROUP BY project_id")
          .all() as {
          id: number;
          s: number;
        }[]
      ).map((r) => [r.id, r.s]),
    );
    const disbursedBy = new Map(
      (
        c
          .prepare(
            "SELECT project_id AS id, SUM(amount) AS s FROM transactions WHERE kind = 'disbursement' GROUP BY project_id",
          )
          .all() as { id: number; s: number }[]
      ).map((r) => [r.id, r.s]),
    );

    const expected = new Map<number, { n: number; approved: number; disbursed: number }>();
    const phases = new Map<string, number>();
    for (const p of projects) {
      phases.set(p.phase, (phases.get(p.phase) ?? 0) + 1);
      if (p.provinceId === null) continue;
      const cur = currentOf(p.provinceId);
      if (cur === null) continue;
      const e = expected.get(cur) ?? { n: 0, approved: 0, disbursed: 0 };
      e.n++;
      e.approved += approvedBy.get(p.id) ?? 0;
      e.disbursed += disbursedBy.get(p.id) ?? 0;
      expected.set(cur, e);
    }

    const o = getOverview(db, AS_OF);
    expect(o.totals.projects).toBe(projects.length);
    expect(projects.length).toBeGreaterThan(100);
    for (const p of o.byPhase) expect(p.projects, p.phase).toBe(phases.get(p.phase) ?? 0);
    expect(o.byProvince).toHaveLength(34);
    for (const p of o.byProvince) {
      const e = expected.get(p.id) ?? { n: 0, approved: 0, disbursed: 0 };
      expect([p.projects, p.approved, p.disbursed], p.code).toEqual([e.n, e.approved, e.disbursed]);
    }
    expect(o.totals.provincesCovered).toBe(expected.size);
    // Some projects are recorded against legacy provinces, and they do roll up.
    const legacyRecorded = projects.filter((p) => p.provinceId !== null && !inForce(p.provinceId)).length;
    expect(legacyRecorded).toBeGreaterThan(0);
  });

  it("serves a planner the national figures and their own block", async () => {
    const cookie = cookieOf("planner.hcm@demo.citypilot.vn");
    const data = (await homeLoader({
      request: new Request("http://localhost/", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as { mine: { organisationId: number; totals: { projects: number } } | null };
    expect(data.mine?.organisationId).toBe(orgId("P-HCM"));
    const hcm = getOverview(db).byProvince.find((p) => p.code === "P-HCM")!;
    // The planner's family covers at least the projects located in Ho Chi Minh City today.
    expect(data.mine!.totals.projects).toBeGreaterThanOrEqual(hcm.projects);
  });
});

describe("demo accounts and plans", () => {
  it("planner.hcm reads Ho Chi Minh City's plans, not Lai Châu's; planner.laichau the other way round", async () => {
    const hcm = String(orgId("P-HCM"));
    const lcu = String(orgId("P-LCU"));
    const bd = String(orgId("LP-74"));
    const hcmCookie = cookieOf("planner.hcm@demo.citypilot.vn");
    const lcuCookie = cookieOf("planner.laichau@demo.citypilot.vn");
    expect(await status(plansLoader, `/organisations/${hcm}/plans`, hcmCookie, { id: hcm })).toBe(200);
    expect(await status(plansLoader, `/organisations/${bd}/plans`, hcmCookie, { id: bd })).toBe(200);
    expect(await status(plansLoader, `/organisations/${lcu}/plans`, hcmCookie, { id: lcu })).toBe(403);
    expect(await status(plansLoader, `/organisations/${lcu}/plans`, lcuCookie, { id: lcu })).toBe(200);
    expect(await status(plansLoader, `/organisations/${hcm}/plans`, lcuCookie, { id: hcm })).toBe(403);
    const most = cookieOf("planner.most@demo.citypilot.vn");
    expect(await status(plansLoader, `/organisations/${hcm}/plans`, most, { id: hcm })).toBe(403);
  });
});

describe("register and strategy on demo data", () => {
  it("lists the 63 legacy provinces, each with its successor, and finds them without diacritics", () => {
    const legacy = listOrganisations(
      db,
      parseRegisterQuery("kind=province&status=legacy&size=100"),
      "vi",
      AS_OF,
    );
    expect(legacy.total).toBe(63);
    expect(
      legacy.rows.every((r) => r.legacy && r.successors.length === 1 && r.validTo === "2025-06-30"),
    ).toBe(true);
    const hits = listOrganisations(db, parseRegisterQuery("q=binh duong"), "vi", AS_OF).rows.map(
      (r) => r.code,
    );
    expect(hits).toContain("LP-74");
    // The project counts of the register add up with those of the projects table.
    const all = listOrganisations(
      db,
      parseRegisterQuery("status=all&size=100&sort=projects&dir=desc"),
      "vi",
      AS_OF,
    );
    const owned = db.$client.prepare("SELECT COUNT(*) AS n FROM projects WHERE organisation_id = ?");
    for (const r of all.rows.slice(0, 5)) {
      expect(r.projectCount).toBeGreaterThanOrEqual((owned.get(r.id) as { n: number }).n);
    }
  });

  it("counts every linked project once at the root of the strategy tree", () => {
    const root = loadStrategyNodes(db).find((n) => n.parentId === null)!;
    const linked = (
      db.$client.prepare("SELECT COUNT(DISTINCT project_id) AS n FROM project_strategy_nodes").get() as {
        n: number;
      }
    ).n;
    expect(root.projectCount).toBe(linked);
  });
});
