import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import strategyJson from "#seeds/reference/strategy-950.json";
import { seedReference } from "#seeds/reference";
import { seedAll } from "#seeds/index";
import { seedDemo, DEMO_TODAY, type PlantedManifest } from "#seeds/demo";
import { DEMO_ACCOUNTS } from "#seeds/demo/accounts";
import { EMPTY_PROVINCES } from "#seeds/demo/planted";
import { foldVietnamese } from "~/utils/text";
import {
  familyIds,
  invalidateSuccession,
  resolveOrganisation,
  successorIdOf,
} from "~/modules/organisations/succession.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { createTestDb, type TestDb } from "./helpers/db";

const SCALE = 0.1;
const SEED = 42;

function countNodes(n: { children?: unknown[] }): number {
  return 1 + (n.children ?? []).reduce<number>((a, c) => a + countNodes(c as { children?: unknown[] }), 0);
}

function dump(t: TestDb): string {
  const h = createHash("sha256");
  for (const table of [
    "projects",
    "transactions",
    "budget_lines",
    "milestones",
    "plans",
    "project_phase_changes",
  ]) {
    for (const row of t.db.$client.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate()) {
      h.update(JSON.stringify(row));
    }
  }
  return h.digest("hex");
}

const addDays = (iso: string, d: number) =>
  new Date(Date.parse(iso) + d * 86_400_000).toISOString().slice(0, 10);

let a: TestDb;
let b: TestDb;
let other: TestDb;
let planted: PlantedManifest;
let counts: Record<string, number>;

beforeAll(async () => {
  a = createTestDb();
  b = createTestDb();
  other = createTestDb();
  const result = await seedAll(a.db, { scale: SCALE, seed: SEED, password: "test-password-1" });
  planted = result.planted;
  counts = result.counts;
  await seedAll(b.db, { scale: SCALE, seed: SEED, password: "another-password" });
  seedReference(other.db);
  seedDemo(other.db, { scale: SCALE, seed: SEED + 1 });
});

afterAll(() => {
  a?.cleanup();
  b?.cleanup();
  other?.cleanup();
});

const q = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
  a.db.$client.prepare(sql).all(...params) as T[];
const one = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
  a.db.$client.prepare(sql).get(...params) as T;
const n = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

const project = (code: string) =>
  one<{
    id: number;
    code: string;
    organisation_id: number;
    province_id: number | null;
    city_id: number | null;
    title_vi: string;
    title_en: string | null;
    description_vi: string;
    phase: string;
    components: string;
    hosting_model: string;
    hardware_capex: number;
    operator_type: string;
    handles_personal_data: number;
    app_id: number | null;
    replicates_project_id: number | null;
    start_date: string;
  }>("SELECT * FROM projects WHERE code = ?", code);

describe("reference seed", () => {
  it("has the 34 current and 63 legacy provinces with successors", () => {
    expect(
      n(
        "SELECT COUNT(*) n FROM organisations WHERE code LIKE 'P-%' AND kind = 'province' AND valid_from = '2025-07-01' AND valid_to IS NULL",
      ),
    ).toBe(34);
    expect(
      n(
        "SELECT COUNT(*) n FROM organisations WHERE code LIKE 'LP-%' AND kind = 'province' AND valid_to = '2025-06-30'",
      ),
    ).toBe(63);
    expect(
      n(`SELECT COUNT(*) n FROM organisations o JOIN organisation_successions s ON s.predecessor_id = o.id
          JOIN organisations t ON t.id = s.successor_id
         WHERE o.code LIKE 'LP-%' AND t.code LIKE 'P-%' AND s.effective_date = '2025-07-01'`),
    ).toBe(63);
    expect(n("SELECT COUNT(*) n FROM organisations WHERE code IN ('P-HN', 'LP-01')")).toBe(2);
    expect(n("SELECT COUNT(*) n FROM organisations WHERE code LIKE 'P-%' AND municipality = 1")).toBe(6);
    expect(n("SELECT COUNT(*) n FROM regions")).toBe(6);
    expect(n("SELECT COUNT(*) n FROM regions WHERE disadvantaged = 1")).toBe(2);
    const lcu = one<{ name_en: string; search_name: string; population: number }>(
      "SELECT * FROM organisations WHERE code = 'P-LCU'",
    );
    expect(lcu.name_en).toBe("Lai Chau Province");
    expect(lcu.search_name).toBe("lai chau");
    expect(lcu.population).toBeGreaterThan(0);
    expect(one<{ name_en: string }>("SELECT name_en FROM organisations WHERE code = 'P-HCM'").name_en).toBe(
      "Ho Chi Minh City",
    );
  });

  it("has 17 + 22 ministries, the task force, cities and national apps", () => {
    expect(
      n(
        "SELECT COUNT(*) n FROM organisations WHERE code LIKE 'M-%' AND kind = 'ministry' AND valid_from = '2025-03-01'",
      ),
    ).toBe(17);
    expect(
      n(
        "SELECT COUNT(*) n FROM organisations WHERE code LIKE 'LM-%' AND kind = 'ministry' AND valid_to = '2025-02-28'",
      ),
    ).toBe(22);
    expect(
      n(`SELECT COUNT(*) n FROM organisation_successions s JOIN organisations o ON o.id = s.predecessor_id
         WHERE o.code LIKE 'LM-%' AND s.effective_date = '2025-03-01'`),
    ).toBe(22);
    expect(n("SELECT COUNT(*) n FROM organisations WHERE kind = 'task_force' AND code = 'TF'")).toBe(1);
    expect(
      n(`SELECT COUNT(*) n FROM organisations c JOIN organisations p ON p.id = c.parent_id
         WHERE c.kind = 'city' AND p.code LIKE 'P-%'`),
    ).toBeGreaterThanOrEqual(9);
    expect(
      one<{ code: string }>(
        "SELECT p.code FROM organisations c JOIN organisations p ON p.id = c.parent_id WHERE c.code = 'C-VTU'",
      ).code,
    ).toBe("P-HCM");
    expect(n("SELECT COUNT(*) n FROM app_register WHERE scope = 'national'")).toBeGreaterThanOrEqual(5);
    expect(n("SELECT COUNT(*) n FROM app_register WHERE name_vi LIKE 'VNeID%'")).toBe(1);
  });

  it("has the strategy tree with materialised paths", () => {
    expect(n("SELECT COUNT(*) n FROM strategy_nodes")).toBe(countNodes(strategyJson.tree));
    const nodes = q<{ id: number; parent_id: number | null; path: string; depth: number }>(
      "SELECT * FROM strategy_nodes",
    );
    const byId = new Map(nodes.map((x) => [x.id, x]));
    for (const node of nodes) {
      expect(node.path.endsWith(`/${node.id}/`)).toBe(true);
      expect(node.path.split("/").filter(Boolean).length).toBe(node.depth + 1);
      if (node.parent_id) expect(node.path.startsWith(byId.get(node.parent_id)!.path)).toBe(true);
    }
    expect(
      n(
        "SELECT COUNT(*) n FROM strategy_nodes WHERE code = 'DA950.3' AND lead_organisation_id = (SELECT id FROM organisations WHERE code = 'M-MOST')",
      ),
    ).toBe(1);
    expect(n("SELECT COUNT(*) n FROM strategy_node_cooperators")).toBeGreaterThan(0);
    expect(n("SELECT COUNT(*) n FROM strategy_targets")).toBeGreaterThanOrEqual(5);
  });

  it("is idempotent", () => {
    const before = n("SELECT COUNT(*) n FROM organisations");
    expect(seedReference(a.db)).toBeNull();
    expect(n("SELECT COUNT(*) n FROM organisations")).toBe(before);
  });
});

describe("demo seed", () => {
  it("produces counts in the expected ranges", () => {
    expect(counts.projects).toBeGreaterThan(250);
    expect(counts.projects).toBeLessThan(350);
    expect(counts.transactions).toBeGreaterThan(counts.projects * 25);
    expect(counts.milestones).toBeGreaterThan(counts.projects * 3);
    expect(counts.budgetLines).toBeGreaterThan(counts.projects * 2);
    expect(counts.plans).toBeGreaterThan(60);
    for (const key of [
      "planRevisions",
      "reviewComments",
      "lessonsLearned",
      "indicators",
      "indicatorValues",
      "dataRegister",
      "plannedDisbursements",
      "budgetRevisions",
      "projectPhaseChanges",
      "projectCooperators",
      "projectStrategyNodes",
    ]) {
      expect(counts[key], key).toBeGreaterThan(0);
    }
    expect(n("SELECT COUNT(*) n FROM projects")).toBe(counts.projects);
    expect(n("SELECT COUNT(DISTINCT funding_source) n FROM budget_lines")).toBe(6);
    expect(n("SELECT COUNT(DISTINCT status) n FROM plans")).toBe(4);
    expect(n("SELECT COUNT(DISTINCT phase) n FROM projects")).toBe(7);
  });

  it("creates the demo accounts", () => {
    for (const acc of DEMO_ACCOUNTS) {
      const row = one<{ role: string; code: string; hash: string }>(
        `SELECT m.role, o.code, u.password_hash AS hash FROM users u JOIN memberships m ON m.user_id = u.id
           JOIN organisations o ON o.id = m.organisation_id WHERE u.email = ?`,
        acc.email,
      );
      expect(row, acc.email).toBeTruthy();
      expect(row.role).toBe(acc.role);
      expect(row.code).toBe(acc.organisationCode);
      expect(row.hash.startsWith("$argon2id$")).toBe(true);
    }
  });

  it("spreads projects over provinces, ministries and legacy units", () => {
    const byKind = Object.fromEntries(
      q<{ k: string; n: number }>(
        `SELECT CASE WHEN o.code LIKE 'P-%' THEN 'province' WHEN o.code LIKE 'LP-%' THEN 'legacyProvince'
                     WHEN o.code LIKE 'M-%' THEN 'ministry' WHEN o.code LIKE 'LM-%' THEN 'legacyMinistry' ELSE o.kind END k,
                COUNT(*) n FROM projects p JOIN organisations o ON o.id = p.organisation_id GROUP BY 1`,
      ).map((r) => [r.k, r.n]),
    );
    expect(byKind.province).toBeGreaterThan(150);
    expect(byKind.ministry).toBeGreaterThan(15);
    expect(byKind.legacyProvince).toBeGreaterThan(5);
    expect(byKind.legacyMinistry).toBeGreaterThan(0);
    expect(byKind.city).toBeGreaterThan(0);
    expect(
      n(
        "SELECT COUNT(*) n FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE o.code = 'P-LCU'",
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(
      n(
        "SELECT COUNT(*) n FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE o.code = 'LP-74'",
      ),
    ).toBeGreaterThanOrEqual(1);
    const hcm = n(
      "SELECT COUNT(*) n FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE o.code = 'P-HCM'",
    );
    const hg = n(
      "SELECT COUNT(*) n FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE o.code = 'P-HTH'",
    );
    expect(hcm).toBeGreaterThan(hg * 3);
  });

  it("keeps money in integer VND and disbursements within commitments", () => {
    for (const [table, cols] of [
      ["transactions", ["amount"]],
      ["budget_lines", ["approved_amount", "original_amount"]],
      ["planned_disbursements", ["amount"]],
      ["budget_revisions", ["from_amount", "to_amount"]],
      ["projects", ["hardware_capex"]],
    ] as const) {
      for (const col of cols) {
        expect(
          n(`SELECT COUNT(*) n FROM ${table} WHERE typeof(${col}) != 'integer'`),
          `${table}.${col}`,
        ).toBe(0);
      }
    }
    expect(
      n("SELECT COUNT(*) n FROM budget_lines WHERE approved_amount % 1000000 != 0 OR approved_amount <= 0"),
    ).toBe(0);
    expect(n("SELECT COUNT(*) n FROM transactions WHERE amount <= 0")).toBe(0);
    expect(
      n(`SELECT COUNT(*) n FROM (
           SELECT budget_line_id,
                  SUM(CASE WHEN kind = 'commitment' THEN amount ELSE 0 END) c,
                  SUM(CASE WHEN kind = 'disbursement' THEN amount ELSE 0 END) d,
                  SUM(CASE WHEN kind = 'expenditure' THEN amount ELSE 0 END) e
             FROM transactions GROUP BY budget_line_id) WHERE d > c OR e > d`),
    ).toBe(0);
    expect(
      n(
        `SELECT COUNT(*) n FROM transactions t JOIN budget_lines l ON l.id = t.budget_line_id
          WHERE CAST(substr(t.date, 1, 4) AS INTEGER) != l.fiscal_year OR t.date > ? OR t.project_id != l.project_id`,
        DEMO_TODAY,
      ),
    ).toBe(0);
    expect(
      n(`SELECT COUNT(*) n FROM (SELECT budget_line_id, SUM(amount) s FROM planned_disbursements GROUP BY 1) p
          JOIN budget_lines l ON l.id = p.budget_line_id WHERE p.s != l.approved_amount`),
    ).toBe(0);
  });

  it("writes well-formed projects", () => {
    expect(
      n("SELECT COUNT(*) n FROM projects WHERE code NOT GLOB '[A-Z]*-20[0-9][0-9]-[0-9][0-9][0-9]*'"),
    ).toBe(0);
    expect(n("SELECT COUNT(*) n FROM projects WHERE search_text = '' OR length(title_vi) < 10")).toBe(0);
    const sample = q<{
      title_vi: string;
      description_vi: string;
      title_en: string | null;
      description_en: string | null;
      search_text: string;
    }>("SELECT title_vi, description_vi, title_en, description_en, search_text FROM projects LIMIT 50");
    for (const p of sample) {
      expect(p.search_text).toBe(
        foldVietnamese([p.title_vi, p.description_vi, p.title_en ?? "", p.description_en ?? ""].join(" ")),
      );
    }
    expect(n("SELECT COUNT(DISTINCT title_vi) n FROM projects")).toBeGreaterThan(counts.projects * 0.8);
    expect(n("SELECT COUNT(*) n FROM projects WHERE title_en IS NOT NULL")).toBeGreaterThan(
      counts.projects * 0.2,
    );
    expect(
      n(
        "SELECT COUNT(*) n FROM projects WHERE description_vi LIKE 'Implements %' OR description_vi LIKE 'Part of %' OR description_vi LIKE 'A 20%' OR description_vi LIKE 'Sector data%' OR description_vi LIKE 'Building on%' OR description_vi LIKE 'Demand%' OR description_vi LIKE 'Under the%' OR description_vi LIKE 'Many localities%' OR description_vi LIKE 'After the%'",
      ),
    ).toBeGreaterThan(0);
    expect(n("SELECT COUNT(*) n FROM projects WHERE replicates_project_id IS NOT NULL")).toBeGreaterThan(0);
    expect(
      n(
        "SELECT COUNT(*) n FROM projects WHERE handles_personal_data = 1 AND NOT EXISTS (SELECT 1 FROM data_register d WHERE d.project_id = projects.id)",
      ),
    ).toBe(0);
    expect(n("SELECT COUNT(*) n FROM app_register WHERE scope = 'provincial'")).toBeGreaterThan(5);
    expect(
      n(
        "SELECT COUNT(*) n FROM lessons_learned l JOIN projects p ON p.id = l.project_id WHERE p.phase NOT IN ('evaluation', 'scaling', 'operational')",
      ),
    ).toBe(0);
    expect(
      n("SELECT COUNT(*) n FROM milestones WHERE done_date IS NOT NULL AND done_date > ?", DEMO_TODAY),
    ).toBe(0);
  });

  it("writes one audit event for the seed run", () => {
    expect(n("SELECT COUNT(*) n FROM audit_events WHERE action = 'seed.demo'")).toBe(1);
    expect(verifyAuditChain(a.db).ok).toBe(true);
  });
});

describe("planted patterns", () => {
  const familyOfProvince = (id: number | null) =>
    id === null
      ? []
      : q<{ id: number }>(
          `SELECT ?1 AS id UNION SELECT successor_id FROM organisation_successions WHERE predecessor_id = ?1
       UNION SELECT predecessor_id FROM organisation_successions WHERE successor_id = ?1`.replace(
            /\?1/g,
            String(id),
          ),
        ).map((r) => r.id);

  it("plants the same solution in many provinces", () => {
    const check = (codes: string[], component: string, min: number) => {
      const ps = codes.map(project);
      expect(new Set(ps.map((p) => p.province_id)).size).toBeGreaterThanOrEqual(min);
      for (const p of ps) expect(JSON.parse(p.components)).toContain(component);
    };
    check(planted.sameSolution.ioc, "ioc", 15);
    check(planted.sameSolution.citizenApp, "citizen-app", 10);
    check(planted.sameSolution.dataCentre, "data-centre", 8);
  });

  it("plants true double submissions of every kind", () => {
    const kinds = new Set(planted.doubleSubmissions.map((d) => d.kind));
    for (const k of [
      "rephrased",
      "no_diacritics",
      "english_copy",
      "province_and_city",
      "ministry_and_province",
      "legacy_copy",
    ]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    for (const d of planted.doubleSubmissions) {
      const [x, y] = d.codes.map(project);
      expect(x && y, d.codes.join()).toBeTruthy();
      expect(x.id).not.toBe(y.id);
      expect(familyOfProvince(x.province_id)).toContain(y.province_id);
      if (d.kind === "no_diacritics") {
        expect(foldVietnamese(y.title_vi)).toBe(foldVietnamese(x.title_vi));
        expect(y.title_vi).not.toBe(x.title_vi);
      }
      if (d.kind === "english_copy") expect(y.title_vi).toMatch(/^[\x20-\x7e]+$/);
      if (d.kind === "province_and_city") {
        expect(y.city_id).toBe(x.city_id);
        expect(
          one<{ kind: string }>("SELECT kind FROM organisations WHERE id = ?", y.organisation_id).kind,
        ).toBe("city");
      }
      if (d.kind === "ministry_and_province") {
        expect(
          one<{ kind: string }>("SELECT kind FROM organisations WHERE id = ?", y.organisation_id).kind,
        ).toBe("ministry");
      }
      if (d.kind === "legacy_copy") {
        expect(
          one<{ valid_to: string | null }>(
            "SELECT valid_to FROM organisations WHERE id = ?",
            y.organisation_id,
          ).valid_to,
        ).not.toBeNull();
      }
    }
  });

  it("plants recent spending on stalled projects", () => {
    expect(planted.stalledWithRecentSpend.length).toBeGreaterThanOrEqual(3);
    for (const code of planted.stalledWithRecentSpend) {
      const p = project(code);
      expect(
        n(
          "SELECT COUNT(*) n FROM milestones WHERE project_id = ? AND done_date IS NULL AND due_date < ?",
          p.id,
          addDays(DEMO_TODAY, -90),
        ),
        code,
      ).toBeGreaterThan(0);
      expect(
        n(
          "SELECT COUNT(*) n FROM transactions WHERE project_id = ? AND kind = 'disbursement' AND date >= ?",
          p.id,
          addDays(DEMO_TODAY, -90),
        ),
        code,
      ).toBeGreaterThan(0);
    }
  });

  it("plants overruns", () => {
    for (const code of planted.overrunSpent) {
      const p = project(code);
      const approved = n("SELECT SUM(approved_amount) n FROM budget_lines WHERE project_id = ?", p.id);
      const disbursed = n(
        "SELECT SUM(amount) n FROM transactions WHERE project_id = ? AND kind = 'disbursement'",
        p.id,
      );
      expect(disbursed, code).toBeGreaterThan(approved);
    }
    for (const code of planted.overrunRaised) {
      const p = project(code);
      expect(
        n(
          "SELECT COUNT(*) n FROM budget_lines WHERE project_id = ? AND approved_amount > original_amount * 1.2",
          p.id,
        ),
        code,
      ).toBeGreaterThan(0);
      expect(
        n(
          "SELECT COUNT(*) n FROM budget_revisions r JOIN budget_lines l ON l.id = r.budget_line_id WHERE l.project_id = ?",
          p.id,
        ),
      ).toBeGreaterThan(0);
    }
    expect(planted.overrunSpent.length + planted.overrunRaised.length).toBeGreaterThanOrEqual(4);
  });

  it("plants idle 2026 allocations", () => {
    expect(planted.idleAllocations.length).toBeGreaterThanOrEqual(3);
    for (const code of planted.idleAllocations) {
      const p = project(code);
      const row = one<{ approved: number; disbursed: number }>(
        `SELECT SUM(l.approved_amount) approved,
                COALESCE((SELECT SUM(t.amount) FROM transactions t JOIN budget_lines l2 ON l2.id = t.budget_line_id
                           WHERE l2.project_id = ?1 AND l2.fiscal_year = 2026 AND t.kind = 'disbursement'), 0) disbursed
           FROM budget_lines l WHERE l.project_id = ?1 AND l.fiscal_year = 2026`.replace(
          /\?1/g,
          String(p.id),
        ),
      );
      expect(row.approved, code).toBeGreaterThan(1e9);
      expect(row.disbursed / row.approved, code).toBeLessThan(0.15);
    }
  });

  it("plants on-premise data centres with large hardware spend", () => {
    for (const code of planted.onPremiseDataCentres) {
      const p = project(code);
      expect(p.hosting_model).toBe("on_premise");
      expect(p.hardware_capex).toBeGreaterThanOrEqual(50e9);
      expect(
        n("SELECT COUNT(*) n FROM budget_lines WHERE project_id = ? AND category = 'hardware'", p.id),
      ).toBeGreaterThan(0);
    }
  });

  it("plants provincial apps overlapping national ones", () => {
    expect(planted.overlappingCitizenApps.length).toBeGreaterThanOrEqual(3);
    for (const code of planted.overlappingCitizenApps) {
      const p = project(code);
      expect(p.app_id, code).not.toBeNull();
      expect(one<{ scope: string }>("SELECT scope FROM app_register WHERE id = ?", p.app_id).scope).toBe(
        "provincial",
      );
      expect(JSON.parse(p.components)).toEqual(
        expect.arrayContaining(["citizen-app", "e-id", "public-services"]),
      );
    }
  });

  it("plants personal data run by private contractors", () => {
    const { withSecurityLine, withoutSecurityLine } = planted.privateContractorPersonalData;
    expect(withoutSecurityLine.length).toBeGreaterThan(0);
    for (const code of [...withSecurityLine, ...withoutSecurityLine]) {
      const p = project(code);
      expect(p.handles_personal_data).toBe(1);
      expect(p.operator_type).toBe("private_contractor");
      expect(
        n(
          "SELECT COUNT(*) n FROM data_register WHERE project_id = ? AND operator_type = 'private_contractor'",
          p.id,
        ),
      ).toBeGreaterThan(0);
      const security = n(
        "SELECT COUNT(*) n FROM budget_lines WHERE project_id = ? AND category = 'security'",
        p.id,
      );
      if (withoutSecurityLine.includes(code)) expect(security, code).toBe(0);
      else expect(security, code).toBeGreaterThan(0);
    }
  });

  it("plants pilots replicated before evaluation", () => {
    expect(planted.replicatedBeforeEvaluation.length).toBeGreaterThan(0);
    for (const g of planted.replicatedBeforeEvaluation) {
      const src = project(g.pilot);
      expect(src.phase).toBe("pilot");
      expect(
        n(
          "SELECT COUNT(*) n FROM project_phase_changes WHERE project_id = ? AND to_phase = 'evaluation'",
          src.id,
        ),
      ).toBe(0);
      expect(g.replicas.length).toBeGreaterThanOrEqual(2);
      for (const code of g.replicas) {
        const r = project(code);
        expect(r.replicates_project_id).toBe(src.id);
        expect(["pilot", "scaling"]).toContain(r.phase);
        expect(r.province_id).not.toBe(src.province_id);
      }
    }
  });

  it("plants zombie projects", () => {
    const since = addDays(DEMO_TODAY, -180);
    expect(planted.zombies.length).toBeGreaterThanOrEqual(3);
    for (const code of planted.zombies) {
      const p = project(code);
      expect(["approved", "pilot", "scaling"]).toContain(p.phase);
      expect(
        n("SELECT COUNT(*) n FROM transactions WHERE project_id = ? AND date >= ?", p.id, since),
        code,
      ).toBe(0);
      expect(
        n("SELECT COUNT(*) n FROM milestones WHERE project_id = ? AND done_date >= ?", p.id, since),
        code,
      ).toBe(0);
      expect(
        n(
          "SELECT COUNT(*) n FROM project_phase_changes WHERE project_id = ? AND changed_on >= ?",
          p.id,
          since,
        ),
        code,
      ).toBe(0);
    }
  });

  it("leaves mountain provinces with little or nothing", () => {
    expect(planted.underservedProvinces.none).toEqual(expect.arrayContaining(EMPTY_PROVINCES));
    expect(planted.underservedProvinces.few.length).toBeGreaterThan(0);
    for (const code of planted.underservedProvinces.none) {
      expect(
        n(
          "SELECT COUNT(*) n FROM projects p JOIN organisations o ON o.id = p.province_id WHERE o.code = ?",
          code,
        ),
      ).toBe(0);
    }
  });
});

describe("determinism", () => {
  it("gives identical rows for the same seed and different rows for another seed", () => {
    const da = dump(a);
    expect(dump(b)).toBe(da);
    expect(dump(other)).not.toBe(da);
  });
});

describe("resolveOrganisation on the seeded database", () => {
  const codeOf = (id: number | null | undefined) =>
    id == null ? null : one<{ code: string }>("SELECT code FROM organisations WHERE id = ?", id).code;

  it("resolves legacy names and codes to today's units", () => {
    invalidateSuccession(a.db);
    expect(resolveOrganisation(a.db, "Bình Dương", DEMO_TODAY)?.code).toBe("P-HCM");
    expect(resolveOrganisation(a.db, "binh duong", DEMO_TODAY)?.code).toBe("P-HCM");
    expect(resolveOrganisation(a.db, "TP.HCM", DEMO_TODAY)?.code).toBe("P-HCM");
    expect(resolveOrganisation(a.db, "Bộ Thông tin và Truyền thông", DEMO_TODAY)?.code).toBe("M-MOST");
    expect(resolveOrganisation(a.db, "MIC", DEMO_TODAY)?.code).toBe("M-MOST");
    expect(resolveOrganisation(a.db, "Hà Giang", DEMO_TODAY)?.code).toBe("P-TQG");
    expect(resolveOrganisation(a.db, "Bình Dương", "2024-01-01")?.code).toBe("LP-74");
    expect(resolveOrganisation(a.db, "no such place")).toBeNull();
    const lp02 = one<{ id: number }>("SELECT id FROM organisations WHERE code = 'LP-02'").id;
    expect(codeOf(successorIdOf(a.db, lp02, DEMO_TODAY))).toBe("P-TQG");
  });

  it("finds a province's family", () => {
    const hcm = one<{ id: number }>("SELECT id FROM organisations WHERE code = 'P-HCM'").id;
    const fam = familyIds(a.db, hcm).map(codeOf).sort();
    expect(fam).toEqual(["LP-74", "LP-77", "LP-79", "P-HCM"]);
  });
});
