/** Route parameters of the plan pages (pure). */

/** A plan id from the URL (`/plans/:id`): a positive integer, else null (the route answers 404). */
export function parsePlanId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,11}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** A revision number from the query string (`?from=2&to=3`), else null. */
export function parseRevisionNumber(value: string | null): number | null {
  if (!value || !/^[1-9]\d{0,5}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/** Success notices after a command (`?done=…` on the plan page, after the redirect). */
export const DONE_NOTICES = [
  "created",
  "saved",
  "submitted",
  "approved",
  "returned",
  "revisionStarted",
  "projectAdded",
  "projectRemoved",
  "commented",
  "resolved",
] as const;
export type DoneNotice = (typeof DONE_NOTICES)[number];

export function parseDone(value: string | null): DoneNotice | null {
  return (DONE_NOTICES as readonly string[]).includes(value ?? "") ? (value as DoneNotice) : null;
}
