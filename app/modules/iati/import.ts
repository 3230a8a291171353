/**
 * Planning an IATI import (pure): which activities of a donor's file match
 * our projects, which of their transactions would be booked, on which ODA
 * budget line, and what is wrong — checked with the ledger's own rules.
 *
 * Policy (docs/api.md):
 * - An activity matches a project by its identifier (`<our prefix>-<code>`,
 *   or the bare code), else by an `other-identifier/@ref` equal to a code.
 *   Activities that match nothing, or a project the user may not change, are
 *   listed and skipped; they do not block the rest.
 * - Transaction types 2 (commitment), 3 (disbursement) and 4 (expenditure)
 *   are brought in; any other type is an error.
 * - Money is whole VND. A value in another currency is refused: CityPilot
 *   keeps no exchange rates, so no conversion at the value-date is made; the
 *   donor (or the planner) sends VND values.
 * - Each transaction is booked on the project's ODA line of its year (the
 *   finance type chooses grant or loan when both exist); none → error.
 * - Negative values (donor corrections) are refused: the ledger books a
 *   correction as a reversal of a known entry, which a file cannot name.
 * - Entries already in the ledger — imported before, or our own export's
 *   `CP-<id>` entries coming back — are shown as "already there".
 * - Any error blocks the whole import; nothing is written until the file is
 *   clean. Each booked entry keeps its IATI identity (activity identifier +
 *   transaction ref, or a key of its content), so importing the same file
 *   again books nothing twice.
 */
import type { FundingSource, TransactionKind } from "#db/enums";
import { checkDate, checkSequence, dateWindow, type LineTotals } from "~/modules/transactions/rules";
import { ODA_SOURCES, TRANSACTION_KIND_BY_TYPE, projectCodeFromIdentifier } from "./mapping";
import { childrenNamed, firstChild, narrativeText, type XmlElement } from "./xml-parse";

export type IssueCode =
  | "notIatiActivities"
  | "noActivities"
  | "noIdentifier"
  | "activityNotMatched"
  | "activityForeign"
  | "typeMissing"
  | "unknownType"
  | "dateMissing"
  | "dateInvalid"
  | "dateFuture"
  | "dateOutsideProject"
  | "valueMissing"
  | "valueNotNumber"
  | "valueNotWhole"
  | "valueZero"
  | "valueNegative"
  | "currencyMissing"
  | "currencyNotVnd"
  | "noOdaLine"
  | "duplicateInFile"
  | "disbursedAboveCommitted"
  | "spentAboveDisbursed";

/** Warnings skip an activity; every other issue is an error and blocks the import. */
export const WARNINGS: readonly IssueCode[] = ["activityNotMatched", "activityForeign"];

export interface ImportIssue {
  code: IssueCode;
  line: number;
  activity: string | null;
  /** 1-based position of the transaction in its activity. */
  transaction: number | null;
  params?: Record<string, string | number>;
}

export interface ProjectRef {
  id: number;
  code: string;
  organisationId: number;
  startDate: string | null;
  endDate: string | null;
}

export interface LineRef {
  id: number;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: string;
}

export interface ImportContext {
  prefix: string;
  today: string;
  findProject: (code: string) => ProjectRef | null;
  mayImport: (p: ProjectRef) => boolean;
  linesOf: (projectId: number) => LineRef[];
  importedRefs: (projectId: number) => ReadonlySet<string>;
  /** Ids of the project's ledger entries (our own export names them `CP-<id>`). */
  ownIds: (projectId: number) => ReadonlySet<number>;
  totalsOf: (lineIds: number[]) => ReadonlyMap<number, LineTotals>;
}

export interface PlannedEntry {
  activity: string;
  projectId: number;
  projectCode: string;
  organisationId: number;
  position: number;
  line: number;
  ref: string | null;
  kind: TransactionKind;
  date: string;
  amount: number;
  /** The line to book on (null for an entry already in the ledger). */
  budgetLineId: number | null;
  description: string | null;
  provider: string | null;
  externalRef: string;
  status: "new" | "imported";
}

export interface ActivitySummary {
  identifier: string;
  line: number;
  projectCode: string | null;
  status: "matched" | "unmatched" | "foreign";
  transactions: number;
}

export interface ImportPlan {
  activities: ActivitySummary[];
  entries: PlannedEntry[];
  issues: ImportIssue[];
  counts: { new: number; imported: number; errors: number; warnings: number; skippedActivities: number };
}

const FINANCE_SOURCE: Record<string, FundingSource> = { "110": "oda_grant", "421": "oda_loan" };

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Short stable hash (FNV-1a 64 as hex) for content keys. */
function fnv(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(s)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, "0");
}

/** The identity kept on a booked entry: `iati:<activity>/<ref>` or `iati:<activity>/~<content hash>`. */
export function externalRefOf(activity: string, ref: string | null, contentKey: string): string {
  const readable = ref ? `iati:${activity}/${ref}` : null;
  if (readable && readable.length <= 240) return readable;
  return `iati:${activity.slice(0, 180)}/~${fnv(`${activity}\n${ref ?? ""}\n${contentKey}`)}`;
}

function candidates(activity: XmlElement, identifier: string, prefix: string): string[] {
  const out = [projectCodeFromIdentifier(prefix, identifier), identifier];
  for (const o of childrenNamed(activity, "other-identifier")) out.push(o.attrs.ref?.trim() || null);
  return [...new Set(out.filter((c): c is string => Boolean(c)))];
}

/** Parse a number as IATI writes it (xsd:decimal): digits, optional sign and decimals, no grouping. */
function parseDecimal(raw: string): number | null {
  const t = raw.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

export function planImport(root: XmlElement, ctx: ImportContext): ImportPlan {
  const issues: ImportIssue[] = [];
  const activities: ActivitySummary[] = [];
  const entries: PlannedEntry[] = [];
  const plan = (): ImportPlan => {
    const errors = issues.filter((i) => !WARNINGS.includes(i.code)).length;
    return {
      activities,
      entries,
      issues,
      counts: {
        new: entries.filter((e) => e.status === "new").length,
        imported: entries.filter((e) => e.status === "imported").length,
        errors,
        warnings: issues.length - errors,
        skippedActivities: activities.filter((a) => a.status !== "matched").length,
      },
    };
  };
  if (root.name !== "iati-activities") {
    issues.push({ code: "notIatiActivities", line: root.line, activity: null, transaction: null, params: { root: root.name } });
    return plan();
  }
  const list = childrenNamed(root, "iati-activity");
  if (list.length === 0) issues.push({ code: "noActivities", line: root.line, activity: null, transaction: null });

  /** New entries per project, for the money rules and in-file duplicates. */
  const pending = new Map<number, { entry: PlannedEntry; issueIndex: number | null }[]>();
  const seenRefs = new Set<string>();

  for (const act of list) {
    const identifier = firstChild(act, "iati-identifier")?.text.trim() ?? "";
    const txs = childrenNamed(act, "transaction");
    if (!identifier) {
      issues.push({ code: "noIdentifier", line: act.line, activity: null, transaction: null });
      continue;
    }
    const project = candidates(act, identifier, ctx.prefix)
      .map((c) => ctx.findProject(c))
      .find((p): p is ProjectRef => p !== null);
    const summary: ActivitySummary = {
      identifier,
      line: act.line,
      projectCode: null,
      status: "unmatched",
      transactions: txs.length,
    };
    activities.push(summary);
    if (!project || !ctx.mayImport(project)) {
      // Skipped, not an error: a donor's file covers more than one organisation. The report names
      // only the activity the donor published, nothing of the other organisation's project.
      summary.status = project ? "foreign" : "unmatched";
      issues.push({ code: project ? "activityForeign" : "activityNotMatched", line: act.line, activity: identifier, transaction: null });
      continue;
    }
    summary.status = "matched";
    summary.projectCode = project.code;
    const lines = ctx.linesOf(project.id).filter((l) => ODA_SOURCES.includes(l.fundingSource));
    const imported = ctx.importedRefs(project.id);
    const ownIds = ctx.ownIds(project.id);
    const defaultCurrency = act.attrs["default-currency"]?.trim() || null;
    const defaultFinance = firstChild(act, "default-finance-type")?.attrs.code ?? null;
    const occurrences = new Map<string, number>();

    txs.forEach((tx, n) => {
      const position = n + 1;
      const add = (code: IssueCode, params?: Record<string, string | number>) => {
        issues.push({ code, line: tx.line, activity: identifier, transaction: position, params });
      };
      const before = issues.length;
      const typeCode = firstChild(tx, "transaction-type")?.attrs.code?.trim() ?? null;
      const kind = typeCode ? TRANSACTION_KIND_BY_TYPE[typeCode] : undefined;
      if (!typeCode) add("typeMissing");
      else if (!kind) add("unknownType", { type: typeCode });
      const date = firstChild(tx, "transaction-date")?.attrs["iso-date"]?.trim() ?? null;
      if (!date) add("dateMissing");
      else if (!isIsoDate(date)) add("dateInvalid", { value: date });
      const valueEl = firstChild(tx, "value");
      const rawValue = valueEl?.text.trim() ?? "";
      const value = valueEl ? parseDecimal(rawValue) : null;
      if (!valueEl || rawValue === "") add("valueMissing");
      else if (value === null) add("valueNotNumber", { value: rawValue.slice(0, 40) });
      else if (!Number.isSafeInteger(value)) add("valueNotWhole", { value: rawValue.slice(0, 40) });
      else if (value === 0) add("valueZero");
      const currency = valueEl?.attrs.currency?.trim() || defaultCurrency;
      if (!currency) add("currencyMissing");
      else if (currency.toUpperCase() !== "VND") add("currencyNotVnd", { currency: currency.slice(0, 10) });
      const ref = tx.attrs.ref?.trim() || null;
      const description = narrativeText(firstChild(tx, "description"), "vi");
      const provider = firstChild(tx, "provider-org");
      const providerName = provider ? (provider.attrs.ref ?? narrativeText(provider) ?? null) : null;
      if (issues.length > before || !kind || !date || value === null) return;

      const contentKey = [typeCode, date, value, currency, providerName ?? "", description ?? ""].join("|");
      const nth = (occurrences.get(contentKey) ?? 0) + 1;
      occurrences.set(contentKey, nth);
      const externalRef = externalRefOf(identifier, ref, `${contentKey}#${nth}`);
      const base = {
        activity: identifier,
        projectId: project.id,
        projectCode: project.code,
        organisationId: project.organisationId,
        position,
        line: tx.line,
        ref,
        kind,
        date,
        amount: value,
        description: description ? description.slice(0, 1000) : null,
        provider: providerName,
        externalRef,
      };
      // Already in the ledger: imported before (its identity, or the ref our export gave it), or
      // one of this project's own entries coming back in our own export (ref CP-<id>).
      const ownId = ref ? /^CP-(\d{1,15})$/.exec(ref) : null;
      if (imported.has(externalRef) || (ref !== null && imported.has(ref)) || (ownId !== null && ownIds.has(Number(ownId[1])))) {
        entries.push({ ...base, budgetLineId: null, status: "imported" });
        return;
      }
      if (value < 0) {
        add("valueNegative", { value: rawValue.slice(0, 40) });
        return;
      }
      if (date > ctx.today) {
        add("dateFuture", { value: date });
        return;
      }
      const year = Number(date.slice(0, 4));
      const finance = firstChild(tx, "finance-type")?.attrs.code ?? defaultFinance;
      const preferred = finance ? FINANCE_SOURCE[finance] : undefined;
      const ofYear = lines
        .filter((l) => l.fiscalYear === year)
        .sort(
          (a, b) =>
            Number(b.fundingSource === preferred) - Number(a.fundingSource === preferred) ||
            Number(b.category === "general") - Number(a.category === "general") ||
            a.id - b.id,
        );
      const line = ofYear[0];
      if (!line) {
        add("noOdaLine", { year });
        return;
      }
      const dateProblem = checkDate(date, ctx.today, dateWindow(year, project.startDate, project.endDate), false);
      if (dateProblem) add("dateOutsideProject", { value: date });
      if (issues.length > before) return;
      if (seenRefs.has(`${project.id}\n${externalRef}`)) {
        add("duplicateInFile", { ref: ref ?? "" });
        return;
      }
      seenRefs.add(`${project.id}\n${externalRef}`);
      const entry: PlannedEntry = { ...base, budgetLineId: line.id, status: "new" };
      entries.push(entry);
      const list = pending.get(project.id) ?? [];
      list.push({ entry, issueIndex: null });
      pending.set(project.id, list);
    });
  }

  // The ledger's money rules over the new entries, in date order, on top of what is booked.
  for (const list of pending.values()) {
    const lineIds = [...new Set(list.map((p) => p.entry.budgetLineId!))];
    const errors = checkSequence(
      ctx.totalsOf(lineIds),
      list.map(({ entry }) => ({ lineId: entry.budgetLineId!, kind: entry.kind, date: entry.date, amount: entry.amount })),
    );
    for (const [index, error] of errors) {
      const e = list[index].entry;
      issues.push({
        code: error === "transactions.error.disbursedAboveCommitted" ? "disbursedAboveCommitted" : "spentAboveDisbursed",
        line: e.line,
        activity: e.activity,
        transaction: e.position,
      });
    }
  }
  issues.sort((a, b) => a.line - b.line);
  return plan();
}
