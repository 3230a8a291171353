/**
 * A small, hand-made data set on top of the real reference data (34 + 63
 * provinces, ministries, successions, strategy tree): a few projects in
 * current and legacy provinces, plans, budget lines, transactions, audit
 * events, and one user per role with a live session.
 */
import type { Db } from "#db/client.server";
import type { ProjectPhase, Role } from "#db/enums";
import { seedReference } from "#seeds/reference";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { recordAudit } from "~/modules/audit/audit.server";

export interface PagesFixture {
  org: (code: string) => number;
  node: (code: string) => number;
  /** Cookie header value per role (planners by province). */
  cookies: Record<"plannerHcm" | "plannerLaiChau" | "coordinator" | "leader" | "auditor" | "admin", string>;
  userIds: Record<string, number>;
}

interface ProjectSpec {
  code: string;
  org: string;
  province: string | null;
  city?: string;
  phase: ProjectPhase;
  plan?: string;
  nodes?: string[];
  budget?: number[];
  disbursed?: number[];
  committed?: number;
}

export const FIXTURE_PROJECTS: ProjectSpec[] = [
  // Ho Chi Minh City today.
  {
    code: "T-HCM-1",
    org: "P-HCM",
    province: "P-HCM",
    phase: "pilot",
    plan: "PL-HCM-2026",
    nodes: ["DA950.1.1"],
    budget: [5_000_000_000, 2_500_000_000],
    disbursed: [1_000_000_000],
  },
  {
    code: "T-HCM-2",
    org: "P-HCM",
    province: "P-HCM",
    city: "C-TDU",
    phase: "proposed",
    plan: "PL-HCM-2026",
    nodes: ["DA950.1.1", "DA950.1.2"],
    budget: [800_000_000],
  },
  // Recorded against legacy provinces that merged into Ho Chi Minh City.
  {
    code: "T-BDG-1",
    org: "LP-74",
    province: "LP-74",
    phase: "operational",
    plan: "PL-BDG-2021",
    nodes: ["DA950.2.1"],
    budget: [12_000_000_000],
    disbursed: [7_000_000_000, 3_000_000_000, -500_000_000],
    committed: 11_000_000_000,
  },
  { code: "T-BDG-2", org: "LP-74", province: "LP-74", phase: "cancelled", budget: [100_000_000] },
  {
    code: "T-HCMO-1",
    org: "LP-79",
    province: "LP-79",
    phase: "scaling",
    nodes: ["DA950.2"],
    budget: [9_000_000_000],
    disbursed: [4_000_000_000],
  },
  // Lai Châu, legacy and current.
  {
    code: "T-LCU-1",
    org: "LP-12",
    province: "LP-12",
    phase: "evaluation",
    budget: [700_000_000],
    disbursed: [300_000_000],
  },
  { code: "T-LCU-2", org: "P-LCU", province: "P-LCU", phase: "pilot", plan: "PL-LCU-2026" },
  // Hà Nội.
  {
    code: "T-HNI-1",
    org: "P-HN",
    province: "P-HN",
    phase: "approved",
    nodes: ["DA950.1.2"],
    budget: [2_000_000_000],
  },
  // A ministry project located in a province and one of national scope.
  {
    code: "T-MOST-1",
    org: "M-MOST",
    province: "P-DNG",
    phase: "pilot",
    nodes: ["DA950.1"],
    budget: [3_000_000_000],
    disbursed: [1_500_000_000],
  },
  {
    code: "T-MOST-2",
    org: "M-MOST",
    province: null,
    phase: "operational",
    budget: [4_000_000_000],
    disbursed: [4_000_000_000],
  },
];

const PLANS: { code: string; org: string; status: string; start: number; end: number; revision: number }[] = [
  { code: "PL-HCM-2026", org: "P-HCM", status: "submitted", start: 2026, end: 2030, revision: 2 },
  { code: "PL-HCM-2025", org: "P-HCM", status: "draft", start: 2025, end: 2025, revision: 1 },
  { code: "PL-BDG-2021", org: "LP-74", status: "approved", start: 2021, end: 2025, revision: 3 },
  { code: "PL-LCU-2026", org: "P-LCU", status: "draft", start: 2026, end: 2030, revision: 1 },
];

export function buildPagesFixture(db: Db): PagesFixture {
  seedReference(db);
  const c = db.$client;
  const orgIds = new Map(
    (c.prepare("SELECT id, code FROM organisations").all() as { id: number; code: string }[]).map((r) => [
      r.code,
      r.id,
    ]),
  );
  const nodeIds = new Map(
    (c.prepare("SELECT id, code FROM strategy_nodes").all() as { id: number; code: string }[]).map((r) => [
      r.code,
      r.id,
    ]),
  );
  const org = (code: string) => {
    const id = orgIds.get(code);
    if (id === undefined) throw new Error(`fixture: unknown organisation ${code}`);
    return id;
  };
  const node = (code: string) => {
    const id = nodeIds.get(code);
    if (id === undefined) throw new Error(`fixture: unknown strategy node ${code}`);
    return id;
  };

  const insUser = c.prepare(
    "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, 'x', ?)",
  );
  const insMember = c.prepare("INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)");
  const users: [string, string, Role, string][] = [
    ["plannerHcm", "planner.hcm@test.vn", "planner", "P-HCM"],
    ["plannerLaiChau", "planner.laichau@test.vn", "planner", "P-LCU"],
    ["coordinator", "coordinator@test.vn", "coordinator", "TF"],
    ["leader", "leader@test.vn", "leader", "TF"],
    ["auditor", "auditor@test.vn", "auditor", "TF"],
    ["admin", "admin@test.vn", "admin", "TF"],
  ];
  const userIds: Record<string, number> = {};
  const cookies = {} as PagesFixture["cookies"];
  users.forEach(([key, email, role, orgCode], i) => {
    const id = Number(insUser.run(email, key, Date.UTC(2025, 0, 1 + i)).lastInsertRowid);
    insMember.run(id, org(orgCode), role);
    userIds[key] = id;
    cookies[key as keyof PagesFixture["cookies"]] = `${SESSION_COOKIE}=${createSession(db, id).token}`;
  });

  const planIds = new Map<string, number>();
  const insPlan = c.prepare(
    `INSERT INTO plans (code, organisation_id, title_vi, title_en, period_start, period_end, status, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of PLANS) {
    planIds.set(
      p.code,
      Number(
        insPlan.run(
          p.code,
          org(p.org),
          `Kế hoạch ${p.code}`,
          `Plan ${p.code}`,
          p.start,
          p.end,
          p.status,
          p.revision,
        ).lastInsertRowid,
      ),
    );
  }

  const insProject = c.prepare(
    `INSERT INTO projects (code, plan_id, organisation_id, province_id, city_id, title_vi, title_en, description_vi,
       domain, phase, hosting_model, operator_type)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'governance', ?, 'government_cloud', 'government_agency')`,
  );
  const insLink = c.prepare(
    "INSERT INTO project_strategy_nodes (project_id, node_id, is_primary) VALUES (?, ?, ?)",
  );
  const insLine = c.prepare(
    `INSERT INTO budget_lines (project_id, fiscal_year, funding_source, category, approved_amount, original_amount)
     VALUES (?, ?, ?, 'general', ?, ?)`,
  );
  const insTx = c.prepare(
    "INSERT INTO transactions (project_id, budget_line_id, kind, date, amount) VALUES (?, ?, ?, '2025-09-01', ?)",
  );
  const sources = ["central_budget", "local_budget", "oda_loan"];
  for (const p of FIXTURE_PROJECTS) {
    const id = Number(
      insProject.run(
        p.code,
        p.plan ? planIds.get(p.plan)! : null,
        org(p.org),
        p.province ? org(p.province) : null,
        p.city ? org(p.city) : null,
        `Dự án ${p.code}`,
        `Project ${p.code}`,
        "Mô tả",
        p.phase,
      ).lastInsertRowid,
    );
    (p.nodes ?? []).forEach((n, i) => insLink.run(id, node(n), i === 0 ? 1 : 0));
    let firstLine: number | null = null;
    (p.budget ?? []).forEach((amount, i) => {
      const lineId = Number(
        insLine.run(id, 2025, sources[i % sources.length], amount, amount).lastInsertRowid,
      );
      firstLine ??= lineId;
    });
    if (firstLine !== null) {
      for (const amount of p.disbursed ?? []) insTx.run(id, firstLine, "disbursement", amount);
      if (p.committed) insTx.run(id, firstLine, "commitment", p.committed);
    }
  }

  db.transaction((tx) => {
    for (let i = 0; i < 7; i++) {
      recordAudit(
        tx,
        { userId: userIds.coordinator, label: "coordinator@test.vn" },
        {
          action: i % 2 ? "plan.update" : "project.create",
          entityType: i % 2 ? "plan" : "project",
          entityId: i + 1,
          organisationId: org("P-HCM"),
          after: { i },
        },
      );
    }
  });

  return { org, node, cookies, userIds };
}
