/**
 * Bounded staleness (ADR 0015): a read model that allows it keeps serving its
 * last value for at most `maxStaleMs` after a reader first sees newer data,
 * then is computed again; with 0 it is never stale. The dashboards are the
 * only read models that use it, and they say when they were computed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { memoWithinStaleness, readModelMaxStaleMs } from "~/modules/db/sql.server";
import { createTestDb, type TestDb } from "./helpers/db";

let t: TestDb;
beforeAll(() => {
  t = createTestDb();
});
afterAll(() => t.cleanup());
afterEach(() => {
  delete process.env.READ_MODEL_MAX_STALE_MS;
});

let writes = 0;
function write() {
  writes++;
  t.db.$client
    .prepare("INSERT INTO regions (code, name_vi, name_en, disadvantaged) VALUES (?, 'x', 'x', 0)")
    .run(`test-${writes}`);
}

describe("memoWithinStaleness", () => {
  it("with 0 it recomputes after every write", () => {
    let computed = 0;
    const read = () => memoWithinStaleness(t.db, "test:fresh", 0, () => ++computed).value;
    expect(read()).toBe(1);
    expect(read()).toBe(1);
    write();
    expect(read()).toBe(2);
  });

  it("serves the last value for maxStaleMs after a write is first seen, then recomputes once", () => {
    let clock = 1_000;
    const now = () => clock;
    let computed = 0;
    const read = () => memoWithinStaleness(t.db, "test:stale", 500, () => ++computed, now);
    expect(read()).toEqual({ value: 1, computedAt: 1_000 });
    clock = 5_000; // long after: no write, still the same value
    expect(read().value).toBe(1);
    write();
    clock = 5_100; // a reader sees the write: the old value, stamped with when it was computed
    expect(read()).toEqual({ value: 1, computedAt: 1_000 });
    write();
    clock = 5_599; // further writes do not extend the lag
    expect(read().value).toBe(1);
    clock = 5_600; // maxStaleMs after the change was first seen: computed again, once
    expect(read()).toEqual({ value: 2, computedAt: 5_600 });
    expect(read().value).toBe(2);
    expect(computed).toBe(2);
  });

  it("is 0 outside production unless configured, and the setting is read from the environment", () => {
    expect(readModelMaxStaleMs()).toBe(0); // vitest runs with NODE_ENV=test
    process.env.READ_MODEL_MAX_STALE_MS = "1500";
    expect(readModelMaxStaleMs()).toBe(1_500);
    process.env.READ_MODEL_MAX_STALE_MS = "-3";
    expect(readModelMaxStaleMs()).toBe(0);
  });
});
