/**
 * The domain-data generation (migration 0008) that keys the read-model memo:
 * every domain table bumps it, session and sign-in bookkeeping does not, and
 * a commit by another connection is seen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { dataVersion, memoByDataVersion } from "~/modules/db/sql.server";
import { createTestDb, type TestDb } from "./helpers/db";

/** Tables whose writes are bookkeeping, not domain data (no triggers on purpose). */
const NOT_DOMAIN = new Set(["__drizzle_migrations", "api_tokens", "audit_events", "data_generation", "login_throttle", "sessions", "sqlite_sequence"]);

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
      client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]
    ).filter((r) => !NOT_DOMAIN.has(r.name) && !r.name.startsWith("projects_fts"));
    expect(tables.length).toBeGreaterThan(25);
    const triggers = new Set(
      (client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name),
    );
    const missing = tables.flatMap((tb) =>
      ["insert", "update", "delete"].map((op) => `${tb.name}_gen_${op}`).filter((n) => !triggers.has(n)),
    );
    expect(missing).toEqual([]);
  });

  it("moves on domain writes, including raw SQL, and not on sign-in bookkeeping", () => {
    const client = t.db.$client;
    const userId = Number(
      client
        .prepare("INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ('gen@example.vn', 'Gen', 'x', 0, 0)")
        .run().lastInsertRowid,
    );
    const v0 = dataVersion(t.db);
    createSession(t.db, userId);
    client.prepare("INSERT INTO login_throttle (key, failures, window_started_at) VALUES ('x', 1, 0)").run();
    expect(dataVersion(t.db)).toBe(v0);
    client.prepare("UPDATE organisations SET name_en = name_en || ' ' WHERE id = (SELECT MIN(id) FROM organisations)").run();
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
      other.$client.prepare("UPDATE organisations SET name_en = name_en WHERE id = (SELECT MIN(id) FROM organisations)").run();
    } finally {
      other.$client.close();
    }
    read();
    expect(computed).toBe(2);
  });
});
