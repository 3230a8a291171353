/**
 * Loads the dashboard facts (see facts.ts) in set-based statements, one pass
 * over each table, memoised per database state and "as of" date
 * (`memoByDataVersion`: any write, through this connection or another,
 * drops them, so they are never stale).
 *
 * After a write only what it touched is read again (docs/decisions/0014):
 * each part of the facts is kept per state of the tables it reads
 * (`memoByTables`), and the transaction totals, by far the largest part,
 * are brought up to date by reading only the transactions added since
 * (`rewrites` of the table unchanged: nothing updated or deleted).
 */
import type { Db } from "#db/client.server";
import type { FlagSeverity, FlagState, FundingSource, OrganisationKind, ProjectPhase } from "#db/enums";
import {
  isMemoEnabled,
  memoByDataVersion,
  memoByTables,
  prepared,
  tableGenerations,
  type TableGeneration,
} from "~/modules/db/sql.server";
import { getSuccessionIndex } from "~/modules/organisations/succession.server";
import { todayIso } from "~/utils/today";
import {
  quarterIndex,
  SOURCE_INDEX,
  type DashboardFacts,
  type FlagFact,
  type OrgFact,
  type ProjectFact,
} from "./facts";

export const ORGS_SQL = `SELECT id, code, kind, abbr, name_vi AS nameVi, name_en AS nameEn, region_code AS regionCode,
       population, seat_lat AS seatLat, seat_lon AS seatLon, valid_from AS validFrom, valid_to AS validTo
  FROM organisations ORDER BY id`;

export const REGIONS_SQL = `SELECT code, name_vi AS nameVi, name_en AS nameEn, disadvantaged FROM regions ORDER BY rowid`;

export const NODES_SQL = `SELECT id, code, parent_id AS parentId, path, depth, sort_order AS sortOrder,
       title_vi AS titleVi, title_en AS titleEn
  FROM strategy_nodes ORDER BY path`;

/**
 * Projects that exist on :asOf with their phase then: the last phase change
 * on or before :asOf (every project gets one when created); on or after
 * today the phase column itself. A project without any recorded change counts
 * from its creation. Linked strategy nodes as a comma list.
 */
export const PROJECTS_SQL = `SELECT p.id, p.organisation_id AS ownerId, p.province_id AS provinceId, p.plan_id AS planId,
       CASE WHEN :asOf >= :today THEN p.phase
            ELSE COALESCE(
              (SELECT pc.to_phase FROM project_phase_changes pc
                WHERE pc.project_id = p.id AND pc.changed_on <= :asOf
                ORDER BY pc.changed_on DESC, pc.id DESC LIMIT 1),
              CASE WHEN NOT EXISTS (SELECT 1 FROM project_phase_changes pc WHERE pc.project_id = p.id)
                    AND p.created_at < :asOfEndMs THEN p.phase END)
       END AS phase,
       (SELECT group_concat(psn.node_id) FROM project_strategy_nodes psn WHERE psn.project_id = p.id) AS nodeIds
  FROM projects p ORDER BY p.id`;

export const LINES_SQL = `SELECT id, project_id AS projectId, fiscal_year AS year, funding_source AS source,
       approved_amount AS approved
  FROM budget_lines ORDER BY id`;

/**
 * Transactions up to :asOf summed by budget line, kind and calendar quarter
 * (`year * 4 + quarter - 1`). One sequential pass over the table (NOT
 * INDEXED: walking the line index would fetch every row out of order).
 */
export const TRANSACTIONS_SQL = `SELECT budget_line_id AS line, kind,
       CAST(substr(date, 1, 4) AS INTEGER) * 4 + (CAST(substr(date, 6, 2) AS INTEGER) - 1) / 3 AS q,
       SUM(amount) AS amount
  FROM transactions NOT INDEXED
 WHERE date <= :asOf AND id <= :maxId
 GROUP BY budget_line_id, kind, q`;

/** The same totals over the transactions added after :afterId (a range of the primary key). */
export const NEW_TRANSACTIONS_SQL = `SELECT budget_line_id AS line, kind,
       CAST(substr(date, 1, 4) AS INTEGER) * 4 + (CAST(substr(date, 6, 2) AS INTEGER) - 1) / 3 AS q,
       SUM(amount) AS amount
  FROM transactions
 WHERE id > :afterId AND id <= :maxId AND date <= :asOf
 GROUP BY budget_line_id, kind, q`;

const MAX_TRANSACTION_ID_SQL = "SELECT COALESCE(MAX(id), 0) AS maxId FROM transactions";

export const PLANNED_SQL = `SELECT budget_line_id AS line, project_id AS projectId, fiscal_year AS year, quarter,
       SUM(amount) AS amount
  FROM planned_disbursements GROUP BY budget_line_id, project_id, fiscal_year, quarter`;

/** Milestones by project and due year: weights, weights done by :asOf, open ones due before :asOf. */
export const MILESTONES_SQL = `SELECT project_id AS projectId, CAST(substr(due_date, 1, 4) AS INTEGER) AS year,
       SUM(weight) AS weight,
       SUM(CASE WHEN done_date IS NOT NULL AND done_date <= :asOf THEN weight ELSE 0 END) AS done,
       SUM(CASE WHEN (done_date IS NULL OR done_date > :asOf) AND due_date < :asOf THEN 1 ELSE 0 END) AS overdue
  FROM milestones GROUP BY project_id, year`;

export const PLANS_SQL = `SELECT id, organisation_id AS organisationId, period_start AS periodStart, period_end AS periodEnd,
       (approved_at IS NOT NULL AND approved_at < :asOfEndMs) AS approved
  FROM plans ORDER BY id`;

/** Flags whose condition holds at the last recompute, with a group flag's members. */
export const FLAGS_SQL = `SELECT f.id, f.rule_code AS ruleCode, f.severity, f.state, f.money_at_stake AS moneyAtStake,
       f.subject_type AS subjectType, f.project_id AS projectId, f.organisation_id AS organisationId,
       (SELECT group_concat(m.project_id) FROM flag_members m WHERE m.flag_id = f.id) AS members
  FROM flags f WHERE f.active = 1 ORDER BY f.id`;

export const FEEDBACK_SQL = `SELECT project_id AS projectId,
       SUM(kind = 'support' AND state <> 'rejected') AS support,
       SUM(kind = 'oppose' AND state <> 'rejected') AS oppose,
       SUM(kind = 'comment' AND state = 'published') AS comments
  FROM feedback WHERE created_at < :asOfEndMs GROUP BY project_id`;

/** Epoch ms of the end of an ISO day in Vietnam time (UTC+7). */
export function endOfDayMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) + 24 * 3600_000 - 7 * 3600_000;
}

/**
 * id → position for the dense integer ids of one table: a typed array, not a
 * Map, because the transaction rows need hundreds of thousands of lookups.
 */
class IdIndex {
  private readonly slots: Int32Array;
  constructor(maxId: number) {
    this.slots = new Int32Array(Math.max(0, maxId) + 1).fill(-1);
  }
  set(id: number, position: number): void {
    this.slots[id] = position;
  }
  get(id: number): number | undefined {
    const v = id >= 0 && id < this.slots.length ? this.slots[id] : -1;
    return v < 0 ? undefined : v;
  }
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }
}

function idList(text: string | null): number[] {
  return text ? text.split(",").map(Number) : [];
}

/** Every statement the facts need, in order (exported for the bench's bare-SQL timing). */
export const FACT_STATEMENTS = [
  ORGS_SQL,
  REGIONS_SQL,
  NODES_SQL,
  PROJECTS_SQL,
  LINES_SQL,
  TRANSACTIONS_SQL,
  PLANNED_SQL,
  MILESTONES_SQL,
  PLANS_SQL,
  FLAGS_SQL,
  FEEDBACK_SQL,
] as const;

/** The parameters each statement takes. */
export function factParams(
  sql: string,
  asOf: string,
  extra: Record<string, number> = {},
): Record<string, string | number> {
  const all: Record<string, string | number> = {
    asOf,
    today: todayIso(),
    asOfEndMs: endOfDayMs(asOf),
    maxId: Number.MAX_SAFE_INTEGER,
    ...extra,
  };
  const out: Record<string, string | number> = {};
  for (const name of Object.keys(all)) if (sql.includes(`:${name}`)) out[name] = all[name];
  return out;
}

/** The facts as of a date, computed once per database state. Do not mutate. */
export function loadFacts(db: Db, asOf: string): DashboardFacts {
  return memoByDataVersion(db, `dashboard:facts:${asOf}`, () => computeFacts(db, asOf));
}

function all<T>(db: Db, sql: string, asOf: string, extra?: Record<string, number>): T[] {
  return prepared(db, sql).all(factParams(sql, asOf, extra)) as T[];
}

type Generations = Map<string, TableGeneration>;

/** Organisations (with the unit that carries each on today), regions and the strategy tree. */
function referencePart(db: Db, gens: Generations, asOf: string, today: string) {
  return memoByTables(
    db,
    gens,
    `dashboard:facts:reference:${today}`,
    ["organisations", "organisation_successions", "regions", "strategy_nodes"],
    () => {
      const succession = getSuccessionIndex(db);
      const orgs = new Map<number, OrgFact>();
      for (const o of all<Omit<OrgFact, "currentId">>(db, ORGS_SQL, asOf)) {
        orgs.set(o.id, {
          ...o,
          kind: o.kind as OrganisationKind,
          currentId: succession.resolveCurrent(o.id, today) ?? o.id,
        });
      }
      const regions = all<{ code: string; nameVi: string; nameEn: string; disadvantaged: number }>(
        db,
        REGIONS_SQL,
        asOf,
      ).map((r) => ({ ...r, disadvantaged: r.disadvantaged === 1 }));
      const nodes = all<DashboardFacts["nodes"][number]>(db, NODES_SQL, asOf);
      return { orgs, regions, nodes };
    },
  );
}

/** Projects that exist on the date, with their phase then, and an id → position index. */
function projectsPart(db: Db, gens: Generations, asOf: string, today: string) {
  return memoByTables(
    db,
    gens,
    `dashboard:facts:projects:${asOf}:${today}`,
    ["projects", "project_phase_changes", "project_strategy_nodes"],
    () => {
      const projects: ProjectFact[] = [];
      const rows = all<{
        id: number;
        ownerId: number;
        provinceId: number | null;
        planId: number | null;
        phase: string | null;
        nodeIds: string | null;
      }>(db, PROJECTS_SQL, asOf);
      const index = new IdIndex(rows.at(-1)?.id ?? 0);
      for (const p of rows) {
        if (p.phase === null) continue;
        index.set(p.id, projects.length);
        projects.push({
          id: p.id,
          ownerId: p.ownerId,
          provinceId: p.provinceId,
          planId: p.planId,
          phase: p.phase as ProjectPhase,
          nodeIds: idList(p.nodeIds),
        });
      }
      return { projects, index };
    },
  );
}

function rowsPart<T>(
  db: Db,
  gens: Generations,
  name: string,
  tables: string[],
  sql: string,
  asOf: string,
): T[] {
  const key = sql.includes(":asOf") ? `dashboard:facts:${name}:${asOf}` : `dashboard:facts:${name}`;
  return memoByTables(db, gens, key, tables, () => all<T>(db, sql, asOf));
}

/** A Float64Array that grows (zero-filled) to hold index `i`. */
function grown(a: Float64Array, i: number): Float64Array {
  if (i < a.length) return a;
  const b = new Float64Array(Math.max(i + 1, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/** Transaction totals by budget line id up to a date, kept up to date by reading only new transactions. */
interface TransactionTotals {
  /** `rewrites` of the transactions table these totals were read at: a change means start over. */
  rewrites: number;
  /** Every transaction with an id up to here (and a date up to the "as of" date) is counted. */
  maxId: number;
  committed: Float64Array;
  disbursed: Float64Array;
  spent: Float64Array;
  /** Disbursements by line id and quarter (a line and quarter may repeat: sums add up). */
  actLine: number[];
  actQ: number[];
  actAmount: number[];
}

const totalsByClient = new WeakMap<object, Map<string, TransactionTotals>>();

/** Full passes over the transactions table so far (tests and the bench check that a write does not cause one). */
export const factStats = { transactionScans: 0 };

function addTransactionRows(
  t: TransactionTotals,
  rows: { line: number; kind: string; q: number; amount: number }[],
) {
  for (const r of rows) {
    if (r.kind === "commitment") (t.committed = grown(t.committed, r.line))[r.line] += r.amount;
    else if (r.kind === "expenditure") (t.spent = grown(t.spent, r.line))[r.line] += r.amount;
    else if (r.kind === "disbursement") {
      (t.disbursed = grown(t.disbursed, r.line))[r.line] += r.amount;
      t.actLine.push(r.line);
      t.actQ.push(r.q);
      t.actAmount.push(r.amount);
    }
  }
}

function transactionTotals(db: Db, gens: Generations, asOf: string): TransactionTotals {
  const rewrites = gens.get("transactions")?.rewrites ?? -1;
  const { maxId } = prepared(db, MAX_TRANSACTION_ID_SQL).get() as { maxId: number };
  let byAsOf = totalsByClient.get(db.$client);
  if (!byAsOf) totalsByClient.set(db.$client, (byAsOf = new Map()));
  let t = isMemoEnabled() ? byAsOf.get(asOf) : undefined;
  if (t && t.rewrites === rewrites && t.maxId <= maxId) {
    if (t.maxId < maxId) {
      addTransactionRows(t, all(db, NEW_TRANSACTIONS_SQL, asOf, { afterId: t.maxId, maxId }));
      t.maxId = maxId;
    }
    return t;
  }
  t = {
    rewrites,
    maxId,
    committed: new Float64Array(0),
    disbursed: new Float64Array(0),
    spent: new Float64Array(0),
    actLine: [],
    actQ: [],
    actAmount: [],
  };
  addTransactionRows(t, all(db, TRANSACTIONS_SQL, asOf, { maxId }));
  factStats.transactionScans++;
  byAsOf.delete(asOf);
  byAsOf.set(asOf, t);
  while (byAsOf.size > 8) byAsOf.delete(byAsOf.keys().next().value as string);
  return t;
}

/** Tables behind `projectsPart` (and so behind every part indexed by project position). */
const PROJECT_TABLES = ["projects", "project_phase_changes", "project_strategy_nodes"];

export function computeFacts(db: Db, asOf: string): DashboardFacts {
  const today = todayIso();
  // Generations first, then the data: a commit in between can only make a part look older than it is.
  const gens = tableGenerations(db);
  const { orgs, regions, nodes } = referencePart(db, gens, asOf, today);
  const { projects, index: projectIndex } = projectsPart(db, gens, asOf, today);
  // Parts indexed by project or line position are kept per state of the tables behind them too,
  // so a transaction entry only rebuilds the money columns (below).
  const derived = (name: string, tables: string[], compute: () => unknown) =>
    memoByTables(
      db,
      gens,
      `dashboard:facts:${name}:${asOf}:${today}`,
      [...PROJECT_TABLES, ...tables],
      compute,
    );

  // Budget lines of existing projects: who, when, which source, how much approved.
  const base = derived("lineBase", ["budget_lines"], () => {
    const rawLines = rowsPart<{
      id: number;
      projectId: number;
      year: number;
      source: string;
      approved: number;
    }>(db, gens, "lines", ["budget_lines"], LINES_SQL, asOf).filter((l) => projectIndex.has(l.projectId));
    const n = rawLines.length;
    const index = new IdIndex(rawLines.at(-1)?.id ?? 0);
    const out = {
      index,
      id: new Int32Array(n),
      project: new Int32Array(n),
      year: new Int32Array(n),
      source: new Int8Array(n),
      approved: new Float64Array(n),
    };
    rawLines.forEach((l, i) => {
      index.set(l.id, i);
      out.id[i] = l.id;
      out.project[i] = projectIndex.get(l.projectId)!;
      out.year[i] = l.year;
      out.source[i] = SOURCE_INDEX.get(l.source as FundingSource) ?? -1;
      out.approved[i] = l.approved;
    });
    return out;
  }) as {
    index: IdIndex;
    id: Int32Array;
    project: Int32Array;
    year: Int32Array;
    source: Int8Array;
    approved: Float64Array;
  };
  const lineIndex = base.index;
  const n = base.id.length;

  // Money booked on each line (the part a transaction entry changes).
  const totals = transactionTotals(db, gens, asOf);
  const lines = {
    project: base.project,
    year: base.year,
    source: base.source,
    approved: base.approved,
    committed: new Float64Array(n),
    disbursed: new Float64Array(n),
    spent: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const id = base.id[i]!;
    lines.committed[i] = totals.committed[id] ?? 0;
    lines.disbursed[i] = totals.disbursed[id] ?? 0;
    lines.spent[i] = totals.spent[id] ?? 0;
  }

  const actLine: number[] = [];
  const actQ: number[] = [];
  const actAmount: number[] = [];
  for (let k = 0; k < totals.actLine.length; k++) {
    const i = lineIndex.get(totals.actLine[k]!);
    if (i === undefined) continue;
    actLine.push(i);
    actQ.push(totals.actQ[k]!);
    actAmount.push(totals.actAmount[k]!);
  }

  const planned = derived("planned", ["budget_lines", "planned_disbursements"], () => {
    const plLine: number[] = [];
    const plQ: number[] = [];
    const plAmount: number[] = [];
    for (const p of rowsPart<{
      line: number | null;
      projectId: number;
      year: number;
      quarter: number;
      amount: number;
    }>(db, gens, "planned", ["planned_disbursements"], PLANNED_SQL, asOf)) {
      const i = p.line === null ? undefined : lineIndex.get(p.line);
      if (i === undefined) continue;
      plLine.push(i);
      plQ.push(quarterIndex(p.year, p.quarter));
      plAmount.push(p.amount);
    }
    return { line: Int32Array.from(plLine), q: Int32Array.from(plQ), amount: Float64Array.from(plAmount) };
  }) as DashboardFacts["planned"];

  const milestones = derived("milestones", ["milestones"], () => {
    const ms = rowsPart<{ projectId: number; year: number; weight: number; done: number; overdue: number }>(
      db,
      gens,
      "milestones",
      ["milestones"],
      MILESTONES_SQL,
      asOf,
    ).filter((m) => projectIndex.has(m.projectId));
    return {
      project: Int32Array.from(ms, (m) => projectIndex.get(m.projectId)!),
      year: Int32Array.from(ms, (m) => m.year),
      weight: Float64Array.from(ms, (m) => m.weight),
      done: Float64Array.from(ms, (m) => m.done),
      overdue: Float64Array.from(ms, (m) => m.overdue),
    };
  }) as DashboardFacts["milestones"];

  const plans = rowsPart<{
    id: number;
    organisationId: number;
    periodStart: number;
    periodEnd: number;
    approved: number;
  }>(db, gens, "plans", ["plans"], PLANS_SQL, asOf).map((p) => ({ ...p, approved: p.approved === 1 }));

  const flags = derived("flags", ["flags", "flag_members"], () =>
    rowsPart<{
      id: number;
      ruleCode: string;
      severity: FlagSeverity;
      state: FlagState;
      moneyAtStake: number;
      subjectType: string;
      projectId: number | null;
      organisationId: number | null;
      members: string | null;
    }>(db, gens, "flags", ["flags", "flag_members"], FLAGS_SQL, asOf).map((f): FlagFact => ({
      id: f.id,
      ruleCode: f.ruleCode,
      severity: f.severity,
      state: f.state,
      moneyAtStake: f.moneyAtStake,
      subjectType: f.subjectType,
      project: f.projectId === null ? -1 : (projectIndex.get(f.projectId) ?? -1),
      organisationId: f.organisationId,
      members: idList(f.members)
        .map((id) => projectIndex.get(id))
        .filter((i): i is number => i !== undefined),
    })),
  ) as FlagFact[];

  const feedback = derived("feedback", ["feedback"], () => {
    const fb = rowsPart<{ projectId: number; support: number; oppose: number; comments: number }>(
      db,
      gens,
      "feedback",
      ["feedback"],
      FEEDBACK_SQL,
      asOf,
    ).filter((f) => projectIndex.has(f.projectId));
    return {
      project: Int32Array.from(fb, (f) => projectIndex.get(f.projectId)!),
      support: Int32Array.from(fb, (f) => f.support),
      oppose: Int32Array.from(fb, (f) => f.oppose),
      comments: Int32Array.from(fb, (f) => f.comments),
    };
  }) as DashboardFacts["feedback"];

  return {
    asOf,
    orgs,
    regions,
    nodes,
    projects,
    lines,
    actual: {
      line: Int32Array.from(actLine),
      q: Int32Array.from(actQ),
      amount: Float64Array.from(actAmount),
    },
    planned,
    milestones,
    plans,
    flags,
    feedback,
  };
}
