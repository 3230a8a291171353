/**
 * Recompute the wasted-spending flags: gather facts (set-based SQL), run the
 * pure rules, and upsert into `flags` by fingerprint (rule + subject) in one
 * transaction. Triage state is kept; flags whose condition no longer holds
 * become inactive; a resolved flag whose condition returns is reopened. One
 * audit event per state change and one summary event per recompute.
 */
import type { Db } from "#db/client.server";
import type { FlagSeverity, FlagState } from "#db/enums";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { prepared, placeholders } from "~/modules/db/sql.server";
import { todayIso } from "~/utils/today";
import { FLAG_CONFIG, type FlagConfig } from "./config";
import { loadProjectFacts, loadProvinceFacts, loadRegisterApps } from "./facts.server";
import { computeGroupFindings, writeGroupFlags } from "./groups.server";
import { onRecompute } from "./lifecycle";
import {
  ALL_RULE_CODES,
  evaluateProject,
  evaluateProvinces,
  fingerprintOf,
  RULE_CODES,
  type Finding,
  type FlagRuleCode,
} from "./rules";

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system:flags" };

export interface RecomputeOptions {
  /** Only this project's flags (province flags are left alone). */
  projectId?: number | null;
  /** ISO date of "today" (default: today in Vietnam). */
  asOf?: string;
  config?: FlagConfig;
  /**
   * Write the `flags.recompute` summary audit event (default true). The
   * per-write hook turns it off: only flags that change are audited there.
   */
  summary?: boolean;
  /** Recompute the duplicate group flags too (full recompute only; default true). */
  groups?: boolean;
}

export interface RecomputeResult {
  asOf: string;
  scope: "all" | { projectId: number };
  /** Findings (active flags) per rule after the recompute. */
  counts: Record<FlagRuleCode, number>;
  created: number;
  reopened: number;
  reactivated: number;
  cleared: number;
  /** Group flags whose members changed. */
  membershipChanged: number;
  ms: number;
  /** Of which duplicate detection and the group flags (0 when not run). */
  groupMs: number;
}

interface StoredFlag {
  id: number;
  fingerprint: string;
  ruleCode: string;
  organisationId: number | null;
  projectCode: string | null;
  active: number;
  state: FlagState;
}

/** Run the rules and return the findings without writing anything. */
export function computeFindings(db: Db, opts: RecomputeOptions = {}): Finding[] {
  const asOf = opts.asOf ?? todayIso();
  const config = opts.config ?? FLAG_CONFIG;
  const ctx = { asOf, apps: loadRegisterApps(db), config };
  const findings: Finding[] = [];
  for (const p of loadProjectFacts(db, asOf, opts.projectId ?? null, config)) findings.push(...evaluateProject(p, ctx));
  if (opts.projectId == null) findings.push(...evaluateProvinces(loadProvinceFacts(db), config));
  return findings;
}

export function recomputeFlags(db: Db, actor: Actor = SYSTEM_ACTOR, opts: RecomputeOptions = {}): RecomputeResult {
  const started = performance.now();
  const asOf = opts.asOf ?? todayIso();
  const projectId = opts.projectId ?? null;
  const now = Date.now();
  const counts = Object.fromEntries(ALL_RULE_CODES.map((r) => [r, 0])) as Record<FlagRuleCode, number>;
  const result: RecomputeResult = {
    asOf,
    scope: projectId == null ? "all" : { projectId },
    counts,
    created: 0,
    reopened: 0,
    reactivated: 0,
    cleared: 0,
    membershipChanged: 0,
    ms: 0,
    groupMs: 0,
  };
  // Duplicate detection reads everything; it runs before the write transaction so writers are not held up.
  const withGroups = projectId == null && opts.groups !== false;
  const groupStarted = performance.now();
  const groupFindings = withGroups ? computeGroupFindings(db, asOf, opts.config) : [];
  const groupComputeMs = performance.now() - groupStarted;

  db.transaction((tx) => {
    const findings = computeFindings(db, { ...opts, asOf });
    const codes = placeholders(RULE_CODES.length);
    const stored = (
      projectId == null
        ? prepared(
            db,
            `SELECT f.id, f.fingerprint, f.rule_code AS ruleCode, f.organisation_id AS organisationId,
                    p.code AS projectCode, f.active, f.state
               FROM flags f LEFT JOIN projects p ON p.id = f.project_id WHERE f.rule_code IN (${codes})`,
          ).all(...RULE_CODES)
        : prepared(
            db,
            `SELECT f.id, f.fingerprint, f.rule_code AS ruleCode, f.organisation_id AS organisationId,
                    p.code AS projectCode, f.active, f.state
               FROM flags f LEFT JOIN projects p ON p.id = f.project_id
              WHERE f.rule_code IN (${codes}) AND f.subject_type = 'project' AND f.project_id = ?`,
          ).all(...RULE_CODES, projectId)
    ) as StoredFlag[];
    const byFp = new Map(stored.map((f) => [f.fingerprint, f]));
    const seen = new Set<string>();

    const insert = prepared(
      db,
      `INSERT INTO flags (fingerprint, rule_code, severity, subject_type, project_id, plan_id, organisation_id,
                          evidence, money_at_stake, active, state, first_seen_at, last_seen_at)
       VALUES (@fingerprint, @rule, @severity, @subjectType, @projectId, @planId, @organisationId,
               @evidence, @money, 1, 'open', @now, @now)`,
    );
    const update = prepared(
      db,
      `UPDATE flags SET severity = @severity, plan_id = @planId, organisation_id = @organisationId,
              evidence = @evidence, money_at_stake = @money, active = @active, state = @state,
              state_reason = CASE WHEN @reopened THEN NULL ELSE state_reason END,
              state_changed_by = CASE WHEN @reopened THEN NULL ELSE state_changed_by END,
              state_changed_at = CASE WHEN @reopened THEN @now ELSE state_changed_at END,
              last_seen_at = @now
        WHERE id = @id`,
    );
    const clear = prepared(db, "UPDATE flags SET active = 0 WHERE id = ?");

    for (const f of findings) {
      const fp = fingerprintOf(f);
      if (seen.has(fp)) continue;
      seen.add(fp);
      counts[f.rule]++;
      const row = {
        fingerprint: fp,
        rule: f.rule,
        severity: f.severity satisfies FlagSeverity,
        subjectType: f.subjectType,
        projectId: f.projectId,
        planId: f.planId,
        organisationId: f.organisationId,
        evidence: JSON.stringify({ ...f.evidence, explanationKey: f.explanationKey }),
        money: f.moneyAtStake,
        now,
      };
      const old = byFp.get(fp);
      if (!old) {
        const id = Number(insert.run(row).lastInsertRowid);
        result.created++;
        recordAudit(tx, actor, {
          action: "flag.raise",
          entityType: "flag",
          entityId: id,
          organisationId: f.organisationId,
          after: {
            fingerprint: fp,
            rule: f.rule,
            project: f.evidence.project ?? null,
            severity: f.severity,
            state: "open",
            active: true,
            moneyAtStake: f.moneyAtStake,
          },
        });
        continue;
      }
      const next = onRecompute({ active: !!old.active, state: old.state }, true);
      update.run({ ...row, id: old.id, active: 1, state: next.state, reopened: next.event === "reopen" ? 1 : 0 });
      if (next.event) {
        if (next.event === "reopen") result.reopened++;
        else result.reactivated++;
        recordAudit(tx, actor, {
          action: `flag.${next.event}`,
          entityType: "flag",
          entityId: old.id,
          organisationId: f.organisationId,
          before: { rule: f.rule, project: f.evidence.project ?? null, state: old.state, active: false },
          after: { rule: f.rule, project: f.evidence.project ?? null, state: next.state, active: true, evidence: f.evidence },
        });
      }
    }
    for (const old of stored) {
      if (seen.has(old.fingerprint) || !old.active) continue;
      clear.run(old.id);
      result.cleared++;
      recordAudit(tx, actor, {
        action: "flag.clear",
        entityType: "flag",
        entityId: old.id,
        organisationId: old.organisationId,
        before: { rule: old.ruleCode, project: old.projectCode, state: old.state, active: true },
        after: { rule: old.ruleCode, project: old.projectCode, state: old.state, active: false },
      });
    }
    if (withGroups) {
      const writeStarted = performance.now();
      const g = writeGroupFlags(db, tx, actor, groupFindings, now);
      Object.assign(counts, g.counts);
      result.created += g.created;
      result.reopened += g.reopened;
      result.reactivated += g.reactivated;
      result.cleared += g.cleared;
      result.membershipChanged = g.membershipChanged;
      result.groupMs = Math.round(groupComputeMs + performance.now() - writeStarted);
    }
    result.ms = Math.round(performance.now() - started);
    if (opts.summary === false) return;
    recordAudit(tx, actor, {
      action: "flags.recompute",
      entityType: "flag",
      entityId: projectId == null ? null : `project:${projectId}`,
      after: {
        asOf,
        scope: result.scope,
        counts,
        created: result.created,
        reopened: result.reopened,
        reactivated: result.reactivated,
        cleared: result.cleared,
        membershipChanged: result.membershipChanged,
      },
    });
  });
  result.ms = Math.round(performance.now() - started);
  return result;
}
