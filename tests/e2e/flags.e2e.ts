/**
 * Waste flags end to end: the coordinator filters /flags by rule,
 * acknowledges in bulk, dismisses one (the reason is required: the error is
 * shown beside the field and in the summary), and a project page shows its
 * flags; axe-core finds no serious or critical violation on /flags nor on a
 * project page with flags.
 *
 * The e2e database is seeded without flags (the server is started directly),
 * so this file runs the full recompute on it first, as the first start of the
 * app does. Flags are picked from the database, not assumed.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject } from "vitest";
import { openDatabase, type Db } from "#db/client.server";
import { recomputeFlags, SYSTEM_ACTOR } from "~/modules/flags/recompute.server";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

let db: Db;

beforeAll(() => {
  db = openDatabase(path.join(path.dirname(inject("serverLogPath")), "citypilot.sqlite"));
  const { n } = db.$client.prepare("SELECT COUNT(*) AS n FROM flags").get() as { n: number };
  if (n === 0) recomputeFlags(db, SYSTEM_ACTOR);
});
afterAll(() => db?.$client.close());

/** A rule with at least `min` open, active project flags (the most common such rule). */
function ruleWithOpenFlags(min: number): { rule: string; ids: number[] } {
  const row = db.$client
    .prepare(
      `SELECT rule_code AS rule, COUNT(*) AS n FROM flags
        WHERE active = 1 AND state = 'open' AND subject_type = 'project'
        GROUP BY rule_code HAVING COUNT(*) >= ? ORDER BY n DESC, rule_code LIMIT 1`,
    )
    .get(min) as { rule: string; n: number } | undefined;
  if (!row) throw new Error(`no rule with ${min} open flags in the e2e database`);
  const ids = (
    db.$client
      .prepare(
        `SELECT id FROM flags WHERE active = 1 AND state = 'open' AND rule_code = ?
          ORDER BY CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END DESC,
                   money_at_stake DESC, id`,
      )
      .all(row.rule) as { id: number }[]
  ).map((r) => r.id);
  return { rule: row.rule, ids };
}

const stateOf = (id: number) =>
  db.$client.prepare("SELECT state, state_reason AS reason FROM flags WHERE id = ?").get(id) as {
    state: string;
    reason: string | null;
  };

describe("flags triage", () => {
  test("coordinator filters by rule, acknowledges in bulk, dismisses one with a reason", async ({ page, consoleWatch }) => {
    consoleWatch.allow(/status of 40\d/);
    const { rule, ids } = ruleWithOpenFlags(3);
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/flags");
    await page.locator("#flags-rule").selectOption(rule);
    await page.locator("#flags-state").selectOption("open");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("rule") === rule),
      page.locator("form.filters button[type=submit]").first().click(),
    ]);
    const table = page.getByTestId("flags-table");
    await table.waitFor();
    const expectedTitle = (await page.locator(`#flags-rule option[value="${rule}"]`).textContent())!.trim();
    const titles = await table.locator("tbody tr strong[id^=flag-]").allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(3);
    expect(new Set(titles.map((x) => x.trim()))).toEqual(new Set([expectedTitle]));

    // Bulk acknowledge the first two rows of the list.
    const [a, b, c] = ids;
    for (const id of [a, b]) await page.locator(`#select-${id}`).check();
    await page.locator("#bulk").click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/2/);
    expect(stateOf(a).state).toBe("acknowledged");
    expect(stateOf(b).state).toBe("acknowledged");

    // Dismiss without a reason: refused, message beside the field and in the summary; nothing changes.
    await page.locator(`button[name=row][value="dismiss:${c}"]`).click();
    const fieldError = page.locator(`#reason-${c}-error`);
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/lý do/i);
    expect(await page.locator(`#reason-${c}`).getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.getByRole("alert").count()).toBeGreaterThan(0);
    expect(stateOf(c).state).toBe("open");

    // With a reason it is dismissed, and the reason is shown.
    const reason = "Đã kiểm tra: số liệu nhập muộn, không phải lãng phí";
    await page.locator(`#reason-${c}`).fill(reason);
    await page.locator(`button[name=row][value="dismiss:${c}"]`).click();
    await expect.poll(() => stateOf(c)).toEqual({ state: "dismissed", reason });
    await page.goto(`/flags?rule=${rule}&state=dismissed`);
    await expect.poll(() => page.getByTestId("flags-table").textContent()).toContain(reason);
  });

  test("a project page shows its flags; the triage link lists them", async ({ page }) => {
    const p = db.$client
      .prepare(
        `SELECT p.code, f.rule_code AS rule FROM flags f JOIN projects p ON p.id = f.project_id
          WHERE f.active = 1 AND f.subject_type = 'project' ORDER BY f.money_at_stake DESC LIMIT 1`,
      )
      .get() as { code: string; rule: string };
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto(`/projects/${p.code}`);
    const panel = page.getByTestId("flag-panel");
    await panel.waitFor();
    await panel.getByTestId(`flag-${p.rule}`).first().waitFor();
    // Severity in words, not only colour.
    expect(await panel.locator(".badge").first().textContent()).toMatch(/Cao|Trung bình|Thấp|Nghiêm trọng/);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/flags" && url.searchParams.get("project") === p.code),
      panel.locator('a[href^="/flags?project="]').click(),
    ]);
    await page.getByTestId("flags-scope").waitFor();
    expect(await page.getByTestId("flags-table").textContent()).toContain(p.code);
  });

  test("axe-core: no serious or critical violation on /flags and on a project page with flags", async ({ page }) => {
    const code = (
      db.$client
        .prepare(
          `SELECT p.code FROM flags f JOIN projects p ON p.id = f.project_id
            WHERE f.active = 1 GROUP BY p.id ORDER BY COUNT(*) DESC, p.id LIMIT 1`,
        )
        .get() as { code: string }
    ).code;
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/flags");
    await page.getByTestId("flags-table").waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/flags");
    await page.goto(`/projects/${code}`);
    await page.getByTestId("flag-panel").waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, `/projects/${code}`);
  });
});
