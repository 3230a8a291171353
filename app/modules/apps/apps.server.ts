/**
 * App register queries and commands. The list is one filtered, sorted, paged
 * SQL query plus a count; commands run in one transaction with their audit
 * event and are optimistic-locked on `version`.
 */
import type { Db } from "#db/client.server";
import type { Domain, ProjectPhase } from "#db/enums";
import type { Locale } from "~/i18n/locales";
import type { Actor } from "~/modules/audit/audit.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { containsPattern, prepared } from "~/modules/db/sql.server";
import { familyIds } from "~/modules/organisations/succession.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { foldVietnamese } from "~/utils/text";
import {
  scopeFitsOwner,
  type AppFilters,
  type AppInput,
  type AppQuery,
  type AppScope,
  type AppSort,
  type AppStatus,
} from "./register";

export { StaleVersionError };

export interface AppRow {
  id: number;
  nameVi: string;
  nameEn: string | null;
  scope: AppScope;
  ownerOrganisationId: number;
  ownerNameVi: string;
  ownerNameEn: string | null;
  domain: Domain;
  platforms: string[];
  status: AppStatus;
  url: string | null;
  launchedOn: string | null;
  projectCount: number;
}

export interface AppPage {
  rows: AppRow[];
  total: number;
  table: TableState<AppSort>;
  filters: AppFilters;
}

/** `cp_fold(text)`: the same diacritics-free lower case as `foldVietnamese`, for searching names in SQL. */
const folded = new WeakSet<object>();
function ensureFold(db: Db): void {
  if (folded.has(db.$client)) return;
  db.$client.function("cp_fold", { deterministic: true }, (v: unknown) =>
    typeof v === "string" ? foldVietnamese(v) : null,
  );
  folded.add(db.$client);
}

/** Organisations whose apps count as "in this province": its merged units and the cities inside. */
export function provinceOwnerIds(db: Db, provinceId: number): number[] {
  const family = familyIds(db, provinceId);
  if (family.length === 0) return [];
  const cities = prepared(
    db,
    "SELECT id FROM organisations WHERE kind = 'city' AND parent_id IN (SELECT value FROM json_each(?))",
  ).all(JSON.stringify(family)) as { id: number }[];
  return [...family, ...cities.map((c) => c.id)];
}

export function appWhere(db: Db, f: AppFilters): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.q) {
    ensureFold(db);
    params.like = containsPattern(foldVietnamese(f.q));
    clauses.push(
      "(cp_fold(a.name_vi) LIKE :like ESCAPE '\\' OR cp_fold(COALESCE(a.name_en, '')) LIKE :like ESCAPE '\\')",
    );
  }
  if (f.scope) {
    params.scope = f.scope;
    clauses.push("a.scope = :scope");
  }
  if (f.owner) {
    params.owner = f.owner;
    clauses.push("a.owner_organisation_id = :owner");
  }
  if (f.province) {
    params.provinceOwners = JSON.stringify(provinceOwnerIds(db, f.province));
    clauses.push("a.owner_organisation_id IN (SELECT value FROM json_each(:provinceOwners))");
  }
  if (f.domain) {
    params.domain = f.domain;
    clauses.push("a.domain = :domain");
  }
  if (f.status) {
    params.status = f.status;
    clauses.push("a.status = :status");
  }
  if (f.platform) {
    params.platform = f.platform;
    clauses.push("EXISTS (SELECT 1 FROM json_each(a.platforms) WHERE value = :platform)");
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

/** ORDER BY for a sort column; ties broken by name then id, NULLs last. */
export function appOrderBy(sort: AppSort, dir: "asc" | "desc", locale: Locale): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  const name = (x: string) =>
    locale === "en" ? `COALESCE(a.name_en, a.name_vi) COLLATE NOCASE ${x}` : `cp_fold(a.name_vi) ${x}`;
  const byName = `${name("ASC")}, a.id ASC`;
  const owner = locale === "en" ? "COALESCE(o.name_en, o.name_vi) COLLATE NOCASE" : "o.search_name";
  switch (sort) {
    case "name":
      return `${name(d)}, a.id ${d}`;
    case "scope":
      return `a.scope ${d}, ${byName}`;
    case "owner":
      return `${owner} ${d}, ${byName}`;
    case "domain":
      return `a.domain ${d}, ${byName}`;
    case "status":
      return `a.status ${d}, ${byName}`;
    case "launched":
      return `(a.launched_on IS NULL), a.launched_on ${d}, ${byName}`;
    case "projects":
      return `projectCount ${d}, ${byName}`;
  }
}

const ROW_COLUMNS = `a.id, a.name_vi AS nameVi, a.name_en AS nameEn, a.scope,
  a.owner_organisation_id AS ownerOrganisationId, o.name_vi AS ownerNameVi, o.name_en AS ownerNameEn,
  a.domain, a.platforms, a.status, a.url, a.launched_on AS launchedOn,
  (SELECT COUNT(*) FROM projects p WHERE p.app_id = a.id) AS projectCount`;

type RawRow = Omit<AppRow, "platforms"> & { platforms: string };
const decode = (r: RawRow): AppRow => ({ ...r, platforms: JSON.parse(r.platforms) as string[] });

/** One page of the register (the page is clamped to the last one). */
export function listApps(db: Db, query: AppQuery, locale: Locale): AppPage {
  ensureFold(db);
  const where = appWhere(db, query.filters);
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM app_register a ${where.sql}`).get(where.params) as { n: number }
  ).n;
  const page = clampPage(query.table.page, total, query.table.pageSize);
  const table = { ...query.table, page };
  const rows = prepared(
    db,
    `SELECT ${ROW_COLUMNS}
       FROM app_register a JOIN organisations o ON o.id = a.owner_organisation_id
       ${where.sql}
      ORDER BY ${appOrderBy(table.sort, table.dir, locale)}
      LIMIT :limit OFFSET :offset`,
  ).all({ ...where.params, ...limitOffset(table) }) as RawRow[];
  return { rows: rows.map(decode), total, table, filters: query.filters };
}

export interface AppRecord extends AppRow {
  version: number;
  ownerKind: string;
}

export function getApp(db: Db, id: number): AppRecord | null {
  const row = prepared(
    db,
    `SELECT ${ROW_COLUMNS}, a.version, o.kind AS ownerKind
       FROM app_register a JOIN organisations o ON o.id = a.owner_organisation_id WHERE a.id = ?`,
  ).get(id) as (RawRow & { version: number; ownerKind: string }) | undefined;
  return row ? { ...decode(row), version: row.version, ownerKind: row.ownerKind } : null;
}

export interface LinkedProjectRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  organisationId: number;
  organisationNameVi: string;
  organisationNameEn: string | null;
}

/** Projects that point to this entry (all of them: the register is readable by every signed-in role). */
export function linkedProjects(db: Db, appId: number): LinkedProjectRow[] {
  return prepared(
    db,
    `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.phase,
            p.organisation_id AS organisationId, o.name_vi AS organisationNameVi, o.name_en AS organisationNameEn
       FROM projects p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.app_id = ? ORDER BY p.code`,
  ).all(appId) as LinkedProjectRow[];
}

export interface OrgOption {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  kind: string;
}

/** Owners for the filter: organisations that own at least one entry. */
export function appOwnerOptions(db: Db): OrgOption[] {
  return prepared(
    db,
    `SELECT o.id, o.code, o.name_vi AS nameVi, o.name_en AS nameEn, o.kind FROM organisations o
      WHERE o.id IN (SELECT owner_organisation_id FROM app_register) ORDER BY o.kind, o.search_name, o.id`,
  ).all() as OrgOption[];
}

/** Current provinces, for the province filter. */
export function provinceOptions(db: Db): OrgOption[] {
  return prepared(
    db,
    `SELECT id, code, name_vi AS nameVi, name_en AS nameEn, kind FROM organisations
      WHERE kind = 'province' AND valid_to IS NULL ORDER BY search_name, id`,
  ).all() as OrgOption[];
}

/**
 * Organisations that may own a new or edited entry: for `any` writers every
 * organisation still in force; for planners only their own (current) units.
 */
export function ownerChoices(db: Db, ownIds: ReadonlySet<number> | null): OrgOption[] {
  const rows = prepared(
    db,
    `SELECT id, code, name_vi AS nameVi, name_en AS nameEn, kind FROM organisations
      WHERE valid_to IS NULL ORDER BY kind, search_name, id`,
  ).all() as OrgOption[];
  return ownIds ? rows.filter((r) => ownIds.has(r.id)) : rows;
}

/** The owner field's problem (an i18n key), if any: unknown organisation, or one that does not fit the scope. */
export function ownerProblem(db: Db, input: Pick<AppInput, "scope" | "ownerOrganisationId">): string | null {
  const row = prepared(db, "SELECT kind FROM organisations WHERE id = ?").get(input.ownerOrganisationId) as
    { kind: string } | undefined;
  if (!row) return "apps.error.ownerRequired";
  return scopeFitsOwner(input.scope, row.kind) ? null : "apps.error.scopeOwner";
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

const snapshot = (a: AppInput) => ({
  nameVi: a.nameVi,
  nameEn: a.nameEn ?? null,
  scope: a.scope,
  ownerOrganisationId: a.ownerOrganisationId,
  domain: a.domain,
  platforms: a.platforms,
  status: a.status,
  url: a.url ?? null,
  launchedOn: a.launchedOn ?? null,
});

const recordSnapshot = (a: AppRecord) =>
  snapshot({
    ...a,
    nameEn: a.nameEn ?? undefined,
    url: a.url ?? undefined,
    launchedOn: a.launchedOn ?? undefined,
  } as AppInput);

export interface ProjectLinkRef {
  id: number;
  code: string;
  organisationId: number;
  appId: number | null;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/*
 * Reads and writes inside a transaction go through `db` (prepared statements on
 * the same better-sqlite3 connection join the transaction); the audit goes through `tx`.
 */

/** Add an entry (and optionally link one project to it) in one transaction. */
export function createApp(db: Db, actor: Actor, input: AppInput, link?: ProjectLinkRef): number {
  return db.transaction(
    (tx) => {
      const s = snapshot(input);
      const id = Number(
        prepared(
          db,
          `INSERT INTO app_register (name_vi, name_en, owner_organisation_id, scope, domain, platforms, status,
             url, launched_on, version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        ).run(
          s.nameVi,
          s.nameEn,
          s.ownerOrganisationId,
          s.scope,
          s.domain,
          JSON.stringify(s.platforms),
          s.status,
          s.url,
          s.launchedOn,
        ).lastInsertRowid,
      );
      recordAudit(tx, actor, {
        action: "app.create",
        entityType: "app",
        entityId: id,
        organisationId: s.ownerOrganisationId,
        after: s,
      });
      if (link) setProjectAppIn(db, tx, actor, link, id, link.appId);
      return id;
    },
    { behavior: "immediate" },
  );
}

/** Save an edit made from `version`; a stale version throws StaleVersionError and writes nothing. */
export function updateApp(db: Db, actor: Actor, id: number, version: number, input: AppInput): void {
  db.transaction(
    (tx) => {
      const before = getApp(db, id);
      if (!before) throw new StaleVersionError("app", id, version);
      const s = snapshot(input);
      const result = prepared(
        db,
        `UPDATE app_register SET name_vi = ?, name_en = ?, owner_organisation_id = ?, scope = ?, domain = ?,
           platforms = ?, status = ?, url = ?, launched_on = ?, version = version + 1
         WHERE id = ? AND version = ?`,
      ).run(
        s.nameVi,
        s.nameEn,
        s.ownerOrganisationId,
        s.scope,
        s.domain,
        JSON.stringify(s.platforms),
        s.status,
        s.url,
        s.launchedOn,
        id,
        version,
      );
      assertVersionedUpdate(result, "app", id, version);
      recordAudit(tx, actor, {
        action: "app.update",
        entityType: "app",
        entityId: id,
        organisationId: s.ownerOrganisationId,
        before: { ...recordSnapshot(before), version: before.version },
        after: { ...s, version: before.version + 1 },
      });
    },
    { behavior: "immediate" },
  );
}

/** Compare-and-set of `projects.app_id`: refused (StaleVersionError) if it moved since the form was loaded. */
function setProjectAppIn(
  db: Db,
  tx: Tx,
  actor: Actor,
  project: ProjectLinkRef,
  appId: number | null,
  expected: number | null,
) {
  const result = prepared(db, "UPDATE projects SET app_id = ? WHERE id = ? AND app_id IS ?").run(
    appId,
    project.id,
    expected,
  );
  assertVersionedUpdate(result, "project.app", project.code, expected ?? 0);
  recordAudit(tx, actor, {
    action: appId === null ? "project.app.unlink" : "project.app.link",
    entityType: "project",
    entityId: project.id,
    organisationId: project.organisationId,
    before: { code: project.code, appId: expected },
    after: { code: project.code, appId },
  });
}

/**
 * Point a project at a register entry (or at none). Register bookkeeping, so
 * it is allowed whatever the plan's state (an app usually goes live during the
 * pilot, long after the plan was approved); it does not bump the project's
 * version, so an open edit of the project is not made stale by it.
 */
export function setProjectApp(
  db: Db,
  actor: Actor,
  project: ProjectLinkRef,
  appId: number | null,
  expected: number | null,
): void {
  db.transaction((tx) => setProjectAppIn(db, tx, actor, project, appId, expected), { behavior: "immediate" });
}

export function appExists(db: Db, id: number): boolean {
  return prepared(db, "SELECT 1 FROM app_register WHERE id = ?").get(id) !== undefined;
}

/** A short list of entries to link a project to: its owner's family first, then national ones. */
export function linkChoices(
  db: Db,
  organisationId: number,
): { id: number; nameVi: string; nameEn: string | null; scope: AppScope }[] {
  const family = JSON.stringify(familyIds(db, organisationId));
  return prepared(
    db,
    `SELECT id, name_vi AS nameVi, name_en AS nameEn, scope FROM app_register
      WHERE scope = 'national' OR owner_organisation_id IN (SELECT value FROM json_each(?))
      ORDER BY scope = 'national', name_vi, id`,
  ).all(family) as { id: number; nameVi: string; nameEn: string | null; scope: AppScope }[];
}
