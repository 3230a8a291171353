/**
 * CityPilot data model (SQLite via drizzle-orm).
 *
 * Conventions
 * - Money is integer VND (`integer`, never real). SQLite integers are 64-bit,
 *   so amounts up to 9.2e18 VND are exact.
 * - Calendar dates are ISO text `YYYY-MM-DD` (sortable, comparable in SQL).
 * - Instants are integer milliseconds since the epoch (`*_at` columns).
 * - Enumerations are text columns checked in TypeScript with the tuples in
 *   `db/enums.ts` (shared with zod schemas and i18n keys).
 * - Rows that people edit concurrently carry a `version` column for
 *   optimistic locking.
 */
import { sql } from "drizzle-orm";
import {
  sqliteTable,
  text,
  integer,
  real,
  blob,
  index,
  uniqueIndex,
  primaryKey,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import type {
  OrganisationKind,
  Role,
  PlanStatus,
  ProjectPhase,
  Domain,
  HostingModel,
  OperatorType,
  FundingSource,
  BudgetCategory,
  TransactionKind,
  FlagState,
  FlagSeverity,
  FeedbackKind,
  FeedbackState,
  EntryOrigin,
} from "./enums";

const createdAt = () =>
  integer("created_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer("updated_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// ---------------------------------------------------------------------------
// Organisations and people
// ---------------------------------------------------------------------------

export const regions = sqliteTable("regions", {
  code: text("code").primaryKey(),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  /** Mountain, highland or otherwise disadvantaged region (equity views). */
  disadvantaged: integer("disadvantaged", { mode: "boolean" }).notNull().default(false),
});

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable key, e.g. `P-HCM`, `LP-74` (legacy province by GSO code), `M-MOST`, `LM-MIC`, `TF`. */
    code: text("code").notNull().unique(),
    kind: text("kind").$type<OrganisationKind>().notNull(),
    /** Short abbreviation used in project codes (HCM, LCU, MOST…). */
    abbr: text("abbr").notNull(),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    /** Lower-case, diacritics-free Vietnamese name, for search and legacy-name lookup. */
    searchName: text("search_name").notNull(),
    /** A province-level unit that is a centrally-run city (thành phố trực thuộc trung ương). */
    municipality: integer("municipality", { mode: "boolean" }).notNull().default(false),
    parentId: integer("parent_id").references((): AnySQLiteColumn => organisations.id),
    regionCode: text("region_code").references(() => regions.code),
    /** General Statistics Office code (legacy provinces). */
    gsoCode: text("gso_code"),
    population: integer("population"),
    areaKm2: real("area_km2"),
    seatName: text("seat_name"),
    seatLat: real("seat_lat"),
    seatLon: real("seat_lon"),
    validFrom: text("valid_from"),
    validTo: text("valid_to"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("organisations_kind_idx").on(t.kind, t.validTo),
    index("organisations_parent_idx").on(t.parentId),
    index("organisations_region_idx").on(t.regionCode),
    index("organisations_search_idx").on(t.searchName),
  ],
);

/** A predecessor ended and its work continues in the successor from `effectiveDate`. */
export const organisationSuccessions = sqliteTable(
  "organisation_successions",
  {
    predecessorId: integer("predecessor_id")
      .notNull()
      .references(() => organisations.id),
    successorId: integer("successor_id")
      .notNull()
      .references(() => organisations.id),
    effectiveDate: text("effective_date").notNull(),
    legalBasis: text("legal_basis"),
  },
  (t) => [
    primaryKey({ columns: [t.predecessorId, t.successorId] }),
    index("successions_successor_idx").on(t.successorId),
  ],
);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  locale: text("locale").notNull().default("vi"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  passwordChangedAt: integer("password_changed_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role").$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_unique").on(t.userId, t.organisationId, t.role),
    index("memberships_org_idx").on(t.organisationId),
  ],
);

/** Sessions per the Lucia guide: id is public, only SHA-256(secret) is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    createdAt: integer("created_at").notNull(),
    lastVerifiedAt: integer("last_verified_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed-login counters per account and per IP address (throttling). */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: integer("window_started_at").notNull(),
  lockedUntil: integer("locked_until"),
});

/** Per-organisation API tokens (stored hashed) for provincial systems. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    role: text("role").$type<Role>().notNull(),
    secretHash: blob("secret_hash", { mode: "buffer" }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at"),
    /** Optional end of validity (ms since the epoch); null = until revoked. */
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_tokens_org_idx").on(t.organisationId)],
);

// ---------------------------------------------------------------------------
// Strategy
// ---------------------------------------------------------------------------

export const strategyNodes = sqliteTable(
  "strategy_nodes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => strategyNodes.id),
    code: text("code").notNull().unique(),
    /** Materialised path of ids, e.g. `/1/4/9/`, so a subtree is one LIKE-prefix scan. */
    path: text("path").notNull(),
    depth: integer("depth").notNull().default(0),
    sortOrder: integer("sort_order").notNull().default(0),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    descriptionVi: text("description_vi"),
    descriptionEn: text("description_en"),
    leadOrganisationId: integer("lead_organisation_id").references(() => organisations.id),
    periodStart: integer("period_start"),
    periodEnd: integer("period_end"),
    archivedAt: integer("archived_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("strategy_nodes_parent_idx").on(t.parentId, t.sortOrder),
    index("strategy_nodes_path_idx").on(t.path),
  ],
);

export const strategyNodeCooperators = sqliteTable(
  "strategy_node_cooperators",
  {
    nodeId: integer("node_id")
      .notNull()
      .references(() => strategyNodes.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.organisationId] })],
);

export const strategyTargets = sqliteTable(
  "strategy_targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => strategyNodes.id, { onDelete: "cascade" }),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en"),
    unit: text("unit").notNull(),
    baseline: real("baseline"),
    target: real("target").notNull(),
    targetYear: integer("target_year"),
  },
  (t) => [index("strategy_targets_node_idx").on(t.nodeId)],
);

// ---------------------------------------------------------------------------
// Plans and projects
// ---------------------------------------------------------------------------

export const plans = sqliteTable(
  "plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    summaryVi: text("summary_vi"),
    summaryEn: text("summary_en"),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    status: text("status").$type<PlanStatus>().notNull().default("draft"),
    /** Number of the revision being worked on or last approved (1-based). */
    revision: integer("revision").notNull().default(1),
    submittedAt: integer("submitted_at"),
    approvedAt: integer("approved_at"),
    approvedBy: integer("approved_by").references(() => users.id),
    createdBy: integer("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("plans_org_idx").on(t.organisationId, t.periodStart), index("plans_status_idx").on(t.status)],
);

/** Frozen snapshot of a plan (and its projects) at each submission/approval. */
export const planRevisions = sqliteTable(
  "plan_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    status: text("status").$type<PlanStatus>().notNull(),
    /** JSON snapshot of the plan and its projects, for field-by-field diffs. */
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    reason: text("reason"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("plan_revisions_plan_idx").on(t.planId, t.revision)],
);

export const reviewComments = sqliteTable(
  "review_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    projectId: integer("project_id").references((): AnySQLiteColumn => projects.id),
    revision: integer("revision").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    resolvedAt: integer("resolved_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("review_comments_plan_idx").on(t.planId),
    index("review_comments_project_idx").on(t.projectId),
  ],
);

export const projects = sqliteTable(
  "projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Readable code, e.g. `HCM-2026-014`. */
    code: text("code").notNull().unique(),
    planId: integer("plan_id").references(() => plans.id),
    /** Owning organisation (a province, ministry or city; may be a legacy unit). */
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Province-level location (current or legacy province). Null for national scope. */
    provinceId: integer("province_id").references(() => organisations.id),
    /** Optional city inside the province. */
    cityId: integer("city_id").references(() => organisations.id),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    descriptionVi: text("description_vi").notNull(),
    descriptionEn: text("description_en"),
    domain: text("domain").$type<Domain>().notNull(),
    /** Solution components (e.g. `ioc`, `camera`, `citizen-app`), JSON array of strings. */
    components: text("components", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    phase: text("phase").$type<ProjectPhase>().notNull().default("proposed"),
    phaseChangedAt: integer("phase_changed_at"),
    cancellationReason: text("cancellation_reason"),
    hostingModel: text("hosting_model").$type<HostingModel>().notNull(),
    /** Capital spend on own hardware (data centre), integer VND; feeds the on-premise flag. */
    hardwareCapex: integer("hardware_capex").notNull().default(0),
    handlesPersonalData: integer("handles_personal_data", { mode: "boolean" }).notNull().default(false),
    personalDataCategories: text("personal_data_categories", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    operatorType: text("operator_type").$type<OperatorType>().notNull(),
    operatorName: text("operator_name"),
    citizenAppName: text("citizen_app_name"),
    citizenAppPlatforms: text("citizen_app_platforms", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    appId: integer("app_id").references((): AnySQLiteColumn => appRegister.id),
    /** Source pilot that this project replicates. */
    replicatesProjectId: integer("replicates_project_id").references((): AnySQLiteColumn => projects.id),
    startDate: text("start_date"),
    endDate: text("end_date"),
    /** Visible on the public portal. */
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    publishedAt: integer("published_at"),
    /** Lower-case, diacritics-free title + description for search (FTS source). */
    searchText: text("search_text").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("projects_org_idx").on(t.organisationId, t.phase),
    index("projects_app_idx").on(t.appId),
    index("projects_province_idx").on(t.provinceId, t.phase),
    index("projects_phase_idx").on(t.phase),
    index("projects_plan_idx").on(t.planId),
    index("projects_domain_idx").on(t.domain),
    index("projects_replicates_idx").on(t.replicatesProjectId),
    index("projects_published_idx").on(t.published),
    index("projects_city_idx").on(t.cityId),
  ],
);

export const projectStrategyNodes = sqliteTable(
  "project_strategy_nodes",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => strategyNodes.id),
    primary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.nodeId] }),
    index("project_strategy_nodes_node_idx").on(t.nodeId),
  ],
);

export const projectCooperators = sqliteTable(
  "project_cooperators",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.organisationId] }),
    index("project_cooperators_org_idx").on(t.organisationId),
  ],
);

export const projectPhaseChanges = sqliteTable(
  "project_phase_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    fromPhase: text("from_phase").$type<ProjectPhase>(),
    toPhase: text("to_phase").$type<ProjectPhase>().notNull(),
    reason: text("reason"),
    changedBy: integer("changed_by").references(() => users.id),
    /** ISO date the change took effect. */
    changedOn: text("changed_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("project_phase_changes_project_idx").on(t.projectId, t.changedOn)],
);

export const lessonsLearned = sqliteTable(
  "lessons_learned",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    recordedOn: text("recorded_on").notNull(),
    bodyVi: text("body_vi").notNull(),
    bodyEn: text("body_en"),
    authorId: integer("author_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("lessons_project_idx").on(t.projectId)],
);

// ---------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------

export const budgetLines = sqliteTable(
  "budget_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    fundingSource: text("funding_source").$type<FundingSource>().notNull(),
    /** What the money is for (a security line matters for personal-data projects). */
    category: text("category").$type<BudgetCategory>().notNull().default("general"),
    /** Approved amount, integer VND. */
    approvedAmount: integer("approved_amount").notNull(),
    /** First approved amount, to measure later increases (overrun rule). */
    originalAmount: integer("original_amount").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("budget_lines_unique").on(t.projectId, t.fiscalYear, t.fundingSource, t.category),
    index("budget_lines_year_idx").on(t.fiscalYear, t.fundingSource),
  ],
);

export const budgetRevisions = sqliteTable(
  "budget_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    budgetLineId: integer("budget_line_id")
      .notNull()
      .references(() => budgetLines.id, { onDelete: "cascade" }),
    fromAmount: integer("from_amount").notNull(),
    toAmount: integer("to_amount").notNull(),
    reason: text("reason").notNull(),
    changedBy: integer("changed_by").references(() => users.id),
    changedOn: text("changed_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("budget_revisions_line_idx").on(t.budgetLineId)],
);

export const plannedDisbursements = sqliteTable(
  "planned_disbursements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    budgetLineId: integer("budget_line_id").references(() => budgetLines.id, {
      onDelete: "cascade",
    }),
    fiscalYear: integer("fiscal_year").notNull(),
    quarter: integer("quarter").notNull(),
    amount: integer("amount").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("planned_disbursements_project_idx").on(t.projectId, t.fiscalYear, t.quarter),
    index("planned_disbursements_year_idx").on(t.fiscalYear, t.quarter),
    // Replacing a line's quarterly plan (plan import) and the cascade from a deleted line.
    index("planned_disbursements_line_idx").on(t.budgetLineId),
  ],
);

/** Booked money movements. Never edited or deleted: corrections are reversing entries. */
export const transactions = sqliteTable(
  "transactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    budgetLineId: integer("budget_line_id")
      .notNull()
      .references(() => budgetLines.id),
    kind: text("kind").$type<TransactionKind>().notNull(),
    /** ISO date of the transaction. */
    date: text("date").notNull(),
    /** Integer VND; negative only on a reversing entry. */
    amount: integer("amount").notNull(),
    documentRef: text("document_ref"),
    note: text("note"),
    reversesId: integer("reverses_id").references((): AnySQLiteColumn => transactions.id),
    origin: text("origin").$type<EntryOrigin>().notNull().default("manual"),
    /**
     * Identity of the entry in an outside source (IATI import: activity identifier + transaction
     * ref or content key), unique per project, so re-importing a file adds nothing twice.
     */
    externalRef: text("external_ref"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("transactions_external_ref_unique").on(t.projectId, t.externalRef),
    index("transactions_project_idx").on(t.projectId, t.kind, t.date),
    index("transactions_project_amount_idx").on(t.projectId, t.kind, t.amount),
    index("transactions_line_idx").on(t.budgetLineId, t.kind),
    index("transactions_date_idx").on(t.date, t.kind),
  ],
);

// ---------------------------------------------------------------------------
// Time and results
// ---------------------------------------------------------------------------

export const milestones = sqliteTable(
  "milestones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en"),
    dueDate: text("due_date").notNull(),
    doneDate: text("done_date"),
    weight: integer("weight").notNull().default(1),
    evidence: text("evidence"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("milestones_project_idx").on(t.projectId, t.dueDate),
    index("milestones_due_idx").on(t.dueDate, t.doneDate),
  ],
);

export const indicators = sqliteTable(
  "indicators",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en"),
    unit: text("unit").notNull(),
    baseline: real("baseline"),
    baselineYear: integer("baseline_year"),
    target: real("target"),
    targetYear: integer("target_year"),
    /** Strategy-node target this indicator contributes to (same unit). */
    strategyTargetId: integer("strategy_target_id").references(() => strategyTargets.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("indicators_project_idx").on(t.projectId),
    index("indicators_target_idx").on(t.strategyTargetId),
  ],
);

export const indicatorValues = sqliteTable(
  "indicator_values",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    /** Period label, e.g. `2025` or `2025-Q3`, with its bounds. */
    period: text("period").notNull(),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    value: real("value").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("indicator_values_unique").on(t.indicatorId, t.period)],
);

// ---------------------------------------------------------------------------
// Flags, feedback, registers
// ---------------------------------------------------------------------------

export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable across recomputation: rule + subject (+ group members). */
    fingerprint: text("fingerprint").notNull().unique(),
    ruleCode: text("rule_code").notNull(),
    severity: text("severity").$type<FlagSeverity>().notNull(),
    subjectType: text("subject_type").$type<"project" | "plan" | "organisation" | "group">().notNull(),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    planId: integer("plan_id").references(() => plans.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").references(() => organisations.id),
    evidence: text("evidence", { mode: "json" }).notNull(),
    moneyAtStake: integer("money_at_stake").notNull().default(0),
    /** Does the rule's condition hold at the last recompute? */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    state: text("state").$type<FlagState>().notNull().default("open"),
    stateReason: text("state_reason"),
    stateChangedBy: integer("state_changed_by").references(() => users.id),
    stateChangedAt: integer("state_changed_at"),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [
    index("flags_rule_idx").on(t.ruleCode, t.state),
    index("flags_project_idx").on(t.projectId),
    index("flags_org_idx").on(t.organisationId),
    index("flags_plan_idx").on(t.planId),
    index("flags_state_idx").on(t.state, t.severity),
  ],
);

/** Projects in a group flag (duplicates across provinces). */
export const flagMembers = sqliteTable(
  "flag_members",
  {
    flagId: integer("flag_id")
      .notNull()
      .references(() => flags.id, { onDelete: "cascade" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.flagId, t.projectId] }),
    index("flag_members_project_idx").on(t.projectId),
  ],
);

/**
 * A planner's decision on a similar existing proposal (duplicate detection at
 * submission): linked as a replication of it, withdrawn, or a statement of
 * why it is not a duplicate. One row per (project, other project); a new
 * decision replaces the previous one (the audit log keeps the history).
 */
export const similarityReviews = sqliteTable(
  "similarity_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    otherProjectId: integer("other_project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"same_project" | "same_solution">().notNull(),
    /** Similarity score (0..1) when the decision was taken. */
    score: real("score").notNull(),
    decision: text("decision").$type<"replication" | "withdrawn" | "not_duplicate">().notNull(),
    /** Why it is not a duplicate / why it was withdrawn (required for those two). */
    statement: text("statement"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at").notNull(),
  },
  (t) => [
    uniqueIndex("similarity_reviews_pair").on(t.projectId, t.otherProjectId),
    index("similarity_reviews_other_idx").on(t.otherProjectId),
  ],
);

export const feedback = sqliteTable(
  "feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind").$type<FeedbackKind>().notNull(),
    body: text("body"),
    /** HMAC-SHA-256 of the national ID number with a server secret; never the number. */
    citizenKey: text("citizen_key").notNull(),
    provinceId: integer("province_id").references(() => organisations.id),
    state: text("state").$type<FeedbackState>().notNull().default("pending"),
    moderationReason: text("moderation_reason"),
    moderatedBy: integer("moderated_by").references(() => users.id),
    moderatedAt: integer("moderated_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("feedback_project_idx").on(t.projectId, t.state),
    index("feedback_citizen_idx").on(t.citizenKey, t.createdAt),
    index("feedback_state_idx").on(t.state, t.createdAt),
  ],
);

export const appRegister = sqliteTable(
  "app_register",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en"),
    ownerOrganisationId: integer("owner_organisation_id")
      .notNull()
      .references(() => organisations.id),
    scope: text("scope").$type<"national" | "provincial">().notNull(),
    domain: text("domain").$type<Domain>().notNull(),
    platforms: text("platforms", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    status: text("status").$type<"planned" | "live" | "retired">().notNull().default("live"),
    url: text("url"),
    launchedOn: text("launched_on"),
    /** Optimistic lock for register edits (coordinators and the owner's planners). */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("app_register_owner_idx").on(t.ownerOrganisationId),
    index("app_register_domain_idx").on(t.domain),
  ],
);

export const dataRegister = sqliteTable(
  "data_register",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    purposeVi: text("purpose_vi").notNull(),
    purposeEn: text("purpose_en"),
    legalBasis: text("legal_basis"),
    retention: text("retention"),
    operatorType: text("operator_type").$type<OperatorType>().notNull(),
    operatorName: text("operator_name"),
    aggregatedOnly: integer("aggregated_only", { mode: "boolean" }).notNull().default(false),
    /** Optimistic lock for data-register edits. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("data_register_project_idx").on(t.projectId)],
);

// ---------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------

/**
 * Append-only, hash-chained: `hash = sha256(prevHash + canonical(row))`.
 * Written in the same transaction as the change it records.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    /** Who, as text, e.g. `seed`, `cli`, or the user's email at the time. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    organisationId: integer("organisation_id"),
    before: text("before"),
    after: text("after"),
    ipAddress: text("ip_address"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_entity_idx").on(t.entityType, t.entityId),
    index("audit_actor_idx").on(t.actorUserId, t.at),
    index("audit_org_idx").on(t.organisationId, t.at),
  ],
);
