/**
 * The similar-proposal corpus beside a form may lag other people's edits for
 * a short while (ADR 0015), but the project being edited is always matched
 * as it is now, and checks (plan submission, a decision) always read a
 * current corpus.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedAll } from "#seeds/index";
import { getIndex, similarToProject } from "~/modules/similar/similar.server";
import { createTestDb, type TestDb } from "./helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = createTestDb();
  await seedAll(t.db, { scale: 0.02, seed: 4 });
});
afterAll(() => t.cleanup());
afterEach(() => {
  delete process.env.READ_MODEL_MAX_STALE_MS;
});

const ASOF = "2026-06-30";
const LAG = 60_000;
function project(offset: number) {
  return t.db.$client
    .prepare(
      `SELECT id, version, title_vi AS titleVi, description_vi AS descriptionVi, organisation_id AS organisationId,
              province_id AS provinceId, city_id AS cityId, domain, components
         FROM projects WHERE phase <> 'cancelled' ORDER BY id LIMIT 1 OFFSET ?`,
    )
    .get(offset) as { id: number; version: number; titleVi: string };
}
function edit(id: number, set = "title_vi = title_vi || ' (sửa)'") {
  t.db.$client
    .prepare(`UPDATE projects SET ${set}, version = version + 1, updated_at = updated_at + 1 WHERE id = ?`)
    .run(id);
}

describe("similar corpus staleness", () => {
  it("a shown list may use the last corpus after another project changes, a check may not", () => {
    const first = getIndex(t.db, ASOF, { maxStaleMs: LAG });
    edit(project(1).id);
    expect(getIndex(t.db, ASOF, { maxStaleMs: LAG })).toBe(first);
    const checked = getIndex(t.db, ASOF);
    expect(checked).not.toBe(first);
    expect(checked.versions.get(project(1).id)).toBe(project(1).version);
  });

  it("the project being edited is matched as it is now, even from a stale corpus", () => {
    process.env.READ_MODEL_MAX_STALE_MS = String(LAG); // as in production (2 s there)
    const stale = getIndex(t.db, ASOF, { maxStaleMs: LAG });
    // Make project 0 a copy of project 5 (another organisation's or the same's, whatever the seed gave).
    const other = project(5);
    const mine = project(0);
    t.db.$client
      .prepare(
        `UPDATE projects SET title_vi = (SELECT title_vi FROM projects WHERE id = :other),
                description_vi = (SELECT description_vi FROM projects WHERE id = :other),
                domain = (SELECT domain FROM projects WHERE id = :other),
                components = (SELECT components FROM projects WHERE id = :other),
                organisation_id = (SELECT organisation_id FROM projects WHERE id = :other),
                province_id = (SELECT province_id FROM projects WHERE id = :other),
                city_id = (SELECT city_id FROM projects WHERE id = :other),
                version = version + 1 WHERE id = :mine`,
      )
      .run({ other: other.id, mine: mine.id });
    const now = project(0);
    expect(now.version).toBe(mine.version + 1);
    const shown = similarToProject(t.db, mine.id, { asOf: ASOF, shownOnly: { version: now.version } });
    expect(getIndex(t.db, ASOF, { maxStaleMs: LAG })).toBe(stale); // no rebuild for it
    const copy = shown.find((m) => m.projectId === other.id);
    expect(copy, "the copied project is listed").toBeDefined();
    expect(copy!.score).toBeGreaterThan(0.9);
    // A check rebuilds and finds the same.
    const checked = similarToProject(t.db, mine.id, { asOf: ASOF });
    expect(checked.find((m) => m.projectId === other.id)?.score).toBeGreaterThan(0.9);
  });

  it("with no lag allowed every change rebuilds", () => {
    const a = getIndex(t.db, ASOF, { maxStaleMs: 0 });
    edit(project(2).id);
    expect(getIndex(t.db, ASOF, { maxStaleMs: 0 })).not.toBe(a);
  });
});
