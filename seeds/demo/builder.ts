/**
 * Builds one demo project with everything hanging off it (phases, budget
 * lines, transactions, milestones, indicators, lessons, registers) and
 * writes it through prepared statements. Planted patterns are requested
 * through `ProjectRequest.pattern` and the override fields.
 */
import type Database from "better-sqlite3";
import type {
  BudgetCategory,
  FundingSource,
  HostingModel,
  OperatorType,
  PersonalDataCategory,
  ProjectPhase,
} from "#db/enums";
import { foldVietnamese } from "~/utils/text";
import { asciiName } from "../reference-data";
import type { DemoContext, OrgRow, Place } from "./context";
import { placeOf } from "./context";
import { addDays, DEMO_TODAY, daysBetween, isoAt, isoToMs, maxIso, minIso, msToIso } from "./dates";
import type { Rng } from "./prng";
import {
  CANCELLATION_REASONS,
  CONTEXTS,
  CONTEXTS_2025,
  DATA_LEGAL_BASES,
  DOCUMENT_PREFIXES,
  HOSTING_SENTENCES,
  LESSONS,
  MILESTONES,
  MINISTRY_CONTEXTS,
  OUTCOMES,
  PERSONAL_DATA_LABELS,
  PERSONAL_DATA_PURPOSES,
  PRIVATE_CONTRACTORS,
  RETENTIONS,
  REVISION_REASONS,
  STATE_ENTERPRISES,
  VERBS,
  type Pair,
  type SolutionTemplate,
} from "./vocab";

export type Pattern =
  | "stalled_recent_spend"
  | "overrun_spent"
  | "overrun_raised"
  | "idle_2026"
  | "zombie"
  | "on_premise_dc"
  | "overlapping_app"
  | "private_pd_secure"
  | "private_pd_insecure";

export interface ProjectRequest {
  owner: OrgRow;
  province: OrgRow | null;
  city?: OrgRow | null;
  template: SolutionTemplate;
  startDate: string;
  planId: number | null;
  phase?: ProjectPhase;
  /** Plan not approved yet: keep the project a proposal. */
  proposalOnly?: boolean;
  pattern?: Pattern;
  replicates?: { id: number; code: string } | null;
  /** Place wording override for the title ("khu vực Thủ Dầu Một"…). */
  place?: Place;
  titleVi?: string;
  titleEn?: string | null;
  descriptionVi?: string;
  descriptionEn?: string | null;
  objectIndex?: number;
  verbIndex?: number | null;
  budgetBn?: number;
  hosting?: HostingModel;
  operatorType?: OperatorType;
  /** Force English text in the title/description fields (an "English copy"). */
  textMode?: "vi" | "bilingual" | "en_description";
  extraComponents?: string[];
  appName?: string;
}

export interface BuiltText {
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  /** Parallel Vietnamese/English description, whatever the text mode. */
  fullVi: string;
  fullEn: string;
  fullTitleEn: string;
}

export interface WrittenProject {
  id: number;
  code: string;
  text: BuiltText;
  phase: ProjectPhase;
  startDate: string;
  evaluationDate: string | null;
  pilotDate: string | null;
  templateKey: string;
  organisationId: number;
  provinceId: number | null;
}

export const PHASE_ORDER: ProjectPhase[] = [
  "proposed",
  "approved",
  "pilot",
  "evaluation",
  "scaling",
  "operational",
];
const ACTIVE: ProjectPhase[] = ["approved", "pilot", "evaluation", "scaling"];

function fill(text: string, rng: Rng, vars: Record<string, string>): string {
  return text
    .replace(/\{n:(\d+)-(\d+)\}/g, (_m, a: string, b: string) => String(rng.int(Number(a), Number(b))))
    .replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

const capFirst = (s: string) => (s ? s[0].toLocaleUpperCase("vi") + s.slice(1) : s);
const lowerFirst = (s: string) => (s ? s[0].toLocaleLowerCase("vi") + s.slice(1) : s);
const KEEP_CASE =
  /^(Trung tâm|Cổng|Nền tảng|Bộ phận|Khung|Bộ tiêu chí|Mô hình|Hồ sơ|Wi-Fi|Ứng dụng công dân số \(|Vé)/;

export function roundMillion(vnd: number): number {
  return Math.max(1, Math.round(vnd / 1e6)) * 1_000_000;
}

/** Split an integer total into n positive parts that are multiples of `unit` (last takes the remainder). */
function split(rng: Rng, total: number, n: number, unit = 1000): number[] {
  if (n <= 1 || total < unit * n) return [total];
  const w = Array.from({ length: n }, () => 0.4 + rng.next());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts: number[] = [];
  let used = 0;
  for (let i = 0; i < n - 1; i++) {
    const p = Math.max(unit, Math.floor((total * w[i]) / sum / unit) * unit);
    parts.push(p);
    used += p;
  }
  parts.push(total - used);
  if (parts[n - 1] <= 0) return [total];
  return parts;
}

/** n sorted dates in [from, to]. */
function datesBetween(rng: Rng, from: string, to: string, n: number): string[] {
  const span = Math.max(0, daysBetween(from, to));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(addDays(from, rng.int(0, span)));
  return out.sort();
}

export class ProjectWriter {
  private readonly s: Record<string, Database.Statement>;
  private readonly codeCounters = new Map<string, number>();
  readonly appCountByOrg = new Map<number, number>();
  private readonly titlesByOrg = new Map<number, Set<string>>();

  /** One organisation does not file two projects under the same title: qualify repeats. */
  private distinctTitle(orgId: number, text: BuiltText): void {
    let used = this.titlesByOrg.get(orgId);
    if (!used) this.titlesByOrg.set(orgId, (used = new Set()));
    const base: [string, string | null, string] = [text.titleVi, text.titleEn, text.fullTitleEn];
    for (let i = 0; used.has(text.titleVi); i++) {
      if (i < TITLE_QUALIFIERS.length && base[0].includes(TITLE_QUALIFIERS[i][0].trim())) continue;
      const [vi, en] =
        i < TITLE_QUALIFIERS.length
          ? TITLE_QUALIFIERS[i]
          : [
              ` (gói thầu số ${i - TITLE_QUALIFIERS.length + 2})`,
              ` (package ${i - TITLE_QUALIFIERS.length + 2})`,
            ];
      text.titleVi = base[0] + vi;
      text.titleEn = base[1] === null ? null : base[1] + en;
      text.fullTitleEn = base[2] + en;
    }
    used.add(text.titleVi);
  }

  constructor(
    private readonly c: Database.Database,
    private readonly ctx: DemoContext,
  ) {
    const p = (sql: string) => c.prepare(sql);
    this.s = {
      project: p(
        `INSERT INTO projects (code, plan_id, organisation_id, province_id, city_id, title_vi, title_en,
           description_vi, description_en, domain, components, phase, phase_changed_at, cancellation_reason,
           hosting_model, hardware_capex, handles_personal_data, personal_data_categories, operator_type,
           operator_name, citizen_app_name, citizen_app_platforms, app_id, replicates_project_id, start_date,
           end_date, published, published_at, search_text, created_by, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)`,
      ),
      setApp: p("UPDATE projects SET app_id = ? WHERE id = ?"),
      node: p(
        "INSERT OR IGNORE INTO project_strategy_nodes (project_id, node_id, is_primary) VALUES (?, ?, ?)",
      ),
      coop: p("INSERT OR IGNORE INTO project_cooperators (project_id, organisation_id) VALUES (?, ?)"),
      phase: p(
        `INSERT INTO project_phase_changes (project_id, from_phase, to_phase, reason, changed_by, changed_on, created_at)
         VALUES (?, ?, ?, ?, NULL, ?, ?)`,
      ),
      lesson: p(
        `INSERT INTO lessons_learned (project_id, recorded_on, body_vi, body_en, author_id, created_at)
         VALUES (?, ?, ?, ?, NULL, ?)`,
      ),
      line: p(
        `INSERT INTO budget_lines (project_id, fiscal_year, funding_source, category, approved_amount,
           original_amount, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      revision: p(
        `INSERT INTO budget_revisions (budget_line_id, from_amount, to_amount, reason, changed_by, changed_on, created_at)
         VALUES (?, ?, ?, ?, NULL, ?, ?)`,
      ),
      planned: p(
        `INSERT INTO planned_disbursements (project_id, budget_line_id, fiscal_year, quarter, amount, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      tx: p(
        `INSERT INTO transactions (project_id, budget_line_id, kind, date, amount, document_ref, note,
           reverses_id, origin, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 'seed', NULL, ?)`,
      ),
      milestone: p(
        `INSERT INTO milestones (project_id, name_vi, name_en, due_date, done_date, weight, evidence, sort_order,
           version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ),
      indicator: p(
        `INSERT INTO indicators (project_id, name_vi, name_en, unit, baseline, baseline_year, target, target_year,
           strategy_target_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      indicatorValue: p(
        `INSERT INTO indicator_values (indicator_id, period, period_start, period_end, value, note, created_at)
         VALUES (?, ?, ?, ?, ?, NULL, ?)`,
      ),
      app: p(
        `INSERT INTO app_register (name_vi, name_en, owner_organisation_id, scope, domain, platforms, status, url,
           launched_on, created_at)
         VALUES (?, ?, ?, 'provincial', ?, ?, ?, NULL, ?, ?)`,
      ),
      data: p(
        `INSERT INTO data_register (project_id, category, purpose_vi, purpose_en, legal_basis, retention,
           operator_type, operator_name, aggregated_only, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  nextCode(abbr: string, year: number): string {
    const key = `${abbr}-${year}`;
    const n = (this.codeCounters.get(key) ?? 0) + 1;
    this.codeCounters.set(key, n);
    return `${abbr}-${year}-${String(n).padStart(3, "0")}`;
  }

  /** Title and description for a request (exported for planted copies). */
  buildText(
    rng: Rng,
    req: ProjectRequest,
    vars: { hosting: HostingModel; pd: PersonalDataCategory[] },
  ): BuiltText {
    const tpl = req.template;
    const place = req.place ?? placeOf(req.city ?? req.owner, undefined);
    const objIdx = req.objectIndex ?? rng.int(0, tpl.objects.length - 1);
    const obj = tpl.objects[objIdx % tpl.objects.length];
    const verb: Pair | null =
      req.verbIndex === null
        ? null
        : req.verbIndex !== undefined
          ? VERBS[req.verbIndex]
          : rng.chance(0.65)
            ? rng.pick(VERBS)
            : null;
    const year = Number(req.startDate.slice(0, 4));
    const suffix = rng.weighted(
      ["", ` giai đoạn ${year}-${year + 2}`, " (giai đoạn 2)", " đến năm 2030", ` năm ${year}`],
      [62, 14, 8, 6, 10],
    );
    const suffixEn =
      suffix === ""
        ? ""
        : suffix.includes("giai đoạn 2)")
          ? " (phase 2)"
          : suffix.includes("2030")
            ? " to 2030"
            : suffix.includes("giai đoạn")
              ? `, ${year}-${year + 2}`
              : `, ${year}`;
    const objVi = verb ? (KEEP_CASE.test(obj[0]) ? obj[0] : lowerFirst(obj[0])) : capFirst(obj[0]);
    const titleVi =
      req.titleVi ?? `${verb ? verb[0] + " " : ""}${objVi} ${place.vi}${suffix}`.replace(/\s+/g, " ").trim();
    const titleEnFull =
      req.titleEn ??
      (verb
        ? `${verb[1]} ${lowerFirst(obj[1])} ${place.en.startsWith("the ") || place.en === "nationwide" ? "for " : "in "}${place.en}${suffixEn}`
        : `${capFirst(obj[1])}, ${place.en}${suffixEn}`);

    const tvars = { short: place.short, shortEn: place.shortEn, y0: String(year - 1) };
    const picks: Pair[] = [];
    const ctxPool =
      req.owner.kind === "ministry"
        ? MINISTRY_CONTEXTS
        : year >= 2025 && !req.owner.validTo
          ? [...CONTEXTS, ...CONTEXTS_2025]
          : CONTEXTS;
    picks.push(rng.pick(ctxPool));
    picks.push(rng.pick(tpl.objectives));
    picks.push(rng.pick(tpl.scopes));
    picks.push(rng.pick(HOSTING_SENTENCES[vars.hosting]));
    if (req.pattern === "overlapping_app") {
      picks.push([
        "Ứng dụng của tỉnh tích hợp định danh, xác thực công dân, tra cứu và nộp hồ sơ dịch vụ công trực tuyến, thanh toán phí ngay trên ứng dụng.",
        "The provincial app has its own citizen identification and login, online public-service applications and fee payment.",
      ]);
    }
    if (vars.pd.length) {
      const labels = vars.pd.map((k) => PERSONAL_DATA_LABELS[k]);
      picks.push([
        `Hệ thống xử lý dữ liệu cá nhân (${labels.map((l) => l[0]).join(", ")}) theo Nghị định 13/2023/NĐ-CP.`,
        `The system processes personal data (${labels.map((l) => l[1]).join(", ")}) under Decree 13/2023/ND-CP.`,
      ]);
    }
    picks.push(rng.pick(OUTCOMES));
    // Fill numbers once so both languages agree.
    const filled = picks.map(([vi, en]) => {
      const nums: string[] = [];
      const viF = vi.replace(/\{n:(\d+)-(\d+)\}/g, (_m, a: string, b: string) => {
        const v = String(rng.int(Number(a), Number(b)));
        nums.push(v);
        return v;
      });
      let i = 0;
      const enF = en.replace(/\{n:(\d+)-(\d+)\}/g, () => nums[i++] ?? "");
      return [fill(viF, rng, tvars), fill(enF, rng, tvars)] as const;
    });
    let fullVi = filled
      .map((f) => f[0])
      .filter(Boolean)
      .join(" ");
    let fullEn = filled
      .map((f) => f[1])
      .filter(Boolean)
      .join(" ");
    if (req.owner.kind === "ministry") {
      fullVi = fullVi.replace(/của tỉnh/g, "của Bộ");
      fullEn = fullEn
        .replace(/the provincial data centre/g, "the ministry's data centre")
        .replace(/shared provincial cloud/g, "shared ministry cloud")
        .replace(/the provincial data platform/g, "the ministry's data platform");
    } else if (req.owner.municipality || req.owner.kind === "city") {
      fullVi = fullVi.replace(/của tỉnh/g, "của thành phố");
      fullEn = fullEn.replace(/provincial/g, "city");
    }

    const mode =
      req.textMode ??
      (rng.chance(0.05)
        ? "en_description"
        : rng.chance(req.owner.kind === "ministry" ? 0.55 : 0.33)
          ? "bilingual"
          : "vi");
    return {
      titleVi,
      titleEn: mode === "vi" ? null : titleEnFull,
      descriptionVi: req.descriptionVi ?? (mode === "en_description" ? fullEn : fullVi),
      descriptionEn:
        req.descriptionEn !== undefined ? req.descriptionEn : mode === "bilingual" ? fullEn : null,
      fullVi,
      fullEn,
      fullTitleEn: titleEnFull,
    };
  }

  write(rng: Rng, req: ProjectRequest): WrittenProject {
    const { ctx } = this;
    const tpl = req.template;
    const owner = req.owner;
    const pattern = req.pattern;
    // A unit that ended stops all activity at its end date.
    const horizon = owner.validTo ? minIso(owner.validTo, DEMO_TODAY) : DEMO_TODAY;
    const start = minIso(req.startDate, addDays(horizon, -20));
    const startYear = Number(start.slice(0, 4));
    const legacy = !!owner.validTo;

    // ---- Phase and its history --------------------------------------------
    const age = daysBetween(start, horizon);
    let phase: ProjectPhase = req.phase ?? pickPhase(rng, age, legacy);
    if (req.proposalOnly && !req.phase) phase = "proposed";
    // A zombie stopped moving long ago: its whole history ends well before today.
    const zombieEnd =
      pattern === "zombie" ? maxIso(addDays(start, 150), addDays(DEMO_TODAY, -rng.int(220, 400))) : null;
    const history = buildPhaseHistory(
      rng,
      phase,
      start,
      zombieEnd ?? horizon,
      pattern,
      !req.phase && !pattern,
    );
    const dateOf = (p: ProjectPhase) => history.find((h) => h.to === p)?.on ?? null;
    const approvedOn = dateOf("approved");
    const pilotOn = dateOf("pilot");
    const evaluationOn = dateOf("evaluation");
    const operationalOn = dateOf("operational");
    const cancelledOn = dateOf("cancelled");
    const lastChange = history[history.length - 1].on;

    const durationDays = rng.int(540, 1460);
    const endDate = addDays(start, durationDays);
    // Money can move from approval until the project stops.
    const moneyEnd =
      phase === "cancelled"
        ? cancelledOn!
        : phase === "operational"
          ? minIso(addDays(operationalOn!, rng.int(60, 240)), horizon)
          : (zombieEnd ?? horizon);

    // ---- Hosting, personal data, operator ----------------------------------
    const hosting: HostingModel =
      req.hosting ??
      rng.weighted(Object.keys(tpl.hosting) as HostingModel[], Object.values(tpl.hosting) as number[]);
    const pdChance = tpl.personalData ? (tpl.personalDataChance ?? 1) : 0;
    let pd: PersonalDataCategory[] =
      pattern === "private_pd_secure" || pattern === "private_pd_insecure"
        ? (tpl.personalData ?? ["identity", "contact"]).slice()
        : rng.chance(pdChance)
          ? (tpl.personalData ?? []).filter((_c, i) => i === 0 || rng.chance(0.75))
          : [];
    if (pattern === "overlapping_app") pd = ["identity", "contact", "location"];
    let operatorType: OperatorType =
      req.operatorType ??
      (pattern === "private_pd_secure" || pattern === "private_pd_insecure"
        ? "private_contractor"
        : rng.weighted<OperatorType>(
            ["government_agency", "state_owned_enterprise", "private_contractor"],
            [60, 25, 15],
          ));
    if (
      pd.length &&
      operatorType === "private_contractor" &&
      !pattern?.startsWith("private_pd") &&
      rng.chance(0.6)
    ) {
      operatorType = "government_agency";
    }
    const operatorName =
      operatorType === "private_contractor"
        ? rng.pick(PRIVATE_CONTRACTORS)
        : operatorType === "state_owned_enterprise"
          ? rng.pick(STATE_ENTERPRISES)
          : agencyName(rng, owner, tpl.domain, start);

    // ---- Text -----------------------------------------------------------------
    const text = this.buildText(rng, req, { hosting, pd });
    if (req.titleVi === undefined) this.distinctTitle(owner.id, text);
    const components = [...tpl.components];
    for (const extra of tpl.extraComponents ?? []) if (rng.chance(0.3)) components.push(extra);
    for (const extra of req.extraComponents ?? []) if (!components.includes(extra)) components.push(extra);

    // ---- Code, app --------------------------------------------------------------
    const code = this.nextCode(owner.abbr, startYear);
    const isApp = !!tpl.citizenApp || pattern === "overlapping_app";
    const appName = isApp ? (req.appName ?? this.appName(rng, owner)) : null;
    const platforms = isApp ? (rng.chance(0.8) ? ["android", "ios"] : ["android", "ios", "web"]) : [];

    // ---- Budget plan -------------------------------------------------------------
    const sizeFactor =
      owner.kind === "ministry"
        ? 1.4
        : owner.kind === "city"
          ? 0.7
          : owner.municipality
            ? 1.4
            : owner.disadvantaged
              ? 0.6
              : 1;
    const totalBn = req.budgetBn ?? rng.logRange(tpl.budget[0], tpl.budget[1]) * sizeFactor;
    const total = roundMillion(totalBn * 1e9);
    const fundedFrom = approvedOn ?? start;
    // Approved in the second half of a year: money is allocated from the next fiscal year.
    const firstFy =
      Number(fundedFrom.slice(0, 4)) +
      ((phase === "approved" || phase === "proposed") &&
      fundedFrom.slice(5) >= "07-01" &&
      pattern !== "idle_2026"
        ? 1
        : 0);
    let lastFy = Math.min(Number(endDate.slice(0, 4)), Number(horizon.slice(0, 4)));
    if (phase === "cancelled") lastFy = Math.min(lastFy, Number(cancelledOn!.slice(0, 4)));
    if (phase === "operational") lastFy = Math.min(lastFy, Number(moneyEnd.slice(0, 4)));
    if (pattern === "zombie") lastFy = Math.min(lastFy, Number(moneyEnd.slice(0, 4)));
    if (pattern === "idle_2026" || pattern === "stalled_recent_spend") lastFy = 2026;
    if (ACTIVE.includes(phase) && !legacy && pattern !== "zombie") lastFy = Math.max(lastFy, 2026);
    if (phase === "proposed") lastFy = Math.max(firstFy, Math.min(lastFy, firstFy + 1));
    const years: number[] = [];
    for (let y = Math.max(firstFy, 2018); y <= Math.max(firstFy, lastFy); y++) years.push(y);

    const primary = pickSource(rng, owner);
    const secondary = pickSource(rng, owner);
    const catPool: BudgetCategory[] =
      pattern === "private_pd_insecure" ? tpl.categories.filter((c) => c !== "security") : tpl.categories;
    interface LinePlan {
      fy: number;
      source: FundingSource;
      category: BudgetCategory;
      weight: number;
    }
    const lines: LinePlan[] = [];
    const seen = new Set<string>();
    const addLine = (fy: number, source: FundingSource, category: BudgetCategory, weight: number) => {
      const k = `${fy}|${source}|${category}`;
      if (seen.has(k)) return;
      seen.add(k);
      lines.push({ fy, source, category, weight });
    };
    years.forEach((fy, i) => {
      const k = rng.weighted([1, 2, 3], [55, 35, 10]);
      for (let j = 0; j < k; j++) {
        const category =
          pattern === "on_premise_dc" && j === 0
            ? "hardware"
            : (catPool[Math.min(catPool.length - 1, Math.floor(rng.next() * rng.next() * catPool.length))] ??
              "general");
        addLine(
          fy,
          rng.chance(0.75) ? primary : secondary,
          category,
          (i === 0 ? 0.6 : 1) *
            (0.5 + rng.next()) *
            (category === "hardware" && pattern === "on_premise_dc" ? 4 : 1),
        );
      }
    });
    const needsSecurity = pd.length > 0 && pattern !== "private_pd_insecure";
    if (needsSecurity && !lines.some((l) => l.category === "security")) {
      addLine(years[Math.min(1, years.length - 1)], primary, "security", 0.25);
    }
    if (pattern === "idle_2026" && !lines.some((l) => l.fy === 2026)) addLine(2026, primary, "general", 1);
    if (pattern === "idle_2026") {
      for (const l of lines) if (l.fy === 2026) l.weight *= 3;
    }
    const wsum = lines.reduce((a, l) => a + l.weight, 0);

    const hardwareApproved: number[] = [];
    const txs: {
      line: number;
      kind: "commitment" | "disbursement" | "expenditure";
      date: string;
      amount: number;
    }[] = [];
    const builtLines: {
      plan: LinePlan;
      approved: number;
      original: number;
      revisions: { from: number; to: number; on: string; reason: string }[];
    }[] = [];

    let biggest = 0;
    lines.forEach((l, i) => {
      const approved = roundMillion((total * l.weight) / wsum);
      builtLines.push({ plan: l, approved, original: approved, revisions: [] });
      if (approved > builtLines[biggest].approved) biggest = i;
    });
    for (const bl of builtLines) {
      if (bl.plan.category === "hardware") hardwareApproved.push(bl.approved);
      if (rng.chance(0.07) && pattern !== "overrun_raised") {
        const original = roundMillion(bl.approved / (0.9 + rng.next() * 0.25));
        if (original !== bl.approved) {
          bl.original = original;
          bl.revisions.push({
            from: original,
            to: bl.approved,
            on: `${bl.plan.fy}-${pad(rng.int(5, 10))}-${pad(rng.int(1, 28))}`,
            reason: rng.pick(REVISION_REASONS),
          });
        }
      }
    }
    if (pattern === "overrun_raised") {
      const bl = builtLines[biggest];
      const original = roundMillion(bl.approved / (1.3 + rng.next() * 0.4));
      const mid = roundMillion((original + bl.approved) / 2);
      bl.original = original;
      const fy = bl.plan.fy;
      bl.revisions = [
        {
          from: original,
          to: mid,
          on: `${fy}-0${rng.int(3, 5)}-${pad(rng.int(1, 28))}`,
          reason: "Bổ sung hạng mục theo đề nghị của nhà thầu",
        },
        {
          from: mid,
          to: bl.approved,
          on: `${fy}-0${rng.int(6, 9)}-${pad(rng.int(1, 28))}`,
          reason: "Trượt giá thiết bị, điều chỉnh tổng mức đầu tư",
        },
      ].map((r) => ({ ...r, on: minIso(r.on, horizon) }));
    }

    // Transactions per line.
    const moneyStart = approvedOn ?? start;
    builtLines.forEach((bl, idx) => {
      if (phase === "proposed") return;
      if (phase === "approved" && rng.chance(0.5) && pattern !== "idle_2026") return;
      const fy = bl.plan.fy;
      const winStart = maxIso(`${fy}-01-02`, moneyStart);
      const winEnd = minIso(`${fy}-12-28`, moneyEnd);
      if (winStart >= winEnd) return;
      const span = daysBetween(winStart, winEnd);
      const fullYear = span > 300;
      const A = bl.approved;
      let commitFrac = fullYear ? 0.85 + rng.next() * 0.15 : 0.6 + rng.next() * 0.35;
      let disbFrac =
        fy === 2026 ? 0.45 + rng.next() * 0.45 : fullYear ? 0.72 + rng.next() * 0.28 : 0.4 + rng.next() * 0.5;
      if (pattern === "overrun_spent") {
        commitFrac = 1.22 + rng.next() * 0.13;
        disbFrac = 0.9 + rng.next() * 0.08;
      }
      if (pattern === "idle_2026" && fy === 2026) {
        commitFrac = 0.2 + rng.next() * 0.2;
        disbFrac = 0.1 + rng.next() * 0.15;
      }
      const C = Math.round((A * commitFrac) / 1000) * 1000;
      const D = Math.round((C * disbFrac) / 1000) * 1000;
      const E = Math.round((D * (0.8 + rng.next() * 0.2)) / 1000) * 1000;
      const nC = rng.weighted([1, 2, 3], [55, 30, 15]);
      const nD = Math.max(1, Math.min(span > 120 ? 17 : 5, rng.int(5, 16)));
      const nE = rng.int(2, 6);
      const commitEnd = addDays(winStart, Math.max(1, Math.floor(span * 0.2)));
      const cDates = datesBetween(rng, winStart, commitEnd, nC);
      const lastCommit = cDates[cDates.length - 1];
      let dFrom = addDays(lastCommit, 1);
      let dTo = winEnd;
      if (pattern === "idle_2026" && fy === 2026) dTo = minIso(dTo, "2026-06-30");
      if (dFrom > dTo) dFrom = dTo;
      const dDates = datesBetween(rng, dFrom, dTo, nD);
      if (pattern === "stalled_recent_spend" && fy === 2026) {
        // Money keeps flowing in the last 90 days although the work is stuck.
        dDates[dDates.length - 1] = addDays(DEMO_TODAY, -rng.int(3, 30));
        if (dDates.length > 1) dDates[dDates.length - 2] = addDays(DEMO_TODAY, -rng.int(35, 80));
        dDates.sort();
      }
      const eFrom = addDays(dDates[0], 1) > dTo ? dTo : addDays(dDates[0], 1);
      const eDates = datesBetween(rng, eFrom, dTo, nE);
      split(rng, C, nC).forEach((a, i) =>
        txs.push({ line: idx, kind: "commitment", date: cDates[i], amount: a }),
      );
      if (D > 0)
        split(rng, D, nD).forEach((a, i) =>
          txs.push({ line: idx, kind: "disbursement", date: dDates[i], amount: a }),
        );
      if (E > 0)
        split(rng, E, nE).forEach((a, i) =>
          txs.push({ line: idx, kind: "expenditure", date: eDates[i], amount: a }),
        );
    });

    const hwTotal = hardwareApproved.reduce((a, b) => a + b, 0);
    const hardwareCapex =
      pattern === "on_premise_dc"
        ? Math.max(hwTotal, roundMillion(total * 0.7))
        : hosting === "on_premise"
          ? roundMillion(hwTotal * (0.6 + rng.next() * 0.3))
          : hosting === "hybrid"
            ? roundMillion(hwTotal * (0.15 + rng.next() * 0.25))
            : 0;

    // ---- Milestones ------------------------------------------------------------------
    const msCount = phase === "proposed" ? rng.int(2, 3) : rng.int(4, 7);
    const idxs = new Set<number>([0, MILESTONES.length - 2]);
    while (idxs.size < Math.min(msCount, MILESTONES.length)) idxs.add(rng.int(1, MILESTONES.length - 1));
    const chosen = [...idxs].sort((a, b) => a - b);
    const msEnd = phase === "operational" ? operationalOn! : endDate;
    // The first milestone (investment approval) falls due around the approval; the rest spread to the end.
    const msFirst =
      phase === "proposed"
        ? maxIso(addDays(start, rng.int(30, 90)), addDays(horizon, rng.int(15, 120)))
        : minIso(approvedOn ?? addDays(start, rng.int(30, 90)), msEnd);
    const msSpan = Math.max(60, daysBetween(msFirst, msEnd));
    const milestones = chosen.map((mi, k) => {
      const due =
        k === 0
          ? addDays(msFirst, -rng.int(0, 10))
          : addDays(msFirst, Math.round((k / Math.max(1, chosen.length - 1)) * msSpan) - rng.int(0, 20));
      return {
        name: MILESTONES[mi],
        due,
        done: null as string | null,
        weight: mi >= 5 && mi <= 7 ? rng.int(3, 5) : rng.int(1, 3),
      };
    });
    const activityEnd = phase === "cancelled" ? cancelledOn! : pattern === "zombie" ? moneyEnd : horizon;
    for (const m of milestones) {
      if (phase === "operational") {
        m.done = minIso(addDays(m.due, rng.int(-25, 30)), operationalOn!);
      } else if (phase === "proposed") {
        m.done = null;
      } else if (m.due <= activityEnd) {
        const late = daysBetween(m.due, activityEnd);
        const done = rng.chance(0.9) || (late > 80 && !pattern);
        m.done = done
          ? minIso(
              addDays(m.due, rng.int(-20, late > 80 ? 75 : Math.max(0, Math.min(45, late)))),
              activityEnd,
            )
          : null;
      }
      if (m.done && m.done < start) m.done = start;
    }
    if (pattern === "stalled_recent_spend" || pattern === "zombie") {
      // A milestone overdue by more than 90 days, and nothing after it done.
      const k = Math.max(1, Math.floor(milestones.length / 2));
      const anchor =
        pattern === "zombie" ? addDays(moneyEnd, -rng.int(10, 60)) : addDays(DEMO_TODAY, -rng.int(120, 240));
      milestones[k].due = anchor;
      milestones[k].done = null;
      for (let j = k + 1; j < milestones.length; j++) {
        milestones[j].done = null;
        if (milestones[j].due <= anchor) milestones[j].due = addDays(anchor, 30 * (j - k));
      }
      for (let j = 0; j < k; j++) {
        if (milestones[j].due >= anchor) milestones[j].due = addDays(anchor, -40 * (k - j));
        milestones[j].done = minIso(addDays(milestones[j].due, rng.int(0, 20)), anchor);
      }
    }
    if (pattern === "idle_2026") {
      // Work goes on: a milestone done recently, so it is not a zombie.
      const last = milestones[milestones.length - 1];
      if (!milestones.some((m) => m.done && m.done > addDays(DEMO_TODAY, -120))) {
        const m = milestones.find((x) => !x.done) ?? last;
        m.due = addDays(DEMO_TODAY, -rng.int(20, 60));
        m.done = addDays(m.due, rng.int(0, 10));
      }
    }

    // ---- Last activity, timestamps -------------------------------------------------
    let lastActivity = lastChange;
    for (const t of txs) if (t.date > lastActivity) lastActivity = t.date;
    for (const m of milestones) if (m.done && m.done > lastActivity) lastActivity = m.done;
    lastActivity = minIso(lastActivity, horizon);
    const createdAt = isoAt(start, 2, rng.int(0, 59));
    const updatedAt = Math.max(createdAt, isoAt(lastActivity, 9, rng.int(0, 59)));

    const published =
      ["pilot", "evaluation", "scaling", "operational"].includes(phase) && !legacy && rng.chance(0.35);
    const city = req.city ?? null;
    const projectId = Number(
      this.s.project.run(
        code,
        req.planId,
        owner.id,
        req.province?.id ?? null,
        city?.id ?? null,
        text.titleVi,
        text.titleEn,
        text.descriptionVi,
        text.descriptionEn,
        tpl.domain,
        JSON.stringify(components),
        phase,
        isoAt(lastChange, 8),
        phase === "cancelled" ? rng.pick(CANCELLATION_REASONS) : null,
        hosting,
        hardwareCapex,
        pd.length ? 1 : 0,
        JSON.stringify(pd),
        operatorType,
        operatorName,
        appName,
        JSON.stringify(platforms),
        null,
        req.replicates?.id ?? null,
        start,
        endDate,
        published ? 1 : 0,
        published ? isoAt(pilotOn ?? lastChange, 10) : null,
        foldVietnamese(
          [text.titleVi, text.descriptionVi, text.titleEn ?? "", text.descriptionEn ?? ""].join(" "),
        ),
        createdAt,
        updatedAt,
      ).lastInsertRowid,
    );

    // Phase history.
    let prev: ProjectPhase | null = null;
    for (const h of history) {
      this.s.phase.run(projectId, prev, h.to, h.reason, h.on, isoAt(h.on, 8));
      prev = h.to;
    }

    // Strategy nodes and cooperators.
    const nodeCodes = [tpl.nodes[0]];
    if (tpl.nodes[1] && rng.chance(0.4)) nodeCodes.push(tpl.nodes[1]);
    if (req.replicates) nodeCodes.push("DA950.5.2");
    else if (owner.municipality && ["pilot", "evaluation"].includes(phase) && rng.chance(0.5))
      nodeCodes.push("DA950.5.1");
    if (owner.disadvantaged && rng.chance(0.5)) nodeCodes.push("DA950.5.3");
    nodeCodes.forEach((nc, i) => {
      const nid = ctx.nodeIds.get(nc);
      if (nid) this.s.node.run(projectId, nid, i === 0 ? 1 : 0);
    });
    const coops = new Set<number>();
    if (owner.kind !== "ministry" && rng.chance(0.45)) {
      const lead = ctx.nodeLead.get(tpl.nodes[0]);
      if (lead) coops.add(lead);
    }
    if (rng.chance(0.12) && ctx.partners.length) coops.add(rng.pick(ctx.partners).id);
    if (owner.kind === "province" && !legacy && rng.chance(0.2)) {
      const cities = ctx.cities.filter((x) => x.parentId === owner.id);
      if (cities.length) coops.add(rng.pick(cities).id);
    }
    if (owner.kind === "ministry" && !req.province && rng.chance(0.5)) {
      for (const p of rng.sample(ctx.currentProvinces, rng.int(1, 3))) coops.add(p.id);
    }
    coops.delete(owner.id);
    for (const o of [...coops].sort((a, b) => a - b)) this.s.coop.run(projectId, o);

    // Money.
    builtLines.forEach((bl, idx) => {
      const lineCreated = isoAt(maxIso(`${bl.plan.fy - 1}-11-15`, start), 3);
      const lineId = Number(
        this.s.line.run(
          projectId,
          bl.plan.fy,
          bl.plan.source,
          bl.plan.category,
          bl.approved,
          bl.original,
          1 + bl.revisions.length,
          lineCreated,
          Math.max(
            lineCreated,
            bl.revisions.length ? isoAt(bl.revisions[bl.revisions.length - 1].on, 3) : lineCreated,
          ),
        ).lastInsertRowid,
      );
      for (const r of bl.revisions) this.s.revision.run(lineId, r.from, r.to, r.reason, r.on, isoAt(r.on, 4));
      // Planned disbursements per quarter.
      if (phase !== "proposed") {
        const shares = [0.1 + rng.next() * 0.1, 0.2 + rng.next() * 0.1, 0.25 + rng.next() * 0.1];
        const q = shares.map((s) => Math.round((bl.approved * s) / 1e6) * 1e6);
        q.push(bl.approved - q[0] - q[1] - q[2]);
        q.forEach((amount, qi) =>
          this.s.planned.run(projectId, lineId, bl.plan.fy, qi + 1, amount, isoAt(`${bl.plan.fy}-01-05`, 1)),
        );
      }
      let docNo = rng.int(10, 900);
      const lineTxs = txs
        .filter((t) => t.line === idx)
        .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      for (const t of lineTxs) {
        docNo += rng.int(1, 40);
        const pre = DOCUMENT_PREFIXES[t.kind];
        const doc = `${pre[docNo % pre.length]} ${docNo}/${t.date.slice(0, 4)}`;
        const note =
          t.kind === "commitment"
            ? docNo & 1
              ? "Ký hợp đồng"
              : "Quyết định giao vốn"
            : t.kind === "disbursement"
              ? docNo % 5 === 0
                ? "Tạm ứng hợp đồng"
                : null
              : null;
        this.s.tx.run(projectId, lineId, t.kind, t.date, t.amount, doc, note, isoAt(t.date, 10, docNo % 60));
      }
    });

    // Milestones.
    milestones.forEach((m, i) => {
      const updated = m.done ? isoAt(m.done, 11) : createdAt;
      this.s.milestone.run(
        projectId,
        m.name[0],
        m.name[1],
        m.due,
        m.done,
        m.weight,
        m.done ? `Biên bản ${code}/${i + 1}` : null,
        i + 1,
        createdAt,
        Math.max(createdAt, updated),
      );
    });

    // Indicators (pilots and later).
    if (tpl.indicator && pilotOn && phase !== "cancelled" && rng.chance(0.75)) {
      const ind = tpl.indicator;
      const baseYear = Number(pilotOn.slice(0, 4));
      const baseline = round1(rng.range(ind.baseline[0], ind.baseline[1]));
      const target = round1(rng.range(ind.target[0], ind.target[1]));
      const targetYear = Math.max(baseYear + 2, 2027);
      const targetId = ind.strategyNode ? (ctx.targetIds.get(ind.strategyNode) ?? null) : null;
      const indId = Number(
        this.s.indicator.run(
          projectId,
          ind.nameVi,
          ind.nameEn,
          ind.unit,
          baseline,
          baseYear,
          target,
          targetYear,
          targetId,
          isoAt(pilotOn, 5),
        ).lastInsertRowid,
      );
      const endYear = Number(activityEnd.slice(0, 4));
      for (let y = baseYear + 1; y <= Math.min(endYear, 2026); y++) {
        const progress = Math.min(1, (y - baseYear) / (targetYear - baseYear)) * (0.6 + rng.next() * 0.5);
        const value = round1(baseline + (target - baseline) * progress);
        const pEnd = y === 2026 ? "2026-09-30" : `${y}-12-31`;
        if (pEnd > activityEnd) break;
        this.s.indicatorValue.run(
          indId,
          y === 2026 ? "2026-Q3" : String(y),
          y === 2026 ? "2026-07-01" : `${y}-01-01`,
          pEnd,
          value,
          isoAt(addDays(pEnd, 10), 6),
        );
      }
    }
    if (pilotOn && phase !== "cancelled" && rng.chance(0.25)) {
      const baseYear = Number(pilotOn.slice(0, 4));
      const indId = Number(
        this.s.indicator.run(
          projectId,
          "Mức độ hài lòng của người dân",
          "Resident satisfaction",
          "%",
          round1(rng.range(55, 72)),
          baseYear,
          round1(rng.range(80, 92)),
          baseYear + 3,
          null,
          isoAt(pilotOn, 5),
        ).lastInsertRowid,
      );
      if (baseYear + 1 <= 2025 && `${baseYear + 1}-12-31` <= activityEnd) {
        this.s.indicatorValue.run(
          indId,
          String(baseYear + 1),
          `${baseYear + 1}-01-01`,
          `${baseYear + 1}-12-31`,
          round1(rng.range(65, 88)),
          isoAt(`${baseYear + 2}-01-15`, 6),
        );
      }
    }

    // Lessons learned (evaluation or later).
    if (evaluationOn && phase !== "cancelled" && rng.chance(0.65)) {
      const n = rng.int(1, 2);
      for (const l of rng.sample(LESSONS, n)) {
        const on = minIso(addDays(evaluationOn, rng.int(10, 200)), horizon);
        this.s.lesson.run(projectId, on, l[0], l[1], isoAt(on, 14));
      }
    }

    // Data register.
    for (const cat of pd) {
      const purpose = PERSONAL_DATA_PURPOSES[cat];
      this.s.data.run(
        projectId,
        cat,
        purpose[0],
        purpose[1],
        rng.pick(DATA_LEGAL_BASES),
        rng.pick(RETENTIONS),
        operatorType,
        operatorName,
        cat === "location" && rng.chance(0.5) ? 1 : 0,
        createdAt,
      );
    }

    // App register (citizen-facing apps once piloted).
    if (isApp && pilotOn) {
      const status = phase === "cancelled" ? "retired" : "live";
      const appId = Number(
        this.s.app.run(
          appName,
          asciiName(appName!),
          owner.id,
          "governance",
          JSON.stringify(platforms),
          status,
          pilotOn,
          isoAt(pilotOn, 9),
        ).lastInsertRowid,
      );
      this.s.setApp.run(appId, projectId);
    }

    return {
      id: projectId,
      code,
      text,
      phase,
      startDate: start,
      evaluationDate: evaluationOn,
      pilotDate: pilotOn,
      templateKey: tpl.key,
      organisationId: owner.id,
      provinceId: req.province?.id ?? null,
    };
  }

  private appName(rng: Rng, owner: OrgRow): string {
    const n = (this.appCountByOrg.get(owner.id) ?? 0) + 1;
    this.appCountByOrg.set(owner.id, n);
    const real: Record<string, string[]> = {
      "P-HN": ["iHanoi"],
      "P-HUE": ["Hue-S"],
      "P-DNG": ["Danang Smart City"],
    };
    const short = owner.nameVi === "Hồ Chí Minh" ? "TP.HCM" : owner.nameVi;
    const ascii = asciiName(short).replace(/\s+/g, "");
    const variants = [
      ...(real[owner.code] ?? []),
      `${short} S`,
      `Công dân số ${short}`,
      `${owner.abbr}-Smart`,
      `i${ascii}`,
      `${short} trong tầm tay`,
    ];
    return n <= variants.length ? variants[n - 1] : `${rng.pick(variants)} ${n}`;
  }
}

const pad = (n: number) => String(n).padStart(2, "0");
const TITLE_QUALIFIERS: Pair[] = [
  [" (giai đoạn 2)", " (phase 2)"],
  [" tại các xã, phường", " in communes and wards"],
  [" khu đô thị mới", " in new urban areas"],
  [" mở rộng", " (extension)"],
  [" khu vực trung tâm", " in the centre"],
  [" (giai đoạn 3)", " (phase 3)"],
  [" các khu công nghiệp", " in industrial parks"],
];
const round1 = (x: number) => Math.round(x * 10) / 10;

function pickPhase(rng: Rng, age: number, legacy: boolean): ProjectPhase {
  // What stayed with a unit that ended was finished or stopped; live work moved to the successor.
  if (legacy) return rng.weighted<ProjectPhase>(["operational", "cancelled"], [78, 22]);
  if (age < 120) return rng.weighted<ProjectPhase>(["proposed", "approved"], [60, 40]);
  if (age < 365)
    return rng.weighted<ProjectPhase>(["proposed", "approved", "pilot", "cancelled"], [15, 30, 50, 5]);
  if (age < 730)
    return rng.weighted<ProjectPhase>(
      ["approved", "pilot", "evaluation", "scaling", "operational", "cancelled"],
      [8, 50, 15, 10, 7, 10],
    );
  if (age < 1280)
    return rng.weighted<ProjectPhase>(
      ["pilot", "evaluation", "scaling", "operational", "cancelled"],
      [20, 20, 20, 30, 10],
    );
  return rng.weighted<ProjectPhase>(
    ["pilot", "evaluation", "scaling", "operational", "cancelled"],
    [6, 10, 20, 54, 10],
  );
}

const PHASE_REASONS: Partial<Record<ProjectPhase, string>> = {
  proposed: "Đăng ký đề xuất",
  approved: "Quyết định phê duyệt dự án",
  pilot: "Bắt đầu triển khai thí điểm",
  evaluation: "Kết thúc thí điểm, tổ chức đánh giá",
  scaling: "Kết quả đánh giá đạt, quyết định nhân rộng",
  operational: "Nghiệm thu, đưa vào vận hành chính thức",
};

/**
 * Dates of each phase change up to `phase`, fitted between `start` and
 * `horizon`. Background projects in an active phase changed it recently
 * (they are not zombies); planted patterns keep natural, older dates.
 */
function buildPhaseHistory(
  rng: Rng,
  phase: ProjectPhase,
  start: string,
  horizon: string,
  pattern: Pattern | undefined,
  background: boolean,
): { to: ProjectPhase; on: string; reason: string | null }[] {
  const path: ProjectPhase[] = ["proposed"];
  if (phase === "cancelled") {
    const stopAt = rng.weighted<ProjectPhase>(["proposed", "approved", "pilot"], [30, 35, 35]);
    for (const p of PHASE_ORDER.slice(1)) {
      if (PHASE_ORDER.indexOf(p) > PHASE_ORDER.indexOf(stopAt)) break;
      path.push(p);
    }
    path.push("cancelled");
  } else {
    for (const p of PHASE_ORDER.slice(1)) {
      if (PHASE_ORDER.indexOf(p) > PHASE_ORDER.indexOf(phase)) break;
      path.push(p);
    }
  }
  const gaps: Record<string, [number, number]> = {
    approved: [30, 150],
    pilot: [60, 220],
    evaluation: [270, 480],
    scaling: [60, 240],
    operational: [120, 400],
    cancelled: [60, 400],
  };
  const want = path.slice(1).map((p) => rng.int(gaps[p][0], gaps[p][1]));
  const available = Math.max(path.length, daysBetween(start, horizon) - 5);
  const need = want.reduce((a, b) => a + b, 0);
  const factor = need > available ? available / need : 1;
  const out: { to: ProjectPhase; on: string; reason: string | null }[] = [
    { to: "proposed", on: start, reason: PHASE_REASONS.proposed ?? null },
  ];
  let d = start;
  path.slice(1).forEach((p, i) => {
    d = addDays(d, Math.max(1, Math.floor(want[i] * factor)));
    out.push({
      to: p,
      on: minIso(d, horizon),
      reason: p === "cancelled" ? "Dừng triển khai" : (PHASE_REASONS[p] ?? null),
    });
  });
  // Keep background active projects visibly alive: the last change is recent
  // when nothing else (money, milestones) will be.
  if (background && ["approved"].includes(phase) && pattern === undefined) {
    const last = out[out.length - 1];
    const recent = addDays(horizon, -rng.int(10, 150));
    if (last.on < recent && recent > out[out.length - 2].on) last.on = recent;
  }
  return out;
}

function pickSource(rng: Rng, owner: OrgRow): FundingSource {
  if (owner.kind === "ministry") {
    return rng.weighted<FundingSource>(["central_budget", "oda_loan", "oda_grant", "ppp"], [70, 12, 13, 5]);
  }
  return rng.weighted<FundingSource>(
    ["local_budget", "central_budget", "oda_loan", "ppp", "oda_grant", "community"],
    [55, 25, owner.municipality ? 9 : 5, owner.municipality ? 6 : 3, 3, 3],
  );
}

function agencyName(rng: Rng, owner: OrgRow, domain: string, start: string): string {
  const place = owner.kind === "ministry" ? owner.nameVi : placeOf(owner).vi;
  if (owner.kind === "ministry") return `Trung tâm Công nghệ thông tin, ${owner.nameVi}`;
  const after2025 = start >= "2025-03-01";
  const byDomain: Record<string, string> = {
    health: "Sở Y tế",
    education: "Sở Giáo dục và Đào tạo",
    safety: "Công an",
    transport: after2025 ? "Sở Xây dựng" : "Sở Giao thông vận tải",
    planning: "Sở Xây dựng",
    environment: after2025 ? "Sở Nông nghiệp và Môi trường" : "Sở Tài nguyên và Môi trường",
    agriculture: after2025 ? "Sở Nông nghiệp và Môi trường" : "Sở Nông nghiệp và Phát triển nông thôn",
    tourism: "Sở Văn hóa, Thể thao và Du lịch",
  };
  const dept =
    byDomain[domain] ??
    (rng.chance(0.5)
      ? "Trung tâm Chuyển đổi số"
      : after2025
        ? "Sở Khoa học và Công nghệ"
        : "Sở Thông tin và Truyền thông");
  return `${dept} ${place}`;
}

/** Re-export for planted patterns. */
export { msToIso, isoToMs };
