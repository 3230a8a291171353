/**
 * The transaction ledger through its real loaders and actions on a real
 * SQLite file: refusals leave no trace (no row, no audit event), reversals,
 * the batch grid all-or-nothing with row errors, and every role against its
 * own and a foreign organisation's project, forged ids included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { action as ledgerAction, loader as ledgerLoader } from "~/routes/projects.$code_.transactions";
import { action as batchAction, loader as batchLoader } from "~/routes/projects.$code_.transactions_.batch";
import { todayIso } from "~/utils/today";
import type { PagesFixture } from "./helpers/pages-fixture";
import { call, count, lastAudit, setupProjectsDb, type Role } from "./projects-support";

let db: Db;
let fx: PagesFixture;
let cleanup: () => void;

beforeAll(() => {
  ({ db, fx, cleanup } = setupProjectsDb());
});
afterAll(() => cleanup());

/** LP-74 (merged into P-HCM): 2025 line, committed 11 bn, disbursed 9.5 bn. */
const OWN = "T-BDG-1";
/** LP-12 (Lai Châu): foreign to the HCM planner. */
const FOREIGN = "T-LCU-1";

const lineOf = (code: string) =>
  (
    db.$client
      .prepare("SELECT b.id FROM budget_lines b JOIN projects p ON p.id = b.project_id WHERE p.code = ? ORDER BY b.id LIMIT 1")
      .get(code) as { id: number }
  ).id;
const traces = () => ({
  transactions: count(db, "SELECT id FROM transactions"),
  audit: count(db, "SELECT id FROM audit_events"),
});
const path = (code: string) => `/projects/${code}/transactions`;
const post = (code: string, role: Role, form: Record<string, string | number | undefined>) =>
  call(ledgerAction, path(code), { cookie: fx.cookies[role], params: { code }, form });
const record = (overrides: Record<string, string | number | undefined> = {}) => ({
  intent: "record",
  kind: "disbursement",
  budgetLineId: lineOf(OWN),
  date: "2025-10-01",
  amount: "500 triệu",
  documentRef: "UNC-001",
  ...overrides,
});
type Reply = { intent: string; reply: { error?: Record<string, string[] | null> } };
const errorsOf = (r: { data?: unknown }) => (r.data as Reply).reply.error ?? {};

describe("reading the ledger", () => {
  it("planners read their own organisation's ledger, get 403 elsewhere; leaders and auditors read only", async () => {
    const get = (code: string, role: Role) => call(ledgerLoader, path(code), { cookie: fx.cookies[role], params: { code } });
    const own = await get(OWN, "plannerHcm");
    expect(own.status).toBe(200);
    expect((own.data as { canWrite: boolean }).canWrite).toBe(true);
    expect((await get(OWN, "plannerLaiChau")).status).toBe(403);
    expect((await get(FOREIGN, "plannerHcm")).status).toBe(403);
    for (const role of ["leader", "auditor"] as Role[]) {
      const r = await get(FOREIGN, role);
      expect(r.status, role).toBe(200);
      expect((r.data as { canWrite: boolean }).canWrite, role).toBe(false);
    }
    expect((await get(FOREIGN, "coordinator")).data).toMatchObject({ canWrite: true });
    expect((await get("NOPE-2026-001", "coordinator")).status).toBe(404);
    expect((await call(ledgerLoader, path(OWN), { params: { code: OWN } })).status).toBe(302);
  });

  it("totals per kind equal an independent SQL sum, under filters too; newest first", async () => {
    const r = await call(ledgerLoader, `${path(OWN)}?kind=disbursement`, { cookie: fx.cookies.coordinator, params: { code: OWN } });
    const d = r.data as { ledger: { totals: Record<string, number>; rows: { date: string; id: number }[]; total: number } };
    const sum = (kind: string) =>
      (
        db.$client
          .prepare(
            "SELECT COALESCE(SUM(amount), 0) AS s FROM transactions WHERE kind = ? AND project_id = (SELECT id FROM projects WHERE code = ?)",
          )
          .get(kind, OWN) as { s: number }
      ).s;
    expect(d.ledger.totals.disbursement).toBe(sum("disbursement"));
    expect(d.ledger.totals.commitment).toBe(0);
    expect(d.ledger.rows.length).toBe(d.ledger.total);
    const all = (await call(ledgerLoader, path(OWN), { cookie: fx.cookies.coordinator, params: { code: OWN } })).data as typeof d;
    expect(all.ledger.totals.commitment).toBe(sum("commitment"));
    expect(all.ledger.totals.disbursement).toBe(9_500_000_000);
  });
});

describe("recording a transaction", () => {
  it("refuses what cannot be true beside the field, leaving no row and no audit event", async () => {
    const cases: [Record<string, string | number | undefined>, string, string][] = [
      [{ amount: "0" }, "amount", "money.error.notPositive"],
      [{ amount: "-5 triệu" }, "amount", "money.error.invalid"],
      [{ amount: "100 tỷ" }, "amount", "transactions.error.disbursedAboveCommitted"],
      [{ kind: "expenditure", amount: "10 tỷ" }, "amount", "transactions.error.spentAboveDisbursed"],
      [{ date: "2024-12-31" }, "date", "transactions.error.dateOutsideWindow"],
      [{ date: "2024-12-31", override: "on" }, "overrideReason", "transactions.error.overrideReasonRequired"],
      [{ date: "2099-01-01", override: "on", overrideReason: "x" }, "date", "transactions.error.dateFuture"],
      [{ documentRef: undefined }, "documentRef", "transactions.error.documentRequired"],
    ];
    for (const [overrides, field, message] of cases) {
      const before = traces();
      const r = await post(OWN, "plannerHcm", record(overrides));
      expect(r.status, JSON.stringify([message, r.data])).toBe(400);
      expect(errorsOf(r)[field], message).toContain(message);
      expect(traces(), message).toEqual(before);
    }
  });

  it("books a valid disbursement with its audit event; an override keeps its reason in the note and the audit", async () => {
    let before = traces();
    let r = await post(OWN, "plannerHcm", record({ amount: "1 tỷ" }));
    expect(r.data).toBeUndefined();
    expect(r.status).toBe(302);
    expect(r.location).toBe(`${path(OWN)}?saved=created`);
    expect(traces()).toEqual({ transactions: before.transactions + 1, audit: before.audit + 1 });
    const row = db.$client.prepare("SELECT * FROM transactions ORDER BY id DESC LIMIT 1").get() as Record<string, unknown>;
    expect(row).toMatchObject({ kind: "disbursement", amount: 1_000_000_000, document_ref: "UNC-001", date: "2025-10-01" });
    expect(lastAudit(db)).toMatchObject({ action: "transaction.create", entity_id: String(row.id), organisation_id: fx.org("LP-74") });

    before = traces();
    r = await post(OWN, "coordinator", record({ kind: "commitment", documentRef: "", date: "2026-01-15", override: "on", overrideReason: "Hợp đồng ký muộn" }));
    expect(r.status).toBe(302);
    expect(traces().transactions).toBe(before.transactions + 1);
    const over = db.$client.prepare("SELECT note FROM transactions ORDER BY id DESC LIMIT 1").get() as { note: string };
    expect(over.note).toContain("Hợp đồng ký muộn");
    expect(JSON.parse(lastAudit(db).after!)).toMatchObject({ dateOverrideReason: "Hợp đồng ký muộn" });
  });

  it("permissions: read-only roles and foreign planners get 403, a forged budget line 404, nothing written", async () => {
    const before = traces();
    for (const role of ["leader", "auditor", "admin"] as Role[]) expect((await post(OWN, role, record())).status, role).toBe(403);
    expect((await post(OWN, "plannerLaiChau", record())).status).toBe(403);
    // The HCM planner on their own project, with a budget line of a Lai Châu project in the hidden field.
    expect((await post(OWN, "plannerHcm", record({ budgetLineId: lineOf(FOREIGN) }))).status).toBe(404);
    expect((await post(OWN, "plannerHcm", record({ budgetLineId: 999_999 }))).status).toBe(404);
    expect(traces()).toEqual(before);
  });
});

describe("reversing entries", () => {
  const txOf = (code: string, kind: string) =>
    (
      db.$client
        .prepare(
          `SELECT t.id, t.amount FROM transactions t JOIN projects p ON p.id = t.project_id
            WHERE p.code = ? AND t.kind = ? AND t.amount > 0 AND t.reverses_id IS NULL ORDER BY t.id LIMIT 1`,
        )
        .get(code, kind) as { id: number; amount: number }
    );

  it("books the negative amount on the same line and kind, today, once; never a reversal of a reversal", async () => {
    const target = txOf(OWN, "disbursement");
    expect((await post(OWN, "plannerHcm", { intent: "reverse", transactionId: target.id, reason: "" })).status).toBe(400);
    const before = traces();
    const r = await post(OWN, "plannerHcm", { intent: "reverse", transactionId: target.id, reason: "Sai số tiền" });
    expect(r.status).toBe(302);
    expect(traces()).toEqual({ transactions: before.transactions + 1, audit: before.audit + 1 });
    const rev = db.$client.prepare("SELECT * FROM transactions WHERE reverses_id = ?").get(target.id) as Record<string, unknown>;
    expect(rev).toMatchObject({ amount: -target.amount, kind: "disbursement", date: todayIso(), note: "Sai số tiền" });
    expect(lastAudit(db).action).toBe("transaction.reverse");

    const again = traces();
    let refused = await post(OWN, "plannerHcm", { intent: "reverse", transactionId: target.id, reason: "again" });
    expect(errorsOf(refused).reason).toEqual(["transactions.error.alreadyReversed"]);
    refused = await post(OWN, "plannerHcm", { intent: "reverse", transactionId: rev.id as number, reason: "again" });
    expect(errorsOf(refused).reason).toEqual(["transactions.error.reverseReversal"]);
    expect(traces()).toEqual(again);

    const page = (await call(ledgerLoader, path(OWN), { cookie: fx.cookies.plannerHcm, params: { code: OWN } })).data as {
      ledger: { rows: { id: number; reversedById: number | null; reversesId: number | null }[] };
    };
    expect(page.ledger.rows.find((x) => x.id === target.id)?.reversedById).toBe(rev.id);
    expect(page.ledger.rows.find((x) => x.id === rev.id)?.reversesId).toBe(target.id);
  });

  it("refuses reversing a commitment that would leave disbursed above committed; foreign ids 404; read-only 403", async () => {
    const commitment = txOf(OWN, "commitment"); // 11 bn, with about 9 bn disbursed against it
    const before = traces();
    const r = await post(OWN, "coordinator", { intent: "reverse", transactionId: commitment.id, reason: "x" });
    expect(errorsOf(r).reason).toEqual(["transactions.error.reversalBreaksCommitted"]);
    const foreign = txOf(FOREIGN, "disbursement");
    expect((await post(OWN, "plannerHcm", { intent: "reverse", transactionId: foreign.id, reason: "x" })).status).toBe(404);
    expect((await post(FOREIGN, "plannerHcm", { intent: "reverse", transactionId: foreign.id, reason: "x" })).status).toBe(403);
    expect((await post(OWN, "auditor", { intent: "reverse", transactionId: commitment.id, reason: "x" })).status).toBe(403);
    expect(traces()).toEqual(before);
  });
});

describe("fast entry /transactions/batch", () => {
  const batchPath = (code: string) => `${path(code)}/batch`;
  const postBatch = (code: string, role: Role, rows: Record<string, string>[], extra: Record<string, string> = {}) => {
    const form: Record<string, string> = { rowCount: "12", intent: "save", ...extra };
    rows.forEach((r, i) => {
      for (const [k, v] of Object.entries(r)) form[`row-${i}-${k}`] = v;
    });
    return call(batchAction, batchPath(code), { cookie: fx.cookies[role], params: { code }, form });
  };
  // T-MOST-2: a 4 bn line with 4 bn disbursed and nothing committed (older data).
  const MOST = "T-MOST-2";

  it("loader: writers only", async () => {
    const get = (code: string, role: Role) => call(batchLoader, batchPath(code), { cookie: fx.cookies[role], params: { code } });
    expect((await get(OWN, "plannerHcm")).status).toBe(200);
    expect((await get(OWN, "coordinator")).status).toBe(200);
    for (const role of ["leader", "auditor", "plannerLaiChau"] as Role[]) expect((await get(OWN, role)).status, role).toBe(403);
  });

  it("all or nothing: row errors beside each bad cell, every typed value kept, the cross-row rule in date order", async () => {
    const line = String(lineOf(OWN));
    const rows = [
      { date: "2025-11-02", kind: "disbursement", budgetLineId: line, amount: "90 tỷ", documentRef: "D-1", note: "" },
      { date: "2025-11-01", kind: "commitment", budgetLineId: line, amount: "5 tỷ", documentRef: "", note: "ok" },
      { date: "", kind: "", budgetLineId: "", amount: "", documentRef: "", note: "" },
      { date: "2025-11-03", kind: "expenditure", budgetLineId: line, amount: "0", documentRef: "", note: "typed" },
    ];
    const before = traces();
    const r = await postBatch(OWN, "plannerHcm", rows);
    expect(r.status).toBe(400);
    const d = r.data as { values: Record<string, string>[]; errors: Record<number, Record<string, string[]>> };
    expect(d.errors[3]).toEqual({ amount: ["money.error.notPositive"], documentRef: ["transactions.error.documentRequired"] });
    expect(d.errors[0]).toBeUndefined(); // per-row checks first; money rules only once every row parses
    expect(d.values[3]).toMatchObject({ note: "typed", amount: "0" });
    expect(d.values[0]).toMatchObject({ amount: "90 tỷ", documentRef: "D-1" });
    expect(traces()).toEqual(before);

    // Fix row 4; now the running totals: committed 11 + 5 (Nov 1) = 16 bn < 90 bn disbursed on Nov 2.
    rows[3] = { ...rows[3], amount: "1 triệu", documentRef: "C-1" };
    const r2 = await postBatch(OWN, "plannerHcm", rows);
    expect(r2.status).toBe(400);
    const d2 = r2.data as typeof d;
    expect(d2.errors[0]).toEqual({ amount: ["transactions.error.disbursedAboveCommitted"] });
    expect(Object.keys(d2.errors)).toEqual(["0"]);
    expect(traces()).toEqual(before);

    rows[0] = { ...rows[0], amount: "1 tỷ" };
    const ok = await postBatch(OWN, "plannerHcm", rows);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${path(OWN)}?saved=batch&count=3`);
    expect(traces()).toEqual({ transactions: before.transactions + 3, audit: before.audit + 3 });
  });

  it("a disbursement typed above its commitment but dated after it passes; dates outside the year and forged lines do not", async () => {
    const line = String(lineOf(MOST));
    const before = traces();
    const ok = await postBatch(MOST, "coordinator", [
      { date: "2025-06-02", kind: "disbursement", budgetLineId: line, amount: "100 triệu", documentRef: "D" },
      { date: "2025-06-01", kind: "commitment", budgetLineId: line, amount: "5 tỷ" },
    ]);
    expect(ok.status).toBe(302);
    expect(traces().transactions).toBe(before.transactions + 2);

    const mid = traces();
    const outside = await postBatch(MOST, "coordinator", [
      { date: "2024-06-01", kind: "commitment", budgetLineId: line, amount: "1 tỷ" },
    ]);
    expect((outside.data as { errors: Record<number, Record<string, string[]>> }).errors[0]).toEqual({
      date: ["transactions.error.dateOutsideWindow"],
    });
    const forged = await postBatch(OWN, "plannerHcm", [
      { date: "2025-06-01", kind: "commitment", budgetLineId: String(lineOf(FOREIGN)), amount: "1 tỷ" },
    ]);
    expect(forged.status).toBe(404);
    expect((await postBatch(OWN, "leader", [{ date: "2025-06-01", kind: "commitment", budgetLineId: String(lineOf(OWN)), amount: "1 tỷ" }])).status).toBe(403);
    const none = await postBatch(OWN, "plannerHcm", []);
    expect((none.data as { formError: string }).formError).toBe("transactions.batch.none");
    expect(traces()).toEqual(mid);
  });

  it("'add 12 more rows' re-renders with more rows and the typed values, writing nothing", async () => {
    const before = traces();
    const r = await postBatch(OWN, "plannerHcm", [{ note: "kept" }], { intent: "more" });
    expect(r.status).toBe(200);
    expect((r.data as { rowCount: number; values: { note: string }[] }).rowCount).toBe(24);
    expect((r.data as { values: { note: string }[] }).values[0].note).toBe("kept");
    expect(traces()).toEqual(before);
  });
});
