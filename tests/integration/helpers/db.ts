/**
 * A fresh SQLite database in a temp file, built by the real migrations.
 *
 *   const { db, file, cleanup } = createTestDb();
 *   afterAll(cleanup);
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "#db/client.server";

export interface TestDb {
  db: Db;
  file: string;
  cleanup: () => void;
}

export function createTestDb(): TestDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-test-"));
  const file = path.join(dir, "test.sqlite");
  const db = openDatabase(file);
  migrateDatabase(db);
  let closed = false;
  return {
    db,
    file,
    cleanup: () => {
      if (closed) return;
      closed = true;
      try {
        db.$client.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
