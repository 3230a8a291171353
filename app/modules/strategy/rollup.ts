/**
 * Strategy roll-ups (pure: no database, no Remix).
 *
 * One SQL statement returns, for every node and project phase, the figures of
 * the distinct projects linked to the node or to any node beneath it (see
 * `rollup.server.ts`). Here those rows become one roll-up per node: every
 * phase in the fixed order, totals, and physical progress as the weighted
 * share of done milestones.
 */
import { PROJECT_PHASES, type ProjectPhase } from "#db/enums";

/** One row of the roll-up statement: a node × phase group. */
export interface RollupRow {
  nodeId: number;
  phase: ProjectPhase;
  /** Distinct projects of this phase linked to the node or beneath it. */
  projects: number;
  /** Of those, projects linked to the node itself. */
  direct: number;
  /** Sum of budget_lines.approved_amount, integer VND. */
  approved: number;
  /** Sum of disbursement transactions (reversals are negative rows), integer VND. */
  disbursed: number;
  /** Sum of milestone weights. */
  weightTotal: number;
  /** Sum of the weights of done milestones. */
  weightDone: number;
}

export interface Figures {
  projects: number;
  approved: number;
  disbursed: number;
  weightTotal: number;
  weightDone: number;
  /** weightDone / weightTotal, or null when there are no milestones. */
  progress: number | null;
}

export interface PhaseFigures extends Figures {
  phase: ProjectPhase;
}

export interface NodeRollup {
  /** Every phase, in the order of the phase machine (zeros included). */
  byPhase: PhaseFigures[];
  totals: Figures & { directProjects: number };
}

/** The compact figures shown on the tree. */
export type RollupSummary = Pick<Figures, "projects" | "approved" | "disbursed" | "progress"> & {
  directProjects: number;
};

/** Weighted share of done milestones; null when nothing is weighted. */
export function progressOf(weightDone: number, weightTotal: number): number | null {
  return weightTotal > 0 ? weightDone / weightTotal : null;
}

function figures(projects = 0, approved = 0, disbursed = 0, weightTotal = 0, weightDone = 0): Figures {
  return {
    projects,
    approved,
    disbursed,
    weightTotal,
    weightDone,
    progress: progressOf(weightDone, weightTotal),
  };
}

export function emptyRollup(): NodeRollup {
  return {
    byPhase: PROJECT_PHASES.map((phase) => ({ phase, ...figures() })),
    totals: { ...figures(), directProjects: 0 },
  };
}

/**
 * Group the statement's rows by node. Nodes without any row are absent from
 * the map (use `emptyRollup()`); rows of an unknown phase are ignored.
 */
export function assembleRollups(rows: readonly RollupRow[]): Map<number, NodeRollup> {
  const grouped = new Map<number, Map<ProjectPhase, RollupRow>>();
  for (const r of rows) {
    if (!(PROJECT_PHASES as readonly string[]).includes(r.phase)) continue;
    let byPhase = grouped.get(r.nodeId);
    if (!byPhase) grouped.set(r.nodeId, (byPhase = new Map()));
    const prev = byPhase.get(r.phase);
    // One row per node and phase is expected; add up defensively if not.
    byPhase.set(
      r.phase,
      prev
        ? {
            ...r,
            projects: prev.projects + r.projects,
            direct: prev.direct + r.direct,
            approved: prev.approved + r.approved,
            disbursed: prev.disbursed + r.disbursed,
            weightTotal: prev.weightTotal + r.weightTotal,
            weightDone: prev.weightDone + r.weightDone,
          }
        : r,
    );
  }
  const out = new Map<number, NodeRollup>();
  for (const [nodeId, byPhase] of grouped) {
    let projects = 0;
    let direct = 0;
    let approved = 0;
    let disbursed = 0;
    let weightTotal = 0;
    let weightDone = 0;
    const phases = PROJECT_PHASES.map((phase) => {
      const r = byPhase.get(phase);
      if (!r) return { phase, ...figures() };
      projects += r.projects;
      direct += r.direct;
      approved += r.approved;
      disbursed += r.disbursed;
      weightTotal += r.weightTotal;
      weightDone += r.weightDone;
      return { phase, ...figures(r.projects, r.approved, r.disbursed, r.weightTotal, r.weightDone) };
    });
    out.set(nodeId, {
      byPhase: phases,
      totals: { ...figures(projects, approved, disbursed, weightTotal, weightDone), directProjects: direct },
    });
  }
  return out;
}

export function summarise(rollup: NodeRollup): RollupSummary {
  const { projects, approved, disbursed, progress, directProjects } = rollup.totals;
  return { projects, approved, disbursed, progress, directProjects };
}
