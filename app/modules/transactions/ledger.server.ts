/**
 * The transaction ledger of a project: reading it (paged, filtered, totals
 * in SQL) and booking into it. Booked rows are never edited or deleted; a
 * correction is a reversing entry. Every command checks the money and date
 * rules inside the same database transaction as its writes and its audit
 * events, so a refused command leaves no trace.
 */
import type { Db } from "#db/client.server";
import type { BudgetCategory, EntryOrigin, FundingSource, TransactionKind } from "#db/enums";
import { TRANSACTION_KINDS } from "#db/enums";
import { transactions } from "#db/schema";
import type { MessageKey } from "~/i18n/i18n";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { prepared } from "~/modules/db/sql.server";
import {
  checkDate,
  checkReversal,
  checkSequence,
  dateWindow,
  entryError,
  ZERO_TOTALS,
  type LineTotals,
} from "./rules";
import type { EntryInput, RecordInput, ReversalInput } from "./schema";

export interface LedgerProject {
  id: number;
  code: string;
  organisationId: number;
  startDate: string | null;
  endDate: string | null;
}

export interface BudgetLineOption {
  id: number;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  approvedAmount: number;
}

export function budgetLinesOf(db: Db, projectId: number): BudgetLineOption[] {
  return prepared(
    db,
    `SELECT id, fiscal_year AS fiscalYear, funding_source AS fundingSource, category,
            approved_amount AS approvedAmount
       FROM budget_lines WHERE project_id = ? ORDER BY fiscal_year DESC, funding_source, category, id`,
  ).all(projectId) as BudgetLineOption[];
}

/** Booked totals of the given lines (one grouped SQL sum). */
export function lineTotals(db: Db, lineIds: readonly number[]): Map<number, LineTotals> {
  const out = new Map<number, LineTotals>();
  if (lineIds.length === 0) return out;
  const rows = db.$client
    .prepare(
      `SELECT budget_line_id AS lineId,
              COALESCE(SUM(CASE WHEN kind = 'commitment' THEN amount END), 0) AS committed,
              COALESCE(SUM(CASE WHEN kind = 'disbursement' THEN amount END), 0) AS disbursed,
              COALESCE(SUM(CASE WHEN kind = 'expenditure' THEN amount END), 0) AS spent
         FROM transactions
        WHERE budget_line_id IN (SELECT value FROM json_each(?))
        GROUP BY budget_line_id`,
    )
    .all(JSON.stringify(lineIds)) as ({ lineId: number } & LineTotals)[];
  for (const id of lineIds) out.set(id, { ...ZERO_TOTALS });
  for (const r of rows) out.set(r.lineId, { committed: r.committed, disbursed: r.disbursed, spent: r.spent });
  return out;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export interface LedgerFilters {
  kind: TransactionKind | null;
  year: number | null;
  lineId: number | null;
}

export const LEDGER_PAGE_SIZE = 25;

export function parseLedgerFilters(params: URLSearchParams): LedgerFilters & { page: number } {
  const kind = params.get("kind");
  const year = Number(params.get("year"));
  const line = Number(params.get("line"));
  const page = Number(params.get("page"));
  return {
    kind: (TRANSACTION_KINDS as readonly string[]).includes(kind ?? "") ? (kind as TransactionKind) : null,
    year: Number.isInteger(year) && year >= 1900 && year <= 2200 ? year : null,
    lineId: Number.isInteger(line) && line > 0 ? line : null,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export interface LedgerRow {
  id: number;
  date: string;
  kind: TransactionKind;
  amount: number;
  documentRef: string | null;
  note: string | null;
  budgetLineId: number;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  reversesId: number | null;
  /** Id of the entry that reverses this row, if any. */
  reversedById: number | null;
  createdBy: string | null;
}

export interface Ledger {
  rows: LedgerRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  totals: Record<TransactionKind, number>;
  years: number[];
}

const FILTER_SQL = `t.project_id = :projectId
  AND (:kind IS NULL OR t.kind = :kind)
  AND (:lineId IS NULL OR t.budget_line_id = :lineId)
  AND (:yearFrom IS NULL OR (t.date >= :yearFrom AND t.date < :yearTo))`;

function filterParams(projectId: number, f: LedgerFilters) {
  return {
    projectId,
    kind: f.kind,
    lineId: f.lineId,
    yearFrom: f.year === null ? null : `${f.year}-01-01`,
    yearTo: f.year === null ? null : `${f.year + 1}-01-01`,
  };
}

/** One page of the ledger, newest first, with the totals per kind of every matching row. */
export function ledgerPage(db: Db, projectId: number, filters: LedgerFilters, page: number, pageSize = LEDGER_PAGE_SIZE): Ledger {
  const p = filterParams(projectId, filters);
  const sums = prepared(
    db,
    `SELECT COUNT(*) AS total,
            COALESCE(SUM(CASE WHEN t.kind = 'commitment' THEN t.amount END), 0) AS commitment,
            COALESCE(SUM(CASE WHEN t.kind = 'disbursement' THEN t.amount END), 0) AS disbursement,
            COALESCE(SUM(CASE WHEN t.kind = 'expenditure' THEN t.amount END), 0) AS expenditure
       FROM transactions t WHERE ${FILTER_SQL}`,
  ).get(p) as { total: number } & Record<TransactionKind, number>;
  const pageCount = Math.max(1, Math.ceil(sums.total / pageSize));
  const current = Math.min(page, pageCount);
  const rows = prepared(
    db,
    `SELECT t.id, t.date, t.kind, t.amount, t.document_ref AS documentRef, t.note,
            t.budget_line_id AS budgetLineId, b.fiscal_year AS fiscalYear,
            b.funding_source AS fundingSource, b.category,
            t.reverses_id AS reversesId,
            (SELECT r.id FROM transactions r WHERE r.project_id = t.project_id AND r.reverses_id = t.id) AS reversedById,
            u.name AS createdBy
       FROM transactions t
       JOIN budget_lines b ON b.id = t.budget_line_id
       LEFT JOIN users u ON u.id = t.created_by
      WHERE ${FILTER_SQL}
      ORDER BY t.date DESC, t.id DESC
      LIMIT :limit OFFSET :offset`,
  ).all({ ...p, limit: pageSize, offset: (current - 1) * pageSize }) as LedgerRow[];
  const years = (
    prepared(
      db,
      `SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) AS year FROM transactions
        WHERE project_id = ? ORDER BY year DESC`,
    ).all(projectId) as { year: number }[]
  ).map((r) => r.year);
  return {
    rows,
    total: sums.total,
    page: current,
    pageCount,
    pageSize,
    totals: { commitment: sums.commitment, disbursement: sums.disbursement, expenditure: sums.expenditure },
    years,
  };
}

export interface ReversalCandidate {
  id: number;
  date: string;
  kind: TransactionKind;
  amount: number;
  documentRef: string | null;
}

/** A booked row of this project, for the reversal form (null if not this project's). */
export function transactionOf(db: Db, projectId: number, id: number): ReversalCandidate | null {
  return (
    (prepared(
      db,
      `SELECT id, date, kind, amount, document_ref AS documentRef FROM transactions WHERE id = ? AND project_id = ?`,
    ).get(id, projectId) as ReversalCandidate | undefined) ?? null
  );
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

export interface Problem {
  field: string;
  message: MessageKey;
}

/** A budget line that is not the project's: the caller answers 404, whatever was forged. */
export class ForeignBudgetLineError extends Error {
  constructor(readonly lineId: number) {
    super(`budget line ${lineId} is not a line of this project`);
  }
}

export class ForeignTransactionError extends Error {
  constructor(readonly transactionId: number) {
    super(`transaction ${transactionId} is not a transaction of this project`);
  }
}

export type CommandResult = { ok: true; id: number } | { ok: false; problems: Problem[] };

/* Reads inside a command use `db.$client`: better-sqlite3 is one synchronous
   connection, so they see (and are part of) the open transaction. */
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface LineRow {
  id: number;
  fiscalYear: number;
}

function projectLines(db: Db, projectId: number, ids: readonly number[]): Map<number, LineRow> {
  const rows = db.$client
    .prepare(
      `SELECT id, fiscal_year AS fiscalYear FROM budget_lines
        WHERE project_id = ? AND id IN (SELECT value FROM json_each(?))`,
    )
    .all(projectId, JSON.stringify([...new Set(ids)])) as LineRow[];
  const map = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) if (!map.has(id)) throw new ForeignBudgetLineError(id);
  return map;
}

function insertRow(
  tx: Tx,
  actor: Actor,
  project: LedgerProject,
  values: {
    budgetLineId: number;
    kind: TransactionKind;
    date: string;
    amount: number;
    documentRef: string | null;
    note: string | null;
    reversesId?: number | null;
    origin?: EntryOrigin;
  },
  audit: { action: string; before?: unknown; extra?: Record<string, unknown> },
): number {
  const row = tx
    .insert(transactions)
    .values({
      projectId: project.id,
      budgetLineId: values.budgetLineId,
      kind: values.kind,
      date: values.date,
      amount: values.amount,
      documentRef: values.documentRef,
      note: values.note,
      reversesId: values.reversesId ?? null,
      origin: values.origin ?? "manual",
      createdBy: actor.userId,
    })
    .returning({ id: transactions.id })
    .get();
  recordAudit(tx, actor, {
    action: audit.action,
    entityType: "transaction",
    entityId: row.id,
    organisationId: project.organisationId,
    before: audit.before,
    after: { projectCode: project.code, ...values, reversesId: values.reversesId ?? null, ...audit.extra },
  });
  return row.id;
}

/** The note stored with an out-of-window entry: the typed note and the override reason. */
export function noteWithOverride(note: string | null, reason: string | null): string | null {
  if (!reason) return note;
  const tag = `[override] ${reason}`;
  return note ? `${note}\n${tag}` : tag;
}

/** Book one commitment, disbursement or expenditure. */
export function recordTransaction(
  db: Db,
  actor: Actor,
  project: LedgerProject,
  input: Omit<RecordInput, "intent">,
  today: string,
  /** Where the entry came from: typed in the app (default) or sent through the API. */
  origin: EntryOrigin = "manual",
): CommandResult {
  return db.transaction(
    (tx) => {
      const line = projectLines(db, project.id, [input.budgetLineId]).get(input.budgetLineId)!;
      const problems: Problem[] = [];
      const window = dateWindow(line.fiscalYear, project.startDate, project.endDate);
      const dateError = checkDate(input.date, today, window, input.override);
      if (dateError) problems.push({ field: "date", message: dateError });
      const totals = lineTotals(db, [line.id]).get(line.id)!;
      const moneyError = entryError(totals, input.kind, input.amount);
      if (moneyError) problems.push({ field: "amount", message: moneyError });
      if (problems.length) return { ok: false, problems } satisfies CommandResult;
      const outside = window === null || input.date < window.from || input.date > window.to;
      const reason = input.override && outside ? input.overrideReason : null;
      const id = insertRow(
        tx,
        actor,
        project,
        {
          budgetLineId: line.id,
          kind: input.kind,
          date: input.date,
          amount: input.amount,
          documentRef: input.documentRef,
          note: noteWithOverride(input.note, reason),
          origin,
        },
        { action: "transaction.create", extra: reason ? { dateOverrideReason: reason } : undefined },
      );
      refreshProjectFlags(db, actor, project.id);
      return { ok: true, id } satisfies CommandResult;
    },
    { behavior: "immediate" },
  );
}

/** Reverse a booked row: same line and kind, negative amount, today's date, a reason. */
export function reverseTransaction(
  db: Db,
  actor: Actor,
  project: LedgerProject,
  input: Omit<ReversalInput, "intent">,
  today: string,
  origin: EntryOrigin = "manual",
): CommandResult {
  return db.transaction(
    (tx) => {
      const target = db.$client
        .prepare(
          `SELECT t.id, t.budget_line_id AS budgetLineId, t.kind, t.date, t.amount, t.document_ref AS documentRef,
                  t.note, t.reverses_id AS reversesId,
                  EXISTS (SELECT 1 FROM transactions r WHERE r.project_id = t.project_id AND r.reverses_id = t.id) AS reversed
             FROM transactions t WHERE t.id = ? AND t.project_id = ?`,
        )
        .get(input.transactionId, project.id) as
        | {
            id: number;
            budgetLineId: number;
            kind: TransactionKind;
            date: string;
            amount: number;
            documentRef: string | null;
            note: string | null;
            reversesId: number | null;
            reversed: number;
          }
        | undefined;
      if (!target) throw new ForeignTransactionError(input.transactionId);
      const totals = lineTotals(db, [target.budgetLineId]).get(target.budgetLineId)!;
      const error = checkReversal({ ...target, reversed: target.reversed === 1 }, totals);
      if (error) return { ok: false, problems: [{ field: "reason", message: error }] } satisfies CommandResult;
      const { reversed: _reversed, ...before } = target;
      void _reversed;
      const id = insertRow(
        tx,
        actor,
        project,
        {
          budgetLineId: target.budgetLineId,
          kind: target.kind,
          date: today,
          amount: -target.amount,
          documentRef: target.documentRef,
          note: input.reason,
          reversesId: target.id,
          origin,
        },
        { action: "transaction.reverse", before },
      );
      refreshProjectFlags(db, actor, project.id);
      return { ok: true, id } satisfies CommandResult;
    },
    { behavior: "immediate" },
  );
}

export type BatchResult =
  | { ok: true; ids: number[] }
  | { ok: false; rowProblems: Map<number, Problem[]> };

/**
 * Book many entries at once: every row is checked (date window, future
 * dates, and the committed/disbursed/spent rule applied across the rows in
 * date order on top of what is booked); nothing is written unless all pass.
 * Rows are keyed by the index the caller gave them (the grid row).
 */
export function recordBatch(
  db: Db,
  actor: Actor,
  project: LedgerProject,
  rows: ReadonlyMap<number, EntryInput>,
  today: string,
): BatchResult {
  return db.transaction(
    (tx) => {
      const entries = [...rows.entries()];
      const lines = projectLines(
        db,
        project.id,
        entries.map(([, r]) => r.budgetLineId),
      );
      const problems = new Map<number, Problem[]>();
      const add = (row: number, p: Problem) => problems.set(row, [...(problems.get(row) ?? []), p]);
      for (const [row, r] of entries) {
        const line = lines.get(r.budgetLineId)!;
        const error = checkDate(r.date, today, dateWindow(line.fiscalYear, project.startDate, project.endDate), false);
        if (error) add(row, { field: "date", message: error });
      }
      const booked = lineTotals(db, [...lines.keys()]);
      const sequence = checkSequence(
        booked,
        entries.map(([, r]) => ({ lineId: r.budgetLineId, kind: r.kind, date: r.date, amount: r.amount })),
      );
      for (const [i, error] of sequence) add(entries[i][0], { field: "amount", message: error });
      if (problems.size) return { ok: false, rowProblems: problems } satisfies BatchResult;
      const ids = [...entries]
        .sort(([, a], [, b]) => a.date.localeCompare(b.date))
        .map(([row, r]) =>
          insertRow(
            tx,
            actor,
            project,
            {
              budgetLineId: r.budgetLineId,
              kind: r.kind,
              date: r.date,
              amount: r.amount,
              documentRef: r.documentRef,
              note: r.note,
            },
            { action: "transaction.create", extra: { batchRow: row + 1 } },
          ),
        );
      refreshProjectFlags(db, actor, project.id);
      return { ok: true, ids } satisfies BatchResult;
    },
    { behavior: "immediate" },
  );
}

