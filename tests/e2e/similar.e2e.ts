/**
 * Similar proposals in the browser (issue 5, "at submission"): Lai Châu's
 * planner creates a plan, opens the new-project form and types the title of
 * an existing proposal of another province; the form lists it (debounced, in
 * a polite live region) with the kind, score and reason. After saving, the
 * planner states on the edit page why it is not a duplicate (an empty
 * statement is refused beside the field), decides anything the plan page
 * still asks for, and submits the plan. The coordinator reads the statement on
 * the plan page. axe-core on the form with the list and on the plan page.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

const vi = translator("vi");
const CODE = `E2E-SIM-${Date.now().toString(36).toUpperCase()}`;
const STATEMENT = "Dự án của Lai Châu dùng nền tảng IOC dùng chung của tỉnh, không xây trung tâm riêng.";

interface Item {
  code: string;
  titleVi: string;
  provinceNameVi: string | null;
  canRead: boolean;
}

/** A foreign proposal that the endpoint lists when its own title is typed (stable whatever other tests add). */
async function pickForeignProposal(page: Page, organisationId: string): Promise<Item> {
  const search = async (titleVi: string, full = false) => {
    const qs = new URLSearchParams({ titleVi, organisationId });
    if (full) {
      qs.set("descriptionVi", descriptionOf(titleVi));
      qs.set("domain", "governance");
    }
    const res = await page.request.get(`/projects/similar?${qs}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Item[] }).items;
  };
  for (const seed of ["Trung tâm điều hành thông minh (IOC)", "Ứng dụng công dân số", "Trung tâm dữ liệu"]) {
    for (const item of await search(seed)) {
      if (item.canRead || item.provinceNameVi === "Lai Châu") continue;
      // Listed for its title alone (what the form shows first) and for the saved project's text.
      const again = await search(item.titleVi);
      const saved = await search(item.titleVi, true);
      if (again.some((m) => m.code === item.code) && saved.some((m) => m.code === item.code)) return item;
    }
  }
  throw new Error("no foreign proposal found");
}

/** The description the test saves with the project. */
function descriptionOf(title: string): string {
  return `${title}: phạm vi, mục tiêu và kết quả dự kiến.`;
}

async function decideNotDuplicate(page: Page, form: ReturnType<Page["locator"]>) {
  await form.locator('input[value="not_duplicate"]').check();
  await form.locator("textarea").fill(STATEMENT);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("similar") === "saved"),
    form.getByTestId("similar-decide").click(),
  ]);
  await page
    .getByTestId("plan-similar")
    .getByRole("status")
    .filter({ hasText: vi("similar.saved") })
    .waitFor();
}

describe("similar proposals while writing a project and at submission", () => {
  let planPath = "";
  let projectCode = "";
  let other: Item;

  test("a planner sees another province's proposal listed with the reason, states why it is not a duplicate, and submits", async ({
    page,
  }) => {
    await login(page, DEMO_ACCOUNTS["planner.laichau"]);
    // A plan of their own.
    await page.goto("/plans/new");
    const planForm = page.locator("main form#plan-new");
    await planForm.waitFor();
    await planForm.locator('input[name="code"]').fill(CODE);
    await planForm.locator('input[name="titleVi"]').fill("Kế hoạch chuyển đổi số thử nghiệm 2031–2035");
    await planForm.locator('textarea[name="summaryVi"]').fill("Ưu tiên dùng chung nền tảng sẵn có.");
    await planForm.locator('input[name="periodStart"]').fill("2031");
    await planForm.locator('input[name="periodEnd"]').fill("2035");
    await Promise.all([
      page.waitForURL(
        (url) => /^\/plans\/\d+$/.test(url.pathname) && url.searchParams.get("done") === "created",
      ),
      planForm.locator('button[type="submit"]').click(),
    ]);
    planPath = new URL(page.url()).pathname;

    // The new-project form.
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/projects/new"),
      page.getByTestId("new-project-link").click(),
    ]);
    const form = page.locator("main form.project-form");
    const organisationId = await form.locator('select[name="organisationId"]').inputValue();
    expect(organisationId).not.toBe("");
    other = await pickForeignProposal(page, organisationId);

    const live = page.getByTestId("similar-live");
    expect(await live.getByTestId("similar-status").getAttribute("aria-live")).toBe("polite");
    // Typed with the keyboard: the list follows (debounced).
    await form.locator('input[name="titleVi"]').click();
    await page.keyboard.type(other.titleVi, { delay: 5 });
    const row = live.locator(`[data-testid="similar-row"][data-code="${other.code}"]`);
    await row.waitFor({ timeout: 15_000 });
    const rowText = await row.innerText();
    expect(rowText).toContain(other.code);
    expect(rowText).toContain(other.provinceNameVi ?? "");
    expect(rowText).toMatch(
      new RegExp(`${vi("similar.kind.same_solution")}|${vi("similar.kind.same_project")}`),
    );
    // The reason: shared terms and the other place.
    expect(rowText).toContain(vi("similar.reason.terms", { terms: "" }).trim().replace(/:$/, ""));
    expect(rowText).toContain(vi("similar.reason.otherPlace", { province: other.provinceNameVi ?? "" }));
    // Another unit's project: shown, but no link that would 403.
    expect(await row.locator(`a[href="/projects/${other.code}"]`).count()).toBe(0);
    expect(await live.getByTestId("similar-status").innerText()).toContain(
      vi("similar.found", { count: await live.getByTestId("similar-row").count() }),
    );
    // Withdrawing before saving: a way back to the plan, nothing created.
    expect(await live.getByTestId("similar-dont-create").getAttribute("href")).toBe(planPath);
    await expectNoSeriousA11yViolations(page, "/projects/new (similar proposals listed)");

    // Save the project.
    await form
      .locator('textarea[name="descriptionVi"]')
      .fill(`${other.titleVi}: phạm vi, mục tiêu và kết quả dự kiến.`);
    await form.locator('select[name="domain"]').selectOption("governance");
    const node = await form
      .locator('select[name="primaryNodeId"] option')
      .evaluateAll((options) => (options as HTMLOptionElement[]).find((o) => o.value !== "")!.value);
    await form.locator('select[name="primaryNodeId"]').selectOption(node);
    await form.locator('select[name="hostingModel"]').selectOption("government_cloud");
    await Promise.all([
      page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && url.searchParams.has("saved")),
      page.getByTestId("project-submit").click(),
    ]);
    projectCode = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

    // The edit page: decide on the proposal that was listed.
    await page.goto(`/projects/${projectCode}/edit`);
    const section = page.getByTestId("plan-similar");
    await section.waitFor();
    // The listed proposal (or, if the saved text ranks it lower, the strongest one shown).
    let decidedRow = section.locator(`[data-testid="similar-row"][data-code="${other.code}"]`);
    const listedThere = (await decidedRow.count()) > 0;
    console.log(
      `similar e2e: typed the title of ${other.code} (${other.provinceNameVi}); decided on it: ${listedThere}`,
    );
    if (!listedThere) {
      decidedRow = section.locator('[data-testid="similar-row"]').first();
      other = { ...other, code: (await decidedRow.getAttribute("data-code"))! };
    }
    const decision = decidedRow.locator("form.similar-decision");
    // An empty statement is refused beside the field, nothing is saved.
    await decision.locator('input[value="not_duplicate"]').check();
    await decision.getByTestId("similar-decide").click();
    await decision.locator(".field-error").first().waitFor();
    expect(await decision.locator(".field-error").first().innerText()).toContain(
      vi("similar.error.statementRequired"),
    );
    expect(new URL(page.url()).searchParams.get("similar")).toBeNull();
    await decideNotDuplicate(page, decision);
    const reviewed = page
      .getByTestId("plan-similar")
      .locator(`[data-testid="similar-row"][data-code="${other.code}"]`);
    expect(await reviewed.innerText()).toContain(vi("similar.decided.not_duplicate"));
    expect(await reviewed.innerText()).toContain(STATEMENT);

    // The plan page: decide whatever still needs a decision, then submit.
    for (let guard = 0; guard < 10; guard++) {
      // From the plain address each time, so the next "saved" redirect is a new navigation.
      await page.goto(planPath);
      const pending = page.locator('[data-testid="plan-similar"] tr', {
        has: page.locator(".tag--warn", { hasText: vi("similar.pending") }),
      });
      if ((await pending.count()) === 0) break;
      await decideNotDuplicate(page, pending.first().locator("form.similar-decision"));
    }
    await expectNoSeriousA11yViolations(page, `${planPath} (similar proposals decided)`);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("done") === "submitted"),
      page.locator('main button[name="intent"][value="submit"]').first().click(),
    ]);
    // The address changes a moment before the page shows the new data: wait for the page itself.
    await page.getByTestId("plan-done").waitFor();
    await page.getByTestId("plan-status").filter({ hasText: vi("enums.planStatus.submitted") }).waitFor();
  });

  test("the coordinator reads the planner's statement on the plan page", async ({ page }) => {
    expect(planPath).not.toBe("");
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto(planPath);
    const section = page.getByTestId("plan-similar");
    await section.waitFor();
    const text = await section.innerText();
    expect(text).toContain(projectCode);
    expect(text).toContain(other.code);
    expect(text).toContain(STATEMENT);
    // No decision forms for the coordinator in review.
    expect(await section.locator("form.similar-decision").count()).toBe(0);
  });
});
