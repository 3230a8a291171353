/**
 * npm run audit:verify: OK with the count on an intact chain; after one row
 * is altered with raw SQL it names that row (id, action, time) and exits 1.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createTestDb } from "./helpers/db";

const ROOT = path.resolve(import.meta.dirname, "../..");

let db: Db;
let file: string;
let cleanup: () => void;

beforeAll(() => {
  ({ db, file, cleanup } = createTestDb());
  db.transaction((tx) => {
    for (let i = 0; i < 25; i++) {
      recordAudit(
        tx,
        { userId: null, label: "tester" },
        {
          action: i % 2 ? "project.update" : "plan.create",
          entityType: "project",
          entityId: i,
          after: { i },
        },
      );
    }
  });
});

afterAll(() => cleanup());

function verify(): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/audit-verify.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: file },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.on("exit", (status) => resolve({ status, stdout }));
  });
}

describe("npm run audit:verify", () => {
  it("prints OK with the count on an intact chain", async () => {
    const r = await verify();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/OK: 25 audit events, chain intact/);
  });

  it("names the first altered row and exits 1", async () => {
    const rows = db.$client.prepare("SELECT id, action, at FROM audit_events ORDER BY id").all() as {
      id: number;
      action: string;
      at: number;
    }[];
    const victim = rows[10]!;
    db.$client.prepare("UPDATE audit_events SET after = '{\"i\":999}' WHERE id = ?").run(victim.id);
    // A later row altered too: the first broken link is still the one named.
    db.$client.prepare("UPDATE audit_events SET actor_label = 'intruder' WHERE id = ?").run(rows[20]!.id);
    const r = await verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `BROKEN: audit event id ${victim.id} (action ${victim.action}, at ${new Date(victim.at).toISOString()})`,
    );
    expect(r.stdout).toContain("10 earlier events verified");
  });

  it("also catches a deleted row (the next row's link no longer matches)", async () => {
    const rows = db.$client.prepare("SELECT id FROM audit_events ORDER BY id").all() as { id: number }[];
    db.$client.prepare("UPDATE audit_events SET after = '{\"i\":10}' WHERE id = ?").run(rows[10]!.id);
    db.$client.prepare("UPDATE audit_events SET actor_label = 'tester' WHERE id = ?").run(rows[20]!.id);
    expect((await verify()).status).toBe(0);
    db.$client.prepare("DELETE FROM audit_events WHERE id = ?").run(rows[3]!.id);
    const r = await verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`BROKEN: audit event id ${rows[4]!.id}`);
  });
});
