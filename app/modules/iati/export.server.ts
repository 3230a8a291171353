/**
 * Reading the ODA-funded projects in the caller's scope as IATI activity
 * data (export.ts writes the XML). A project is ODA-funded when it has a
 * budget line funded by an ODA loan or grant.
 */
import type { Db } from "#db/client.server";
import type { FundingSource, OrganisationKind, TransactionKind } from "#db/enums";
import { scopeOf, type Principal } from "~/auth/permissions";
import { prepared } from "~/modules/db/sql.server";
import type { IatiActivity, IatiOrg } from "./export";
import { ODA_SOURCES } from "./mapping";

export interface IatiExportFilters {
  /** Organisation code (owner; merged predecessors/successors included). */
  organisation: string | null;
  /** Province code (merged units included). */
  province: string | null;
}

export function parseExportFilters(params: URLSearchParams): IatiExportFilters {
  const clean = (v: string | null) => (v && /^[A-Za-z0-9-]{1,40}$/.test(v) ? v : null);
  return { organisation: clean(params.get("organisation")), province: clean(params.get("province")) };
}

const FAMILY = (param: string) => `(
  WITH RECURSIVE fam(id) AS (
    SELECT id FROM organisations WHERE code = :${param}
    UNION SELECT s.predecessor_id FROM organisation_successions s JOIN fam ON s.successor_id = fam.id
    UNION SELECT s.successor_id FROM organisation_successions s JOIN fam ON s.predecessor_id = fam.id)
  SELECT id FROM fam)`;

/** Ids of the ODA-funded projects the principal may export, by code. */
export function exportableProjectIds(db: Db, principal: Principal, filters: IatiExportFilters): number[] {
  const scope = scopeOf(principal, "read", "budget");
  if (scope === null) return [];
  const sql = `SELECT p.id FROM projects p
     WHERE EXISTS (SELECT 1 FROM budget_lines b WHERE b.project_id = p.id
                    AND b.funding_source IN (SELECT value FROM json_each(:oda)))
       AND (:own IS NULL OR p.organisation_id IN (SELECT value FROM json_each(:own)))
       AND (:org IS NULL OR p.organisation_id IN ${FAMILY("org")})
       AND (:prov IS NULL OR p.province_id IN ${FAMILY("prov")})
     ORDER BY p.code`;
  return (
    prepared(db, sql).all({
      oda: JSON.stringify(ODA_SOURCES),
      own: scope === "own" ? JSON.stringify([...principal.ownOrganisationIds]) : null,
      org: filters.organisation,
      prov: filters.province,
    }) as { id: number }[]
  ).map((r) => r.id);
}

const ORG_COLUMNS = "o.code, o.name_vi AS nameVi, o.name_en AS nameEn, o.kind";

export function loadActivity(db: Db, projectId: number): IatiActivity {
  const p = prepared(
    db,
    `SELECT p.code, p.updated_at AS updatedAt, p.title_vi AS titleVi, p.title_en AS titleEn,
            p.description_vi AS descriptionVi, p.description_en AS descriptionEn, p.phase, p.domain,
            p.operator_name AS operatorName, p.start_date AS startDate, p.end_date AS endDate,
            p.organisation_id AS organisationId, p.province_id AS provinceId, p.created_at AS createdAt
       FROM projects p WHERE p.id = ?`,
  ).get(projectId) as {
    code: string;
    updatedAt: number;
    titleVi: string;
    titleEn: string | null;
    descriptionVi: string;
    descriptionEn: string | null;
    phase: IatiActivity["phase"];
    domain: IatiActivity["domain"];
    operatorName: string | null;
    startDate: string | null;
    endDate: string | null;
    organisationId: number;
    provinceId: number | null;
    createdAt: number;
  };
  const org = (id: number) => prepared(db, `SELECT ${ORG_COLUMNS} FROM organisations o WHERE o.id = ?`).get(id) as IatiOrg;
  const cooperators = prepared(
    db,
    `SELECT ${ORG_COLUMNS} FROM project_cooperators c JOIN organisations o ON o.id = c.organisation_id
      WHERE c.project_id = ? ORDER BY o.code`,
  ).all(projectId) as IatiOrg[];
  const province =
    p.provinceId === null
      ? null
      : (prepared(
          db,
          `SELECT ${ORG_COLUMNS}, o.seat_lat AS lat, o.seat_lon AS lon FROM organisations o WHERE o.id = ?`,
        ).get(p.provinceId) as IatiOrg & { lat: number | null; lon: number | null; kind: OrganisationKind });
  const phases = prepared(
    db,
    `SELECT to_phase AS toPhase, changed_on AS changedOn FROM project_phase_changes WHERE project_id = ? ORDER BY changed_on, id`,
  ).all(projectId) as { toPhase: string; changedOn: string }[];
  const actualStart = phases.find((c) => ["pilot", "evaluation", "scaling", "operational"].includes(c.toPhase))?.changedOn ?? null;
  const ended = [...phases].reverse().find((c) => c.toPhase === "operational" || c.toPhase === "cancelled");
  const actualEnd = p.phase === "operational" || p.phase === "cancelled" ? (ended?.changedOn ?? null) : null;
  const budgets = prepared(
    db,
    `SELECT fiscal_year AS fiscalYear, SUM(approved_amount) AS amount FROM budget_lines
      WHERE project_id = ? GROUP BY fiscal_year ORDER BY fiscal_year`,
  ).all(projectId) as { fiscalYear: number; amount: number }[];
  const planned = prepared(
    db,
    `SELECT fiscal_year AS fiscalYear, quarter, SUM(amount) AS amount FROM planned_disbursements
      WHERE project_id = ? GROUP BY fiscal_year, quarter HAVING SUM(amount) <> 0 ORDER BY fiscal_year, quarter`,
  ).all(projectId) as { fiscalYear: number; quarter: number; amount: number }[];
  const transactions = prepared(
    db,
    `SELECT t.id, t.kind, t.date, t.amount, t.note, t.document_ref AS documentRef, b.funding_source AS fundingSource,
            t.external_ref AS externalRef
       FROM transactions t JOIN budget_lines b ON b.id = t.budget_line_id
      WHERE t.project_id = ? ORDER BY t.date, t.id`,
  ).all(projectId) as {
    id: number;
    kind: TransactionKind;
    date: string;
    amount: number;
    note: string | null;
    documentRef: string | null;
    fundingSource: FundingSource;
    externalRef: string | null;
  }[];
  const indicators = (
    prepared(
      db,
      `SELECT i.name_vi AS nameVi, i.name_en AS nameEn, i.unit, i.baseline, i.baseline_year AS baselineYear,
              i.target, i.target_year AS targetYear,
              (SELECT json_group_array(json_object('periodStart', v.period_start, 'periodEnd', v.period_end, 'value', v.value))
                 FROM (SELECT * FROM indicator_values WHERE indicator_id = i.id ORDER BY period_start) v) AS vals
         FROM indicators i WHERE i.project_id = ? ORDER BY i.id`,
    ).all(projectId) as (Omit<IatiActivity["indicators"][number], "values"> & { vals: string })[]
  ).map(({ vals, ...i }) => ({ ...i, values: JSON.parse(vals) as IatiActivity["indicators"][number]["values"] }));
  const proposedOn = phases[0]?.changedOn ?? new Date(p.createdAt).toISOString().slice(0, 10);
  return {
    code: p.code,
    lastUpdated: p.updatedAt,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    phase: p.phase,
    domain: p.domain,
    owner: org(p.organisationId),
    cooperators,
    operatorName: p.operatorName,
    plannedStart: p.startDate,
    plannedEnd: p.endDate,
    actualStart,
    actualEnd,
    proposedOn,
    province,
    budgets,
    planned,
    transactions,
    indicators,
  };
}

/** The task force (the reporting organisation), by its kind. */
export function reportingOrganisation(db: Db): { nameVi: string; nameEn: string } {
  return (
    (prepared(db, "SELECT name_vi AS nameVi, name_en AS nameEn FROM organisations WHERE kind = 'task_force' ORDER BY id LIMIT 1").get() as
      { nameVi: string; nameEn: string } | undefined) ?? { nameVi: "CityPilot", nameEn: "CityPilot" }
  );
}
