/**
 * The strategy tree at work, on a real SQLite file with generated demo data:
 * roll-ups checked node by node against a plain per-node SQL computation,
 * moves (paths, cycles, roll-ups following), archive, delete refusals,
 * stale versions, audit rows, and every role against every action.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { PROJECT_PHASES } from "#db/enums";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { StaleVersionError } from "~/modules/db/concurrency";
import {
  archiveNode,
  createNode,
  deleteNode,
  moveNode,
  removeTarget,
  saveTarget,
  StrategyError,
  unarchiveNode,
  updateNode,
} from "~/modules/strategy/commands.server";
import { listNodeProjects } from "~/modules/strategy/node.server";
import { parseNodeProjectQuery } from "~/modules/strategy/projects";
import { loadRollups, queryRollupRows, rollupOf } from "~/modules/strategy/rollup.server";
import { loadStrategyNodes, loadStrategyTree } from "~/modules/strategy/tree.server";
import { countNodes } from "~/modules/strategy/tree";
import { action as nodeAction, loader as nodeLoader } from "~/routes/strategy_.$code";
import { action as newAction, loader as newLoader } from "~/routes/strategy_.new";
import { action as editAction, loader as editLoader } from "~/routes/strategy_.$code_.edit";
import { action as moveAction, loader as moveLoader } from "~/routes/strategy_.$code_.move";
import { action as deleteAction, loader as deleteLoader } from "~/routes/strategy_.$code_.delete";
import { action as targetsAction, loader as targetsLoader } from "~/routes/strategy_.$code_.targets";
import { loader as treeLoader } from "~/routes/strategy";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;
const cookies: Record<string, string> = {};
let coordinatorId: number;
const ROLES = {
  coordinator: "coordinator@demo.citypilot.vn",
  planner: "planner.hcm@demo.citypilot.vn",
  leader: "leader@demo.citypilot.vn",
  auditor: "auditor@demo.citypilot.vn",
  admin: "admin@demo.citypilot.vn",
} as const;
type RoleKey = keyof typeof ROLES;
const actor = () => ({ userId: coordinatorId, label: ROLES.coordinator });

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.1, seed: 3 });
  setDb(db);
  for (const [key, email] of Object.entries(ROLES)) {
    const { id } = db.$client.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
    cookies[key] = `${SESSION_COOKIE}=${createSession(db, id).token}`;
    if (key === "coordinator") coordinatorId = id;
  }
}, 120_000);

afterAll(() => {
  setDb(undefined);
  cleanup();
});

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

interface NodeRow {
  id: number;
  parent_id: number | null;
  code: string;
  path: string;
  depth: number;
  sort_order: number;
  title_vi: string;
  archived_at: number | null;
  version: number;
}

const node = (code: string) =>
  db.$client.prepare("SELECT * FROM strategy_nodes WHERE code = ?").get(code) as NodeRow | undefined;
const allNodes = () => db.$client.prepare("SELECT * FROM strategy_nodes ORDER BY id").all() as NodeRow[];
const auditCount = () =>
  (db.$client.prepare("SELECT COUNT(*) AS n FROM audit_events").get() as { n: number }).n;
const lastAudit = () =>
  db.$client.prepare("SELECT * FROM audit_events ORDER BY id DESC LIMIT 1").get() as {
    action: string;
    entity_type: string;
    entity_id: string;
    actor_user_id: number;
    before: string | null;
    after: string | null;
  };
/** Everything the strategy commands can change, to prove a refusal changed nothing. */
const strategyState = () =>
  JSON.stringify([
    allNodes(),
    db.$client.prepare("SELECT * FROM strategy_node_cooperators ORDER BY node_id, organisation_id").all(),
    db.$client.prepare("SELECT * FROM strategy_targets ORDER BY id").all(),
    auditCount(),
  ]);

/**
 * The independent computation: for one node, the projects linked to it or
 * to any node whose path starts with its path, grouped by phase, with plain
 * sums over budget lines, disbursements and milestones.
 */
function expectedRollup(path: string, nodeId: number) {
  const c = db.$client;
  const beneath = `SELECT psn.project_id FROM project_strategy_nodes psn
                     JOIN strategy_nodes d ON d.id = psn.node_id WHERE d.path LIKE ? || '%'`;
  const byPhase = new Map(
    (
      c
        .prepare(
          `SELECT p.phase, COUNT(*) AS projects,
                  COALESCE(SUM((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id)), 0) AS approved,
                  COALESCE(SUM((SELECT SUM(amount) FROM transactions t
                                 WHERE t.project_id = p.id AND t.kind = 'disbursement')), 0) AS disbursed
             FROM projects p WHERE p.id IN (${beneath}) GROUP BY p.phase`,
        )
        .all(path) as { phase: string; projects: number; approved: number; disbursed: number }[]
    ).map((r) => [r.phase, r]),
  );
  const weights = c
    .prepare(
      `SELECT COALESCE(SUM(weight), 0) AS total,
              COALESCE(SUM(CASE WHEN done_date IS NOT NULL THEN weight ELSE 0 END), 0) AS done
         FROM milestones WHERE project_id IN (${beneath})`,
    )
    .get(path) as { total: number; done: number };
  const direct = (
    c
      .prepare("SELECT COUNT(DISTINCT project_id) AS n FROM project_strategy_nodes WHERE node_id = ?")
      .get(nodeId) as { n: number }
  ).n;
  return { byPhase, weights, direct };
}

function expectRollupsMatchSql(): number {
  const rollups = loadRollups(db);
  let checked = 0;
  for (const n of allNodes()) {
    const got = rollupOf(rollups, n.id);
    const want = expectedRollup(n.path, n.id);
    for (const p of PROJECT_PHASES) {
      const w = want.byPhase.get(p);
      const g = got.byPhase.find((x) => x.phase === p)!;
      expect([g.projects, g.approved, g.disbursed], `${n.code} ${p}`).toEqual([
        w?.projects ?? 0,
        w?.approved ?? 0,
        w?.disbursed ?? 0,
      ]);
    }
    expect(got.totals.weightTotal, n.code).toBe(want.weights.total);
    expect(got.totals.weightDone, n.code).toBe(want.weights.done);
    expect(got.totals.progress, n.code).toBe(
      want.weights.total ? want.weights.done / want.weights.total : null,
    );
    expect(got.totals.directProjects, n.code).toBe(want.direct);
    checked++;
  }
  return checked;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;

interface Outcome {
  status: number;
  location?: string | null;
  data?: unknown;
}

function unwrap(result: unknown): Outcome {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit") {
    const r = result as unknown as { data: unknown; init: ResponseInit | null };
    return { status: r.init?.status ?? 200, data: r.data };
  }
  return { status: 200, data: result };
}

async function get(loader: Loader, path: string, role: RoleKey | null, params: Record<string, string> = {}) {
  const headers: Record<string, string> = role ? { Cookie: cookies[role] } : {};
  try {
    return unwrap(
      await loader({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} }),
    );
  } catch (e) {
    if (e instanceof Response) return unwrap(e);
    throw e;
  }
}

async function post(
  action: Action,
  path: string,
  role: RoleKey,
  fields: [string, string | number][],
  params: Record<string, string> = {},
): Promise<Outcome> {
  const body = new URLSearchParams(fields.map(([k, v]) => [k, String(v)]));
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookies[role], "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  try {
    return unwrap(await action({ request, params, context: { clientIp: "127.0.0.1" } }));
  } catch (e) {
    if (e instanceof Response) return unwrap(e);
    throw e;
  }
}

/** The error texts of a Conform reply (form-level and per field). */
function replyErrors(outcome: Outcome): Record<string, string[]> {
  return ((outcome.data as { error?: Record<string, string[]> })?.error ?? {}) as Record<string, string[]>;
}

// ---------------------------------------------------------------------------
// Roll-ups
// ---------------------------------------------------------------------------

describe("roll-ups", () => {
  it("equal an independent per-node SQL computation for every node", () => {
    const checked = expectRollupsMatchSql();
    expect(checked).toBe(30);
    // The data has projects linked to several nodes of the same subtree; the root counts each once.
    const multi = db.$client
      .prepare(
        "SELECT COUNT(*) AS n FROM (SELECT project_id FROM project_strategy_nodes GROUP BY project_id HAVING COUNT(*) > 1)",
      )
      .get() as { n: number };
    expect(multi.n).toBeGreaterThan(0);
    const root = allNodes().find((n) => n.parent_id === null)!;
    const linked = db.$client
      .prepare("SELECT COUNT(DISTINCT project_id) AS n FROM project_strategy_nodes")
      .get() as {
      n: number;
    };
    expect(rollupOf(loadRollups(db), root.id).totals.projects).toBe(linked.n);
  });

  it("sum a reversing disbursement as a negative row, in every ancestor, after the next write", () => {
    const c = db.$client;
    const tx = c
      .prepare(
        `SELECT t.id, t.project_id AS projectId, t.budget_line_id AS lineId, t.amount, psn.node_id AS nodeId
           FROM transactions t JOIN project_strategy_nodes psn ON psn.project_id = t.project_id
          WHERE t.kind = 'disbursement' AND t.amount > 0 LIMIT 1`,
      )
      .get() as { id: number; projectId: number; lineId: number; amount: number; nodeId: number };
    const root = allNodes().find((n) => n.parent_id === null)!;
    const before = rollupOf(loadRollups(db), root.id).totals.disbursed;
    c.prepare(
      `INSERT INTO transactions (project_id, budget_line_id, kind, date, amount, reverses_id)
       VALUES (?, ?, 'disbursement', '2026-11-20', ?, ?)`,
    ).run(tx.projectId, tx.lineId, -tx.amount, tx.id);
    // The memo notices the write; the root and the linked node both lose the reversed amount.
    expect(rollupOf(loadRollups(db), root.id).totals.disbursed).toBe(before - tx.amount);
    expectRollupsMatchSql();
  });

  it("come from one statement for the whole tree and are shown on the tree and the node page", async () => {
    const rows = queryRollupRows(db);
    expect(new Set(rows.map((r) => r.nodeId)).size).toBeGreaterThan(20);
    const tree = await get(treeLoader, "/strategy", "leader");
    expect(tree.status).toBe(200);
    const nodes = loadStrategyNodes(db);
    const root = nodes.find((n) => n.parentId === null)!;
    expect(root.rollup).toEqual({
      projects: rollupOf(loadRollups(db), root.id).totals.projects,
      directProjects: rollupOf(loadRollups(db), root.id).totals.directProjects,
      approved: rollupOf(loadRollups(db), root.id).totals.approved,
      disbursed: rollupOf(loadRollups(db), root.id).totals.disbursed,
      progress: rollupOf(loadRollups(db), root.id).totals.progress,
    });
    const page = await get(nodeLoader, "/strategy/DA950.4", "auditor", { code: "DA950.4" });
    expect(page.status).toBe(200);
    const data = page.data as { rollup: { totals: { projects: number } }; projects: { total: number } };
    expect(data.projects.total).toBe(data.rollup.totals.projects);
  });

  it("lists the projects beneath a node once each, filtered by phase and paged", () => {
    const n = node("DA950")!;
    const all = listNodeProjects(db, n.path, parseNodeProjectQuery("size=100"), "vi");
    const total = rollupOf(loadRollups(db), n.id).totals.projects;
    expect(all.total).toBe(total);
    expect(new Set(all.rows.map((r) => r.id)).size).toBe(all.rows.length);
    const pilots = listNodeProjects(
      db,
      n.path,
      parseNodeProjectQuery("phase=pilot&size=10&sort=phase"),
      "vi",
    );
    const pilotCount = rollupOf(loadRollups(db), n.id).byPhase.find((p) => p.phase === "pilot")!.projects;
    expect(pilots.total).toBe(pilotCount);
    expect(pilots.rows.every((r) => r.phase === "pilot")).toBe(true);
    const codes = all.rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
  });

  it("link project pages only where the reader may open them (planners: their own organisation)", async () => {
    const page = await get(nodeLoader, "/strategy/DA950?size=100", "planner", { code: "DA950" });
    const rows = (page.data as { projects: { rows: { organisationId: number; canOpen: boolean }[] } })
      .projects.rows;
    const hcm = db.$client
      .prepare("SELECT id FROM organisations WHERE code IN ('P-HCM', 'LP-74', 'LP-77', 'LP-79')")
      .all()
      .map((r) => (r as { id: number }).id);
    expect(rows.some((r) => !r.canOpen)).toBe(true);
    for (const r of rows) if (r.canOpen) expect(hcm).toContain(r.organisationId);
    const coordinatorPage = await get(nodeLoader, "/strategy/DA950?size=100", "coordinator", {
      code: "DA950",
    });
    expect(
      (coordinatorPage.data as { projects: { rows: { canOpen: boolean }[] } }).projects.rows.every(
        (r) => r.canOpen,
      ),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

describe("adding and editing nodes", () => {
  it("adds a node under a parent, last among its siblings, with path, depth, agencies and an audit row", async () => {
    const parent = node("DA950.4")!;
    const before = auditCount();
    const moc = (
      db.$client.prepare("SELECT id FROM organisations WHERE code = 'M-MOC'").get() as { id: number }
    ).id;
    const hcm = (
      db.$client.prepare("SELECT id FROM organisations WHERE code = 'P-HCM'").get() as { id: number }
    ).id;
    const out = await post(newAction, "/strategy/new", "coordinator", [
      ["parent", "DA950.4"],
      ["code", "T.NEW.1"],
      ["titleVi", "Nền tảng dữ liệu đô thị dùng chung"],
      ["titleEn", "Shared urban data platform"],
      ["periodStart", "2026"],
      ["periodEnd", "2030"],
      ["lead", moc],
      ["cooperators", hcm],
    ]);
    expect(out).toMatchObject({ status: 302, location: "/strategy/T.NEW.1?done=created" });
    const created = node("T.NEW.1")!;
    expect(created.parent_id).toBe(parent.id);
    expect(created.path).toBe(`${parent.path}${created.id}/`);
    expect(created.depth).toBe(parent.depth + 1);
    const maxSibling = db.$client
      .prepare("SELECT MAX(sort_order) AS m FROM strategy_nodes WHERE parent_id = ? AND id <> ?")
      .get(parent.id, created.id) as { m: number };
    expect(created.sort_order).toBe(maxSibling.m + 1);
    expect(auditCount()).toBe(before + 1);
    const audit = lastAudit();
    expect(audit).toMatchObject({
      action: "strategy.create",
      entity_type: "strategy_node",
      actor_user_id: coordinatorId,
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      code: "T.NEW.1",
      parent: "DA950.4",
      cooperatorIds: [hcm],
    });
  });

  it("refuses a taken code, a dissolved agency and bad input beside the field, writing nothing", async () => {
    const state = strategyState();
    const taken = await post(newAction, "/strategy/new", "coordinator", [
      ["code", "da950.4"],
      ["titleVi", "Trùng mã"],
    ]);
    expect(taken.status).toBe(409);
    expect(replyErrors(taken).code?.[0]).toMatch(/DA950\.4/);
    const legacy = (
      db.$client.prepare("SELECT id FROM organisations WHERE code = 'LP-74'").get() as { id: number }
    ).id;
    const dissolved = await post(newAction, "/strategy/new", "coordinator", [
      ["code", "T.DISSOLVED"],
      ["titleVi", "Đơn vị đã sáp nhập"],
      ["lead", legacy],
    ]);
    expect(dissolved.status).toBe(409);
    expect(replyErrors(dissolved).lead).toHaveLength(1);
    const invalid = await post(newAction, "/strategy/new", "coordinator", [
      ["code", "T BAD"],
      ["titleVi", ""],
      ["periodStart", "2030"],
    ]);
    expect(invalid.status).toBe(400);
    expect(replyErrors(invalid)).toMatchObject({
      code: ["strategy.error.codeFormat"],
      titleVi: ["strategy.error.titleViRequired"],
    });
    const period = await post(newAction, "/strategy/new", "coordinator", [
      ["code", "T.PERIOD"],
      ["titleVi", "Giai đoạn ngược"],
      ["periodStart", "2030"],
      ["periodEnd", "2020"],
    ]);
    expect(replyErrors(period)).toEqual({ periodEnd: ["strategy.error.periodOrder"] });
    // What the user typed comes back to the form.
    expect((invalid.data as { initialValue: Record<string, unknown> }).initialValue).toMatchObject({
      code: "T BAD",
    });
    expect(strategyState()).toBe(state);
  });

  it("renames a node with the version it started from and refuses a stale save", async () => {
    const n = node("T.NEW.1")!;
    const fields = (title: string, version: number): [string, string | number][] => [
      ["version", version],
      ["titleVi", title],
      ["titleEn", "Renamed"],
    ];
    const first = await post(
      editAction,
      "/strategy/T.NEW.1/edit",
      "coordinator",
      fields("Tên mới", n.version),
      {
        code: "T.NEW.1",
      },
    );
    expect(first).toMatchObject({ status: 302, location: "/strategy/T.NEW.1?done=saved" });
    expect(node("T.NEW.1")).toMatchObject({ title_vi: "Tên mới", version: n.version + 1 });
    const audit = lastAudit();
    expect(audit.action).toBe("strategy.update");
    expect(JSON.parse(audit.before!)).toMatchObject({
      titleVi: "Nền tảng dữ liệu đô thị dùng chung",
      version: n.version,
    });
    expect(JSON.parse(audit.after!)).toMatchObject({
      titleVi: "Tên mới",
      titleEn: "Renamed",
      version: n.version + 1,
    });

    // A second person who opened the form before the first save.
    const state = strategyState();
    const stale = await post(
      editAction,
      "/strategy/T.NEW.1/edit",
      "coordinator",
      fields("Ghi đè", n.version),
      {
        code: "T.NEW.1",
      },
    );
    expect(stale.status).toBe(409);
    expect((stale.data as { stale: boolean }).stale).toBe(true);
    expect(replyErrors(stale)[""]?.[0]).toMatch(/người khác/);
    expect((stale.data as { initialValue: Record<string, unknown> }).initialValue).toMatchObject({
      titleVi: "Ghi đè",
    });
    expect(node("T.NEW.1")!.title_vi).toBe("Tên mới");
    expect(strategyState()).toBe(state);
    expect(() =>
      updateNode(db, actor(), "T.NEW.1", {
        version: n.version,
        titleVi: "x",
        titleEn: null,
        descriptionVi: null,
        descriptionEn: null,
        periodStart: null,
        periodEnd: null,
        lead: null,
        cooperators: [],
      }),
    ).toThrow(StaleVersionError);
  });

  it("adds, edits and removes targets, raising the node's version, and refuses removing one in use", () => {
    const n = node("T.NEW.1")!;
    const { id } = saveTarget(db, actor(), "T.NEW.1", {
      version: n.version,
      nameVi: "Tỷ lệ",
      nameEn: null,
      unit: "%",
      baseline: 10,
      target: 80.5,
      targetYear: 2030,
    });
    expect(lastAudit()).toMatchObject({ action: "strategy.target.create", entity_type: "strategy_target" });
    saveTarget(db, actor(), "T.NEW.1", {
      version: n.version + 1,
      targetId: id,
      nameVi: "Tỷ lệ mới",
      nameEn: "Share",
      unit: "%",
      baseline: null,
      target: 90,
      targetYear: null,
    });
    expect(JSON.parse(lastAudit().before!)).toMatchObject({ nameVi: "Tỷ lệ", target: 80.5 });
    expect(db.$client.prepare("SELECT name_vi, target FROM strategy_targets WHERE id = ?").get(id)).toEqual({
      name_vi: "Tỷ lệ mới",
      target: 90,
    });
    expect(node("T.NEW.1")!.version).toBe(n.version + 2);
    // Stale target edit.
    expect(() =>
      saveTarget(db, actor(), "T.NEW.1", {
        version: n.version,
        targetId: id,
        nameVi: "x",
        nameEn: null,
        unit: "%",
        baseline: null,
        target: 1,
        targetYear: null,
      }),
    ).toThrow(StaleVersionError);
    // A project indicator reporting against the target blocks its removal and the node's deletion.
    const project = db.$client.prepare("SELECT id FROM projects LIMIT 1").get() as { id: number };
    const indicator = Number(
      db.$client
        .prepare(
          "INSERT INTO indicators (project_id, name_vi, unit, strategy_target_id) VALUES (?, 'Chỉ số', '%', ?)",
        )
        .run(project.id, id).lastInsertRowid,
    );
    const state = strategyState();
    expect(() => removeTarget(db, actor(), "T.NEW.1", { version: n.version + 2, targetId: id })).toThrow(
      expect.objectContaining({ key: "strategy.error.targetInUse", params: { count: 1 } }),
    );
    expect(() => deleteNode(db, actor(), "T.NEW.1", n.version + 2)).toThrow(
      expect.objectContaining({ key: "strategy.error.deleteBlockedIndicators" }),
    );
    expect(strategyState()).toBe(state);
    db.$client.prepare("DELETE FROM indicators WHERE id = ?").run(indicator);
    removeTarget(db, actor(), "T.NEW.1", { version: n.version + 2, targetId: id });
    expect(lastAudit()).toMatchObject({ action: "strategy.target.delete", after: null });
    expect(node("T.NEW.1")!.version).toBe(n.version + 3);
  });
});

describe("moving nodes", () => {
  it("moves a branch under another parent: the whole subtree's paths and depths follow, and so do the roll-ups", async () => {
    const moved = node("DA950.2")!;
    const target = node("DA950.3")!;
    const subtreeBefore = allNodes().filter((n) => n.path.startsWith(moved.path));
    expect(subtreeBefore.length).toBeGreaterThan(1);
    const projectsBefore = rollupOf(loadRollups(db), target.id).totals.projects;
    const out = await post(
      moveAction,
      "/strategy/DA950.2/move",
      "coordinator",
      [
        ["version", moved.version],
        ["parent", "DA950.3"],
        ["position", "first"],
      ],
      { code: "DA950.2" },
    );
    expect(out).toMatchObject({ status: 302 });
    expect(out.location).toBe(`/strategy/DA950.2?done=moved&count=${subtreeBefore.length}`);
    const after = node("DA950.2")!;
    expect(after).toMatchObject({
      parent_id: target.id,
      path: `${target.path}${moved.id}/`,
      depth: target.depth + 1,
      sort_order: 1,
      version: moved.version + 1,
    });
    for (const old of subtreeBefore) {
      const now = allNodes().find((n) => n.id === old.id)!;
      expect(now.path, old.code).toBe(
        `${target.path}${old.path.slice(old.path.indexOf(`/${moved.id}/`) + 1)}`,
      );
      expect(now.depth, old.code).toBe(old.depth + 1);
    }
    // Siblings under the new parent are renumbered 1…n without gaps.
    const orders = (
      db.$client
        .prepare("SELECT sort_order FROM strategy_nodes WHERE parent_id = ? ORDER BY sort_order")
        .all(target.id) as {
        sort_order: number;
      }[]
    ).map((r) => r.sort_order);
    expect(orders).toEqual(orders.map((_, i) => i + 1));
    // Roll-ups follow the move, for every node.
    expectRollupsMatchSql();
    expect(rollupOf(loadRollups(db), target.id).totals.projects).toBeGreaterThanOrEqual(projectsBefore);
    expect(countNodes(loadStrategyTree(db))).toBe(loadStrategyNodes(db).length);
    const audit = lastAudit();
    expect(audit.action).toBe("strategy.move");
    expect(JSON.parse(audit.before!)).toMatchObject({ parent: "DA950", path: moved.path });
    expect(JSON.parse(audit.after!)).toMatchObject({
      parent: "DA950.3",
      path: after.path,
      subtreeSize: subtreeBefore.length,
    });
  });

  it("refuses moving a node under itself or its own descendant, changing nothing", async () => {
    const n = node("DA950.3")!;
    const state = strategyState();
    const self = await post(
      moveAction,
      "/strategy/DA950.3/move",
      "coordinator",
      [
        ["version", n.version],
        ["parent", "DA950.3"],
        ["position", "last"],
      ],
      { code: "DA950.3" },
    );
    expect(self.status).toBe(409);
    expect(replyErrors(self).parent?.[0]).toMatch(/chính nó/);
    // DA950.2 is now beneath DA950.3, and DA950.2.1 beneath that.
    const deep = await post(
      moveAction,
      "/strategy/DA950.3/move",
      "coordinator",
      [
        ["version", n.version],
        ["parent", "DA950.2.1"],
        ["position", "last"],
      ],
      { code: "DA950.3" },
    );
    expect(deep.status).toBe(409);
    expect(replyErrors(deep).parent?.[0]).toMatch(/mục con/);
    expect(() =>
      moveNode(db, actor(), "DA950", {
        version: node("DA950")!.version,
        parent: "DA950.2",
        position: "last",
      }),
    ).toThrow(expect.objectContaining({ key: "strategy.error.moveDescendant" }));
    expect(strategyState()).toBe(state);
  });

  it("moves a node to the top level and back, and reorders siblings", async () => {
    const n = node("DA950.6.4")!;
    moveNode(db, actor(), "DA950.6.4", { version: n.version, parent: "_top", position: "last" });
    expect(node("DA950.6.4")).toMatchObject({ parent_id: null, path: `/${n.id}/`, depth: 0 });
    expect(loadStrategyTree(db).length).toBe(2);
    moveNode(db, actor(), "DA950.6.4", { version: n.version + 1, parent: "DA950.6", position: "first" });
    expect(node("DA950.6.4")).toMatchObject({ path: n.path, depth: n.depth, sort_order: 1 });
    const parent = node("DA950.6")!;
    const order = () =>
      (
        db.$client
          .prepare("SELECT code FROM strategy_nodes WHERE parent_id = ? ORDER BY sort_order")
          .all(parent.id) as {
          code: string;
        }[]
      ).map((r) => r.code);
    expect(order()[0]).toBe("DA950.6.4");
    const down = await post(
      nodeAction,
      "/strategy/DA950.6",
      "coordinator",
      [
        ["intent", "reorder"],
        ["child", "DA950.6.4"],
        ["direction", "down"],
        ["version", node("DA950.6.4")!.version],
      ],
      { code: "DA950.6" },
    );
    expect(down.status).toBe(302);
    expect(order().slice(0, 2)).toEqual(["DA950.6.1", "DA950.6.4"]);
    expect(lastAudit().action).toBe("strategy.reorder");
    expectRollupsMatchSql();
  });
});

describe("archiving and deleting", () => {
  it("refuses to delete a node with projects beneath it, saying how many, and changes nothing", async () => {
    // A leaf with projects linked to it.
    const rollups = loadRollups(db);
    const n = allNodes().find(
      (x) =>
        x.code.startsWith("DA950.3.") &&
        rollupOf(rollups, x.id).totals.directProjects > 0 &&
        x.archived_at === null,
    )!;
    const linked = rollupOf(rollups, n.id).totals.projects;
    expect(linked).toBeGreaterThan(0);
    const path = `/strategy/${n.code}/delete`;
    const page = await get(deleteLoader, path, "coordinator", { code: n.code });
    expect((page.data as { blockers: { projects: number } }).blockers.projects).toBe(linked);
    const state = strategyState();
    const out = await post(deleteAction, path, "coordinator", [["version", n.version]], { code: n.code });
    expect(out.status).toBe(409);
    const message = (out.data as { error: string }).error;
    expect(message).toContain(String(linked));
    expect(message).toMatch(/lưu trữ/);
    expect(strategyState()).toBe(state);
    // A parent whose descendant has projects is refused too.
    expect(() => deleteNode(db, actor(), "DA950.3", node("DA950.3")!.version)).toThrow(StrategyError);
  });

  it("archives a node with its subtree, hides it from the tree, and brings it back", async () => {
    const n = node("DA950.5")!;
    const subtree = allNodes().filter((x) => x.path.startsWith(n.path));
    const rootId = allNodes().find((x) => x.code === "DA950")!.id;
    const rootProjects = rollupOf(loadRollups(db), rootId).totals.projects;
    const out = await post(
      nodeAction,
      "/strategy/DA950.5",
      "coordinator",
      [
        ["intent", "archive"],
        ["version", n.version],
      ],
      { code: "DA950.5" },
    );
    expect(out).toMatchObject({
      status: 302,
      location: `/strategy/DA950.5?done=archived&count=${subtree.length}`,
    });
    const archived = allNodes().filter((x) => x.path.startsWith(n.path));
    expect(new Set(archived.map((x) => x.archived_at)).size).toBe(1);
    expect(archived[0].archived_at).not.toBeNull();
    const codes = loadStrategyNodes(db).map((x) => x.code);
    for (const x of subtree) expect(codes).not.toContain(x.code);
    expect(loadStrategyNodes(db, { includeArchived: true }).map((x) => x.code)).toEqual(
      expect.arrayContaining(subtree.map((x) => x.code)),
    );
    // The projects beneath an archived branch still count in the live root.
    expect(rollupOf(loadRollups(db), rootId).totals.projects).toBe(rootProjects);
    const shown = await get(treeLoader, "/strategy?archived=1", "leader");
    expect((shown.data as { showArchived: boolean }).showArchived).toBe(true);
    expect(JSON.parse(lastAudit().after!)).toMatchObject({ nodes: subtree.map((x) => x.code).sort() });

    // Archived nodes are read-only; a child cannot be brought back before its parent.
    const child = node("DA950.5.1")!;
    expect(() =>
      updateNode(db, actor(), "DA950.5.1", {
        version: child.version,
        titleVi: "x",
        titleEn: null,
        descriptionVi: null,
        descriptionEn: null,
        periodStart: null,
        periodEnd: null,
        lead: null,
        cooperators: [],
      }),
    ).toThrow(expect.objectContaining({ key: "strategy.error.archivedReadOnly" }));
    expect(() =>
      createNode(db, actor(), {
        parent: "DA950.5",
        code: "T.UNDER.ARCHIVED",
        titleVi: "x",
        titleEn: null,
        descriptionVi: null,
        descriptionEn: null,
        periodStart: null,
        periodEnd: null,
        lead: null,
        cooperators: [],
      }),
    ).toThrow(expect.objectContaining({ key: "strategy.error.parentArchived" }));
    expect(() => unarchiveNode(db, actor(), "DA950.5.1", child.version)).toThrow(
      expect.objectContaining({ key: "strategy.error.parentStillArchived", params: { code: "DA950.5" } }),
    );
    const back = await post(
      nodeAction,
      "/strategy/DA950.5",
      "coordinator",
      [
        ["intent", "unarchive"],
        ["version", node("DA950.5")!.version],
      ],
      { code: "DA950.5" },
    );
    expect(back.status).toBe(302);
    expect(
      allNodes()
        .filter((x) => x.path.startsWith(n.path))
        .every((x) => x.archived_at === null),
    ).toBe(true);
    expect(lastAudit().action).toBe("strategy.unarchive");
  });

  it("refuses a stale archive", async () => {
    const n = node("DA950.6")!;
    // Someone else edits the node after this coordinator opened its page.
    updateNode(db, actor(), "DA950.6", {
      version: n.version,
      titleVi: `${n.title_vi} (sửa)`,
      titleEn: null,
      descriptionVi: null,
      descriptionEn: null,
      periodStart: null,
      periodEnd: null,
      lead: null,
      cooperators: [],
    });
    const state = strategyState();
    const out = await post(
      nodeAction,
      "/strategy/DA950.6",
      "coordinator",
      [
        ["intent", "archive"],
        ["version", n.version],
      ],
      { code: "DA950.6" },
    );
    expect(out.status).toBe(409);
    expect(out.data).toMatchObject({ stale: true });
    expect(strategyState()).toBe(state);
    expect(() => archiveNode(db, actor(), "DA950.6", n.version)).toThrow(StaleVersionError);
    expect(node("DA950.6")!.archived_at).toBeNull();
  });

  it("deletes a node without projects together with its empty subtree and targets", async () => {
    const parent = createNode(db, actor(), {
      parent: "DA950.6",
      code: "T.DEL",
      titleVi: "Sẽ xoá",
      titleEn: null,
      descriptionVi: null,
      descriptionEn: null,
      periodStart: null,
      periodEnd: null,
      lead: null,
      cooperators: [],
    });
    createNode(db, actor(), {
      parent: "T.DEL",
      code: "T.DEL.1",
      titleVi: "Con",
      titleEn: null,
      descriptionVi: null,
      descriptionEn: null,
      periodStart: null,
      periodEnd: null,
      lead: null,
      cooperators: [],
    });
    saveTarget(db, actor(), "T.DEL.1", {
      version: 1,
      nameVi: "Chỉ tiêu",
      nameEn: null,
      unit: "%",
      baseline: null,
      target: 1,
      targetYear: null,
    });
    const out = await post(
      deleteAction,
      "/strategy/T.DEL/delete",
      "coordinator",
      [["version", node("T.DEL")!.version]],
      {
        code: "T.DEL",
      },
    );
    expect(out).toMatchObject({ status: 302, location: "/strategy?deleted=2" });
    expect(node("T.DEL")).toBeUndefined();
    expect(node("T.DEL.1")).toBeUndefined();
    expect(
      db.$client
        .prepare(
          "SELECT COUNT(*) AS n FROM strategy_targets WHERE node_id NOT IN (SELECT id FROM strategy_nodes)",
        )
        .get(),
    ).toEqual({ n: 0 });
    const audit = lastAudit();
    expect(audit).toMatchObject({ action: "strategy.delete", entity_id: String(parent.id), after: null });
    expect(JSON.parse(audit.before!).nodes.map((x: { code: string }) => x.code)).toEqual([
      "T.DEL.1",
      "T.DEL",
    ]);
    expect(JSON.parse(audit.before!).targets).toHaveLength(1);
  });

  it("keeps the audit chain intact", () => {
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------

describe("permissions", () => {
  const readers: RoleKey[] = ["coordinator", "planner", "leader", "auditor", "admin"];
  const others: RoleKey[] = ["planner", "leader", "auditor", "admin"];

  it("lets every signed-in role read the tree and node pages, and sends anonymous visitors to sign in", async () => {
    for (const role of readers) {
      expect((await get(treeLoader, "/strategy", role)).status, role).toBe(200);
      expect((await get(nodeLoader, "/strategy/DA950.1", role, { code: "DA950.1" })).status, role).toBe(200);
    }
    expect((await get(nodeLoader, "/strategy/NOPE", "leader", { code: "NOPE" })).status).toBe(404);
    const anon = await get(nodeLoader, "/strategy/DA950.1", null, { code: "DA950.1" });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login/);
  });

  it("refuses the coordinators' forms to every other role (403)", async () => {
    const p = { code: "DA950.1" };
    for (const role of others) {
      expect((await get(newLoader, "/strategy/new", role)).status, role).toBe(403);
      expect((await get(editLoader, "/strategy/DA950.1/edit", role, p)).status, role).toBe(403);
      expect((await get(moveLoader, "/strategy/DA950.1/move", role, p)).status, role).toBe(403);
      expect((await get(deleteLoader, "/strategy/DA950.1/delete", role, p)).status, role).toBe(403);
      expect((await get(targetsLoader, "/strategy/DA950.1/targets", role, p)).status, role).toBe(403);
    }
    for (const [loader, path] of [
      [newLoader, "/strategy/new"],
      [editLoader, "/strategy/DA950.1/edit"],
      [moveLoader, "/strategy/DA950.1/move"],
      [deleteLoader, "/strategy/DA950.1/delete"],
      [targetsLoader, "/strategy/DA950.1/targets"],
    ] as const) {
      expect((await get(loader, path, "coordinator", p)).status, path).toBe(200);
    }
  });

  it("refuses every action to every other role with 403 and changes nothing; the coordinator succeeds", async () => {
    const n = () => node("DA950.4")!;
    // Fields are built when sent, so each carries the version current at that moment.
    const attempts: [Action, string, () => [string, string | number][]][] = [
      [
        newAction,
        "/strategy/new",
        () => [
          ["parent", "DA950.4"],
          ["code", "T.PERM"],
          ["titleVi", "Quyền"],
        ],
      ],
      [
        editAction,
        "/strategy/DA950.4/edit",
        () => [
          ["version", n().version],
          ["titleVi", "Đổi tên"],
        ],
      ],
      [
        moveAction,
        "/strategy/DA950.4/move",
        () => [
          ["version", n().version],
          ["parent", "_top"],
          ["position", "last"],
        ],
      ],
      [
        nodeAction,
        "/strategy/DA950.4",
        () => [
          ["intent", "reorder"],
          ["child", "DA950.4.1"],
          ["direction", "down"],
          ["version", node("DA950.4.1")!.version],
        ],
      ],
      [
        targetsAction,
        "/strategy/DA950.4/targets",
        () => [
          ["version", n().version],
          ["nameVi", "Chỉ tiêu"],
          ["unit", "%"],
          ["target", "5"],
        ],
      ],
      [deleteAction, "/strategy/DA950.4/delete", () => [["version", n().version]]],
      [
        nodeAction,
        "/strategy/DA950.4",
        () => [
          ["intent", "archive"],
          ["version", n().version],
        ],
      ],
    ];
    const state = strategyState();
    for (const role of others) {
      for (const [action, path, fields] of attempts) {
        const out = await post(action, path, role, fields(), { code: "DA950.4" });
        expect(out.status, `${role} POST ${path}`).toBe(403);
      }
    }
    expect(strategyState()).toBe(state);

    // The same requests from the coordinator go through (delete is refused for its projects, not for the role).
    const results: number[] = [];
    for (const [action, path, fields] of attempts) {
      results.push((await post(action, path, "coordinator", fields(), { code: "DA950.4" })).status);
    }
    expect(results).toEqual([302, 302, 302, 302, 302, 409, 302]);
    expect(node("DA950.4")).toMatchObject({ title_vi: "Đổi tên", parent_id: null });
    expect(node("DA950.4")!.archived_at).not.toBeNull();
    expectRollupsMatchSql();
  });
});
