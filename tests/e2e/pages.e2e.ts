/**
 * The pages behind the navigation, opened the way people open them: by
 * clicking the menu. Every link of every role renders its page (no error
 * page, no console error), pages a role may not see answer 403, and the home
 * page shows its chart with a table of the same numbers.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import {
  DEMO_ACCOUNTS,
  expectNoSeriousA11yViolations,
  login,
  navLinks,
  test,
  type DemoAccount,
} from "./support";

const vi = translator("vi");
const ERROR_TITLES = [
  vi("common.error.403.title"),
  vi("common.error.404.title"),
  vi("common.error.500.title"),
  vi("common.error.generic.title"),
];

async function mainHeading(page: Page): Promise<string> {
  const h1 = page.locator("main h1").first();
  await h1.waitFor();
  return (await h1.innerText()).trim();
}

describe("every navigation link of every role opens its page", () => {
  for (const account of Object.keys(DEMO_ACCOUNTS) as DemoAccount[]) {
    test(account, async ({ page }) => {
      await login(page, DEMO_ACCOUNTS[account]);
      const links = await navLinks(page);
      expect(links.length).toBeGreaterThan(0);
      for (const [i, link] of links.entries()) {
        await page.locator("nav.site-nav a").nth(i).click();
        await page.waitForURL((url) => url.pathname === link.href);
        // NavLink marks the current page for screen readers once React has committed it.
        await page.locator(`nav.site-nav a[href="${link.href}"][aria-current="page"]`).waitFor();
        const heading = await mainHeading(page);
        expect(ERROR_TITLES, `${account} → ${link.href} shows "${heading}"`).not.toContain(heading);
        expect(heading.length, `${link.href} has a heading`).toBeGreaterThan(0);
      }
      // The same pages on a full load (server rendering, no client navigation).
      for (const link of links) {
        const response = await page.goto(link.href);
        expect(response?.status(), `${account} GET ${link.href}`).toBe(200);
      }
    });
  }
});

describe("pages outside a role's permissions answer 403", () => {
  const cases: [DemoAccount, string][] = [
    ["planner.hcm", "/admin/users"],
    ["planner.hcm", "/audit"],
    ["leader", "/admin/users"],
    ["leader", "/audit"],
    ["coordinator", "/audit"],
  ];
  for (const [account, path] of cases) {
    test(`${account} → ${path}`, async ({ page, consoleWatch }) => {
      consoleWatch.allow(/status of 403/);
      await login(page, DEMO_ACCOUNTS[account]);
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      expect(await mainHeading(page)).toBe(vi("common.error.403.title"));
    });
  }
});

describe("home", () => {
  test("shows its chart and, beside it, a table of the same numbers", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.leader);
    const figure = page.locator("main figure.chart").first();
    await figure.waitFor();
    await figure.locator("svg").first().waitFor(); // recharts draws after hydration
    const tableLink = await figure.locator("figcaption a").getAttribute("href");
    const table = tableLink?.startsWith("#") ? page.locator(tableLink) : page.locator("main table").first();
    expect(await table.count()).toBe(1);
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
  });
});

describe("accessibility of the other pages (axe-core)", () => {
  const cases: [DemoAccount, string | null][] = [
    ["admin", "/admin/users"],
    ["auditor", "/audit"],
    ["planner.hcm", null], // their own organisation, from the menu
  ];
  for (const [account, path] of cases) {
    test(`${account} → ${path ?? "my organisation"}`, async ({ page }) => {
      await login(page, DEMO_ACCOUNTS[account]);
      const target = path ?? (await navLinks(page)).find((l) => /^\/organisations\/\d+$/.test(l.href))!.href;
      const response = await page.goto(target);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState("networkidle");
      await expectNoSeriousA11yViolations(page, `${target} as ${account}`);
    });
  }
});
