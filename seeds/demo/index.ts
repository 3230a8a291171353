/**
 * Deterministic national-scale demo data.
 *
 *   seedDemo(db, { scale: 1, seed: 42 })
 *
 * Scale 1 is a realistic national program (~2,000 projects, ~100,000
 * transactions, ~10,000 milestones); scale 10 is ten times that. The same
 * seed and scale always give the same rows (all timestamps are derived from
 * the fixed demo "today", 2026-11-26). Reference data is seeded first if
 * missing. Refuses to run on a database that already has projects.
 */
import type { Db } from "#db/client.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { seedReference } from "../reference";
import { ProjectWriter, type ProjectRequest, type WrittenProject } from "./builder";
import { loadContext, placeOf, type DemoContext, type OrgRow } from "./context";
import { DEMO_TODAY, addDays, daysBetween } from "./dates";
import { PlanBook } from "./plans";
import { EMPTY_PROVINCES, plantPatterns, type PlantedManifest } from "./planted";
import { Rng } from "./prng";
import { LEGACY_MINISTRY_WEIGHTS, MINISTRY_WEIGHTS, SOLUTIONS, type SolutionTemplate } from "./vocab";

export type { PlantedManifest, DoubleKind } from "./planted";
export { DEMO_TODAY } from "./dates";

export interface SeedDemoOptions {
  /** 1 ≈ 2,000 projects; fractions allowed (0.1 for tests). */
  scale: number;
  seed: number;
}

export interface SeedDemoResult {
  counts: Record<string, number>;
  planted: PlantedManifest;
}

/** Projects per unit of scale. */
export const PROJECTS_PER_SCALE = 2000;

const COUNTED_TABLES: [string, string][] = [
  ["plans", "plans"],
  ["planRevisions", "plan_revisions"],
  ["reviewComments", "review_comments"],
  ["projects", "projects"],
  ["projectStrategyNodes", "project_strategy_nodes"],
  ["projectCooperators", "project_cooperators"],
  ["projectPhaseChanges", "project_phase_changes"],
  ["lessonsLearned", "lessons_learned"],
  ["budgetLines", "budget_lines"],
  ["budgetRevisions", "budget_revisions"],
  ["plannedDisbursements", "planned_disbursements"],
  ["transactions", "transactions"],
  ["milestones", "milestones"],
  ["indicators", "indicators"],
  ["indicatorValues", "indicator_values"],
  ["dataRegister", "data_register"],
  ["appRegister", "app_register"],
];

export function seedDemo(db: Db, options: SeedDemoOptions): SeedDemoResult {
  const { scale, seed } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`Invalid scale ${scale}`);
  if (!Number.isInteger(seed)) throw new Error(`Invalid seed ${seed}`);
  seedReference(db);
  const c = db.$client;
  const existing = c.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number };
  if (existing.n > 0) throw new Error("The database already has projects; seed an empty database.");

  const run = c.transaction((): SeedDemoResult => {
    const ctx = loadContext(db);
    const root = new Rng(seed);
    const writer = new ProjectWriter(c, ctx);
    const plans = new PlanBook(c, ctx, root.fork("plans"));

    // Plans of every current province (except those left out) and ministry.
    for (const o of [...ctx.currentProvinces, ...ctx.currentMinistries]) {
      if (EMPTY_PROVINCES.includes(o.code)) continue;
      plans.planFor(o, 2021);
      plans.planFor(o, 2026);
    }

    const partial = plantPatterns(ctx, writer, plans, root.fork("planted"));
    generateBackground(ctx, writer, plans, root.fork("background"), Math.round(PROJECTS_PER_SCALE * scale));
    plans.finish();

    const counts: Record<string, number> = {};
    for (const [key, table] of COUNTED_TABLES) {
      counts[key] = (c.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    const planted: PlantedManifest = { ...partial, underservedProvinces: underserved(db, ctx) };
    recordAudit(
      db,
      { userId: null, label: "seed" },
      {
        action: "seed.demo",
        entityType: "database",
        entityId: null,
        after: { scale, seed, counts },
      },
    );
    return { counts, planted };
  });
  return run();
}

interface Allocation {
  owner: OrgRow;
  count: number;
}

/** Largest-remainder apportionment of `total` by weights. */
function apportion(items: { org: OrgRow; weight: number }[], total: number): Allocation[] {
  const W = items.reduce((a, b) => a + b.weight, 0);
  if (W <= 0 || total <= 0) return items.map((i) => ({ owner: i.org, count: 0 }));
  const raw = items.map((i) => (total * i.weight) / W);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    counts[o.i]++;
    left--;
  }
  return items.map((it, i) => ({ owner: it.org, count: counts[i] }));
}

function provinceWeight(o: OrgRow, population: number | null): number {
  const pop = (population ?? 1_000_000) / 1e6;
  return Math.pow(pop, 1.1) * (o.municipality ? 2.2 : 1) * (o.disadvantaged ? 0.3 : 1);
}

const PROVINCIAL_TEMPLATES = SOLUTIONS.filter((s) => s.owners !== "ministry" && s.weight > 0);

function generateBackground(
  ctx: DemoContext,
  writer: ProjectWriter,
  plans: PlanBook,
  rng: Rng,
  total: number,
): void {
  const ministryTotal = Math.round(total * 0.15);
  const provincialTotal = total - ministryTotal;
  const legacyTotal = Math.round(provincialTotal * 0.08);
  const cityTotal = Math.round(provincialTotal * 0.03);
  const currentTotal = provincialTotal - legacyTotal - cityTotal;

  const emptyIds = new Set(EMPTY_PROVINCES.map((c) => ctx.byCode.get(c)!.id));
  const current = apportion(
    ctx.currentProvinces.map((o) => ({
      org: o,
      weight: emptyIds.has(o.id) ? 0 : provinceWeight(o, o.population),
    })),
    currentTotal,
  );
  // Lai Châu's planner needs some data.
  for (const a of current) if (a.owner.code === "P-LCU" && a.count < 2) a.count = 2;

  const predecessorsCount = new Map<number, number>();
  for (const l of ctx.legacyProvinces) {
    if (l.successorId) predecessorsCount.set(l.successorId, (predecessorsCount.get(l.successorId) ?? 0) + 1);
  }
  const legacy = apportion(
    ctx.legacyProvinces.map((o) => {
      const succ = o.successorId ? ctx.byId.get(o.successorId)! : null;
      const excluded = !succ || emptyIds.has(succ.id);
      const pop = succ?.population ? succ.population / (predecessorsCount.get(succ.id) ?? 1) : null;
      return { org: o, weight: excluded ? 0 : provinceWeight(o, pop) };
    }),
    legacyTotal,
  );
  const cities = apportion(
    ctx.cities.map((o) => ({ org: o, weight: 1 })),
    cityTotal,
  );

  const ministryKeys = Object.keys(MINISTRY_WEIGHTS);
  const currentMinistries = apportion(
    ctx.currentMinistries
      .filter((m) => ministryKeys.includes(m.abbr))
      .map((m) => ({ org: m, weight: MINISTRY_WEIGHTS[m.abbr] })),
    Math.round(ministryTotal * 0.8),
  );
  const legacyMinistries = apportion(
    ctx.legacyMinistries.map((m) => ({ org: m, weight: LEGACY_MINISTRY_WEIGHTS[m.abbr] ?? 0 })),
    ministryTotal - currentMinistries.reduce((a, b) => a + b.count, 0),
  );

  const sources = new Map<string, WrittenProject[]>();
  const remember = (p: WrittenProject) => {
    if (!p.evaluationDate || p.phase === "cancelled") return;
    const list = sources.get(p.templateKey) ?? [];
    list.push(p);
    sources.set(p.templateKey, list);
  };

  const dateIn = (year: number, maxIso = DEMO_TODAY) => {
    const from = `${year}-01-02`;
    const to = year === 2026 ? "2026-10-31" : `${year}-12-20`;
    const d = addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
    return d > maxIso ? maxIso : d;
  };
  const templateFor = (rngLocal: Rng, pool: SolutionTemplate[]) =>
    rngLocal.weighted(
      pool,
      pool.map((t) => t.weight || 1),
    );
  const provincialWeights = PROVINCIAL_TEMPLATES.map((t) => t.weight);
  const CURRENT_YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
  const CURRENT_YEAR_WEIGHTS = [8, 11, 14, 17, 22, 28];

  const writeProvincial = (
    owner: OrgRow,
    province: OrgRow,
    city: OrgRow | null,
    years: number[],
    yw: number[],
    planOwner: OrgRow,
  ) => {
    const template = rng.weighted(PROVINCIAL_TEMPLATES, provincialWeights);
    const year = rng.weighted(years, yw);
    const startDate = dateIn(year, owner.validTo ? addDays(owner.validTo, -30) : DEMO_TODAY);
    const plan = plans.planFor(planOwner, year);
    let replicates: ProjectRequest["replicates"] = null;
    const candidates = sources.get(template.key);
    if (!owner.validTo && candidates?.length && rng.chance(0.1)) {
      const src = rng.pick(candidates);
      if (src.provinceId !== province.id && src.evaluationDate! < addDays(startDate, -30)) {
        replicates = { id: src.id, code: src.code };
      }
    }
    const written = writer.write(rng, {
      owner,
      province,
      city,
      template,
      startDate,
      planId: plan.id,
      proposalOnly: year >= 2026 && plan.status !== "approved",
      replicates,
      verbIndex: replicates ? 5 : undefined,
    });
    remember(written);
  };

  for (const a of current) {
    const citiesHere = ctx.cities.filter((x) => x.parentId === a.owner.id);
    for (let i = 0; i < a.count; i++) {
      const city = citiesHere.length && rng.chance(0.25) ? rng.pick(citiesHere) : null;
      writeProvincial(a.owner, a.owner, city, CURRENT_YEARS, CURRENT_YEAR_WEIGHTS, a.owner);
    }
  }
  for (const a of cities) {
    const province = ctx.byId.get(a.owner.parentId!)!;
    for (let i = 0; i < a.count; i++) {
      writeProvincial(a.owner, province, a.owner, CURRENT_YEARS, CURRENT_YEAR_WEIGHTS, province);
    }
  }
  for (const a of legacy) {
    for (let i = 0; i < a.count; i++) {
      writeProvincial(a.owner, a.owner, null, [2021, 2022, 2023, 2024], [20, 25, 30, 25], a.owner);
    }
  }

  const ministryPool = (key: string) => {
    const pool = SOLUTIONS.filter((s) => s.ministries?.includes(key));
    return pool.length
      ? pool
      : SOLUTIONS.filter((s) => ["public-services", "training", "lgsp", "soc"].includes(s.key));
  };
  const eligibleProvinces = ctx.currentProvinces.filter((p) => !emptyIds.has(p.id));
  const writeMinistry = (owner: OrgRow, key: string, years: number[], yw: number[]) => {
    const template = templateFor(rng, ministryPool(key));
    const year = rng.weighted(years, yw);
    const startDate = dateIn(year, owner.validTo ? addDays(owner.validTo, -30) : DEMO_TODAY);
    const plan = plans.planFor(owner, year);
    const local =
      !owner.validTo && template.owners !== "ministry" && rng.chance(0.25)
        ? rng.pick(eligibleProvinces)
        : null;
    const place = local ? placeOf(local) : null;
    writer.write(rng, {
      owner,
      province: local,
      template,
      startDate,
      planId: plan.id,
      proposalOnly: year >= 2026 && plan.status !== "approved",
      place: place
        ? { vi: `tại ${place.vi}`, en: place.en, short: owner.nameVi, shortEn: owner.nameEn }
        : undefined,
    });
  };
  for (const a of currentMinistries) {
    for (let i = 0; i < a.count; i++)
      writeMinistry(a.owner, a.owner.abbr, CURRENT_YEARS, CURRENT_YEAR_WEIGHTS);
  }
  for (const a of legacyMinistries) {
    const successor = a.owner.successorId ? ctx.byId.get(a.owner.successorId)! : a.owner;
    for (let i = 0; i < a.count; i++)
      writeMinistry(a.owner, successor.abbr, [2021, 2022, 2023, 2024], [25, 30, 25, 20]);
  }
}

/** Current provinces with no projects in their family, and those with very few. */
function underserved(db: Db, ctx: DemoContext): PlantedManifest["underservedProvinces"] {
  const c = db.$client;
  const countFor = c.prepare(
    `SELECT COUNT(*) AS n FROM projects
      WHERE province_id = @id OR organisation_id = @id
         OR province_id IN (SELECT predecessor_id FROM organisation_successions WHERE successor_id = @id)
         OR organisation_id IN (SELECT predecessor_id FROM organisation_successions WHERE successor_id = @id)`,
  );
  const counts = ctx.currentProvinces.map((p) => ({
    code: p.code,
    n: (countFor.get({ id: p.id }) as { n: number }).n,
  }));
  const average = counts.reduce((a, b) => a + b.n, 0) / counts.length;
  return {
    none: counts.filter((x) => x.n === 0).map((x) => x.code),
    few: counts.filter((x) => x.n > 0 && x.n < Math.max(4, average * 0.1)).map((x) => x.code),
  };
}
