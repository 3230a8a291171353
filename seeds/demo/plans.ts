/**
 * Provincial and ministerial smart-city plans of the demo: one for
 * 2021-2025 (approved) and one for 2026-2030 (mixed workflow states), with
 * revisions and review comments written once the projects exist.
 */
import type Database from "better-sqlite3";
import type { PlanStatus } from "#db/enums";
import type { DemoContext, OrgRow } from "./context";
import { placeOf } from "./context";
import { addDays, daysBetween, isoAt } from "./dates";
import type { Rng } from "./prng";
import { PLAN_SUMMARIES, RETURN_COMMENTS } from "./vocab";

export interface PlanRef {
  id: number;
  code: string;
  status: PlanStatus;
  periodStart: number;
  periodEnd: number;
  ownerId: number;
  createdOn: string;
  submittedOn: string | null;
  decidedOn: string | null;
  /** Returned once before approval. */
  returnedFirst: boolean;
}

/** Fixed 2026-2030 plan states for the demo accounts' organisations. */
const FIXED_STATUS: Record<string, PlanStatus> = {
  "P-HCM": "submitted",
  "P-LCU": "draft",
  "M-MOST": "returned",
  "P-HN": "approved",
};

export class PlanBook {
  private readonly plans = new Map<string, PlanRef>();
  private readonly ins: Database.Statement;

  constructor(
    private readonly c: Database.Database,
    private readonly ctx: DemoContext,
    private readonly rng: Rng,
  ) {
    this.ins = c.prepare(
      `INSERT INTO plans (code, organisation_id, title_vi, title_en, summary_vi, summary_en, period_start, period_end,
         status, revision, submitted_at, approved_at, approved_by, created_by, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    );
  }

  /** The plan of `owner` that covers `year` (created on first use). */
  planFor(owner: OrgRow, year: number): PlanRef {
    const periodStart = year <= 2025 ? 2021 : 2026;
    const key = `${owner.id}|${periodStart}`;
    const existing = this.plans.get(key);
    if (existing) return existing;
    const rng = this.rng;
    const legacy = !!owner.validTo;
    let status: PlanStatus;
    let createdOn: string;
    let submittedOn: string | null = null;
    let decidedOn: string | null = null;
    let returnedFirst = false;
    if (periodStart === 2021) {
      status = "approved";
      if (legacy) {
        createdOn = `2020-${pad(rng.int(9, 11))}-${pad(rng.int(1, 28))}`;
        submittedOn = addDays(createdOn, rng.int(60, 120));
        decidedOn = addDays(submittedOn, rng.int(20, 90));
      } else {
        // Consolidated by the unit in force since 2025 from its predecessors' plans.
        const from = owner.validFrom ?? "2025-03-01";
        createdOn = addDays(from, rng.int(5, 30));
        submittedOn = addDays(createdOn, rng.int(15, 40));
        decidedOn = addDays(submittedOn, rng.int(10, 45));
      }
      returnedFirst = rng.chance(0.2);
    } else {
      status =
        FIXED_STATUS[owner.code] ??
        rng.weighted<PlanStatus>(["approved", "submitted", "returned", "draft"], [40, 25, 15, 20]);
      createdOn = `2025-${pad(rng.int(9, 12))}-${pad(rng.int(1, 28))}`;
      if (status !== "draft") submittedOn = addDays(createdOn, rng.int(60, 200));
      if (status === "approved" || status === "returned") decidedOn = addDays(submittedOn!, rng.int(15, 90));
      if (status === "approved") returnedFirst = rng.chance(0.3);
    }
    const place = placeOf(owner);
    const period = `${periodStart}-${periodStart + 4}`;
    const isMinistry = owner.kind === "ministry";
    const titleVi = isMinistry
      ? `Kế hoạch chuyển đổi số và phát triển đô thị thông minh của ${owner.nameVi} giai đoạn ${period}`
      : `Kế hoạch phát triển đô thị thông minh bền vững ${place.vi} giai đoạn ${period}`;
    const titleEn = isMinistry
      ? `Digital transformation and smart-city plan of the ${owner.nameEn}, ${period}`
      : `Smart sustainable urban development plan of ${place.en}, ${period}`;
    const summary =
      periodStart === 2021 && !legacy ? PLAN_SUMMARIES[2] : rng.pick(PLAN_SUMMARIES.slice(0, 2));
    const revision = returnedFirst ? 2 : 1;
    const code = `KH-${owner.code}-${periodStart}`;
    const updatedOn = decidedOn ?? submittedOn ?? createdOn;
    const id = Number(
      this.ins.run(
        code,
        owner.id,
        titleVi,
        titleEn,
        summary[0],
        summary[1],
        periodStart,
        periodStart + 4,
        status,
        revision,
        submittedOn ? isoAt(submittedOn, 9) : null,
        status === "approved" ? isoAt(decidedOn!, 15) : null,
        status === "approved" ? this.ctx.coordinatorId : null,
        1 + (submittedOn ? 1 : 0) + (decidedOn ? 1 : 0) + (returnedFirst ? 2 : 0),
        isoAt(createdOn, 8),
        isoAt(updatedOn, 15),
      ).lastInsertRowid,
    );
    const ref: PlanRef = {
      id,
      code,
      status,
      periodStart,
      periodEnd: periodStart + 4,
      ownerId: owner.id,
      createdOn,
      submittedOn,
      decidedOn,
      returnedFirst,
    };
    this.plans.set(key, ref);
    return ref;
  }

  /** Revisions (frozen snapshots) and review comments, once projects are in. */
  finish(): { revisions: number; comments: number } {
    const c = this.c;
    const rng = this.rng.fork("plan-revisions");
    const coordinator = this.ctx.coordinatorId;
    const projectsOf = c.prepare(
      "SELECT id, code, title_vi AS titleVi, phase FROM projects WHERE plan_id = ? ORDER BY id",
    );
    const planRow = c.prepare(
      "SELECT code, title_vi AS titleVi, period_start AS periodStart, period_end AS periodEnd FROM plans WHERE id = ?",
    );
    const insRev = c.prepare(
      `INSERT INTO plan_revisions (plan_id, revision, status, snapshot, reason, created_by, created_at, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    );
    const insComment = c.prepare(
      `INSERT INTO review_comments (plan_id, project_id, revision, author_id, body, resolved_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    let revisions = 0;
    let comments = 0;
    for (const p of this.plans.values()) {
      if (!p.submittedOn) continue;
      const projects = projectsOf.all(p.id) as { id: number; code: string; titleVi: string; phase: string }[];
      const snapshot = JSON.stringify({
        plan: planRow.get(p.id),
        projects: projects.map((x) => ({ code: x.code, titleVi: x.titleVi })),
      });
      const decidedBy = coordinator;
      const comment = (rev: number, on: string, resolved: boolean) => {
        if (coordinator === null) return;
        const n = rng.int(1, 3);
        for (let i = 0; i < n; i++) {
          const project = projects.length && rng.chance(0.5) ? rng.pick(projects).id : null;
          insComment.run(
            p.id,
            project,
            rev,
            coordinator,
            rng.pick(RETURN_COMMENTS),
            resolved ? isoAt(addDays(on, 20), 10) : null,
            isoAt(on, 10 + i),
          );
          comments++;
        }
      };
      if (p.returnedFirst) {
        const firstDecision = addDays(
          p.submittedOn,
          Math.max(5, Math.floor(daysBetween(p.submittedOn, p.decidedOn!) / 2)),
        );
        insRev.run(
          p.id,
          1,
          "returned",
          snapshot,
          rng.pick(RETURN_COMMENTS),
          isoAt(p.submittedOn, 9),
          decidedBy,
          isoAt(firstDecision, 15),
        );
        comment(1, firstDecision, true);
        revisions++;
      }
      const rev = p.returnedFirst ? 2 : 1;
      const at = p.returnedFirst ? addDays(p.submittedOn, 1) : p.submittedOn;
      if (p.status === "submitted") {
        insRev.run(p.id, rev, "submitted", snapshot, null, isoAt(at, 9), null, null);
      } else if (p.status === "returned") {
        insRev.run(
          p.id,
          rev,
          "returned",
          snapshot,
          rng.pick(RETURN_COMMENTS),
          isoAt(at, 9),
          decidedBy,
          isoAt(p.decidedOn!, 15),
        );
        comment(rev, p.decidedOn!, false);
      } else {
        insRev.run(p.id, rev, "approved", snapshot, null, isoAt(at, 9), decidedBy, isoAt(p.decidedOn!, 15));
      }
      revisions++;
    }
    return { revisions, comments };
  }
}

const pad = (n: number) => String(n).padStart(2, "0");
