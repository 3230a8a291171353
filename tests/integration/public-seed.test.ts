/**
 * The demo's public portal data: a handful of running projects published,
 * feedback in every state, the same rows for the same seed, keyed hashes only.
 */
import { afterAll, describe, expect, it } from "vitest";
import { seedAll } from "#seeds/index";
import { createTestDb, type TestDb } from "./helpers/db";

const dbs: TestDb[] = [];
const saved = process.env.CITIZEN_ID_SECRET;
afterAll(() => {
  dbs.forEach((d) => d.cleanup());
  if (saved === undefined) delete process.env.CITIZEN_ID_SECRET;
  else process.env.CITIZEN_ID_SECRET = saved;
});

async function seeded(seed: number) {
  const t = createTestDb();
  dbs.push(t);
  await seedAll(t.db, { scale: 0.05, seed });
  const c = t.db.$client;
  return {
    published: c.prepare("SELECT code, phase FROM projects WHERE published = 1 ORDER BY code").all() as {
      code: string;
      phase: string;
    }[],
    feedback: c
      .prepare(
        `SELECT p.code, f.kind, f.state, f.body, f.citizen_key AS k, f.moderation_reason AS reason, f.created_at AS at
           FROM feedback f JOIN projects p ON p.id = f.project_id ORDER BY f.id`,
      )
      .all() as {
      code: string;
      kind: string;
      state: string;
      body: string | null;
      k: string;
      reason: string | null;
      at: number;
    }[],
  };
}

describe("demo public data", () => {
  it("publishes a handful of running projects with feedback in every state, deterministically", async () => {
    process.env.CITIZEN_ID_SECRET = "a-fixed-test-secret-of-at-least-32-chars";
    const a = await seeded(11);
    const b = await seeded(11);
    expect(a.published.length).toBeGreaterThanOrEqual(6);
    expect(
      a.published.every((p) => ["pilot", "evaluation", "scaling", "operational"].includes(p.phase)),
    ).toBe(true);
    expect(new Set(a.feedback.map((f) => `${f.kind}:${f.state}`))).toEqual(
      new Set([
        "support:published",
        "oppose:published",
        "comment:pending",
        "comment:published",
        "comment:rejected",
      ]),
    );
    expect(a.feedback.filter((f) => f.state === "rejected").every((f) => f.reason)).toBe(true);
    expect(a.feedback.every((f) => /^[0-9a-f]{64}$/.test(f.k))).toBe(true);
    expect(b).toEqual(a);
    const other = await seeded(12);
    expect(other.published).not.toEqual(a.published);
  });
});
