/**
 * kill -9 in the middle of a burst of transaction entry: a separate process
 * books commitments with the real command (recordTransaction: row + audit
 * event in one SQLite transaction) and prints each id only after its commit;
 * it is killed with SIGKILL at a random moment, three times over the same
 * database. After each crash, on reopen: `integrity_check` is ok, every
 * acknowledged transaction is present exactly once, no row lacks its audit
 * event (nor the reverse), and the audit chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { checkAfterCrash, killWriterMidBurst, type Ack } from "../../bench/faults-lib";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture } from "./helpers/pages-fixture";

let db: Db;
let file: string;
let cleanup: () => void;

beforeAll(() => {
  ({ db, file, cleanup } = createTestDb());
  buildPagesFixture(db);
  // The writer owns the database during the bursts, as the server would.
  db.$client.close();
});

afterAll(() => cleanup());

describe("kill -9 during a burst of transaction entry", () => {
  it("keeps every acknowledged transaction exactly once and the file intact, three crashes running", async () => {
    const all: Ack[] = [];
    for (const killAfter of [40 + Math.floor(Math.random() * 60), 25, 120]) {
      const round = await killWriterMidBurst(file, killAfter);
      all.push(...round.acknowledged);
      const after = checkAfterCrash(file, all);
      expect(after.integrity).toBe("ok");
      expect(after.missing).toEqual([]);
      expect(after.duplicated).toEqual([]);
      expect(after.unpaired).toBe(0);
      expect(after.auditOk).toBe(true);
      // At most the one write in flight when the signal landed is unacknowledged.
      expect(after.writerRows - all.length).toBeGreaterThanOrEqual(0);
      expect(after.writerRows - all.length).toBeLessThanOrEqual(1);
    }
    expect(all.length).toBeGreaterThanOrEqual(185);
  }, 120_000);
});
