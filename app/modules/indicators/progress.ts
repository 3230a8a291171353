/**
 * Progress of an indicator from its baseline toward its target (pure).
 * Works for decreasing targets (fewer accidents, shorter waits): progress is
 * the share of the planned change achieved, (actual − baseline) / (target −
 * baseline), whatever the direction.
 */
export type Direction = "increase" | "decrease";

export type Progress =
  | { kind: "ratio"; direction: Direction; ratio: number; achieved: boolean; regressed: boolean }
  | { kind: "none"; reason: "noActual" | "noTarget" | "noBaseline" | "flat" };

export function directionOf(baseline: number | null, target: number | null): Direction | null {
  if (baseline === null || target === null || baseline === target) return null;
  return target > baseline ? "increase" : "decrease";
}

export function progressOf(baseline: number | null, actual: number | null, target: number | null): Progress {
  if (target === null) return { kind: "none", reason: "noTarget" };
  if (actual === null) return { kind: "none", reason: "noActual" };
  if (baseline === null) return { kind: "none", reason: "noBaseline" };
  if (target === baseline) return { kind: "none", reason: "flat" };
  const direction: Direction = target > baseline ? "increase" : "decrease";
  const ratio = (actual - baseline) / (target - baseline);
  return { kind: "ratio", direction, ratio, achieved: ratio >= 1, regressed: ratio < 0 };
}

/** The ratio for a progress bar: clamped to 0…1. */
export function barFraction(p: Progress): number {
  return p.kind === "ratio" ? Math.min(1, Math.max(0, p.ratio)) : 0;
}
