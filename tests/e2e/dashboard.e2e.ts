/**
 * Leadership dashboard in the browser (issue 6's scenario): a leader opens
 * the national dashboard, the charts draw their SVG after hydration and
 * their axes name the rows of the tables beside them; the leader filters by
 * region and fiscal year (the view is in the URL), clicks a province on the
 * map and lands on its dashboard with the same filters, then drills from a
 * strategy pillar down to its areas, to the list of projects and to one
 * project. axe-core finds no serious or critical violation on the pages.
 * Read-only: it changes no data, so other files' order does not matter.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

const vi = translator("vi");
const REGION = "northern-midlands-mountains";

/** Row header texts of a table (by test id), in order. */
async function rowHeaders(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator("tbody th[scope=row]")
    .evaluateAll((ths) => ths.map((th) => (th.textContent ?? "").trim()));
}

/** Tick labels of a recharts axis inside a chart figure, once recharts has drawn them. */
async function axisLabels(page: Page, chartTestId: string, axis: "x" | "y"): Promise<string[]> {
  const ticks = page
    .getByTestId(chartTestId)
    .locator(`.chart-box svg .recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`);
  await ticks.first().waitFor();
  return ticks.evaluateAll((ts) => ts.map((t) => (t.textContent ?? "").trim()));
}

describe("leadership dashboard", () => {
  test("charts draw after hydration and match their tables; filters, province, pillar drill-down", async ({
    page,
  }) => {
    await login(page, DEMO_ACCOUNTS.leader);
    await page.goto("/dashboard");
    await page.getByRole("heading", { level: 1, name: vi("dashboard.title") }).waitFor();

    // The pipeline chart's categories are the phase rows of its table, in the same order.
    const phases = await rowHeaders(page, "by-phase");
    expect(phases).toHaveLength(7);
    expect(await axisLabels(page, "chart-pipeline", "x")).toEqual(phases);
    // The pillar chart's categories are the codes of the pillar table's rows.
    const pillarCodes = await page
      .getByTestId("by-pillar")
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-node-code")));
    expect(await axisLabels(page, "chart-pillars", "y")).toEqual(pillarCodes);
    // The S-curve draws a line with one point per quarter of its table.
    const curve = page.getByTestId("dashboard-curve");
    await curve.locator(".chart-box svg.recharts-surface").first().waitFor();
    const quarters = await page.getByTestId("dashboard-curve-table").locator("tbody tr").count();
    expect(quarters).toBeGreaterThan(4);
    await curve.locator(".recharts-dot").first().waitFor();
    expect(await curve.locator(".recharts-line-dots .recharts-dot").count()).toBe(quarters);
    // The map is server-rendered SVG: one link per province, named with its value.
    const mapLinks = page.getByTestId("province-map").locator("a[data-province-id]");
    expect(await mapLinks.count()).toBe(34);
    await expectNoSeriousA11yViolations(page, "/dashboard");

    // Filter by region and fiscal year.
    const national = Number(
      await page
        .getByTestId("fig-projects")
        .locator(".card__value")
        .innerText()
        .then((s) => s.replace(/\D/g, "")),
    );
    await page.getByLabel(vi("dashboard.filters.region"), { exact: true }).selectOption(REGION);
    await page.getByTestId("year-filter").getByLabel("2026", { exact: true }).check();
    await Promise.all([
      page.waitForURL(
        (u) => u.searchParams.get("region") === REGION && u.searchParams.getAll("year").includes("2026"),
      ),
      page.getByRole("button", { name: vi("dashboard.filters.apply") }).click(),
    ]);
    await page.getByTestId("dashboard-asof").filter({ hasText: "2026" }).waitFor();
    const filtered = Number(
      await page
        .getByTestId("fig-projects")
        .locator(".card__value")
        .innerText()
        .then((s) => s.replace(/\D/g, "")),
    );
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(national);
    // The province table adds up to the headline, and only the region's provinces have projects.
    const rows = await page
      .getByTestId("by-province")
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          id: tr.getAttribute("data-unit-id"),
          projects: Number(tr.querySelector("td[data-value]")?.getAttribute("data-value")),
        })),
      );
    expect(rows.reduce((s, r) => s + r.projects, 0)).toBe(filtered);
    const target = rows.filter((r) => r.projects > 0).sort((a, b) => b.projects - a.projects)[0];

    // Click that province on the map: its dashboard, same filters.
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/dashboard/provinces/${target.id}`),
      page.locator(`[data-testid=province-map] a[data-province-id="${target.id}"]`).click(),
    ]);
    expect(new URL(page.url()).searchParams.getAll("year")).toEqual(["2026"]);
    await page
      .getByTestId("scope-plans")
      .or(page.getByText(vi("dashboard.scope.noPlans")))
      .first()
      .waitFor();
    const provinceProjects = Number(
      await page
        .getByTestId("fig-projects")
        .locator(".card__value")
        .innerText()
        .then((s) => s.replace(/\D/g, "")),
    );
    expect(provinceProjects).toBe(target.projects);
    await expectNoSeriousA11yViolations(page, "/dashboard/provinces/:id");

    // Back to the national view: from a pillar to its areas, to the projects, to one project.
    await page.goto("/dashboard#pillars");
    const pillar = page.getByTestId("by-pillar").locator("tbody tr a[data-testid^=pillar-open-]").first();
    const pillarCode = (await pillar.getAttribute("data-testid"))!.replace("pillar-open-", "");
    await Promise.all([page.waitForURL((u) => u.searchParams.get("pillar") === pillarCode), pillar.click()]);
    await page.getByTestId("pillar-trail").getByText(pillarCode).waitFor();
    const area = page
      .getByTestId("by-pillar")
      .locator("tbody tr")
      .filter({ has: page.locator("td[data-value]:not([data-value='0'])") })
      .first();
    const areaCode = await area.getAttribute("data-node-code");
    const areaCount = Number(await area.locator("td[data-value]").first().getAttribute("data-value"));
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/dashboard/list" && u.searchParams.get("under") === areaCode),
      area.getByTestId(`pillar-projects-${areaCode}`).click(),
    ]);
    const list = page.getByTestId("drill-table");
    await list.waitFor();
    expect(await list.locator("tbody tr").count()).toBe(Math.min(areaCount, 500));
    await expectNoSeriousA11yViolations(page, "/dashboard/list");
    const first = list.locator("tbody tr").first();
    const code = await first.getAttribute("data-code");
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/projects/${code}`),
      first.getByRole("link", { name: code! }).click(),
    ]);
    await page.getByText(code!).first().waitFor();
  });

  test("the numbers export to XLSX and the English page has no serious violation", async ({
    page,
    context,
  }) => {
    await context.addCookies([{ name: "cp_lang", value: "en", url: (await import("./support")).baseURL() }]);
    await login(page, DEMO_ACCOUNTS.coordinator);
    const response = await page.goto("/dashboard?year=2025&units=recorded");
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: translator("en")("dashboard.title") }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/dashboard (en, units as recorded)");
    const xlsx = await page.request.get("/dashboard.xlsx?year=2025");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toMatch(/spreadsheetml/);
  });
});
