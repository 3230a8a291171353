/**
 * The project register in a browser: a leader searches without diacritics,
 * filters by province and phase, changes the columns, sorts, pages, and the
 * address alone reproduces the view in a new page; the CSV link exports that
 * view; axe-core finds no serious violation.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

const vi = translator("vi");

const table = (page: Page) => page.getByTestId("project-register");

/** Header texts of the register table (without the sort hints). */
async function headers(page: Page): Promise<string[]> {
  return table(page)
    .locator("thead th")
    .evaluateAll((ths) =>
      ths.map((th) => {
        const clone = th.cloneNode(true) as HTMLElement;
        clone.querySelectorAll(".visually-hidden, .sort-indicator").forEach((n) => n.remove());
        return (clone.textContent ?? "").trim();
      }),
    );
}

/** Index of a column by its header text. */
async function columnIndex(page: Page, header: string): Promise<number> {
  const i = (await headers(page)).indexOf(header);
  expect(i, `column "${header}"`).toBeGreaterThanOrEqual(0);
  return i;
}

/** Text of every cell of a column on this page. */
async function columnTexts(page: Page, header: string): Promise<string[]> {
  const i = await columnIndex(page, header);
  return table(page)
    .locator("tbody tr")
    .evaluateAll((trs, idx) => trs.map((tr) => (tr.children[idx]?.textContent ?? "").trim()), i);
}

async function codes(page: Page): Promise<string[]> {
  return table(page)
    .locator('tbody th[scope="row"] a')
    .evaluateAll((as) => as.map((a) => (a.textContent ?? "").trim()));
}

/** Submit the filter form and wait for the new address. */
async function applyFilters(page: Page, expectInUrl: (url: URL) => boolean): Promise<void> {
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/projects" && expectInUrl(url)),
    page.locator('form[role="search"] button[type="submit"]').click(),
  ]);
  await table(page).waitFor();
}

describe("project register", () => {
  test("search, filter, choose columns, sort, page; the address reproduces the view", async ({
    page,
    context,
  }) => {
    await login(page, DEMO_ACCOUNTS.leader);
    const response = await page.goto("/projects");
    expect(response?.status()).toBe(200);
    expect((await page.locator("main h1").innerText()).trim()).toBe(vi("register.title"));
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/projects");
    // Leaders read; they are not offered to create projects.
    expect(await page.getByTestId("new-project").count()).toBe(0);

    // 1. Search without diacritics: "he thong" finds "hệ thống".
    await page.locator("#reg-q").fill("he thong");
    await applyFilters(page, (url) => url.searchParams.get("q") === "he thong");
    const titles = await columnTexts(page, vi("register.col.title"));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.some((t) => t.toLowerCase().includes("hệ thống"))).toBe(true);
    await expect.poll(() => page.getByTestId("register-caption-detail").innerText()).toContain("he thong");

    // 2. Province and phase, the search kept. (Controls by id: each has its own <label for>.)
    await page.locator("#reg-province").selectOption("P-HCM");
    await page.locator("#reg-phase").selectOption("operational");
    await applyFilters(
      page,
      (url) =>
        url.searchParams.get("province") === "P-HCM" &&
        url.searchParams.get("phase") === "operational" &&
        url.searchParams.get("q") === "he thong",
    );
    const phases = await columnTexts(page, vi("register.col.phase"));
    expect(phases.length).toBeGreaterThan(0);
    expect(new Set(phases)).toEqual(new Set([vi("enums.phase.operational")]));
    for (const province of await columnTexts(page, vi("register.col.province"))) {
      // Hồ Chí Minh today, or a former province merged into it (tagged as a former unit).
      expect(province === "Hồ Chí Minh" || province.endsWith(vi("register.legacy")), province).toBe(true);
    }
    const caption = await page.getByTestId("register-caption-detail").innerText();
    expect(caption).toContain("Hồ Chí Minh");
    expect(caption).toContain(vi("enums.phase.operational"));

    // 3. Columns: drop "updated", add "domain" and "start date".
    await page.locator("#reg-col-updated").uncheck();
    await page.locator("#reg-col-domain").check();
    await page.locator("#reg-col-start").check();
    await applyFilters(page, (url) => url.searchParams.getAll("col").includes("domain"));
    const shown = await headers(page);
    expect(shown).toContain(vi("register.col.domain"));
    expect(shown).toContain(vi("register.col.start"));
    expect(shown).not.toContain(vi("register.col.updated"));
    expect(shown[0]).toBe(vi("register.col.code"));

    // 4. Sort by approved budget (largest first on the first click).
    const approvedHeader = table(page)
      .locator("thead th")
      .nth(await columnIndex(page, vi("register.col.approved")));
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("sort") === "approved"),
      approvedHeader.locator("a.sort-link").click(),
    ]);
    await expect.poll(() => approvedHeader.getAttribute("aria-sort")).toBe("descending");
    const exact = await table(page)
      .locator("tbody td.num span[title]")
      .evaluateAll((spans) => spans.map((s) => Number((s.getAttribute("title") ?? "").replace(/\D/g, ""))));
    expect(exact.length).toBeGreaterThan(0);
    expect(exact).toEqual([...exact].sort((a, b) => b - a));

    // 5. Ten rows a page, then the next page.
    await page.locator("#projects-size").selectOption("10");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("size") === "10"),
      page.locator("form.pagination__size button[type=submit]").click(),
    ]);
    const total = Number((await table(page).locator(".data-table__count").innerText()).replace(/\D/g, ""));
    expect(total, "the view needs two pages").toBeGreaterThan(10);
    // The address changes before React has rendered the new page: wait for the rows.
    await expect.poll(() => codes(page)).toHaveLength(10);
    const firstPage = await codes(page);
    expect(firstPage).toHaveLength(10);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("page") === "2"),
      page.locator('nav.pagination a[rel="next"]').click(),
    ]);
    await expect.poll(() => page.locator(".pagination__status").innerText()).toContain("2");
    const secondPage = await codes(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.some((c) => firstPage.includes(c))).toBe(false);

    // 6. The address alone reproduces the view in a new page.
    const address = page.url();
    const view = {
      codes: secondPage,
      headers: await headers(page),
      caption: await page.getByTestId("register-caption-detail").innerText(),
    };
    const other = await context.newPage();
    try {
      const again = await other.goto(address);
      expect(again?.status()).toBe(200);
      await table(other).waitFor();
      expect(await codes(other)).toEqual(view.codes);
      expect(await headers(other)).toEqual(view.headers);
      expect(await other.getByTestId("register-caption-detail").innerText()).toBe(view.caption);
      expect(await other.locator("#reg-q").inputValue()).toBe("he thong");
      expect(await other.locator("#reg-province").inputValue()).toBe("P-HCM");
      expect(await other.locator("#reg-phase").inputValue()).toBe("operational");
      expect(await other.locator("#reg-col-updated").isChecked()).toBe(false);
      const sorted = table(other)
        .locator("thead th")
        .nth(await columnIndex(other, vi("register.col.approved")));
      expect(await sorted.getAttribute("aria-sort")).toBe("descending");
      await other.waitForLoadState("networkidle");
      await expectNoSeriousA11yViolations(other, "/projects (filtered, sorted, page 2)");
    } finally {
      await other.close();
    }

    // 7. The CSV link exports every row of this view (not just the page), UTF-8 with a BOM.
    const href = await page.getByTestId("register-csv").getAttribute("href");
    expect(href).toBe(`/projects.csv${new URL(address).search}`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString("utf8").slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(total + 1);
    expect(lines[0].startsWith(vi("register.col.code"))).toBe(true);
  });

  test("a planner sees their own organisation's projects and may add one", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS["planner.laichau"]);
    const response = await page.goto("/projects?org=P-HCM");
    expect(response?.status()).toBe(200);
    await table(page).waitFor();
    expect(await page.getByTestId("new-project").getAttribute("href")).toBe("/projects/new");
    // A forged filter for another province shows nothing of it.
    expect(await codes(page)).toEqual([]);
  });
});
