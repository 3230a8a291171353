/**
 * The registers in a browser: a coordinator filters the app register and
 * opens VNeID; a planner adds a data-register row to one of their running
 * projects; the public transparency page (no login, phone-sized) lists it.
 * axe-core finds no serious or critical violation on /apps and /public/data.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { baseURL, DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, newContext, test } from "./support";

const vi = translator("vi");
const appTable = (page: Page) => page.getByTestId("app-register");

async function appNames(page: Page): Promise<string[]> {
  return appTable(page)
    .locator('tbody th[scope="row"] a')
    .evaluateAll((as) => as.map((a) => (a.textContent ?? "").trim()));
}

async function applyFilters(page: Page, expectInUrl: (url: URL) => boolean): Promise<void> {
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/apps" && expectInUrl(url)),
    page.locator('form[role="search"] button[type="submit"]').click(),
  ]);
  await appTable(page).waitFor();
}

describe("app register, data register and the transparency page", () => {
  test("a coordinator filters the app register and opens a national service", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.coordinator);
    const response = await page.goto("/apps");
    expect(response?.status()).toBe(200);
    expect((await page.locator("main h1").innerText()).trim()).toBe(vi("apps.title.list"));
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/apps");

    // Provincial apps of Hồ Chí Minh City (with the units merged into it).
    await page.locator("#apps-scope").selectOption("provincial");
    await page.locator("#apps-province").selectOption({ label: "Hồ Chí Minh" });
    await applyFilters(
      page,
      (url) => url.searchParams.get("scope") === "provincial" && url.searchParams.has("province"),
    );
    await expect.poll(async () => (await appNames(page)).length).toBeGreaterThan(0);
    const scopes = await appTable(page)
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => (tr.children[1]?.textContent ?? "").trim()));
    expect(new Set(scopes)).toEqual(new Set([vi("apps.scope.provincial")]));

    // Clear, then search without diacritics among national services.
    await page.goto("/apps?scope=national");
    await page.locator("#apps-q").fill("dinh danh");
    await applyFilters(page, (url) => url.searchParams.get("q") === "dinh danh");
    await expect.poll(() => appNames(page)).toEqual(["VNeID – Ứng dụng định danh điện tử quốc gia"]);
    await Promise.all([
      page.waitForURL((url) => /^\/apps\/\d+$/.test(url.pathname)),
      appTable(page).locator('tbody th[scope="row"] a').first().click(),
    ]);
    await expect.poll(() => page.getByTestId("app-owner").innerText()).toBe("Bộ Công an");
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/apps/:id");
  });

  test("a planner adds a data-register row; the public page lists it on a phone", async ({
    page,
    browser,
  }) => {
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto("/projects?phase=operational");
    const code = (
      await page.getByTestId("project-register").locator('tbody th[scope="row"] a').first().innerText()
    ).trim();
    expect(code).toMatch(/^[A-Z]/);

    await page.goto(`/projects/${code}/data`);
    expect((await page.locator("main h1").innerText()).trim()).toBe(
      vi("dataRegister.title.project", { code }),
    );
    const purpose = `Kiểm thử minh bạch ${Date.now()}`;
    const form = page.getByTestId("data-row-form");
    await form.locator('select[name="category"]').selectOption("biometric");
    await form.locator('textarea[name="purposeVi"]').fill(purpose);
    await form.locator('input[name="legalBasis"]').fill("Luật Bảo vệ dữ liệu cá nhân 2025");
    await form.locator('input[name="retention"]').fill("30 ngày");
    await form.locator('select[name="operatorType"]').selectOption("government_agency");
    await form.locator('input[name="operatorName"]').fill("Công an Thành phố Hồ Chí Minh");
    await form.locator('input[name="aggregatedOnly"]').check();
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("saved") === "add"),
      page.getByTestId("data-row-submit").click(),
    ]);
    await expect.poll(() => page.getByTestId("data-register-table").innerText()).toContain(purpose);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/projects/:code/data");

    // A resident on a phone, not signed in.
    const phone = await newContext(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const anon = await phone.newPage();
      const res = await anon.goto(`/public/data?q=${encodeURIComponent(code)}`);
      expect(res?.status()).toBe(200);
      const card = anon.getByTestId(`transparency-${code}`);
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toContain(purpose);
      expect(text).toContain("Công an Thành phố Hồ Chí Minh");
      expect(text).toContain(vi("dataRegister.sharing.aggregated"));
      // Nothing wider than the phone's screen.
      const overflow = await anon.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await anon.waitForLoadState("networkidle");
      await expectNoSeriousA11yViolations(anon, "/public/data (phone)");
    } finally {
      await phone.close();
    }
  });

  test("/public/data in English, without login, axe-clean", async ({ page, context }) => {
    await context.addCookies([{ name: "cp_lang", value: "en", url: baseURL() }]);
    await page.goto("/public/data");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect((await page.locator("main h1").innerText()).trim()).toBe(
      translator("en")("dataRegister.public.title"),
    );
    expect(await page.getByTestId("transparency-list").locator("> li").count()).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/public/data (en)");
  });
});
