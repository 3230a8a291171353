/**
 * Money and time in the browser (issue 4's scenario): a planner of Hồ Chí
 * Minh City opens one of their projects, enters two budget lines, a
 * commitment and two disbursements (amounts typed as officials type them),
 * adds a milestone and marks it done, and sees approved, committed,
 * disbursed, disbursement rate and physical progress update on the project
 * page, and the milestone done in the Gantt view. axe-core on the project
 * page's money-and-time section.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { formatPercent } from "~/i18n/format";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

const vi = translator("vi");

interface Snapshot {
  approved: number;
  committed: number;
  disbursed: number;
  weightDone: number;
  weightTotal: number;
  rateText: string;
  progressText: string;
}

async function snapshot(page: Page, code: string): Promise<Snapshot> {
  await page.goto(`/projects/${code}`);
  const section = page.getByTestId("money-and-time");
  await section.waitFor();
  const value = async (id: string) => Number(await section.getByTestId(id).getAttribute("data-value"));
  const dl = section.getByTestId("money-figures");
  return {
    approved: await value("fig-approved"),
    committed: await value("fig-committed"),
    disbursed: await value("fig-disbursed"),
    weightDone: Number(await dl.getAttribute("data-weight-done")),
    weightTotal: Number(await dl.getAttribute("data-weight-total")),
    rateText: (await section.getByTestId("fig-rate").innerText()).trim(),
    progressText: (await section.getByTestId("fig-progress").innerText()).trim(),
  };
}

/** Submit a form by its button and wait for the page to come back from the server. */
async function submit(page: Page, name: string) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  await page.waitForLoadState("networkidle");
}

async function recordTransaction(
  page: Page,
  t: { kind: string; line: string; date: string; amount: string; doc: string },
) {
  const form = page.getByRole("group", { name: vi("transactions.form.legend") });
  await form.getByLabel(vi("transactions.form.kind"), { exact: true }).selectOption({ label: t.kind });
  await form.getByLabel(vi("transactions.form.line"), { exact: true }).selectOption({ label: t.line });
  await form.getByLabel(vi("transactions.form.date"), { exact: true }).fill(t.date);
  await form.getByLabel(vi("transactions.form.amount"), { exact: true }).fill(t.amount);
  await form.getByLabel(vi("transactions.form.documentRef"), { exact: true }).fill(t.doc);
  await submit(page, vi("transactions.form.submit"));
  await expect
    .poll(() => page.getByRole("status").allInnerTexts())
    .toContainEqual(expect.stringContaining(vi("transactions.saved.created")));
}

describe("money and time", () => {
  test("planner.hcm enters budget lines, a commitment, two disbursements and a done milestone, and sees the figures and the Gantt update", async ({
    page,
  }) => {
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    // One of their pilots (the register shows planners their own projects).
    await page.goto("/projects?phase=pilot&sort=start&dir=desc");
    // A pilot that started by 2025 (the code carries the start year), so its fiscal years reach
    // 2026 whatever other tests have added to the shared database before this one.
    const codes = (await page.getByRole("link", { name: /^HCM-\d{4}-\d{3}$/ }).allInnerTexts()).map((c) =>
      c.trim(),
    );
    const code = codes.find((c) => Number(c.slice(4, 8)) <= 2025) ?? codes[0];
    expect(code, "planner.hcm has a pilot in the register").toBeTruthy();
    const before = await snapshot(page, code);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, `/projects/${code} (money and time)`);

    // Budget: two lines of the community fund in this year (or the project's last year before it).
    const subnav = page.getByRole("navigation", { name: vi("finance.subnav.label") });
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/projects/${code}/budget`),
      subnav.getByRole("link", { name: vi("finance.subnav.budget") }).click(),
    ]);
    // Wait for the budget page itself, not only its address (a client navigation changes the
    // address before the new page has rendered).
    const yearSelect = page.getByLabel(vi("budget.field.fiscalYear"), { exact: true });
    await yearSelect.waitFor();
    await expect.poll(() => yearSelect.locator("option").count()).toBeGreaterThan(0);
    const years = (await yearSelect.locator("option").allInnerTexts()).map(Number).filter((y) => y <= 2026);
    expect(years.length, "the project has a fiscal year up to 2026").toBeGreaterThan(0);
    const year = Math.max(...years);
    const lines = [
      { category: vi("budget.category.training"), amount: "1,5 tỷ" },
      { category: vi("budget.category.security"), amount: "500 triệu" },
    ];
    for (const line of lines) {
      await page.getByLabel(vi("budget.field.fiscalYear"), { exact: true }).selectOption(String(year));
      await page
        .getByLabel(vi("budget.field.fundingSource"), { exact: true })
        .selectOption({ label: vi("budget.source.community") });
      await page
        .getByLabel(vi("budget.field.category"), { exact: true })
        .selectOption({ label: line.category });
      await page.getByLabel(vi("budget.field.amount"), { exact: true }).fill(line.amount);
      await submit(page, vi("budget.add.submit"));
      await expect
        .poll(() => page.getByRole("status").allInnerTexts())
        .toContainEqual(expect.stringContaining(vi("budget.saved.add")));
    }

    // Transactions: a commitment and two disbursements on the training line.
    await page.goto(`/projects/${code}/transactions`);
    const lineLabel = vi("transactions.line.label", {
      year: String(year),
      source: vi("transactions.source.community"),
      category: vi("transactions.category.training"),
    });
    const doc = `E2E-${Date.now()}`;
    await recordTransaction(page, {
      kind: vi("transactions.kind.commitment"),
      line: lineLabel,
      date: `${year}-03-10`,
      amount: "1 tỷ",
      doc: `${doc}-HD`,
    });
    await recordTransaction(page, {
      kind: vi("transactions.kind.disbursement"),
      line: lineLabel,
      date: `${year}-04-15`,
      amount: "300.000.000",
      doc: `${doc}-GN1`,
    });
    await recordTransaction(page, {
      kind: vi("transactions.kind.disbursement"),
      line: lineLabel,
      date: `${year}-06-20`,
      amount: "200 triệu",
      doc: `${doc}-GN2`,
    });

    // Milestones: add one (weight 5) and mark it done.
    const milestone = `Nghiệm thu E2E ${doc}`;
    await page.goto(`/projects/${code}/milestones`);
    await page.getByLabel(vi("milestones.field.nameVi"), { exact: true }).fill(milestone);
    await page.getByLabel(vi("milestones.field.dueDate"), { exact: true }).fill(`${year}-09-30`);
    await page.getByLabel(vi("milestones.field.weight"), { exact: true }).fill("5");
    await submit(page, vi("milestones.action.add"));
    const row = page.getByRole("row").filter({ hasText: milestone });
    await row.getByLabel(vi("milestones.field.doneDateFor", { name: milestone })).fill(`${year}-09-28`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      row.getByRole("button", { name: vi("milestones.action.done") }).click(),
    ]);
    await page.waitForLoadState("networkidle");

    // The project page shows the new figures.
    const after = await snapshot(page, code);
    expect(after.approved - before.approved).toBe(2_000_000_000);
    expect(after.committed - before.committed).toBe(1_000_000_000);
    expect(after.disbursed - before.disbursed).toBe(500_000_000);
    expect(after.weightTotal - before.weightTotal).toBe(5);
    expect(after.weightDone - before.weightDone).toBe(5);
    expect(after.rateText).toBe(formatPercent(after.disbursed / after.approved, "vi", 1));
    expect(after.progressText).toBe(formatPercent(after.weightDone / after.weightTotal, "vi", 1));
    // The S-curve's table ends at the total disbursed.
    const lastRow = page.getByTestId("s-curve-table").getByRole("row").last();
    expect(await lastRow.getByRole("cell").last().innerText()).toContain(
      (await page.getByTestId("fig-disbursed").innerText()).trim(),
    );
    await page.waitForLoadState("networkidle");
    await expectNoSeriousA11yViolations(page, `/projects/${code} after entry`);

    // The Gantt view shows the milestone done.
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/projects/${code}/gantt`),
      page
        .getByRole("navigation", { name: vi("finance.subnav.label") })
        .getByRole("link", { name: vi("finance.subnav.gantt") })
        .click(),
    ]);
    await page.getByTestId("gantt-table").waitFor();
    const gantt = await page.getByTestId("gantt-table").innerText();
    expect(gantt).toContain(milestone);
    expect(gantt).toContain(vi("milestones.status.doneOn", { date: `28/09/${year}` }));
  });
});
