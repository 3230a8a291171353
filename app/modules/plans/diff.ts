/**
 * Field-by-field difference between two revisions of a plan (pure).
 *
 * `diffSnapshots(before, after)` compares the plan's fields, then its
 * projects matched by code: projects only in `after` were added, only in
 * `before` removed, in both with different values changed. Lists (strategy
 * nodes, cooperating organisations, platforms…) are compared as sets and
 * report the items added and removed. A field absent from one snapshot (an
 * older, shorter snapshot format) was not recorded: it is listed in
 * `notRecorded`, never reported as a change.
 */
import { readSnapshot, type LooseSnapshot, type SnapshotRecord, type SnapshotValue } from "./snapshot";

/** Plan fields in the order they are shown. */
export const PLAN_DIFF_FIELDS = [
  "code",
  "organisationId",
  "titleVi",
  "titleEn",
  "summaryVi",
  "summaryEn",
  "periodStart",
  "periodEnd",
] as const;

/** Project fields in the order they are shown. */
export const PROJECT_DIFF_FIELDS = [
  "titleVi",
  "titleEn",
  "descriptionVi",
  "descriptionEn",
  "domain",
  "components",
  "phase",
  "organisationId",
  "provinceId",
  "cityId",
  "strategyNodeIds",
  "cooperatingOrganisationIds",
  "hostingModel",
  "hardwareCapex",
  "handlesPersonalData",
  "personalDataCategories",
  "operatorType",
  "operatorName",
  "citizenAppName",
  "citizenAppPlatforms",
  "appId",
  "replicatesProjectId",
  "startDate",
  "endDate",
  "budgetTotal",
] as const;

/** Identity, not content: never compared. */
const PROJECT_IDENTITY = new Set(["id", "code"]);

type Item = string | number;

export interface FieldChange {
  field: string;
  before: SnapshotValue;
  after: SnapshotValue;
  /** List fields: items only in `after`. */
  added?: Item[];
  /** List fields: items only in `before`. */
  removed?: Item[];
}

export interface ProjectRef {
  /** Matching key: the project code (or `#<id>` when a snapshot has no code). */
  key: string;
  code: string | null;
  titleVi: string | null;
  titleEn: string | null;
  budgetTotal: number | null;
}

export interface ProjectDiff extends ProjectRef {
  changes: FieldChange[];
}

export interface SnapshotDiff {
  plan: FieldChange[];
  added: ProjectRef[];
  removed: ProjectRef[];
  changed: ProjectDiff[];
  /** Projects in both revisions with no recorded difference. */
  unchangedCount: number;
  /** Fields recorded in only one of the two revisions (older snapshot format). */
  notRecorded: { plan: string[]; project: string[] };
  /** Nothing recorded differs. */
  identical: boolean;
}

function compareItems(a: Item, b: Item): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Comparable form: "" is no value; lists are sets. */
function normalise(v: SnapshotValue): SnapshotValue {
  if (v === "") return null;
  if (Array.isArray(v)) {
    const unique = [...new Set(v as Item[])];
    return unique.sort(compareItems);
  }
  return v;
}

function sameValue(a: SnapshotValue, b: SnapshotValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/** Known fields in display order, then any others alphabetically. */
function orderedFields(
  known: readonly string[],
  a: SnapshotRecord,
  b: SnapshotRecord,
  skip?: Set<string>,
): string[] {
  const extra = new Set<string>();
  for (const rec of [a, b]) {
    for (const k of Object.keys(rec)) if (!known.includes(k) && !skip?.has(k)) extra.add(k);
  }
  return [...known, ...[...extra].sort()];
}

function diffRecords(
  known: readonly string[],
  before: SnapshotRecord,
  after: SnapshotRecord,
  notRecorded: Set<string>,
  skip?: Set<string>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of orderedFields(known, before, after, skip)) {
    const inBefore = Object.hasOwn(before, field) && before[field] !== undefined;
    const inAfter = Object.hasOwn(after, field) && after[field] !== undefined;
    if (!inBefore && !inAfter) continue;
    if (inBefore !== inAfter) {
      notRecorded.add(field);
      continue;
    }
    const b = normalise(before[field] as SnapshotValue);
    const a = normalise(after[field] as SnapshotValue);
    if (sameValue(b, a)) continue;
    const change: FieldChange = { field, before: b, after: a };
    if (Array.isArray(a) || Array.isArray(b)) {
      const beforeItems = Array.isArray(b) ? (b as Item[]) : [];
      const afterItems = Array.isArray(a) ? (a as Item[]) : [];
      change.added = afterItems.filter((x) => !beforeItems.includes(x));
      change.removed = beforeItems.filter((x) => !afterItems.includes(x));
    }
    changes.push(change);
  }
  return changes;
}

const text = (v: SnapshotValue | undefined): string | null => (typeof v === "string" && v !== "" ? v : null);

function projectKey(p: SnapshotRecord, index: number): string {
  const code = text(p.code);
  if (code) return code;
  if (typeof p.id === "number") return `#${p.id}`;
  return `@${index}`;
}

function refOf(key: string, p: SnapshotRecord): ProjectRef {
  return {
    key,
    code: text(p.code),
    titleVi: text(p.titleVi),
    titleEn: text(p.titleEn),
    budgetTotal: typeof p.budgetTotal === "number" ? p.budgetTotal : null,
  };
}

function byKey(projects: SnapshotRecord[]): Map<string, SnapshotRecord> {
  const map = new Map<string, SnapshotRecord>();
  projects.forEach((p, i) => {
    let key = projectKey(p, i);
    // Two records with one code would hide each other; keep both visible.
    while (map.has(key)) key = `${key}′`;
    map.set(key, p);
  });
  return map;
}

const byCode = (x: ProjectRef, y: ProjectRef) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

/**
 * What changed from `before` (the older revision) to `after` (the newer).
 * Accepts stored snapshots of any format (JSON text or objects).
 */
export function diffSnapshots(before: unknown, after: unknown): SnapshotDiff {
  const b: LooseSnapshot = readSnapshot(before);
  const a: LooseSnapshot = readSnapshot(after);
  const planNotRecorded = new Set<string>();
  const projectNotRecorded = new Set<string>();

  const plan = diffRecords(PLAN_DIFF_FIELDS, b.plan, a.plan, planNotRecorded);

  const beforeProjects = byKey(b.projects);
  const afterProjects = byKey(a.projects);
  const added: ProjectRef[] = [];
  const removed: ProjectRef[] = [];
  const changed: ProjectDiff[] = [];
  let unchangedCount = 0;
  for (const [key, p] of afterProjects) {
    const old = beforeProjects.get(key);
    if (!old) {
      added.push(refOf(key, p));
      continue;
    }
    const changes = diffRecords(PROJECT_DIFF_FIELDS, old, p, projectNotRecorded, PROJECT_IDENTITY);
    if (changes.length === 0) unchangedCount++;
    else changed.push({ ...refOf(key, p), changes });
  }
  for (const [key, p] of beforeProjects) if (!afterProjects.has(key)) removed.push(refOf(key, p));

  added.sort(byCode);
  removed.sort(byCode);
  changed.sort(byCode);
  return {
    plan,
    added,
    removed,
    changed,
    unchangedCount,
    notRecorded: { plan: [...planNotRecorded], project: [...projectNotRecorded] },
    identical: plan.length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0,
  };
}
