/**
 * The plan workflow as people do it, in Chromium, with the demo accounts:
 * a planner of Hồ Chí Minh City creates a plan with two new projects and
 * submits it; the coordinator comments and returns it; the planner sees the
 * reason and the comments, resolves one, fixes the plan and resubmits; the
 * coordinator approves. Then a revision round: the planner starts revision 3,
 * changes the summary and adds a project, submits; the coordinator approves;
 * the revision history shows the change field by field. Plus axe-core on the
 * plan page (planner and coordinator views) and on the revision history.
 *
 * Each step is a test with a fresh browser context (a fresh sign-in); the
 * plan created in the first step is shared by the next ones.
 */
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { decidePendingSimilar, DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, newContext, test } from "./support";

const vi = translator("vi");
const CODE = `E2E-HCM-${Date.now().toString(36).toUpperCase()}`;
const SUMMARY_1 = "Ưu tiên nền tảng dữ liệu dùng chung và trung tâm điều hành.";
const SUMMARY_2 = "Ưu tiên nền tảng dữ liệu dùng chung; bổ sung cơ cấu nguồn vốn theo ý kiến Tổ công tác.";
const SUMMARY_3 = "Lần sửa đổi 3: thêm dự án chiếu sáng thông minh và điều chỉnh lộ trình.";
const RETURN_REASON = "Cơ cấu nguồn vốn chưa phù hợp; đề nghị bổ sung.";
const PROJECT_COMMENT = "Đề nghị bổ sung đánh giá tác động bảo vệ dữ liệu cá nhân.";

let planPath = "";
const projectCodes: string[] = [];

async function status(page: Page): Promise<string> {
  return (await page.getByTestId("plan-status").locator(".tag").innerText()).trim();
}

/** Click a plan-page command button and wait for the redirect that confirms it. */
async function command(page: Page, intent: string, done: string): Promise<void> {
  if (intent === "submit") {
    await decidePendingSimilar(page, planPath, "Dự án thử nghiệm riêng của kế hoạch này, không trùng với đề xuất khác.");
  }
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("done") === done),
    page.locator(`main button[name="intent"][value="${intent}"]`).first().click(),
  ]);
  await page.getByTestId("plan-done").waitFor();
}

/** Create a project in the plan through the projects form (`/projects/new?planId=`). */
async function newProjectInPlan(page: Page, title: string, domain: string): Promise<string> {
  await page.goto(planPath);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/projects/new"),
    page.getByTestId("new-project-link").click(),
  ]);
  expect(new URL(page.url()).searchParams.get("planId")).toBe(planPath.split("/").pop());
  const form = page.locator("main form.project-form");
  await form.locator('input[name="titleVi"]').fill(title);
  await form
    .locator('textarea[name="descriptionVi"]')
    .fill(`${title}: mô tả phạm vi, mục tiêu và kết quả dự kiến.`);
  await form.locator('select[name="domain"]').selectOption(domain);
  const node = await form
    .locator('select[name="primaryNodeId"] option')
    .evaluateAll((options) => (options as HTMLOptionElement[]).find((o) => o.value !== "")!.value);
  await form.locator('select[name="primaryNodeId"]').selectOption(node);
  await form.locator('select[name="hostingModel"]').selectOption("government_cloud");
  await Promise.all([
    page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && url.searchParams.has("saved")),
    page.getByTestId("project-submit").click(),
  ]);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

describe("plan workflow: create, submit, return, fix, resubmit, approve, revise", () => {
  test("a planner creates a plan with two projects and submits it", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto("/plans");
    await expectNoSeriousA11yViolations(page, "/plans (planner)");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/plans/new"),
      page.locator("main a[href='/plans/new']").click(),
    ]);
    const form = page.locator("main form#plan-new");
    await form.waitFor();
    await expectNoSeriousA11yViolations(page, "/plans/new");
    await form.locator('input[name="code"]').fill(CODE.toLowerCase());
    await form.locator('input[name="titleVi"]').fill("Kế hoạch đô thị thông minh thử nghiệm 2031–2035");
    await form.locator('textarea[name="summaryVi"]').fill(SUMMARY_1);
    await form.locator('input[name="periodStart"]').fill("2031");
    await form.locator('input[name="periodEnd"]').fill("2035");
    await Promise.all([
      page.waitForURL(
        (url) => /^\/plans\/\d+$/.test(url.pathname) && url.searchParams.get("done") === "created",
      ),
      form.locator('button[type="submit"]').click(),
    ]);
    await page.getByTestId("plan-done").waitFor();
    planPath = new URL(page.url()).pathname;
    expect(await page.locator("main").innerText()).toContain(CODE);
    expect(await status(page)).toBe(vi("enums.planStatus.draft"));
    // Submitting an empty plan is announced before the button.
    expect(await page.getByTestId("submit-checklist").innerText()).toContain(
      vi("plans.submit.problem.noProjects"),
    );

    projectCodes.push(
      await newProjectInPlan(page, "Trung tâm điều hành đô thị thông minh thử nghiệm", "governance"),
    );
    projectCodes.push(await newProjectInPlan(page, "Nền tảng dữ liệu giao thông thử nghiệm", "transport"));

    await page.goto(planPath);
    const rows = page.getByTestId("plan-projects").locator("tbody tr");
    expect(await rows.count()).toBe(2);
    for (const code of projectCodes)
      expect(await page.getByTestId("plan-projects").innerText()).toContain(code);
    expect(await page.getByTestId("submit-checklist").count()).toBe(0);

    await command(page, "submit", "submitted");
    expect(await status(page)).toBe(vi("enums.planStatus.submitted"));
    await expectNoSeriousA11yViolations(page, `${planPath} (planner, submitted)`);
  });

  test("the coordinator finds it waiting, comments on a project and returns it with a reason", async ({
    page,
    consoleWatch,
  }) => {
    expect(planPath, "needs the plan from the first step").not.toBe("");
    // Should the empty reason reach the server (client validation runs first), it answers 400.
    consoleWatch.allow(/status of 400/);
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto("/plans");
    const queue = page.getByTestId("waiting-review");
    expect(await queue.innerText()).toContain(CODE);
    await expectNoSeriousA11yViolations(page, "/plans (coordinator, review queue)");
    await Promise.all([
      page.waitForURL((url) => url.pathname === planPath),
      queue.locator(`a[href="${planPath}"]`).click(),
    ]);
    await page.getByTestId("review-box").waitFor();
    await expectNoSeriousA11yViolations(page, `${planPath} (coordinator, review)`);

    const comment = page.locator("main form#plan-comment");
    const projectOption = await comment
      .locator('select[name="projectId"] option')
      .evaluateAll(
        (options, code) => (options as HTMLOptionElement[]).find((o) => o.text.startsWith(code))!.value,
        projectCodes[1],
      );
    await comment.locator('select[name="projectId"]').selectOption(projectOption);
    await comment.locator('textarea[name="body"]').fill(PROJECT_COMMENT);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("done") === "commented"),
      comment.locator('button[type="submit"]').click(),
    ]);
    await page.getByTestId("plan-done").waitFor();

    // Returning needs a reason: an empty one is refused beside the field.
    const ret = page.locator("main form#plan-return");
    await ret.locator('button[type="submit"]').click();
    await ret.locator(".field-error").waitFor();
    expect(await ret.locator(".field-error").innerText()).toContain(vi("plans.error.reasonRequired"));
    expect(await status(page)).toBe(vi("enums.planStatus.submitted"));

    await ret.locator('textarea[name="reason"]').fill(RETURN_REASON);
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("done") === "returned"),
      ret.locator('button[type="submit"]').click(),
    ]);
    await page.getByTestId("plan-done").waitFor();
    expect(await status(page)).toBe(vi("enums.planStatus.returned"));
  });

  test("the planner sees the reason and comments, resolves one, fixes the plan and resubmits", async ({
    page,
  }) => {
    expect(planPath).not.toBe("");
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto("/plans");
    expect(await page.getByTestId("waiting-returned").innerText()).toContain(CODE);
    const waitingComments = await page.getByTestId("waiting-comments").innerText();
    expect(waitingComments).toContain(PROJECT_COMMENT);
    expect(waitingComments).toContain(RETURN_REASON);

    await page.goto(planPath);
    expect(await page.getByTestId("return-reason").innerText()).toContain(RETURN_REASON);
    const open = page.getByTestId("open-comments");
    expect(await open.locator("li").count()).toBe(2);
    expect(await open.innerText()).toContain(projectCodes[1]);

    // Resolve the comment on the project.
    const projectComment = open.locator("li", { hasText: PROJECT_COMMENT });
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("done") === "resolved"),
      projectComment.locator('button[name="intent"][value="resolve"]').click(),
    ]);
    await page.getByTestId("plan-done").waitFor();
    expect(await page.getByTestId("open-comments").locator("li").count()).toBe(1);

    // Fix the plan: a new summary.
    await Promise.all([
      page.waitForURL((url) => url.pathname === `${planPath}/edit`),
      page.locator(`main a[href="${planPath}/edit"]`).click(),
    ]);
    const form = page.locator("main form[method='post']");
    await form.locator('textarea[name="summaryVi"]').fill(SUMMARY_2);
    await Promise.all([
      page.waitForURL((url) => url.pathname === planPath && url.searchParams.get("done") === "saved"),
      form.locator('button[type="submit"]').click(),
    ]);
    await page.getByTestId("plan-done").waitFor();
    expect(await page.locator("main dl.summary").innerText()).toContain(SUMMARY_2);

    await command(page, "submit", "submitted");
    expect(await status(page)).toBe(vi("enums.planStatus.submitted"));
    expect(await page.getByTestId("plan-status").innerText()).toContain(
      vi("plans.detail.revisionN", { n: 2 }),
    );
  });

  test("the coordinator approves; the plan is frozen", async ({ page }) => {
    expect(planPath).not.toBe("");
    await login(page, DEMO_ACCOUNTS.coordinator);
    await page.goto(planPath);
    await command(page, "approve", "approved");
    expect(await status(page)).toBe(vi("enums.planStatus.approved"));
    // No edit, no project changes, no review any more.
    expect(await page.locator(`main a[href="${planPath}/edit"]`).count()).toBe(0);
    expect(await page.getByTestId("add-projects").count()).toBe(0);
    expect(await page.getByTestId("review-box").count()).toBe(0);
  });

  test("a revision round: the planner starts revision 3, changes it and submits; the coordinator approves", async ({
    page,
    browser,
  }) => {
    expect(planPath).not.toBe("");
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto(planPath);
    expect(await page.getByTestId("add-projects").count()).toBe(0);
    await command(page, "startRevision", "revisionStarted");
    expect(await status(page)).toBe(vi("enums.planStatus.draft"));
    expect(await page.getByTestId("plan-status").innerText()).toContain(
      vi("plans.detail.revisionN", { n: 3 }),
    );

    await page.goto(`${planPath}/edit`);
    const form = page.locator("main form[method='post']");
    await form.locator('textarea[name="summaryVi"]').fill(SUMMARY_3);
    await form.locator('input[name="periodEnd"]').fill("2036");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("done") === "saved"),
      form.locator('button[type="submit"]').click(),
    ]);
    await page.getByTestId("plan-done").waitFor();
    projectCodes.push(await newProjectInPlan(page, "Chiếu sáng đô thị thông minh thử nghiệm", "energy"));
    await page.goto(planPath);
    await command(page, "submit", "submitted");

    const coordinator = await newContext(browser);
    try {
      const review = await coordinator.newPage();
      await login(review, DEMO_ACCOUNTS.coordinator);
      await review.goto(planPath);
      await command(review, "approve", "approved");
      expect(await status(review)).toBe(vi("enums.planStatus.approved"));
    } finally {
      await coordinator.close();
    }
  });

  test("the revision history shows every revision and what changed from revision 2 to 3", async ({
    page,
  }) => {
    expect(planPath).not.toBe("");
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    await page.goto(planPath);
    await Promise.all([
      page.waitForURL((url) => url.pathname === `${planPath}/revisions`),
      page.locator(`main a[href="${planPath}/revisions"]`).click(),
    ]);
    await page.getByTestId("revisions-table").waitFor();
    const history = page.getByTestId("revisions-table").locator("tbody tr");
    expect(await history.count()).toBe(3);
    const outcomes = await history.locator("td:nth-child(2)").allInnerTexts();
    expect(outcomes.map((s) => s.trim())).toEqual([
      vi("enums.planStatus.approved"),
      vi("enums.planStatus.approved"),
      vi("enums.planStatus.returned"),
    ]);

    // Default comparison: the latest revision against the approved one before it.
    const diff = page.getByTestId("revision-diff");
    expect(await diff.locator("h2").innerText()).toBe(
      vi("plans.diff.title", {
        from: vi("plans.revisions.revisionN", { n: 2 }),
        to: vi("plans.revisions.revisionN", { n: 3 }),
      }),
    );
    const planChanges = page.getByTestId("diff-plan");
    const summaryRow = planChanges.locator("tr", { hasText: vi("plans.field.plan.summaryVi") });
    expect(await summaryRow.locator("td").nth(0).innerText()).toBe(SUMMARY_2);
    expect(await summaryRow.locator("td").nth(1).innerText()).toBe(SUMMARY_3);
    const periodRow = planChanges.locator("tr", { hasText: vi("plans.field.plan.periodEnd") });
    expect((await periodRow.locator("td").allInnerTexts()).map((s) => s.trim())).toEqual(["2035", "2036"]);
    expect(await page.getByTestId("diff-added").innerText()).toContain(projectCodes[2]);
    await expectNoSeriousA11yViolations(page, `${planPath}/revisions`);

    // Any two revisions can be compared: 1 → 2 shows the fixed summary.
    await page.locator("#compare-from").selectOption("1");
    await page.locator("#compare-to").selectOption("2");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("from") === "1" && url.searchParams.get("to") === "2"),
      page.locator("main form[method='get'] button[type='submit']").click(),
    ]);
    await page
      .getByTestId("revision-diff")
      .locator("h2", { hasText: vi("plans.revisions.revisionN", { n: 1 }) })
      .waitFor();
    const row = page.getByTestId("diff-plan").locator("tr", { hasText: vi("plans.field.plan.summaryVi") });
    expect(await row.locator("td").nth(0).innerText()).toBe(SUMMARY_1);
    expect(await row.locator("td").nth(1).innerText()).toBe(SUMMARY_2);
  });
});
