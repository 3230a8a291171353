/**
 * The strategy tree at work, in Chromium: a coordinator adds an item, renames
 * it, moves it under another parent, tries to delete an item with projects
 * and is told why not, archives that item instead (and brings it back); the
 * tree opens and closes with the keyboard alone; axe-core finds no serious
 * violation on the tree, a node page and a form.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

const vi = translator("vi");
const CODE = `E2E.${Date.now().toString(36).toUpperCase()}`;

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState("networkidle"), page.locator(selector).click()]);
}

describe("a coordinator works on the strategy tree", () => {
  test("adds, renames, moves an item; is refused deleting one with projects; archives it", async ({
    page,
    consoleWatch,
  }) => {
    // Refused submissions answer 400/409, which Chromium reports on the console.
    consoleWatch.allow(/status of 40\d/);
    await login(page, DEMO_ACCOUNTS.coordinator);

    // Add a sub-item of DA950.6: first with nothing filled in, then properly.
    await page.goto("/strategy/DA950.6");
    await page.getByTestId("add-child").click();
    await page.waitForURL(/\/strategy\/new\?parent=DA950\.6/);
    await page.getByRole("button", { name: vi("strategy.form.new.submit") }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toContain(vi("strategy.error.codeRequired"));
    expect(await summary.innerText()).toContain(vi("strategy.error.titleViRequired"));
    await page.getByLabel(vi("strategy.form.code")).fill(CODE);
    await page.getByLabel(vi("strategy.form.titleVi")).fill("Thí điểm bản đồ số dùng chung");
    await page.getByLabel(vi("strategy.form.periodStart")).fill("2026");
    await page.getByLabel(vi("strategy.form.periodEnd")).fill("2030");
    await page.getByLabel(vi("strategy.form.lead")).selectOption({ label: "Bộ Xây dựng" });
    await page.getByRole("checkbox", { name: "Bộ Tài chính" }).check();
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/strategy/${CODE}`),
      page.getByRole("button", { name: vi("strategy.form.new.submit") }).click(),
    ]);
    await expect.poll(() => page.getByTestId("notice").innerText()).toBe(vi("strategy.node.done.created"));
    expect(await page.locator("main h1").innerText()).toContain("Thí điểm bản đồ số dùng chung");
    expect(await page.getByTestId("node-cooperators").innerText()).toContain("Bộ Tài chính");

    // Rename it.
    await page.getByTestId("edit-node").click();
    await page.waitForURL(`**/strategy/${CODE}/edit`);
    const title = page.getByLabel(vi("strategy.form.titleVi"));
    await title.fill("Bản đồ số đô thị dùng chung");
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/strategy/${CODE}` && u.search.includes("done=saved")),
      page.getByTestId("save-node").click(),
    ]);
    await expect.poll(() => page.locator("main h1").innerText()).toContain("Bản đồ số đô thị dùng chung");

    // Move it under DA950.5, first among its new siblings.
    await page.getByTestId("move-node").click();
    await page.waitForURL(`**/strategy/${CODE}/move`);
    await page.getByLabel(vi("strategy.move.parent")).selectOption("DA950.5");
    await page.getByLabel(vi("strategy.move.first")).check();
    await Promise.all([
      page.waitForURL((u) => u.search.includes("done=moved")),
      page.getByTestId("move-submit").click(),
    ]);
    await expect.poll(() => page.locator("nav.breadcrumb").innerText()).toContain("DA950.5");
    await page.goto("/strategy/DA950.5");
    expect(
      await page.locator('[data-testid="children-table"] tbody tr').first().getAttribute("data-node-code"),
    ).toBe(CODE);

    // Try to delete an item with projects beneath it: refused with the count and a suggestion to archive.
    await page.goto("/strategy/DA950.5.2");
    const projects = Number(
      (await page.locator('[data-testid="rollup-table"] tfoot td').first().innerText()).replace(/\D/g, ""),
    );
    expect(projects).toBeGreaterThan(0);
    await page.getByTestId("delete-node").click();
    await page.waitForURL("**/strategy/DA950.5.2/delete");
    const blocked = page.getByTestId("delete-blocked");
    await blocked.waitFor();
    expect(await blocked.innerText()).toBe(
      vi("strategy.delete.blockedProjects", { count: String(projects) }),
    );
    expect(await page.getByTestId("delete-submit").count()).toBe(0);

    // Archive it instead: hidden from the tree, shown with "show archived".
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/strategy/DA950.5.2" && u.search.includes("done=archived")),
      page.getByTestId("archive-instead").click(),
    ]);
    await page.getByTestId("archived-notice").waitFor();
    await page.goto("/strategy?open=all");
    expect(await page.locator('[data-node-code="DA950.5.2"]').count()).toBe(0);
    await page.getByTestId("toggle-archived").click();
    await page.waitForURL((u) => u.search.includes("archived=1"));
    const archivedRow = page.locator('[data-node-code="DA950.5.2"]');
    await archivedRow.waitFor();
    expect(await archivedRow.innerText()).toContain(vi("strategy.archivedTag"));

    // Bring it back (the demo data stays as it was for other tests), and delete the new item.
    await page.goto("/strategy/DA950.5.2");
    await submit(page, '[data-testid="unarchive-node"]');
    await page.waitForURL((u) => u.search.includes("done=unarchived"));
    await page.goto(`/strategy/${CODE}/delete`);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/strategy" && u.search.includes("deleted=1")),
      page.getByTestId("delete-submit").click(),
    ]);
    await page.getByTestId("notice").waitFor();
    expect(await page.locator(`[data-node-code="${CODE}"]`).count()).toBe(0);
  });

  test("a second coordinator saving an older version is refused and keeps what they typed", async ({
    page,
    context,
    consoleWatch,
  }) => {
    consoleWatch.allow(/status of 409/);
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/strategy/DA950.6.2/edit");
    // Meanwhile someone else saves the same item (another tab of the same session).
    const other = await context.newPage();
    await other.goto("/strategy/DA950.6.2/edit");
    const original = await other.getByLabel(vi("strategy.form.titleEn")).inputValue();
    await other.getByLabel(vi("strategy.form.titleEn")).fill(`${original} (rev)`);
    await Promise.all([
      other.waitForURL((u) => u.search.includes("done=saved")),
      other.getByTestId("save-node").click(),
    ]);
    await other.close();

    await page.getByLabel(vi("strategy.form.titleEn")).fill("My stale edit");
    await page.getByTestId("save-node").click();
    const stale = page.getByTestId("stale-notice");
    await stale.waitFor();
    expect(await stale.innerText()).toContain(vi("strategy.form.stale"));
    expect(await page.getByLabel(vi("strategy.form.titleEn")).inputValue()).toBe("My stale edit");
    // The newer data is one link away.
    expect(await stale.getByRole("link", { name: vi("strategy.form.staleLink") }).getAttribute("href")).toBe(
      "/strategy/DA950.6.2",
    );
  });
});

describe("the tree with the keyboard alone", () => {
  test("opens and closes sub-items with Enter and Space, and expand/collapse all", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.leader);
    await page.goto("/strategy");
    const details = page.locator('[data-node-code="DA950.1"] > details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    // Tab to the toggle of DA950.1's sub-items.
    const focusedIsToggle = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.tagName === "SUMMARY" && el.closest("li")?.getAttribute("data-node-code") === "DA950.1";
      });
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press("Tab");
      found = await focusedIsToggle();
    }
    expect(found, "the sub-items toggle of DA950.1 is reachable with Tab").toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('[data-node-code="DA950.1.1"]').isVisible()).toBe(true);
    await page.keyboard.press("Space");
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    // "Expand all" and "Collapse all" are links, reachable and followed with the keyboard.
    await page.getByTestId("expand-all").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.search.includes("open=all"));
    await expect
      .poll(() =>
        page.locator(".tree details").evaluateAll((ds) => ds.every((d) => (d as HTMLDetailsElement).open)),
      )
      .toBe(true);
    await page.getByTestId("collapse-all").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.search.includes("open=none"));
    await expect
      .poll(() =>
        page.locator(".tree details").evaluateAll((ds) => ds.every((d) => !(d as HTMLDetailsElement).open)),
      )
      .toBe(true);
  });
});

describe("accessibility of the strategy pages (axe-core)", () => {
  for (const path of [
    "/strategy?open=all",
    "/strategy/DA950.4",
    "/strategy/DA950.4/edit",
    "/strategy/DA950.4/move",
  ]) {
    test(path, async ({ page }) => {
      await login(page, DEMO_ACCOUNTS.coordinator);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState("networkidle");
      await expectNoSeriousA11yViolations(page, path);
    });
  }

  test("/strategy/new with the error summary shown", async ({ page, consoleWatch }) => {
    consoleWatch.allow(/status of 40\d/);
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/strategy/new?parent=DA950.4");
    await page.getByRole("button", { name: vi("strategy.form.new.submit") }).click();
    await page.locator(".error-summary").waitFor();
    await expectNoSeriousA11yViolations(page, "/strategy/new with errors");
  });
});
