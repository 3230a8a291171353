/**
 * The decision action shared by the pages that offer it (plan page, project
 * edit page): validate with zod, look the project's organisation up on the
 * server, authorise, decide. Pages call it for `intent=similarDecision`.
 */
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { Db } from "#db/client.server";
import { can, forbidden, notFound, type CurrentUser } from "~/auth/guard.server";
import type { Actor } from "~/modules/audit/audit.server";
import { decideSimilar, SimilarDecisionError, type SimilarProblem } from "./commands.server";
import { parseSimilarQuery, SimilarDecisionSchema } from "./schema";
import { corpusMaxStaleMs, draftOf, findSimilar, type SimilarProposal } from "./similar.server";

export const SIMILAR_DECISION_INTENT = "similarDecision";

export type DecisionOutcome =
  | { ok: true; formId: string }
  | { ok: false; formId: string; reply: SubmissionResult<string[]>; problem: SimilarProblem | null };

/** Form id of the decision form for one pair (so the page shows the reply on the right form). */
export function decisionFormId(projectId: number | string, otherProjectId: number | string): string {
  return `similar-${projectId}-${otherProjectId}`;
}

/**
 * Handle a decision posted to a page. `scope` limits it to the page's own
 * projects (a plan's, or the edited one): anything else is a 404; a project
 * of an organisation the user may not update is a 403, whatever id is forged.
 */
export function handleSimilarDecision(
  db: Db,
  user: CurrentUser,
  actor: Actor,
  formData: FormData,
  scope: { planId?: number; projectId?: number },
): DecisionOutcome {
  const submission = parseWithZod(formData, { schema: SimilarDecisionSchema });
  const formId = decisionFormId(
    String(formData.get("projectId") ?? ""),
    String(formData.get("otherProjectId") ?? ""),
  );
  if (submission.status !== "success") return { ok: false, formId, reply: submission.reply(), problem: null };
  const input = submission.value;
  const project = db.$client
    .prepare("SELECT organisation_id AS organisationId, plan_id AS planId FROM projects WHERE id = ?")
    .get(input.projectId) as { organisationId: number; planId: number | null } | undefined;
  if (!project) throw notFound();
  if (!can(user, "update", "project", project.organisationId)) throw forbidden();
  if (scope.planId !== undefined && project.planId !== scope.planId) throw notFound();
  if (scope.projectId !== undefined && input.projectId !== scope.projectId) throw notFound();
  try {
    decideSimilar(db, actor, input);
    return { ok: true, formId };
  } catch (e) {
    if (!(e instanceof SimilarDecisionError)) throw e;
    return {
      ok: false,
      formId,
      reply: submission.reply({ formErrors: [`similar.problem.${e.problem}`] }),
      problem: e.problem,
    };
  }
}

export const CHECK_SIMILAR_INTENT = "checkSimilar";

/**
 * Similar proposals for the values posted by the project form (shown on the
 * form after a round trip, so the check works without JavaScript).
 */
export function similarFromForm(
  db: Db,
  user: CurrentUser,
  formData: FormData,
  projectId?: number,
): { items: SimilarProposal[]; title: string } {
  const params = new URLSearchParams();
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !params.has(k)) params.set(k, v);
  params.delete("projectId");
  const parsed = parseSimilarQuery(params);
  if (!parsed.success) return { items: [], title: "" };
  const q = parsed.data;
  const items = findSimilar(db, draftOf(q), {
    viewer: user,
    excludeProjectId: projectId,
    maxStaleMs: corpusMaxStaleMs(),
  });
  return { items, title: q.titleVi || q.titleEn || "" };
}
