/** Choosing revisions to compare (pure). */
import type { PlanStatus } from "#db/enums";

/**
 * Which two revisions to compare when the URL does not say: the latest
 * against the approved one before it; failing that, against the one just
 * before it. Null when fewer than two revisions exist.
 */
export function defaultComparison(
  revisions: { revision: number; status: PlanStatus }[],
): { from: number; to: number } | null {
  const numbers = [...new Set(revisions.map((r) => r.revision))].sort((a, b) => b - a);
  if (numbers.length < 2) return null;
  const to = numbers[0];
  const approvedBefore = revisions
    .filter((r) => r.revision < to && r.status === "approved")
    .map((r) => r.revision)
    .sort((a, b) => b - a)[0];
  return { from: approvedBefore ?? numbers[1], to };
}
