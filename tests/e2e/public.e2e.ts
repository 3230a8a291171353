/**
 * The public portal in a browser: a resident on a phone-sized screen (no
 * login) gives feedback with a citizen ID on a published project, a
 * coordinator publishes the comment in /moderation, and it appears on the
 * public page. The language switch works for anonymous visitors; axe-core
 * finds no serious or critical violation on the public pages (vi and en).
 */
import { describe, expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import {
  baseURL,
  ConsoleWatch,
  DEMO_ACCOUNTS,
  expectNoSeriousA11yViolations,
  login,
  newContext,
  test,
} from "./support";

const vi = translator("vi");
const en = translator("en");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function phonePage(browser: Browser, locale?: "vi" | "en") {
  const context = await newContext(browser, PHONE);
  if (locale) await context.addCookies([{ name: "cp_lang", value: locale, url: baseURL() }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, console: new ConsoleWatch(page) };
}

/** The first published project on /public: its address. */
async function firstPublicProject(page: Page): Promise<string> {
  await page.goto("/public");
  const link = page.getByTestId("public-projects").locator("li a").first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/public\/projects\//);
  return href!;
}

/** A format-valid citizen ID that no other run uses (born 1990 in Hà Nội). */
function freshCitizenId(): string {
  return `001090${String(Date.now() % 1_000_000).padStart(6, "0")}`;
}

describe("public portal", () => {
  test("a resident on a phone comments, a coordinator publishes it, it appears publicly", async ({
    browser,
    page: coordinatorPage,
  }) => {
    const resident = await phonePage(browser);
    resident.console.allow(/status of 40\d/);
    try {
      const { page } = resident;
      const href = await firstPublicProject(page);
      await page.goto(href);
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      // Nothing wider than the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);

      const form = page.getByTestId("feedback-form");
      const marker = `Góp ý thử nghiệm ${Date.now()}: nên có thêm hướng dẫn cho người cao tuổi.`;
      // A wrong province code is explained beside the field, and what was typed stays.
      await form.getByLabel(vi("feedback.form.kind.comment")).check();
      await form.getByLabel(vi("feedback.form.citizenId")).fill("003090123456");
      await form.getByLabel(vi("feedback.form.province")).selectOption({ label: "Hà Nội" });
      await form.getByLabel(vi("feedback.form.body")).fill(marker);
      await form.getByRole("button", { name: vi("feedback.form.submit") }).click();
      await expect
        .poll(() => form.locator(".field-error").first().innerText())
        .toContain(vi("feedback.error.citizenId.province"));
      expect(await form.getByLabel(vi("feedback.form.body")).inputValue()).toBe(marker);

      await form.getByLabel(vi("feedback.form.citizenId")).fill(freshCitizenId());
      await form.getByRole("button", { name: vi("feedback.form.submit") }).click();
      await expect
        .poll(() => page.getByTestId("feedback-result").innerText())
        .toBe(vi("feedback.done.pending"));
      // Not public before moderation.
      expect(await page.getByText(marker).count()).toBe(0);

      await login(coordinatorPage, DEMO_ACCOUNTS.coordinator);
      await coordinatorPage.goto("/moderation?page=999");
      const row = coordinatorPage.getByTestId("moderation-queue").locator("tr", { hasText: marker });
      await row.locator('input[type="checkbox"]').check();
      await coordinatorPage.getByLabel(vi("feedback.moderation.decision.publish")).check();
      await coordinatorPage.getByRole("button", { name: vi("feedback.moderation.submit") }).click();
      await expect
        .poll(() => coordinatorPage.getByTestId("moderation-result").innerText())
        .toContain(vi("feedback.moderation.done", { done: 1 }));

      await page.goto(href);
      await expect.poll(() => page.getByTestId("public-comments").innerText()).toContain(marker);
      expect(resident.console.unexpected()).toEqual([]);
    } finally {
      await resident.context.close();
    }
  });

  test("support counts once per ID; the count shows on the public page", async ({ browser }) => {
    const { context, page, console: watch } = await phonePage(browser);
    try {
      const href = await firstPublicProject(page);
      await page.goto(href);
      const before = Number((await page.getByTestId("count-support").innerText()).replace(/\D/g, ""));
      const id = `079190${String((Date.now() + 7) % 1_000_000).padStart(6, "0")}`;
      for (const expected of ["counted", "unchanged"] as const) {
        const form = page.getByTestId("feedback-form");
        await form.getByLabel(vi("feedback.form.kind.support")).check();
        await form.getByLabel(vi("feedback.form.citizenId")).fill(id);
        await form.getByLabel(vi("feedback.form.province")).selectOption({ label: "Hồ Chí Minh" });
        await form.getByRole("button", { name: vi("feedback.form.submit") }).click();
        await expect
          .poll(() => page.getByTestId("feedback-result").innerText())
          .toBe(vi(`feedback.done.${expected}`));
      }
      const after = Number((await page.getByTestId("count-support").innerText()).replace(/\D/g, ""));
      expect(after).toBe(before + 1);
      expect(watch.unexpected()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a coordinator publishes a project from its page and withdraws it again", async ({
    page,
    context,
  }) => {
    await login(page, DEMO_ACCOUNTS.coordinator);
    // A project that is not public: the register's first row, checked on its panel.
    await page.goto("/projects?phase=proposed");
    const code = (await page.locator("main table tbody tr a").first().innerText()).trim();
    await page.goto(`/projects/${encodeURIComponent(code)}`);
    const panel = page.getByTestId("publication-panel");
    expect(await panel.getByTestId("publication-state").innerText()).toContain(
      vi("public.publish.notPublished"),
    );
    expect((await context.request.get(`/public/projects/${encodeURIComponent(code)}`)).status()).toBe(404);
    await panel.getByTestId("publish-button").click();
    await expect
      .poll(() => page.getByTestId("publication-notice").innerText())
      .toBe(vi("public.publish.done.publish"));
    expect((await context.request.get(`/public/projects/${encodeURIComponent(code)}`)).status()).toBe(200);
    await page.getByTestId("publish-button").click();
    await expect
      .poll(() => page.getByTestId("publication-notice").innerText())
      .toBe(vi("public.publish.done.unpublish"));
    expect((await context.request.get(`/public/projects/${encodeURIComponent(code)}`)).status()).toBe(404);
  });

  test("anonymous visitors switch the portal to English and back", async ({ page }) => {
    await page.goto("/public");
    expect(await page.locator("h1").innerText()).toBe(vi("public.list.title"));
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(new URL(page.url()).pathname).toBe("/public");
    expect(await page.locator("h1").innerText()).toBe(en("public.list.title"));
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("vi");
  });

  test("filters live in the URL; an unpublished project is not found", async ({ page, consoleWatch }) => {
    consoleWatch.allow(/status of 404/);
    await page.goto("/public");
    const provinceLink = page.getByTestId("public-provinces").locator("a").first();
    const provinceHref = await provinceLink.getAttribute("href");
    const provinceId = provinceHref!.split("/").pop()!;
    await page.locator("#f-province").selectOption(provinceId);
    await page.getByRole("button", { name: vi("public.list.apply") }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("province")).toBe(provinceId);
    expect(await page.getByTestId("public-projects").locator("li").count()).toBeGreaterThan(0);
    const response = await page.goto("/public/projects/NOT-A-PROJECT-1");
    expect(response?.status()).toBe(404);
  });

  for (const locale of ["vi", "en"] as const) {
    test(`axe-core: /public, a project, a province on a phone (${locale})`, async ({ browser }) => {
      const { context, page, console: watch } = await phonePage(browser, locale);
      try {
        await page.goto("/public");
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        await expectNoSeriousA11yViolations(page, `/public (${locale})`);
        const href = await firstPublicProject(page);
        await page.goto(href);
        await page.waitForLoadState("networkidle");
        await expectNoSeriousA11yViolations(page, `${href} (${locale})`);
        // The form with its error summary shown.
        watch.allow(/status of 400/);
        await page.getByTestId("feedback-form").getByRole("button").click();
        await page.getByTestId("feedback-form").getByRole("alert").waitFor();
        await expectNoSeriousA11yViolations(page, `${href} with errors (${locale})`);
        await page.goto("/public");
        const province = await page.getByTestId("public-provinces").locator("a").first().getAttribute("href");
        await page.goto(province!);
        await expectNoSeriousA11yViolations(page, `${province} (${locale})`);
        expect(watch.unexpected()).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  test("axe-core: /moderation for a coordinator", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/moderation");
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, "/moderation");
  });

  test("/moderation: one box selects every comment on the page, and clears them again", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/moderation");
    const all = page.getByLabel(vi("feedback.moderation.selectAll"), { exact: true });
    await all.waitFor(); // shown once the page's script runs
    const boxes = page.locator("input.moderation-select");
    expect(await boxes.count()).toBeGreaterThan(1);
    await all.check();
    expect(await boxes.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).checked))).toBe(true);
    await all.uncheck();
    expect(await boxes.evaluateAll((els) => els.some((e) => (e as HTMLInputElement).checked))).toBe(false);
  });
});
