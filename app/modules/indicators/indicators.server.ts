/**
 * Indicators of a project and their values by period: queries and commands.
 * Every command runs in one transaction with its audit event; ids that come
 * from a form are always looked up within the project named in the URL, so a
 * forged id of another project's indicator, value or strategy target is
 * refused.
 */
import { createHash } from "node:crypto";
import type { Db } from "#db/client.server";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { StaleVersionError } from "~/modules/db/concurrency";
import { prepared } from "~/modules/db/sql.server";
import type { IndicatorInput, RemoveIndicatorInput, RemoveValueInput, ValueInput } from "./schemas";
import { normaliseUnit, sameUnit } from "./units";

/** A refusal with an i18n key, optionally beside a form field. */
export class IndicatorError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
    readonly params?: Record<string, string | number>,
    readonly status = 409,
  ) {
    super(key);
    this.name = "IndicatorError";
  }
}

export interface ProjectRef {
  id: number;
  code: string;
  organisationId: number;
}

export interface IndicatorRecord {
  id: number;
  projectId: number;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  baseline: number | null;
  baselineYear: number | null;
  target: number | null;
  targetYear: number | null;
  strategyTargetId: number | null;
}

export interface IndicatorView extends IndicatorRecord {
  /** Version token: edits and removals carry it back. */
  version: string;
  latestValue: number | null;
  latestPeriod: string | null;
  valueCount: number;
  strategyTarget: {
    id: number;
    nameVi: string;
    nameEn: string | null;
    unit: string;
    nodeCode: string;
  } | null;
}

export interface ValueView {
  id: number;
  indicatorId: number;
  period: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  note: string | null;
}

export interface EligibleTarget {
  id: number;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  target: number;
  targetYear: number | null;
  nodeCode: string;
  nodeTitleVi: string;
  nodeTitleEn: string | null;
}

const COLUMNS = `i.id, i.project_id AS projectId, i.name_vi AS nameVi, i.name_en AS nameEn, i.unit,
  i.baseline, i.baseline_year AS baselineYear, i.target, i.target_year AS targetYear,
  i.strategy_target_id AS strategyTargetId`;

/**
 * The indicators table has no version column, so the version token is a
 * digest of the editable content: any change by someone else changes it.
 */
export function versionOf(r: IndicatorRecord): string {
  const content = [
    r.nameVi,
    r.nameEn,
    r.unit,
    r.baseline,
    r.baselineYear,
    r.target,
    r.targetYear,
    r.strategyTargetId,
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 16);
}

function indicatorOf(db: Db, projectId: number, indicatorId: number): IndicatorRecord {
  const row = prepared(db, `SELECT ${COLUMNS} FROM indicators i WHERE i.id = ? AND i.project_id = ?`).get(
    indicatorId,
    projectId,
  ) as IndicatorRecord | undefined;
  if (!row) throw new IndicatorError("indicators.error.notFound", undefined, undefined, 404);
  return row;
}

/** Indicators of a project with their latest value (by period end), in one statement. */
export function listIndicators(db: Db, projectId: number): IndicatorView[] {
  const rows = prepared(
    db,
    `WITH ranked AS (
       SELECT v.indicator_id, v.value, v.period,
              ROW_NUMBER() OVER (PARTITION BY v.indicator_id ORDER BY v.period_end DESC, v.period_start DESC) AS rn,
              COUNT(*) OVER (PARTITION BY v.indicator_id) AS n
         FROM indicator_values v JOIN indicators x ON x.id = v.indicator_id
        WHERE x.project_id = ?)
     SELECT ${COLUMNS}, r.value AS latestValue, r.period AS latestPeriod, COALESCE(r.n, 0) AS valueCount,
            t.name_vi AS targetNameVi, t.name_en AS targetNameEn, t.unit AS targetUnit, n.code AS targetNodeCode
       FROM indicators i
       LEFT JOIN ranked r ON r.indicator_id = i.id AND r.rn = 1
       LEFT JOIN strategy_targets t ON t.id = i.strategy_target_id
       LEFT JOIN strategy_nodes n ON n.id = t.node_id
      WHERE i.project_id = ?
      ORDER BY i.id`,
  ).all(projectId, projectId) as (IndicatorRecord & {
    latestValue: number | null;
    latestPeriod: string | null;
    valueCount: number;
    targetNameVi: string | null;
    targetNameEn: string | null;
    targetUnit: string | null;
    targetNodeCode: string | null;
  })[];
  return rows.map(({ targetNameVi, targetNameEn, targetUnit, targetNodeCode, ...r }) => ({
    ...r,
    version: versionOf(r),
    strategyTarget:
      r.strategyTargetId !== null && targetNameVi !== null
        ? {
            id: r.strategyTargetId,
            nameVi: targetNameVi,
            nameEn: targetNameEn,
            unit: targetUnit!,
            nodeCode: targetNodeCode!,
          }
        : null,
  }));
}

/** Every value of the project's indicators, oldest period first. */
export function listValues(db: Db, projectId: number): ValueView[] {
  return prepared(
    db,
    `SELECT v.id, v.indicator_id AS indicatorId, v.period, v.period_start AS periodStart, v.period_end AS periodEnd,
            v.value, v.note
       FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
      WHERE i.project_id = ?
      ORDER BY v.indicator_id, v.period_end, v.period_start`,
  ).all(projectId) as ValueView[];
}

/**
 * Strategy targets an indicator of this project may feed: targets of the
 * nodes the project is linked to and of their ancestors (a node's path is a
 * prefix of its descendants' paths), on nodes that are not archived.
 */
export function eligibleTargets(db: Db, projectId: number): EligibleTarget[] {
  return prepared(
    db,
    `SELECT t.id, t.name_vi AS nameVi, t.name_en AS nameEn, t.unit, t.target, t.target_year AS targetYear,
            n.code AS nodeCode, n.title_vi AS nodeTitleVi, n.title_en AS nodeTitleEn
       FROM strategy_targets t JOIN strategy_nodes n ON n.id = t.node_id
      WHERE n.archived_at IS NULL
        AND EXISTS (SELECT 1 FROM project_strategy_nodes psn JOIN strategy_nodes pn ON pn.id = psn.node_id
                     WHERE psn.project_id = ? AND substr(pn.path, 1, length(n.path)) = n.path)
      ORDER BY n.path, t.id`,
  ).all(projectId) as EligibleTarget[];
}

function checkTargetLink(
  db: Db,
  project: ProjectRef,
  input: IndicatorInput,
  before: IndicatorRecord | null,
): void {
  if (input.strategyTargetId === null) return;
  const target = eligibleTargets(db, project.id).find((t) => t.id === input.strategyTargetId);
  // An existing link stays valid while it is unchanged, even if the project's nodes moved since.
  const kept =
    before?.strategyTargetId === input.strategyTargetId
      ? (prepared(db, "SELECT id, unit FROM strategy_targets WHERE id = ?").get(input.strategyTargetId) as
          { id: number; unit: string } | undefined)
      : undefined;
  const found = target ?? kept;
  if (!found) throw new IndicatorError("indicators.error.targetNotEligible", "strategyTargetId");
  if (!sameUnit(found.unit, input.unit)) {
    throw new IndicatorError("indicators.error.unitMismatch", "unit", {
      unit: input.unit,
      targetUnit: found.unit,
    });
  }
}

/** Add an indicator to a project, or edit one of its indicators (`input.indicatorId`). */
export function saveIndicator(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  input: IndicatorInput,
): IndicatorRecord {
  return db.transaction((tx) => {
    const before = input.indicatorId === undefined ? null : indicatorOf(db, project.id, input.indicatorId);
    if (before && versionOf(before) !== input.version) {
      throw new StaleVersionError("indicator", before.id, 0);
    }
    checkTargetLink(db, project, input, before);
    const values = [
      input.nameVi,
      input.nameEn,
      input.unit,
      input.baseline,
      input.baselineYear,
      input.target,
      input.targetYear,
      input.strategyTargetId,
    ];
    let id: number;
    if (before) {
      prepared(
        db,
        `UPDATE indicators SET name_vi = ?, name_en = ?, unit = ?, baseline = ?, baseline_year = ?, target = ?,
                target_year = ?, strategy_target_id = ? WHERE id = ? AND project_id = ?`,
      ).run(...values, before.id, project.id);
      id = before.id;
    } else {
      id = Number(
        prepared(
          db,
          `INSERT INTO indicators (name_vi, name_en, unit, baseline, baseline_year, target, target_year,
                                   strategy_target_id, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, project.id).lastInsertRowid,
      );
    }
    const after = indicatorOf(db, project.id, id);
    recordAudit(tx, actor, {
      action: before ? "indicator.update" : "indicator.create",
      entityType: "indicator",
      entityId: id,
      organisationId: project.organisationId,
      before: before ? { ...before, projectCode: project.code } : null,
      after: { ...after, projectCode: project.code, unitNormalised: normaliseUnit(after.unit) },
    });
    return after;
  });
}

/**
 * Remove an indicator. With values, only after the explicit confirmation
 * (`withValues`); the values go with it and are kept in the audit event.
 */
export function removeIndicator(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  input: Omit<RemoveIndicatorInput, "intent">,
): { values: number } {
  return db.transaction((tx) => {
    const before = indicatorOf(db, project.id, input.indicatorId);
    if (versionOf(before) !== input.version) throw new StaleVersionError("indicator", before.id, 0);
    const values = prepared(
      db,
      "SELECT id, period, period_start AS periodStart, period_end AS periodEnd, value, note FROM indicator_values WHERE indicator_id = ? ORDER BY period_end",
    ).all(before.id) as Omit<ValueView, "indicatorId">[];
    if (values.length > 0 && !input.withValues) {
      throw new IndicatorError("indicators.error.hasValues", "withValues", { count: values.length });
    }
    prepared(db, "DELETE FROM indicator_values WHERE indicator_id = ?").run(before.id);
    prepared(db, "DELETE FROM indicators WHERE id = ? AND project_id = ?").run(before.id, project.id);
    recordAudit(tx, actor, {
      action: "indicator.delete",
      entityType: "indicator",
      entityId: before.id,
      organisationId: project.organisationId,
      before: { ...before, projectCode: project.code, values },
      after: null,
    });
    return { values: values.length };
  });
}

export interface SavedValue {
  period: string;
  value: number;
  /** The value it replaced, if the period had one. */
  replaced: number | null;
}

/**
 * Record the value of an indicator for a period; one value per indicator and
 * period. A period that already has a value is replaced only when the form
 * says so (`replace`), otherwise refused with the value on record.
 */
export function saveValue(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  input: Omit<ValueInput, "intent">,
): SavedValue {
  return db.transaction((tx) => {
    const indicator = indicatorOf(db, project.id, input.indicatorId);
    const p = input.period;
    const existing = prepared(
      db,
      "SELECT id, period, period_start AS periodStart, period_end AS periodEnd, value, note FROM indicator_values WHERE indicator_id = ? AND period = ?",
    ).get(indicator.id, p.label) as Omit<ValueView, "indicatorId"> | undefined;
    if (existing && !input.replace) {
      throw new IndicatorError("indicators.error.periodTaken", "period", {
        period: p.label,
        value: existing.value,
      });
    }
    let id: number;
    if (existing) {
      prepared(db, "UPDATE indicator_values SET value = ?, note = ? WHERE id = ?").run(
        input.value,
        input.note,
        existing.id,
      );
      id = existing.id;
    } else {
      id = Number(
        prepared(
          db,
          "INSERT INTO indicator_values (indicator_id, period, period_start, period_end, value, note) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(indicator.id, p.label, p.start, p.end, input.value, input.note).lastInsertRowid,
      );
    }
    recordAudit(tx, actor, {
      action: existing ? "indicator.value.replace" : "indicator.value.create",
      entityType: "indicator_value",
      entityId: id,
      organisationId: project.organisationId,
      before: existing ? { ...existing, indicatorId: indicator.id, projectCode: project.code } : null,
      after: {
        id,
        indicatorId: indicator.id,
        projectCode: project.code,
        period: p.label,
        periodStart: p.start,
        periodEnd: p.end,
        value: input.value,
        note: input.note,
      },
    });
    return { period: p.label, value: input.value, replaced: existing ? existing.value : null };
  });
}

/** Remove one recorded value (a correction); audited with the value removed. Returns its period. */
export function removeValue(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  input: Omit<RemoveValueInput, "intent">,
): { period: string } {
  return db.transaction((tx) => {
    const indicator = indicatorOf(db, project.id, input.indicatorId);
    const before = prepared(
      db,
      "SELECT id, period, period_start AS periodStart, period_end AS periodEnd, value, note FROM indicator_values WHERE id = ? AND indicator_id = ?",
    ).get(input.valueId, indicator.id) as Omit<ValueView, "indicatorId"> | undefined;
    if (!before) throw new IndicatorError("indicators.error.notFound", undefined, undefined, 404);
    prepared(db, "DELETE FROM indicator_values WHERE id = ?").run(before.id);
    recordAudit(tx, actor, {
      action: "indicator.value.delete",
      entityType: "indicator_value",
      entityId: before.id,
      organisationId: project.organisationId,
      before: { ...before, indicatorId: indicator.id, projectCode: project.code },
      after: null,
    });
    return { period: before.period };
  });
}
