/**
 * Signing in and out through the real pages: each demo role sees exactly its
 * navigation, a wrong password is answered beside the form, logout really ends
 * the session, and anonymous visitors are sent to the login page and back.
 */
import { describe, expect } from "vitest";
import type { Role } from "#db/enums";
import { translator } from "~/i18n/i18n";
import { navigationFor } from "~/modules/shell/navigation";
import {
  baseURL,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  http,
  login,
  navLinks,
  newContext,
  sessionCookie,
  test,
  type DemoAccount,
} from "./support";

const vi = translator("vi");
const en = translator("en");

const ROLE_OF: Record<DemoAccount, Role> = {
  admin: "admin",
  coordinator: "coordinator",
  leader: "leader",
  auditor: "auditor",
  "planner.hcm": "planner",
  "planner.laichau": "planner",
  "planner.most": "planner",
};

/** The organisation each planner works for, as shown in the header (Vietnamese). */
const PLANNER_ORGANISATION: Partial<Record<DemoAccount, RegExp>> = {
  "planner.hcm": /Hồ Chí Minh/,
  "planner.laichau": /Lai Châu/,
  "planner.most": /Khoa học và Công nghệ/,
};

/** `/organisations/<id>` → `/organisations/:id`, so the planner's own link can be compared. */
const normalise = (href: string) => href.replace(/^\/organisations\/\d+$/, "/organisations/:id");

/** What navigation.ts gives a user with this single role, in Vietnamese. */
function expectedNav(role: Role) {
  return navigationFor({ roles: [role], ownOrganisationIds: new Set() }, 0).map((item) => ({
    text: vi(item.key),
    href: normalise(item.to),
  }));
}

describe("each demo role signs in through the form and sees its navigation", () => {
  for (const account of Object.keys(DEMO_ACCOUNTS) as DemoAccount[]) {
    test(account, async ({ page }) => {
      await login(page, DEMO_ACCOUNTS[account]);
      expect(new URL(page.url()).pathname).toBe("/");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("vi");

      const role = ROLE_OF[account];
      const links = await navLinks(page);
      expect(links.map((l) => ({ ...l, href: normalise(l.href) }))).toEqual(expectedNav(role));

      const header = await page.getByTestId("current-user").innerText();
      expect(header).toContain(vi(`enums.role.${role}`));
      const texts = links.map((l) => l.text);
      if (role === "planner") {
        expect(texts).toContain(vi("common.nav.myOrganisation"));
        expect(texts).not.toContain(vi("common.nav.users"));
        expect(texts).not.toContain(vi("common.nav.audit"));
        expect(header).toMatch(PLANNER_ORGANISATION[account]!);
      } else {
        expect(texts).not.toContain(vi("common.nav.myOrganisation"));
      }
      if (role === "auditor" || role === "admin") expect(texts).toContain(vi("common.nav.audit"));
      if (role === "leader" || role === "coordinator") expect(texts).not.toContain(vi("common.nav.audit"));
      if (role === "leader") expect(texts).not.toContain(vi("common.nav.users"));
    });
  }
});

describe("login form", () => {
  test("a wrong password shows the Vietnamese error beside the form and keeps the email", async ({
    page,
    context,
    consoleWatch,
  }) => {
    // The action answers 401; Chromium logs the failed .data fetch as a console error.
    consoleWatch.allow(/status of 401/);
    await page.goto("/login");
    await page.locator('input[name="email"]').fill(DEMO_ACCOUNTS.leader);
    await page.locator('input[name="password"]').fill("not-the-password");
    await page.locator('main form button[type="submit"]').click();

    const alert = page.locator("main").getByRole("alert");
    await expect.poll(() => alert.innerText()).toContain(vi("auth.login.error.invalid"));
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.locator('input[name="email"]').inputValue()).toBe(DEMO_ACCOUNTS.leader);
    // The message sits with the form, before it, in the main content.
    const [alertBox, formBox] = await Promise.all([
      alert.boundingBox(),
      page.locator("main form").boundingBox(),
    ]);
    expect(alertBox && formBox && alertBox.y < formBox.y).toBe(true);
    expect(await sessionCookie(context)).toBeUndefined();
  });

  test("the error is in English when English is chosen, and works without JavaScript", async ({
    browser,
  }) => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      await context.addCookies([{ name: "cp_lang", value: "en", url: baseURL() }]);
      const page = await context.newPage();
      await page.goto("/login");
      expect(await page.locator("h1").innerText()).toBe(en("auth.login.title"));
      await page.locator('input[name="email"]').fill(DEMO_ACCOUNTS["planner.most"]);
      await page.locator('input[name="password"]').fill("wrong-password-again");
      await Promise.all([
        page.waitForLoadState("load"),
        page.locator('main form button[type="submit"]').click(),
      ]);
      await page.waitForURL(/\/login/);
      expect(await page.locator("main").getByRole("alert").innerText()).toContain(
        en("auth.login.error.invalid"),
      );
      expect(await page.locator('input[name="email"]').inputValue()).toBe(DEMO_ACCOUNTS["planner.most"]);
      expect(await sessionCookie(context)).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  test("a signed-in user who opens /login is sent home", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.leader);
    await page.goto("/login");
    expect(new URL(page.url()).pathname).toBe("/");
  });

  test("redirectTo never leaves the site", async ({ page }) => {
    await page.goto("/login?redirectTo=" + encodeURIComponent("//evil.example/steal"));
    await login(page, DEMO_ACCOUNTS.leader, { stay: true });
    const url = new URL(page.url());
    expect(url.origin).toBe(baseURL());
    expect(url.pathname).toBe("/");
  });
});

describe("logout", () => {
  test("ends the session: back to /login, and the old cookie no longer works", async ({
    page,
    context,
    browser,
  }) => {
    await login(page, DEMO_ACCOUNTS.coordinator);
    const old = await sessionCookie(context);
    expect(old, "signed in with a session cookie").toBeTruthy();
    expect(old!.httpOnly).toBe(true);
    expect(old!.sameSite).toBe("Lax");

    await page.getByRole("button", { name: vi("common.user.logout") }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await expect.poll(() => page.locator("main").innerText()).toContain(vi("auth.login.loggedOut"));
    expect(await sessionCookie(context)).toBeUndefined();

    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/login");

    // Replay the old cookie in a fresh browser context…
    const replay = await newContext(browser);
    try {
      await replay.addCookies([old!]);
      const replayPage = await replay.newPage();
      await replayPage.goto("/");
      expect(new URL(replayPage.url()).pathname).toBe("/login");
    } finally {
      await replay.close();
    }
    // …and over plain HTTP.
    const res = await http("/", { headers: { Cookie: `cp_session=${old!.value}` } });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!, baseURL()).pathname).toBe("/login");
  });

  test("a replayed cookie from an active session still works (control for the test above)", async ({
    page,
    context,
  }) => {
    await login(page, DEMO_ACCOUNTS.auditor);
    const cookie = await sessionCookie(context);
    const res = await http("/", { headers: { Cookie: `cp_session=${cookie!.value}` } });
    expect(res.status).toBe(200);
  });
});

describe("anonymous visitors are sent to /login and back to what they asked for", () => {
  for (const path of ["/", "/organisations", "/strategy"]) {
    test(path, async ({ page }) => {
      await page.goto(path);
      const url = new URL(page.url());
      expect(url.pathname).toBe("/login");
      if (path !== "/") expect(url.searchParams.get("redirectTo")).toBe(path);
      await login(page, DEMO_ACCOUNTS.leader, { stay: true });
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.locator("main h1").first().isVisible()).toBe(true);
    });
  }

  test("the password is never sent back in the page", async ({ page }) => {
    await page.goto("/login");
    await page.locator('input[name="email"]').fill(DEMO_ACCOUNTS.leader);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    const html = await page.content();
    expect(html).not.toContain(`value="${DEMO_PASSWORD}"`);
  });
});
