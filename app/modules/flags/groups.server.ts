/**
 * Group flags (same_project, same_solution) from duplicate detection over
 * every current proposal, written inside the full recompute's transaction.
 * Members go to `flag_members`; a group keeps its flag (and triage) when
 * members join or leave (see `assignFingerprints`). Audit: raise, reopen,
 * reactivate, clear, and `flag.members` when the membership changes.
 */
import type { Db } from "#db/client.server";
import type { FlagState } from "#db/enums";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { prepareCorpus, scanDuplicates } from "~/modules/dedupe";
import { loadProposals } from "~/modules/dedupe/proposals.server";
import { placeholders, prepared } from "~/modules/db/sql.server";
import { FLAG_CONFIG, type FlagConfig } from "./config";
import {
  assignFingerprints,
  groupFinding,
  linkedGroups,
  livePair,
  sharedTermsOf,
  type GroupFinding,
  type GroupMember,
  type StoredGroup,
} from "./groups";
import { onRecompute } from "./lifecycle";
import { GROUP_RULE_CODES, type GroupRuleCode } from "./rules";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Run duplicate detection over every non-cancelled project and build the group findings. */
export function computeGroupFindings(db: Db, asOf: string, config: FlagConfig = FLAG_CONFIG): GroupFinding[] {
  const proposals = loadProposals(db, { asOf });
  const dates = new Map(
    (
      prepared(db, "SELECT id, start_date AS s, end_date AS e FROM projects").all() as {
        id: number;
        s: string | null;
        e: string | null;
      }[]
    ).map((r) => [r.id, r]),
  );
  const members: GroupMember[] = proposals.map((p) => ({
    projectId: p.projectId,
    code: p.code,
    organisationId: p.organisationId,
    province: typeof p.province === "string" ? p.province : null,
    provinceName: p.provinceName,
    phase: p.phase,
    approved: p.approved,
    startDate: dates.get(p.projectId)?.s ?? null,
    endDate: dates.get(p.projectId)?.e ?? null,
  }));
  const corpus = prepareCorpus(proposals);
  const n = proposals.length;
  const pairs: { i: number; j: number; score: number }[] = [];
  const bestSolution = new Float64Array(n);
  // Plain values per pair (no object per pair: ~6 million same_solution pairs at scale 10).
  const clusters = scanDuplicates(corpus, (i, j, kind, score) => {
    if (kind === "same_project") {
      if (livePair(members[i], members[j], config)) pairs.push({ i, j, score });
    } else {
      if (score > bestSolution[i]) bestSolution[i] = score;
      if (score > bestSolution[j]) bestSolution[j] = score;
    }
  });
  const typesOf = (i: number) => corpus.docs[i].types;
  const out: GroupFinding[] = [];

  const pairScore = new Map(pairs.map((p) => [p.i < p.j ? p.i * n + p.j : p.j * n + p.i, p.score]));
  for (const g of linkedGroups(n, pairs, config.sameProjectLinkage, config.sameProjectMaxGroup)) {
    if (g.length < 2) continue;
    const scores: number[] = [];
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) scores.push(pairScore.get(g[x] * n + g[y]) ?? 0);
    const types = typesOf(g[0]).filter((t) => g.every((i) => typesOf(i).includes(t)));
    out.push(
      groupFinding(
        "same_project",
        g.map((i) => members[i]),
        {
          types,
          sharedTerms: sharedTermsOf(g.map((i) => corpus.docs[i]), corpus.termNames),
          minScore: round3(Math.min(...scores)),
          maxScore: round3(Math.max(...scores)),
        },
        config,
      ),
    );
  }

  const indexOf = new Map<unknown, number>(proposals.map((p, i) => [p.id, i]));
  for (const c of clusters) {
    const g = c.members.map((id) => indexOf.get(id)!).filter((i) => i !== undefined);
    const best = g.map((i) => bestSolution[i]);
    out.push(
      groupFinding(
        "same_solution",
        g.map((i) => members[i]),
        {
          types: c.types,
          sharedTerms: sharedTermsOf(g.map((i) => corpus.docs[i]), corpus.termNames),
          minScore: round3(Math.min(...best)),
          maxScore: round3(Math.max(...best)),
        },
        config,
      ),
    );
  }
  return out;
}

interface StoredRow {
  id: number;
  fingerprint: string;
  ruleCode: GroupRuleCode;
  organisationId: number | null;
  active: number;
  state: FlagState;
}

export interface GroupRecomputeCounts {
  counts: Record<GroupRuleCode, number>;
  created: number;
  reopened: number;
  reactivated: number;
  cleared: number;
  membershipChanged: number;
}

/**
 * Upsert the group findings (call inside the recompute's transaction, with
 * the `tx` of that transaction for the audit). Groups no longer found are
 * cleared (inactive, triage kept).
 */
export function writeGroupFlags(db: Db, tx: Tx, actor: Actor, findings: GroupFinding[], now: number): GroupRecomputeCounts {
  const res: GroupRecomputeCounts = {
    counts: { same_project: 0, same_solution: 0 },
    created: 0,
    reopened: 0,
    reactivated: 0,
    cleared: 0,
    membershipChanged: 0,
  };
  const codes = placeholders(GROUP_RULE_CODES.length);
  const stored = prepared(
    db,
    `SELECT id, fingerprint, rule_code AS ruleCode, organisation_id AS organisationId, active, state
       FROM flags WHERE subject_type = 'group' AND rule_code IN (${codes})`,
  ).all(...GROUP_RULE_CODES) as StoredRow[];
  const memberRows = prepared(
    db,
    `SELECT m.flag_id AS flagId, m.project_id AS projectId, p.code FROM flag_members m
       JOIN flags f ON f.id = m.flag_id JOIN projects p ON p.id = m.project_id
      WHERE f.subject_type = 'group' ORDER BY m.project_id`,
  ).all() as { flagId: number; projectId: number; code: string }[];
  const membersOf = new Map<number, { projectId: number; code: string }[]>();
  for (const r of memberRows) (membersOf.get(r.flagId) ?? membersOf.set(r.flagId, []).get(r.flagId)!).push(r);
  const storedGroups: StoredGroup[] = stored.map((s) => ({
    id: s.id,
    fingerprint: s.fingerprint,
    rule: s.ruleCode,
    memberIds: (membersOf.get(s.id) ?? []).map((m) => m.projectId),
  }));
  const fingerprints = assignFingerprints(findings, storedGroups);
  const byFp = new Map(stored.map((s) => [s.fingerprint, s]));

  const insert = prepared(
    db,
    `INSERT INTO flags (fingerprint, rule_code, severity, subject_type, project_id, plan_id, organisation_id,
                        evidence, money_at_stake, active, state, first_seen_at, last_seen_at)
     VALUES (@fingerprint, @rule, @severity, 'group', NULL, NULL, @organisationId, @evidence, @money, 1, 'open', @now, @now)`,
  );
  const update = prepared(
    db,
    `UPDATE flags SET severity = @severity, organisation_id = @organisationId, evidence = @evidence,
            money_at_stake = @money, active = 1, state = @state,
            state_reason = CASE WHEN @reopened THEN NULL ELSE state_reason END,
            state_changed_by = CASE WHEN @reopened THEN NULL ELSE state_changed_by END,
            state_changed_at = CASE WHEN @reopened THEN @now ELSE state_changed_at END,
            last_seen_at = @now
      WHERE id = @id`,
  );
  const deleteMembers = prepared(db, "DELETE FROM flag_members WHERE flag_id = ?");
  const addMember = prepared(db, "INSERT INTO flag_members (flag_id, project_id) VALUES (?, ?)");
  const codeOf = new Map<number, string>();
  for (const f of findings) {
    const codes = f.evidence.members as string[];
    f.memberIds.forEach((id, k) => codeOf.set(id, codes[k]));
  }
  const setMembers = (flagId: number, ids: number[]) => {
    deleteMembers.run(flagId);
    for (const id of ids) addMember.run(flagId, id);
  };
  const seen = new Set<string>();

  findings.forEach((f, k) => {
    const fp = fingerprints[k];
    seen.add(fp);
    res.counts[f.rule]++;
    const row = {
      fingerprint: fp,
      rule: f.rule,
      severity: f.severity,
      organisationId: f.organisationId,
      evidence: JSON.stringify({ ...f.evidence, explanationKey: f.explanationKey }),
      money: f.moneyAtStake,
      now,
    };
    const subject = { rule: f.rule, members: f.evidence.members, provinces: f.evidence.provinces };
    const old = byFp.get(fp);
    if (!old) {
      const id = Number(insert.run(row).lastInsertRowid);
      setMembers(id, f.memberIds);
      res.created++;
      recordAudit(tx, actor, {
        action: "flag.raise",
        entityType: "flag",
        entityId: id,
        organisationId: f.organisationId,
        after: { fingerprint: fp, ...subject, severity: f.severity, state: "open", active: true, moneyAtStake: f.moneyAtStake },
      });
      return;
    }
    const next = onRecompute({ active: !!old.active, state: old.state }, true);
    update.run({ ...row, id: old.id, state: next.state, reopened: next.event === "reopen" ? 1 : 0 });
    const before = (membersOf.get(old.id) ?? []).map((m) => m.projectId);
    const added = f.memberIds.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !f.memberIds.includes(id));
    if (added.length || removed.length) {
      setMembers(old.id, f.memberIds);
      res.membershipChanged++;
      const codeOfStored = new Map((membersOf.get(old.id) ?? []).map((m) => [m.projectId, m.code]));
      recordAudit(tx, actor, {
        action: "flag.members",
        entityType: "flag",
        entityId: old.id,
        organisationId: f.organisationId,
        before: { rule: f.rule, members: before.map((id) => codeOfStored.get(id) ?? String(id)) },
        after: {
          rule: f.rule,
          members: f.evidence.members,
          added: added.map((id) => codeOf.get(id) ?? String(id)),
          removed: removed.map((id) => codeOfStored.get(id) ?? String(id)),
        },
      });
    }
    if (next.event) {
      if (next.event === "reopen") res.reopened++;
      else res.reactivated++;
      recordAudit(tx, actor, {
        action: `flag.${next.event}`,
        entityType: "flag",
        entityId: old.id,
        organisationId: f.organisationId,
        before: { ...subject, state: old.state, active: false },
        after: { ...subject, state: next.state, active: true },
      });
    }
  });

  const clear = prepared(db, "UPDATE flags SET active = 0 WHERE id = ?");
  for (const old of stored) {
    if (seen.has(old.fingerprint) || !old.active) continue;
    clear.run(old.id);
    res.cleared++;
    const members = (membersOf.get(old.id) ?? []).map((m) => m.code);
    recordAudit(tx, actor, {
      action: "flag.clear",
      entityType: "flag",
      entityId: old.id,
      organisationId: old.organisationId,
      before: { rule: old.ruleCode, members, state: old.state, active: true },
      after: { rule: old.ruleCode, members, state: old.state, active: false },
    });
  }
  return res;
}
