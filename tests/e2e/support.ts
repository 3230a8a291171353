/**
 * E2E helpers: Chromium (the Debian package, driven by playwright-core), a
 * fresh browser context and page per test that fail the test on console
 * errors, sign-in through the real form, and an axe-core accessibility check.
 */
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { expect, inject, test as base } from "vitest";
import { translator } from "~/i18n/i18n";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Headless comes from the launch option; playwright gives every launch a fresh temporary user-data-dir. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const DEMO_PASSWORD = "citypilot-demo";
export const DEMO_ACCOUNTS = {
  admin: "admin@demo.citypilot.vn",
  coordinator: "coordinator@demo.citypilot.vn",
  leader: "leader@demo.citypilot.vn",
  auditor: "auditor@demo.citypilot.vn",
  "planner.hcm": "planner.hcm@demo.citypilot.vn",
  "planner.laichau": "planner.laichau@demo.citypilot.vn",
  "planner.most": "planner.most@demo.citypilot.vn",
} as const;
export type DemoAccount = keyof typeof DEMO_ACCOUNTS;

const ARTIFACTS = path.resolve(import.meta.dirname, "artifacts");

export function baseURL(): string {
  return inject("baseURL");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseURL(),
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    ...options,
  });
}

/** Console errors and uncaught page errors, with a way to allow the ones a test expects. */
export class ConsoleWatch {
  readonly messages: string[] = [];
  private readonly allowed: RegExp[] = [];

  constructor(page: Page) {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const where = msg.location().url;
      this.messages.push(where ? `${msg.text()} (at ${where})` : msg.text());
    });
    page.on("pageerror", (error) => this.messages.push(`Uncaught ${error.name}: ${error.message}`));
  }

  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): string[] {
    return this.messages.filter((m) => !this.allowed.some((p) => p.test(m)));
  }
}

function safeName(name: string): string {
  return name
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);
}

/**
 * `test` with fixtures: `browser` (one per file), and per test a fresh
 * `context`, a `page` in it and its `consoleWatch`. A test fails when its page
 * logged a console error it did not allow; a failing test leaves a screenshot
 * in tests/e2e/artifacts/.
 */
export const test = base
  .extend("browser", { scope: "file" }, async ({}, { onCleanup }) => {
    const browser = await launchBrowser();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend("context", async ({ browser }, { onCleanup }) => {
    const context = await newContext(browser);
    onCleanup(() => context.close());
    return context;
  })
  .extend("pageAndConsole", async ({ context, task, onTestFailed }, { onCleanup }) => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(30_000);
    const consoleWatch = new ConsoleWatch(page);
    onTestFailed(async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${safeName(task.name)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.error(`[e2e] screenshot: ${file} (url ${page.url()})`);
    });
    onCleanup(() => {
      const unexpected = consoleWatch.unexpected();
      if (unexpected.length > 0) {
        throw new Error(`Console errors on the page:\n  ${unexpected.join("\n  ")}`);
      }
    });
    return { page, consoleWatch };
  })
  .extend("page", async ({ pageAndConsole }) => pageAndConsole.page)
  .extend("consoleWatch", async ({ pageAndConsole }) => pageAndConsole.consoleWatch);

/** Sign in through the login form. Goes to /login first unless `stay` (already on a login page). */
export async function login(
  page: Page,
  email: string,
  { password = DEMO_PASSWORD, stay = false }: { password?: string; stay?: boolean } = {},
): Promise<void> {
  if (!stay) await page.goto("/login");
  await page.locator('main input[name="email"]').fill(email);
  await page.locator('main input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.locator('main form button[type="submit"]').click(),
  ]);
  // The URL changes before React commits the new page: wait for the signed-in header.
  await page.getByTestId("current-user").waitFor();
}

/** The signed-in user's navigation: visible link texts and their hrefs, in order. */
export async function navLinks(page: Page): Promise<{ text: string; href: string }[]> {
  const links = page.locator("nav.site-nav a");
  return links.evaluateAll((as) =>
    as.map((a) => ({ text: (a.textContent ?? "").trim(), href: a.getAttribute("href") ?? "" })),
  );
}

/** The session cookie of a context, or undefined. */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === "cp_session");
}

const BLOCKING = new Set(["serious", "critical"]);

/** Run axe-core on the page and fail on any serious or critical violation, listing them readably. */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  const report = blocking
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `      - ${n.target.join(" ")}\n        ${n.failureSummary?.replace(/\n/g, "\n        ") ?? ""}`,
        )
        .join("\n");
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
  expect(blocking.length, `axe-core found serious/critical violations on ${label}:\n${report}`).toBe(0);
}

/** Plain HTTP against the server (no browser), never following redirects. */
export function http(pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(pathname, baseURL()), { redirect: "manual", ...init });
}

/**
 * Before a plan is submitted, decide every similar proposal the plan page still
 * asks about ("not a duplicate" with `statement`). Other e2e files add
 * projects to the shared database, so a plan may meet a look-alike that was
 * not there when the test was written.
 */
export async function decidePendingSimilar(page: Page, planPath: string, statement: string): Promise<void> {
  for (let guard = 0; guard < 10; guard++) {
    // From the plain address each time, so the next "saved" redirect is a new navigation.
    await page.goto(planPath);
    const pending = page.locator('[data-testid="plan-similar"] tr', {
      has: page.locator(".tag--warn", { hasText: translator("vi")("similar.pending") }),
    });
    if ((await pending.count()) === 0) return;
    const form = pending.first().locator("form.similar-decision");
    await form.locator('input[value="not_duplicate"]').check();
    await form.locator("textarea").fill(statement);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("similar") === "saved"),
      form.getByTestId("similar-decide").click(),
    ]);
  }
}
