/**
 * A full disk, simulated with `PRAGMA max_page_count` on the app's own
 * connection: the command fails with SQLITE_FULL, its transaction is rolled
 * back whole (no row without its audit event), the database stays intact,
 * and through the real request path the user gets a 507 page that says,
 * in their language, that nothing was saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { recordTransaction, type LedgerProject } from "~/modules/transactions/ledger.server";
import { isStorageFull } from "../../server/storage-full";
import { startHarness, type Harness } from "./matrix-harness";

let h: Harness;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

function fillDisk(): number {
  const c = h.db.$client;
  const pages = c.pragma("page_count", { simple: true }) as number;
  c.pragma(`max_page_count = ${pages}`);
  return pages;
}

function freeDisk(): void {
  h.db.$client.pragma("max_page_count = 4294967294");
}

const counts = () =>
  h.db.$client
    .prepare(
      `SELECT (SELECT COUNT(*) FROM transactions) AS tx,
              (SELECT COUNT(*) FROM audit_events WHERE action = 'transaction.create') AS audited`,
    )
    .get() as { tx: number; audited: number };

describe("full disk", () => {
  it("the command fails with SQLITE_FULL, rolls back whole and corrupts nothing", () => {
    const project = h.db.$client
      .prepare(
        "SELECT id, code, organisation_id AS organisationId, start_date AS startDate, end_date AS endDate FROM projects WHERE id = ?",
      )
      .get(h.ids.hcmProject) as LedgerProject;
    const before = counts();
    fillDisk();
    let error: unknown = null;
    let booked = 0;
    // The last pages may still have room for a few rows; write until the limit bites.
    for (let i = 0; i < 5000 && error === null; i++) {
      try {
        const r = recordTransaction(
          h.db,
          { userId: null, label: "full-disk test" },
          project,
          {
            budgetLineId: h.ids.hcmLine,
            kind: "commitment",
            date: today,
            amount: 1000,
            documentRef: `FULL-${i}-${"x".repeat(200)}`,
            note: "y".repeat(400),
            override: true,
            overrideReason: "full disk test",
          },
          today,
        );
        if (r.ok) booked++;
      } catch (e) {
        error = e;
      }
    }
    freeDisk();
    expect(isStorageFull(error)).toBe(true);
    expect((error as { code: string }).code).toBe("SQLITE_FULL");
    const after = counts();
    expect(after.tx - before.tx).toBe(booked);
    expect(after.audited - before.audited).toBe(booked);
    expect(h.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(verifyAuditChain(h.db).ok).toBe(true);
  });

  it("a user saving a transaction gets a clear, localised 507 page and nothing is written", async () => {
    const path = `/projects/${h.ids.hcmProjectCode}/transactions`;
    const cookie = h.cookieFor("plannerOwn")!;
    const form = () =>
      new URLSearchParams({
        intent: "record",
        budgetLineId: String(h.ids.hcmLine),
        kind: "commitment",
        date: today,
        amount: "1000",
        note: "z".repeat(400),
        override: "on",
        overrideReason: "full disk test",
      });
    const before = counts();
    fillDisk();
    const responses: Response[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const res = await h.fetch(path, { method: "POST", body: form(), headers: { Cookie: cookie } });
        responses.push(res);
        if (res.status === 507) break;
      }
      const last = responses.at(-1)!;
      expect(last.status).toBe(507);
      const html = await last.text();
      expect(html).toContain("Máy chủ đã hết dung lượng lưu trữ");
      expect(html).toContain("Thay đổi của bạn chưa được lưu");
      expect(html).toContain('data-status="507"');

      const en = await h.fetch(path, {
        method: "POST",
        body: form(),
        headers: { Cookie: `${cookie}; cp_lang=en` },
      });
      expect(en.status).toBe(507);
      expect(await en.text()).toContain("The server&#x27;s storage is full");
    } finally {
      freeDisk();
    }
    const after = counts();
    const saved = responses.filter((r) => r.status === 302 || r.status === 303).length;
    expect(after.tx - before.tx).toBe(saved);
    expect(after.audited - before.audited).toBe(saved);
    expect(h.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(verifyAuditChain(h.db).ok).toBe(true);

    // With space again the same form is saved.
    const ok = await h.fetch(path, { method: "POST", body: form(), headers: { Cookie: cookie } });
    expect([302, 303]).toContain(ok.status);
  });
});
