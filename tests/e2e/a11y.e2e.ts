/**
 * axe-core on the main pages, in both languages where the brief asks for it:
 * no serious or critical violation. Console errors fail a test too (support.ts).
 */
import { describe, expect } from "vitest";
import { baseURL, DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

describe("accessibility (axe-core: no serious or critical violations)", () => {
  for (const locale of ["vi", "en"] as const) {
    test(`/login (${locale})`, async ({ page, context }) => {
      await context.addCookies([{ name: "cp_lang", value: locale, url: baseURL() }]);
      await page.goto("/login");
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      await expectNoSeriousA11yViolations(page, `/login (${locale})`);
    });

    test(`/login with the error summary shown (${locale})`, async ({ page, context, consoleWatch }) => {
      consoleWatch.allow(/status of 40\d/);
      await context.addCookies([{ name: "cp_lang", value: locale, url: baseURL() }]);
      await page.goto("/login");
      await page.locator('main form button[type="submit"]').click();
      await page.locator("main").getByRole("alert").waitFor();
      await expectNoSeriousA11yViolations(page, `/login with errors (${locale})`);
    });

    test(`/ home (${locale})`, async ({ page, context }) => {
      await context.addCookies([{ name: "cp_lang", value: locale, url: baseURL() }]);
      await login(page, DEMO_ACCOUNTS.coordinator);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      await page.waitForLoadState("networkidle");
      await expectNoSeriousA11yViolations(page, `/ (${locale})`);
    });
  }

  for (const path of ["/organisations", "/strategy"]) {
    test(path, async ({ page }) => {
      await login(page, DEMO_ACCOUNTS.coordinator);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState("networkidle");
      await expectNoSeriousA11yViolations(page, path);
    });
  }
});
