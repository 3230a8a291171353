/**
 * The language switch: English is chosen with the header button, survives
 * navigation and a new page load (cookie), and Vietnamese comes back the same way.
 */
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { baseURL, DEMO_ACCOUNTS, http, login, navLinks, sessionCookie, test } from "./support";

const vi = translator("vi");
const en = translator("en");

async function lang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

async function localeCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === "cp_lang")?.value;
}

test("anonymous: the login page switches to English and back, and the choice is kept in a cookie", async ({
  page,
  context,
}) => {
  await page.goto("/login");
  expect(await lang(page)).toBe("vi");
  expect(await page.locator("h1").innerText()).toBe(vi("auth.login.title"));

  await page.getByTestId("lang-switch").click();
  await expect.poll(() => lang(page)).toBe("en");
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(await page.locator("h1").innerText()).toBe(en("auth.login.title"));
  expect(await page.getByTestId("lang-switch").innerText()).toBe(en("common.lang.switchTo"));
  expect(await localeCookie(page)).toBe("en");

  const second = await context.newPage();
  await second.goto("/login");
  expect(await lang(second)).toBe("en");
  await second.close();

  await page.getByTestId("lang-switch").click();
  await expect.poll(() => lang(page)).toBe("vi");
  expect(await page.locator("h1").innerText()).toBe(vi("auth.login.title"));
  expect(await localeCookie(page)).toBe("vi");
});

test("signed in: English persists across navigation and a new page load, then back to Vietnamese", async ({
  page,
  context,
  onTestFinished,
}) => {
  await login(page, DEMO_ACCOUNTS.leader);
  // Switching also saves the locale on the user; put it back whatever happens, so other tests see Vietnamese.
  onTestFinished(async () => {
    const cookie = await sessionCookie(context).catch(() => undefined);
    if (!cookie) return;
    await http("/locale", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: baseURL(),
        "Sec-Fetch-Site": "same-origin",
        Cookie: `cp_session=${cookie.value}`,
      },
      body: new URLSearchParams({ locale: "vi", redirectTo: "/" }),
    });
  });

  expect(await lang(page)).toBe("vi");
  expect((await navLinks(page))[0]?.text).toBe(vi("common.nav.home"));

  await page.getByTestId("lang-switch").click();
  await expect.poll(() => lang(page)).toBe("en");
  expect(new URL(page.url()).pathname).toBe("/");
  const englishNav = (await navLinks(page)).map((l) => l.text);
  expect(englishNav[0]).toBe(en("common.nav.home"));
  expect(await page.getByRole("navigation", { name: en("common.nav.label") }).count()).toBe(1);
  expect(await page.getByRole("button", { name: en("common.user.logout") }).count()).toBe(1);

  // Client-side navigation through the main menu keeps English.
  const target = (await navLinks(page)).at(-1)!;
  await page.locator("nav.site-nav a").last().click();
  await page.waitForURL((url) => url.pathname === target.href);
  expect(await lang(page)).toBe("en");
  expect((await navLinks(page)).map((l) => l.text)).toEqual(englishNav);

  // A full page load in a new tab reads the cookie.
  const second = await context.newPage();
  await second.goto("/");
  expect(await lang(second)).toBe("en");
  expect((await navLinks(second))[0]?.text).toBe(en("common.nav.home"));
  await second.close();
  await page.reload();
  expect(await lang(page)).toBe("en");

  await page.getByTestId("lang-switch").click();
  await expect.poll(() => lang(page)).toBe("vi");
  expect(new URL(page.url()).pathname).toBe(target.href);
  expect((await navLinks(page))[0]?.text).toBe(vi("common.nav.home"));
  expect(await localeCookie(page)).toBe("vi");
  await page.goto("/");
  expect(await lang(page)).toBe("vi");
});
