/**
 * Pilots and replication in the browser: a planner of Hồ Chí Minh City finds
 * another province's pilot on /rollout, reads its lessons there (its full
 * page stays closed to them), replicates it into Hồ Chí Minh City and lands on
 * the new project, which shows the source pilot and its lessons. Then the
 * project form: errors beside the fields with an error summary, creation,
 * and an edit refused because someone else saved first (typed values kept).
 * axe-core on the rollout page, the form (with and without errors), the
 * replicate page and the project page.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, newContext, test } from "./support";

const vi = translator("vi");

interface PilotRow {
  code: string;
  location: string;
  lessons: number;
}

/** Rows of the rollout table that can be replicated and have lessons, from the current page. */
async function replicablePilots(page: Page): Promise<PilotRow[]> {
  return page
    .getByTestId("rollout-table")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows
        .filter((r) => r.querySelector('[data-testid="rollout-replicate"]') && r.querySelector("details"))
        .map((r) => {
          const cells = r.querySelectorAll("th, td");
          return {
            code: (r.querySelector(".org-code")?.textContent ?? "").trim(),
            location: (cells[1]?.textContent ?? "").trim(),
            lessons: r.querySelectorAll("details .lessons li").length,
          };
        }),
    );
}

/** The rollout row of a pilot (its code in the row header, not in someone else's replications). */
function pilotRow(page: Page, code: string) {
  return page
    .getByTestId("rollout-table")
    .locator("tbody tr")
    .filter({ has: page.locator("th .org-code", { hasText: code }) });
}

describe("replicating a pilot", () => {
  test("planner.hcm replicates another province's pilot from /rollout and sees its lessons on the new project", async ({
    page,
    consoleWatch,
  }) => {
    consoleWatch.allow(/status of 403/);
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    const response = await page.goto("/rollout?sort=lessons&dir=desc&phase=evaluation");
    expect(response?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/rollout (planner)");

    const pilot = (await replicablePilots(page)).find((r) => r.location !== "Hồ Chí Minh" && r.lessons > 0);
    expect(pilot, "a replicable pilot with lessons outside Hồ Chí Minh City").toBeDefined();
    const row = pilotRow(page, pilot!.code);
    // The planner reads the pilot's lessons here, but its page is another organisation's: no link, and 403.
    await row.locator("details summary").click();
    const lesson = (await row.locator("details .lessons li p").first().innerText()).trim();
    expect(lesson.length).toBeGreaterThan(0);
    expect(await row.locator(`a[href="/projects/${pilot!.code}"]`).count()).toBe(0);
    const forbidden = await page.request.get(`/projects/${pilot!.code}`);
    expect(forbidden.status()).toBe(403);

    await Promise.all([
      page.waitForURL((url) => url.pathname === `/projects/${pilot!.code}/replicate`),
      row.getByTestId("rollout-replicate").click(),
    ]);
    await page.getByTestId("pilot-summary").waitFor();
    expect(await page.getByTestId("pilot-lessons").innerText()).toContain(lesson);
    await expectNoSeriousA11yViolations(page, "replicate page");
    await page.locator('main select[name="organisationId"]').selectOption({ label: "Hồ Chí Minh" });
    await page.locator('main input[name="startDate"]').fill("2027-03-01");
    await Promise.all([
      page.waitForURL(
        (url) =>
          /^\/projects\/HCM-2027-\d{3}$/.test(url.pathname) && url.searchParams.get("saved") === "replicated",
      ),
      page.getByTestId("replicate-submit").click(),
    ]);

    const code = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByTestId("saved-notice").waitFor();
    expect(await page.getByTestId("phase").innerText()).toContain(vi("enums.phase.proposed"));
    expect(await page.getByTestId("source-pilot").innerText()).toContain(pilot!.code);
    expect(await page.getByTestId("source-lessons").innerText()).toContain(lesson);
    expect(await page.getByTestId("history").innerText()).toContain(
      vi("projects.history.replicated", { actor: "", date: "", source: pilot!.code }).split(",")[1].trim(),
    );
    // The new project is the planner's: they can edit it.
    await page.getByTestId("edit-link").waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, `/projects/${code}`);

    // The pilot now lists the replication in Hồ Chí Minh City on /rollout.
    await page.goto(`/rollout?q=${encodeURIComponent(pilot!.code)}`);
    const again = pilotRow(page, pilot!.code);
    const replications = await again.locator(".replications-by-province").innerText();
    expect(replications).toContain("Hồ Chí Minh");
    expect(replications).toContain(code);
    expect(await again.locator(`a[href="/projects/${code}"]`).count()).toBe(1);
  });
});

describe("the project form", () => {
  test("errors beside the fields and in a summary; a project is created; a stale edit is refused", async ({
    page,
    browser,
    consoleWatch,
  }) => {
    consoleWatch.allow(/status of 40\d/);
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto("/rollout");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/projects/new"),
      page.getByTestId("new-project-link").click(),
    ]);
    const form = page.locator("main form.project-form");
    await form.locator('input[name="handlesPersonalData"]').check();
    await form.locator('select[name="operatorType"]').selectOption("private_contractor");
    await page.getByTestId("project-submit").click();
    const summary = page.locator("main .error-summary");
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toContain(vi("projects.error.titleViRequired"));
    expect(text).toContain(vi("projects.error.primaryNodeRequired"));
    // Cross-field rules are reported in the same round.
    expect(text).toContain(vi("projects.error.categoriesRequired"));
    expect(text).toContain(vi("projects.error.operatorNameRequired"));
    expect(await page.locator("main .form-group--error").count()).toBeGreaterThan(2);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/projects/new with errors");

    await form.locator('input[name="titleVi"]').fill("Bãi đỗ xe thông minh Thủ Đức");
    await form
      .locator('textarea[name="descriptionVi"]')
      .fill("Cảm biến chỗ trống và thanh toán qua ứng dụng.");
    await form.locator('select[name="domain"]').selectOption("transport");
    const node = await form
      .locator('select[name="primaryNodeId"] option')
      .evaluateAll(
        (o) => (o as HTMLOptionElement[]).find((x) => x.textContent?.includes("DA950.4.1"))!.value,
      );
    await form.locator('select[name="primaryNodeId"]').selectOption(node);
    await form.locator('select[name="hostingModel"]').selectOption("commercial_cloud");
    await form.locator('input[name="operatorName"]').fill("Công ty Cổ phần Đỗ xe Sài Gòn");
    await form.locator('input[name="startDate"]').fill("2027-05-01");
    // Still no personal-data category: refused again, beside the field, and what was typed stays.
    await page.getByTestId("project-submit").click();
    await page.locator("main .error-summary", { hasText: vi("projects.error.categoriesRequired") }).waitFor();
    expect(await form.locator('input[name="titleVi"]').inputValue()).toBe("Bãi đỗ xe thông minh Thủ Đức");
    await form.locator('input[name="personalDataCategories"][value="vehicle"]').check();
    await Promise.all([
      page.waitForURL(
        (url) =>
          /^\/projects\/HCM-2027-\d{3}$/.test(url.pathname) && url.searchParams.get("saved") === "created",
      ),
      page.getByTestId("project-submit").click(),
    ]);
    const code = new URL(page.url()).pathname.split("/").pop()!;
    expect(await page.getByTestId("personal-data").innerText()).toContain(vi("projects.pd.vehicle"));

    // Two people open the edit form; the first saves, the second is refused and keeps what they typed.
    const other = await (await newContext(browser)).newPage();
    await login(other, DEMO_ACCOUNTS.coordinator);
    await other.goto(`/projects/${code}/edit`);
    await page.goto(`/projects/${code}/edit`);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, `/projects/${code}/edit`);
    await other.locator('main input[name="titleEn"]').fill("Smart parking, Thủ Đức");
    await Promise.all([
      other.waitForURL((url) => url.searchParams.get("saved") === "updated"),
      other.getByTestId("project-submit").click(),
    ]);
    await other.context().close();

    await page.locator('main input[name="titleVi"]').fill("Bãi đỗ xe thông minh (bản của tôi)");
    await page.getByTestId("project-submit").click();
    await page.getByTestId("stale-notice").waitFor();
    expect(await page.locator("main .error-summary").innerText()).toContain(vi("projects.error.stale"));
    expect(await page.locator('main input[name="titleVi"]').inputValue()).toBe(
      "Bãi đỗ xe thông minh (bản của tôi)",
    );
    const current = await page.request.get(`/projects/${code}`);
    const html = await current.text();
    expect(html).toContain("Smart parking, Thủ Đức");
    expect(html).not.toContain("bản của tôi");
  });
});
