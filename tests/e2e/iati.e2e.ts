/**
 * API tokens, the JSON API and IATI over real HTTP: an admin issues a token
 * for Hồ Chí Minh City on /admin/api-tokens and sees it once; the token reads
 * the API; a cookie-less bearer write passes the cross-site refusal while the
 * same write carrying a cookie does not; errors are JSON; the OpenAPI
 * document is served; a coordinator downloads an IATI file that validates.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect } from "vitest";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, http, login, test } from "./support";

const vi = translator("vi");
const XSD = path.resolve(import.meta.dirname, "../fixtures/iati-2.03/iati-activities-schema.xsd");

describe("API tokens and the JSON API", () => {
  test("an admin creates a token, sees it once, and the token works against /api/v1", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.admin);
    const response = await page.goto("/admin/api-tokens");
    expect(response?.status()).toBe(200);
    const name = `E2E ${Date.now()}`;
    await page.getByLabel(vi("api.tokens.field.name")).fill(name);
    const select = page.getByLabel(vi("api.tokens.field.organisation"), { exact: true });
    const hcm = await select.locator("option", { hasText: "(P-HCM)" }).first().getAttribute("value");
    await select.selectOption(hcm!);
    await page.getByRole("button", { name: vi("api.tokens.create") }).click();
    const tokenInput = page.locator("#new-token-value");
    await tokenInput.waitFor();
    const token = await tokenInput.inputValue();
    expect(token).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    await expectNoSeriousA11yViolations(page, "/admin/api-tokens with a new token");

    // Shown once: a fresh load lists the token by name and id, never the secret.
    await page.goto("/admin/api-tokens");
    await expect.poll(() => page.locator("table").textContent()).toContain(name);
    expect(await page.content()).not.toContain(token.split(".")[1]);

    const list = await http("/api/v1/projects?limit=2", { headers: { Authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { organisation: { code: string } }[]; page: { next: string | null } };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.page.next).toMatch(/cursor=/);

    // A cross-site write with the bearer token and no cookie reaches the API (and is validated there).
    const write = await http("/api/v1/projects", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Origin: "https://erp.example", "Sec-Fetch-Site": "cross-site" },
      body: JSON.stringify({ titleVi: "" }),
    });
    expect(write.status).toBe(422);
    expect(((await write.json()) as { errors: Record<string, string[]> }).errors).toHaveProperty("titleVi");

    // The same write carrying a cookie is refused before any action runs.
    const withCookie = await http("/api/v1/projects", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        Cookie: "cp_session=abc.def",
        "Content-Type": "application/json",
        Origin: "https://evil.example",
        "Sec-Fetch-Site": "cross-site",
      },
      body: JSON.stringify({ titleVi: "" }),
    });
    expect(withCookie.status).toBe(403);

    const none = await http("/api/v1/projects");
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toMatch(/application\/json/);
    const missing = await http("/api/v1/no-such-thing", { headers: { Authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");

    const doc = await http("/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});

describe("IATI", () => {
  test("a coordinator downloads the IATI file and it validates against the 2.03 schema", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS.coordinator);
    const cookie = (await page.context().cookies()).find((c) => c.name === "cp_session")!;
    const res = await http("/iati/export.xml", { headers: { Cookie: `cp_session=${cookie.value}` } });
    expect(res.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-iati-"));
    const file = path.join(dir, "a.xml");
    fs.writeFileSync(file, await res.text());
    const v = spawnSync("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", XSD, file], { encoding: "utf8" });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(v.stderr).toContain("validates");

    const response = await page.goto("/iati/import");
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator("h1").textContent()).toBe(vi("iati.import.title"));
    await expectNoSeriousA11yViolations(page, "/iati/import");
  });

  test("a planner uploads an IATI file: unmatched activities are reported and skipped, a DTD is refused", async ({ page, consoleWatch }) => {
    consoleWatch.allow(/status of 4\d\d/);
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto("/iati/import");
    const donorFile = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03"><iati-activity default-currency="VND"><iati-identifier>XM-DAC-0-NOT-OURS</iati-identifier>
<transaction><transaction-type code="3"/><transaction-date iso-date="2025-05-05"/><value value-date="2025-05-05">1000</value></transaction>
</iati-activity></iati-activities>`;
    await page.getByLabel(vi("iati.import.file")).setInputFiles({ name: "donor.xml", mimeType: "application/xml", buffer: Buffer.from(donorFile) });
    await page.getByRole("button", { name: vi("iati.import.preview") }).click();
    await page.getByTestId("iati-issues").waitFor();
    expect(await page.getByTestId("iati-issues").textContent()).toContain(vi("iati.issue.activityNotMatched"));
    expect(await page.getByTestId("iati-counts").textContent()).toContain(vi("iati.import.count.skipped", { n: "1" }));
    await expectNoSeriousA11yViolations(page, "/iati/import preview");

    await page.getByLabel(vi("iati.import.file")).setInputFiles({
      name: "xxe.xml",
      mimeType: "application/xml",
      buffer: Buffer.from(`<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><iati-activities>&x;</iati-activities>`),
    });
    await page.getByRole("button", { name: vi("iati.import.preview") }).click();
    await expect.poll(() => page.getByTestId("iati-refused").textContent()).toBe(vi("iati.refusal.doctype"));
  });
});
