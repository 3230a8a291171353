/**
 * The per-project data register (queries and commands, one transaction with
 * its audit event each, optimistic-locked on `version`) and the read model of
 * the public transparency page, which selects its public fields explicitly.
 */
import { PERSONAL_DATA_CATEGORIES, type OperatorType, type ProjectPhase } from "#db/enums";
import type { Db } from "#db/client.server";
import type { Actor } from "~/modules/audit/audit.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { containsPattern, prepared } from "~/modules/db/sql.server";
import { provinceOwnerIds } from "~/modules/apps/apps.server";
import { successorIdOf } from "~/modules/organisations/succession.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { foldVietnamese } from "~/utils/text";
import { todayIso } from "~/utils/today";
import { isPersonalCategory, TRANSPARENCY_PHASES, type DataCategory } from "./categories";
import type { DataRowInput } from "./schema";

export { StaleVersionError };

export interface DataRow {
  id: number;
  projectId: number;
  category: DataCategory;
  purposeVi: string;
  purposeEn: string | null;
  legalBasis: string | null;
  retention: string | null;
  operatorType: OperatorType;
  operatorName: string | null;
  aggregatedOnly: boolean;
  version: number;
}

const COLUMNS = `id, project_id AS projectId, category, purpose_vi AS purposeVi, purpose_en AS purposeEn,
  legal_basis AS legalBasis, retention, operator_type AS operatorType, operator_name AS operatorName,
  aggregated_only AS aggregatedOnly, version`;

type Raw = Omit<DataRow, "aggregatedOnly"> & { aggregatedOnly: number };
const decode = (r: Raw): DataRow => ({ ...r, aggregatedOnly: r.aggregatedOnly === 1 });

export function listDataRows(db: Db, projectId: number): DataRow[] {
  return (
    prepared(db, `SELECT ${COLUMNS} FROM data_register WHERE project_id = ? ORDER BY id`).all(
      projectId,
    ) as Raw[]
  ).map(decode);
}

export function getDataRow(db: Db, id: number): DataRow | null {
  const r = prepared(db, `SELECT ${COLUMNS} FROM data_register WHERE id = ?`).get(id) as Raw | undefined;
  return r ? decode(r) : null;
}

export interface ProjectRef {
  id: number;
  code: string;
  organisationId: number;
}

export type CommandResult = { ok: true; id: number } | { ok: false; problem: "notFound" };

const blank = (v: string | null | undefined) => (v && v.trim() !== "" ? v.trim() : null);

const snapshot = (projectCode: string, r: DataRowInput | DataRow) => ({
  projectCode,
  category: r.category,
  purposeVi: r.purposeVi,
  purposeEn: blank(r.purposeEn),
  legalBasis: blank(r.legalBasis),
  retention: blank(r.retention),
  operatorType: r.operatorType,
  operatorName: blank(r.operatorName),
  aggregatedOnly: r.aggregatedOnly,
});

/*
 * Reads and writes inside a transaction go through `db` (prepared statements on
 * the same better-sqlite3 connection join the transaction); the audit goes through `tx`.
 */

export function addDataRow(db: Db, actor: Actor, project: ProjectRef, input: DataRowInput): number {
  return db.transaction(
    (tx) => {
      const s = snapshot(project.code, input);
      const id = Number(
        prepared(
          db,
          `INSERT INTO data_register (project_id, category, purpose_vi, purpose_en, legal_basis, retention,
             operator_type, operator_name, aggregated_only, version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        ).run(
          project.id,
          s.category,
          s.purposeVi,
          s.purposeEn,
          s.legalBasis,
          s.retention,
          s.operatorType,
          s.operatorName,
          s.aggregatedOnly ? 1 : 0,
        ).lastInsertRowid,
      );
      recordAudit(tx, actor, {
        action: "dataRegister.create",
        entityType: "data_register",
        entityId: id,
        organisationId: project.organisationId,
        after: s,
      });
      return id;
    },
    { behavior: "immediate" },
  );
}

/** The row, if it belongs to this project (a forged id of another project's row is "not found"). */
function own(db: Db, project: ProjectRef, id: number): DataRow | null {
  const r = getDataRow(db, id);
  return r && r.projectId === project.id ? r : null;
}

export function editDataRow(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
  input: DataRowInput,
): CommandResult {
  return db.transaction(
    (tx) => {
      const before = own(db, project, id);
      if (!before) return { ok: false, problem: "notFound" } as const;
      const s = snapshot(project.code, input);
      const result = prepared(
        db,
        `UPDATE data_register SET category = ?, purpose_vi = ?, purpose_en = ?, legal_basis = ?, retention = ?,
           operator_type = ?, operator_name = ?, aggregated_only = ?, version = version + 1
         WHERE id = ? AND project_id = ? AND version = ?`,
      ).run(
        s.category,
        s.purposeVi,
        s.purposeEn,
        s.legalBasis,
        s.retention,
        s.operatorType,
        s.operatorName,
        s.aggregatedOnly ? 1 : 0,
        id,
        project.id,
        version,
      );
      assertVersionedUpdate(result, "data_register", id, version);
      recordAudit(tx, actor, {
        action: "dataRegister.update",
        entityType: "data_register",
        entityId: id,
        organisationId: project.organisationId,
        before: { ...snapshot(project.code, before), version: before.version },
        after: { ...s, version: before.version + 1 },
      });
      return { ok: true, id } as const;
    },
    { behavior: "immediate" },
  );
}

export function deleteDataRow(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
): CommandResult {
  return db.transaction(
    (tx) => {
      const before = own(db, project, id);
      if (!before) return { ok: false, problem: "notFound" } as const;
      const result = prepared(
        db,
        "DELETE FROM data_register WHERE id = ? AND project_id = ? AND version = ?",
      ).run(id, project.id, version);
      assertVersionedUpdate(result, "data_register", id, version);
      recordAudit(tx, actor, {
        action: "dataRegister.delete",
        entityType: "data_register",
        entityId: id,
        organisationId: project.organisationId,
        before: { ...snapshot(project.code, before), version: before.version },
      });
      return { ok: true, id } as const;
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------------------
// Public transparency page
// ---------------------------------------------------------------------------

export interface TransparencyFilters {
  /** Words of the title or description (diacritics optional), or the project code. */
  q?: string;
  province?: number;
  category?: DataCategory;
}

/** One data use as shown to the public: these fields and nothing else. */
export interface PublicDataUse {
  category: DataCategory;
  personal: boolean;
  purposeVi: string;
  purposeEn: string | null;
  legalBasis: string | null;
  retention: string | null;
  operatorType: OperatorType;
  operatorName: string | null;
  aggregatedOnly: boolean;
}

/** One listed project as shown to the public: these fields and nothing else. */
export interface PublicDataProject {
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  /** Has a public project page (`/public/projects/:code`). */
  published: boolean;
  responsibleVi: string;
  responsibleEn: string | null;
  provinceVi: string | null;
  provinceEn: string | null;
  uses: PublicDataUse[];
}

export interface TransparencyPage {
  projects: PublicDataProject[];
  total: number;
  /** Listed projects whose personal data is run (for at least one use) by a private contractor. */
  privateOperated: number;
  table: TableState<"code">;
  filters: TransparencyFilters;
}

const PERSONAL_LIST = PERSONAL_DATA_CATEGORIES.map((c) => `'${c}'`).join(", ");
const PHASE_LIST = TRANSPARENCY_PHASES.map((p) => `'${p}'`).join(", ");

/** The listing rule of `isListedPublicly`, in SQL over a projects alias `p`. */
export const LISTED_SQL = `EXISTS (SELECT 1 FROM data_register d
      WHERE d.project_id = p.id AND d.category IN (${PERSONAL_LIST}))
  AND (p.published = 1 OR (p.phase IN (${PHASE_LIST})
    AND (p.plan_id IS NULL OR EXISTS (SELECT 1 FROM plans pl WHERE pl.id = p.plan_id AND pl.status = 'approved'))))`;

function transparencyWhere(db: Db, f: TransparencyFilters): { sql: string; params: Record<string, unknown> } {
  const clauses = [LISTED_SQL];
  const params: Record<string, unknown> = {};
  if (f.q) {
    params.like = containsPattern(foldVietnamese(f.q));
    clauses.push("(p.search_text LIKE :like ESCAPE '\\' OR lower(p.code) LIKE :like ESCAPE '\\')");
  }
  if (f.province) {
    params.places = JSON.stringify(provinceOwnerIds(db, f.province));
    clauses.push(
      `(p.province_id IN (SELECT value FROM json_each(:places)) OR p.city_id IN (SELECT value FROM json_each(:places)))`,
    );
  }
  if (f.category) {
    params.category = f.category;
    clauses.push(
      "EXISTS (SELECT 1 FROM data_register c WHERE c.project_id = p.id AND c.category = :category)",
    );
  }
  return { sql: `WHERE ${clauses.join(" AND ")}`, params };
}

export function transparencyPage(
  db: Db,
  filters: TransparencyFilters,
  table: TableState<"code">,
  asOf: string = todayIso(),
): TransparencyPage {
  const where = transparencyWhere(db, filters);
  const totals = prepared(
    db,
    `SELECT COUNT(*) AS n,
            COALESCE(SUM(EXISTS (SELECT 1 FROM data_register x WHERE x.project_id = p.id
              AND x.operator_type = 'private_contractor' AND x.category IN (${PERSONAL_LIST}))), 0) AS priv
       FROM projects p ${where.sql}`,
  ).get(where.params) as { n: number; priv: number };
  const page = clampPage(table.page, totals.n, table.pageSize);
  const state = { ...table, page };
  // Public fields only, selected by name.
  const projects = prepared(
    db,
    `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.phase, p.published,
            o.name_vi AS responsibleVi, o.name_en AS responsibleEn,
            COALESCE(p.province_id, (SELECT c.parent_id FROM organisations c WHERE c.id = p.city_id)) AS provinceId
       FROM projects p JOIN organisations o ON o.id = p.organisation_id
       ${where.sql}
      ORDER BY p.code ${state.dir === "desc" ? "DESC" : "ASC"}
      LIMIT :limit OFFSET :offset`,
  ).all({ ...where.params, ...limitOffset(state) }) as {
    id: number;
    code: string;
    titleVi: string;
    titleEn: string | null;
    phase: ProjectPhase;
    published: number;
    responsibleVi: string;
    responsibleEn: string | null;
    provinceId: number | null;
  }[];
  const ids = JSON.stringify(projects.map((p) => p.id));
  const uses = prepared(
    db,
    `SELECT project_id AS projectId, category, purpose_vi AS purposeVi, purpose_en AS purposeEn,
            legal_basis AS legalBasis, retention, operator_type AS operatorType, operator_name AS operatorName,
            aggregated_only AS aggregatedOnly
       FROM data_register WHERE project_id IN (SELECT value FROM json_each(?)) ORDER BY project_id, id`,
  ).all(ids) as (Omit<PublicDataUse, "aggregatedOnly" | "personal"> & {
    projectId: number;
    aggregatedOnly: number;
  })[];
  const byProject = new Map<number, PublicDataUse[]>();
  for (const { projectId, aggregatedOnly, ...u } of uses) {
    const list = byProject.get(projectId) ?? [];
    list.push({ ...u, personal: isPersonalCategory(u.category), aggregatedOnly: aggregatedOnly === 1 });
    byProject.set(projectId, list);
  }
  const names = prepared(db, "SELECT name_vi AS nameVi, name_en AS nameEn FROM organisations WHERE id = ?");
  return {
    projects: projects.map((p): PublicDataProject => {
      const current = p.provinceId === null ? null : (successorIdOf(db, p.provinceId, asOf) ?? p.provinceId);
      const province =
        current === null ? null : (names.get(current) as { nameVi: string; nameEn: string | null });
      return {
        code: p.code,
        titleVi: p.titleVi,
        titleEn: p.titleEn,
        phase: p.phase,
        published: p.published === 1,
        responsibleVi: p.responsibleVi,
        responsibleEn: p.responsibleEn,
        provinceVi: province?.nameVi ?? null,
        provinceEn: province?.nameEn ?? null,
        uses: byProject.get(p.id) ?? [],
      };
    }),
    total: totals.n,
    privateOperated: totals.priv,
    table: state,
    filters,
  };
}
