/**
 * Physical progress and overdue status of milestones (pure). The same rules
 * are computed in SQL for lists (see `PROGRESS_SQL_COLUMNS` in
 * milestones.server.ts); tests check both agree.
 */

export interface ProgressInput {
  weight: number;
  doneDate: string | null;
}

export interface Progress {
  /** Sum of the weights of done milestones. */
  doneWeight: number;
  /** Sum of all weights. */
  totalWeight: number;
  /** doneWeight / totalWeight, or null when there is no milestone (no weight). */
  ratio: number | null;
}

/** Physical progress = weighted share of done milestones. */
export function physicalProgress(milestones: readonly ProgressInput[]): Progress {
  let doneWeight = 0;
  let totalWeight = 0;
  for (const m of milestones) {
    totalWeight += m.weight;
    if (m.doneDate) doneWeight += m.weight;
  }
  return { doneWeight, totalWeight, ratio: totalWeight > 0 ? doneWeight / totalWeight : null };
}

/** Overdue: not done and due strictly before today (ISO dates compare as text). */
export function isOverdue(m: { dueDate: string; doneDate: string | null }, today: string): boolean {
  return !m.doneDate && m.dueDate < today;
}

/** How many of the milestones are overdue on `today`. */
export function overdueCount(
  milestones: readonly { dueDate: string; doneDate: string | null }[],
  today: string,
): number {
  return milestones.filter((m) => isOverdue(m, today)).length;
}

/** An evidence text that is meant as a link (has a scheme or starts with www.). */
export function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text) || /^www\./i.test(text);
}

/** The http(s) URL of a link-like evidence text, or null if it is not a valid web address. */
export function evidenceUrl(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  if (!looksLikeUrl(t)) return null;
  try {
    const u = new URL(/^www\./i.test(t) ? `https://${t}` : t);
    if ((u.protocol !== "http:" && u.protocol !== "https:") || !u.hostname.includes(".")) return null;
    return u.toString();
  } catch {
    return null;
  }
}
