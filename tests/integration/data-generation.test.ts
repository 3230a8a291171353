/**
 * The domain-data generation (migration 0008) that keys the read-model memo:
 * every domain table bumps it, session and sign-in bookkeeping does not, and
 * a commit by another connection is seen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { dataVersion, memoByDataVersion, tableGenerations, tablesStamp } from "~/modules/db/sql.server";
import { createTestDb, type TestDb } from "./helpers/db";

/** Tables whose writes are bookkeeping, not domain data (no triggers on purpose). */
const NOT_DOMAIN = new Set([
  "__drizzle_migrations",
  "api_tokens",
  "audit_events",
  "data_generation",
  "login_throttle",
  "table_generation",
  "sessions",
  "sqlite_sequence",
]);

let t: TestDb;
beforeAll(async () => {
  t = createTestDb();
  await seedAll(t.db, { scale: 0.02, seed: 3 });
});
afterAll(() => t.cleanup());

describe("data generation", () => {
  it("every domain table has insert, update and delete triggers (a new table must get them too)", () => {
    const client = t.db.$client;
    const tables = (
      client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
        sql: string;
      }[]
    ).filter((r) => !NOT_DOMAIN.has(r.name) && !r.name.startsWith("projects_fts"));
    expect(tables.length).toBeGreaterThan(25);
    const triggers = new Set(
      (
        client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]
      ).map((r) => r.name),
    );
    const missing = tables.flatMap((tb) =>
      ["insert", "update", "delete"].map((op) => `${tb.name}_gen_${op}`).filter((n) => !triggers.has(n)),
    );
    expect(missing).toEqual([]);
    // …and a row of its own generation (migration 0009).
    const rows = new Set(tableGenerations(t.db).keys());
    expect(tables.map((tb) => tb.name).filter((name) => !rows.has(name))).toEqual([]);
  });

  it("a table's own generation moves on its writes only, and rewrites on updates and deletes only", () => {
    const client = t.db.$client;
    const g0 = tableGenerations(t.db);
    const id = Number(
      client
        .prepare(
          "INSERT INTO review_comments (plan_id, revision, author_id, body) SELECT p.id, 1, u.id, 'gen' FROM plans p, users u LIMIT 1",
        )
        .run().lastInsertRowid,
    );
    const g1 = tableGenerations(t.db);
    expect(g1.get("review_comments")).toEqual({
      n: g0.get("review_comments")!.n + 1,
      rewrites: g0.get("review_comments")!.rewrites,
    });
    expect(g1.get("projects")).toEqual(g0.get("projects"));
    client.prepare("DELETE FROM review_comments WHERE id = ?").run(id);
    const g2 = tableGenerations(t.db);
    expect(g2.get("review_comments")).toEqual({
      n: g1.get("review_comments")!.n + 1,
      rewrites: g1.get("review_comments")!.rewrites + 1,
    });
    expect(tablesStamp(g2, ["projects", "flags"])).toBe(tablesStamp(g0, ["projects", "flags"]));
  });

  it("moves on domain writes, including raw SQL, and not on sign-in bookkeeping", () => {
    const client = t.db.$client;
    const userId = Number(
      client
        .prepare(
          "INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ('gen@example.vn', 'Gen', 'x', 0, 0)",
        )
        .run().lastInsertRowid,
    );
    const v0 = dataVersion(t.db);
    createSession(t.db, userId);
    client.prepare("INSERT INTO login_throttle (key, failures, window_started_at) VALUES ('x', 1, 0)").run();
    expect(dataVersion(t.db)).toBe(v0);
    client
      .prepare(
        "UPDATE organisations SET name_en = name_en || ' ' WHERE id = (SELECT MIN(id) FROM organisations)",
      )
      .run();
    const v1 = dataVersion(t.db);
    expect(v1).not.toBe(v0);
    client.prepare("DELETE FROM review_comments WHERE id = -1").run(); // no row: no change
    expect(dataVersion(t.db)).toBe(v1);
  });

  it("a memoised read model is recomputed after another connection commits", () => {
    let computed = 0;
    const read = () => memoByDataVersion(t.db, "test:count", () => (computed++, 1));
    read();
    read();
    expect(computed).toBe(1);
    const other = openDatabase(t.file);
    try {
      other.$client
        .prepare("UPDATE organisations SET name_en = name_en WHERE id = (SELECT MIN(id) FROM organisations)")
        .run();
    } finally {
      other.$client.close();
    }
    read();
    expect(computed).toBe(2);
  });
});
