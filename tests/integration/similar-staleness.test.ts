/**
 * The similar-proposal corpus beside a form may lag other people's edits for
 * a short while (ADR 0015), never the project being edited, and never for a
 * check (plan submission, a decision): those always read a current corpus.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAll } from "#seeds/index";
import { getIndex } from "~/modules/similar/similar.server";
import { createTestDb, type TestDb } from "./helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = createTestDb();
  await seedAll(t.db, { scale: 0.02, seed: 4 });
});
afterAll(() => t.cleanup());

const ASOF = "2026-06-30";
function project(offset: number) {
  return t.db.$client
    .prepare("SELECT id, version FROM projects WHERE phase <> 'cancelled' ORDER BY id LIMIT 1 OFFSET ?")
    .get(offset) as { id: number; version: number };
}
function edit(id: number) {
  t.db.$client
    .prepare(
      "UPDATE projects SET title_vi = title_vi || ' (sửa)', version = version + 1, updated_at = updated_at + 1 WHERE id = ?",
    )
    .run(id);
}

describe("similar corpus staleness", () => {
  it("a shown list may use the last corpus after another project changes, a check may not", () => {
    const mine = project(0);
    const first = getIndex(t.db, ASOF, {
      maxStaleMs: 60_000,
      current: { projectId: mine.id, version: mine.version },
    });
    edit(project(1).id);
    const shown = getIndex(t.db, ASOF, {
      maxStaleMs: 60_000,
      current: { projectId: mine.id, version: mine.version },
    });
    expect(shown).toBe(first);
    const checked = getIndex(t.db, ASOF);
    expect(checked).not.toBe(first);
    expect(checked.versions.get(project(1).id)).toBe(project(1).version);
  });

  it("the project being edited is always current", () => {
    const mine = project(0);
    const before = getIndex(t.db, ASOF, {
      maxStaleMs: 60_000,
      current: { projectId: mine.id, version: mine.version },
    });
    edit(mine.id);
    const after = project(0);
    const shown = getIndex(t.db, ASOF, {
      maxStaleMs: 60_000,
      current: { projectId: mine.id, version: after.version },
    });
    expect(shown).not.toBe(before);
    expect(shown.proposals.find((p) => p.projectId === mine.id)?.title).toMatch(/\(sửa\)$/);
  });

  it("with no lag allowed every change rebuilds", () => {
    const a = getIndex(t.db, ASOF, { maxStaleMs: 0 });
    edit(project(2).id);
    expect(getIndex(t.db, ASOF, { maxStaleMs: 0 })).not.toBe(a);
  });
});
