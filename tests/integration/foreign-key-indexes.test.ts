/**
 * A foreign key that cascades, or that the app looks rows up by, needs an
 * index on the child column: without one SQLite scans the whole child table
 * for every parent row deleted or looked up. (A plan import at scale 10 spent
 * 30 s replacing quarterly plans line by line through such a scan.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./helpers/db";

/** Child columns looked up by parent (not only through the cascade). */
const LOOKED_UP = ["planned_disbursements.budget_line_id", "projects.app_id", "flags.plan_id"];

let t: TestDb;
beforeAll(() => {
  t = createTestDb();
});
afterAll(() => t.cleanup());

describe("foreign key indexes", () => {
  it("every cascading or looked-up foreign key column leads an index (or is the primary key)", () => {
    const c = t.db.$client;
    const tables = (
      c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const missing: string[] = [];
    for (const table of tables) {
      const leading = new Set(
        (c.prepare(`PRAGMA index_list("${table}")`).all() as { name: string }[]).map(
          (i) =>
            (c.prepare(`PRAGMA index_info("${i.name}")`).all() as { seqno: number; name: string }[]).sort(
              (a, b) => a.seqno - b.seqno,
            )[0]?.name,
        ),
      );
      for (const col of c.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[]) {
        if (col.pk === 1) leading.add(col.name);
      }
      for (const fk of c.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
        from: string;
        on_delete: string;
      }[]) {
        const name = `${table}.${fk.from}`;
        if ((fk.on_delete === "CASCADE" || LOOKED_UP.includes(name)) && !leading.has(fk.from))
          missing.push(name);
      }
    }
    expect(missing).toEqual([]);
  });
});
