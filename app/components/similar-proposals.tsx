/**
 * Similar existing proposals (issue 5, "at submission"):
 * - `SimilarLive`: inside the project form; asks GET /projects/similar as the
 *   planner types (debounced fetcher), announced in a polite live region;
 *   without JavaScript it shows what the server found after a submit.
 * - `SimilarTable`: the list with kind, score, reason, owner and phase (a link
 *   only to projects the viewer may open).
 * - `DecisionForm`: replication / withdraw / not a duplicate (with a statement).
 * - `PlanSimilarSection`: on the plan page, what needs a decision and the
 *   decisions taken (the coordinator reads the statements in review).
 * - `SimilarReviews`: one line on the project page: the decisions on it.
 */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ErrorSummary, Field, useErrorText } from "~/components/forms";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { isReplicable } from "~/modules/projects/replication";
import type { ProjectPhase } from "#db/enums";
import { SIMILAR_CONFIG } from "~/modules/similar/config";
import { DECISIONS, SimilarDecisionSchema } from "~/modules/similar/schema";
import type { ProjectSimilarity, SimilarityReview, SimilarProposal } from "~/modules/similar/similar.server";
import { localized } from "~/utils/localized";

export type SimilarItem = SimilarProposal;

/** What GET /projects/similar answers. */
export interface SimilarResponse {
  items: SimilarItem[];
  title: string;
}

/** The fields of the project form the search reads. */
const QUERY_FIELDS = [
  "titleVi",
  "titleEn",
  "descriptionVi",
  "descriptionEn",
  "organisationId",
  "provinceId",
  "cityId",
  "domain",
  "components",
] as const;

function Reason({ item }: { item: SimilarItem }) {
  const { t, locale } = useT();
  const e = item.explanation;
  const fields = e.fields.map((f) => t(`similar.field.${f}` as MessageKey)).join(", ");
  return (
    <ul className="similar__reason">
      {e.sharedTerms.length ? (
        <li>
          {t("similar.reason.terms", { terms: e.sharedTerms.join(", ") })}
          {fields ? ` (${t("similar.reason.fields", { fields })})` : null}
        </li>
      ) : null}
      {e.sharedTypes.length ? (
        <li>{t("similar.reason.types", { types: e.sharedTypes.join(", ") })}</li>
      ) : null}
      <li>
        {e.samePlace
          ? t("similar.reason.samePlace")
          : t("similar.reason.otherPlace", {
              province: item.provinceNameVi
                ? localized(locale, item.provinceNameVi, item.provinceNameEn)
                : "—",
            })}
      </li>
    </ul>
  );
}

function ProjectCell({ item }: { item: SimilarItem }) {
  const { t, locale } = useT();
  return (
    <>
      {item.canRead ? (
        <Link to={`/projects/${encodeURIComponent(item.code)}`} className="org-code">
          {item.code}
        </Link>
      ) : (
        <span className="org-code">{item.code}</span>
      )}{" "}
      {localized(locale, item.titleVi, item.titleEn)}
      <span className="data-table__detail">
        {t("similar.phase", { phase: t(`enums.phase.${item.phase}` as MessageKey) })}
        {item.canRead ? null : ` · ${t("similar.notReadable")}`}
      </span>
    </>
  );
}

/** The similar proposals as a table; `decision` renders the last column when given. */
export function SimilarTable({
  items,
  caption,
  decision,
  testId = "similar-table",
}: {
  items: SimilarItem[];
  caption: string;
  decision?: (item: SimilarItem) => ReactNode;
  testId?: string;
}) {
  const { t, locale, pct } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table similar-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("similar.col.project")}</th>
            <th scope="col">{t("similar.col.owner")}</th>
            <th scope="col">{t("similar.col.kind")}</th>
            <th scope="col" className="num">
              {t("similar.col.score")}
            </th>
            <th scope="col">{t("similar.col.reason")}</th>
            {decision ? <th scope="col">{t("similar.col.decision")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.projectId} data-testid="similar-row" data-code={item.code}>
              <th scope="row">
                <ProjectCell item={item} />
              </th>
              <td>
                {localized(locale, item.organisationNameVi, item.organisationNameEn)}
                {item.provinceNameVi ? (
                  <span className="data-table__detail">
                    {localized(locale, item.provinceNameVi, item.provinceNameEn)}
                  </span>
                ) : null}
              </td>
              <td>
                <span className={item.kind === "same_project" ? "tag tag--warn" : "tag"}>
                  {t(`similar.kind.${item.kind}`)}
                </span>
              </td>
              <td className="num">{pct(item.score, 0)}</td>
              <td>
                <Reason item={item} />
              </td>
              {decision ? <td>{decision(item)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Live list inside the project form (`formId` is the Conform form's id).
 * Server-rendered `initial` results (after a submit) show without JS.
 */
export function SimilarLive({
  formId,
  initial,
  projectId,
  dontCreateTo,
}: {
  formId: string;
  initial?: SimilarResponse | null;
  projectId?: number;
  /** New project: where "don't create this project" (withdraw before saving) leads. */
  dontCreateTo?: string;
}) {
  const { t } = useT();
  const fetcher = useFetcher<SimilarResponse>();
  const [hasTitle, setHasTitle] = useState(Boolean(initial?.title));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastQuery = useRef<string>("");
  const load = fetcher.load;

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const run = () => {
      const data = new FormData(form);
      const params = new URLSearchParams();
      for (const name of QUERY_FIELDS) {
        const v = data.get(name);
        if (typeof v === "string" && v.trim()) params.set(name, v.trim());
      }
      if (projectId) params.set("projectId", String(projectId));
      setHasTitle(Boolean(params.get("titleVi") || params.get("titleEn")));
      const qs = params.toString();
      if (qs === lastQuery.current) return;
      lastQuery.current = qs;
      if (!params.get("titleVi") && !params.get("titleEn")) return;
      load(`/projects/similar?${qs}`);
    };
    const onChange = (e: Event) => {
      const target = e.target as HTMLInputElement | null;
      if (!target?.name || !(QUERY_FIELDS as readonly string[]).includes(target.name)) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(run, 400);
    };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    // An edit form starts with a title: look it up once.
    if (!initial) run();
    return () => {
      form.removeEventListener("input", onChange);
      form.removeEventListener("change", onChange);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [formId, projectId, load, initial]);

  const result = fetcher.data ?? initial ?? null;
  const busy = fetcher.state === "loading";
  const showing = hasTitle || Boolean(initial);
  const items = showing ? (result?.items ?? []) : [];
  return (
    <section className="similar-live" aria-labelledby={`${formId}-similar-title`} data-testid="similar-live">
      <h2 id={`${formId}-similar-title`}>{t("similar.title")}</h2>
      <p className="hint">{t("similar.intro")}</p>
      <div aria-live="polite" aria-busy={busy} data-testid="similar-status">
        <p className="similar-live__status">
          {busy
            ? t("similar.loading")
            : !showing
              ? t("similar.typeMore")
              : items.length === 0
                ? t("similar.none")
                : t("similar.found", { count: items.length })}
        </p>
        {items.length > 0 ? (
          <>
            <SimilarTable items={items} caption={t("similar.caption", { title: result?.title ?? "" })} />
            <p className="hint">{t("similar.afterSave")}</p>
            {dontCreateTo ? (
              <p>
                <Link to={dontCreateTo} data-testid="similar-dont-create">
                  {t("similar.dontCreate")}
                </Link>
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      {/* Without JavaScript: a round trip that saves nothing and shows what the server finds. */}
      <noscript>
        <p>
          <button
            type="submit"
            name="intent"
            value="checkSimilar"
            formNoValidate
            className="button button--secondary"
          >
            {t("similar.check")}
          </button>
        </p>
      </noscript>
    </section>
  );
}

export interface DecisionFormProps {
  projectId: number;
  projectVersion: number;
  item: SimilarItem;
  lastResult?: SubmissionResult<string[]> | null;
  /** Where the form posts (default: the current route). */
  action?: string;
}

/** Replication / withdraw / not a duplicate, with the statement. */
export function DecisionForm({ projectId, projectVersion, item, lastResult, action }: DecisionFormProps) {
  const { t } = useT();
  const text = useErrorText();
  const id = `similar-${projectId}-${item.projectId}`;
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(SimilarDecisionSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SimilarDecisionSchema }),
  });
  const replicable = isReplicable(item.phase as ProjectPhase) && !item.explanation.samePlace;
  const decisionErrors = fields.decision.errors ?? [];
  const summary = [
    ...(form.errors ?? []).map((m) => ({ fieldId: fields.decision.id, message: m })),
    ...decisionErrors.map((m) => ({ fieldId: fields.decision.id, message: m })),
    ...(fields.statement.errors ?? []).map((m) => ({ fieldId: fields.statement.id, message: m })),
  ];
  return (
    <Form
      method="post"
      action={action}
      {...getFormProps(form)}
      noValidate
      className="similar-decision"
      preventScrollReset
    >
      <ErrorSummary errors={summary} />
      <input type="hidden" name="intent" value="similarDecision" />
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="otherProjectId" value={item.projectId} />
      <input type="hidden" name="projectVersion" value={projectVersion} />
      <fieldset
        id={fields.decision.id}
        tabIndex={-1}
        className={decisionErrors.length ? "fieldset--nested form-group--error" : "fieldset--nested"}
        aria-describedby={decisionErrors.length ? `${fields.decision.id}-error` : undefined}
      >
        <legend>{t("similar.decision.legend", { code: item.code })}</legend>
        {decisionErrors.length ? (
          <span className="field-error" id={`${fields.decision.id}-error`}>
            {decisionErrors.map(text).join(" ")}
          </span>
        ) : null}
        {DECISIONS.map((d) => {
          const disabled = d === "replication" && !replicable;
          return (
            <div className="radio" key={d}>
              <input
                type="radio"
                id={`${id}-${d}`}
                name={fields.decision.name}
                value={d}
                disabled={disabled}
                defaultChecked={fields.decision.initialValue === d}
                aria-describedby={disabled ? `${id}-${d}-hint` : undefined}
              />
              <label htmlFor={`${id}-${d}`}>
                {d === "replication"
                  ? t("similar.decision.replication", { code: item.code })
                  : t(`similar.decision.${d}`)}
              </label>
              {disabled ? (
                <span className="hint" id={`${id}-${d}-hint`}>
                  {t("similar.decision.replicationUnavailable")}
                </span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <Field
        id={fields.statement.id}
        label={t("similar.decision.statement")}
        hint={t("similar.decision.statementHint")}
        errors={fields.statement.errors}
      >
        <textarea
          {...getTextareaProps(fields.statement)}
          rows={3}
          className={fields.statement.errors ? "input--error" : undefined}
          aria-describedby={[
            `${fields.statement.id}-hint`,
            fields.statement.errors ? `${fields.statement.id}-error` : null,
          ]
            .filter(Boolean)
            .join(" ")}
        />
      </Field>
      <button type="submit" className="button button--secondary" data-testid="similar-decide">
        {t("similar.decision.save")}
        <span className="visually-hidden"> {item.code}</span>
      </button>
    </Form>
  );
}

/** A recorded decision: what, who, when, the statement. */
export function ReviewText({
  review,
}: {
  review: Pick<SimilarityReview, "decision" | "statement" | "decidedByName" | "decidedAt">;
}) {
  const { t, dateTime } = useT();
  return (
    <div className="similar-review" data-testid="similar-review">
      <p>
        <span className={review.decision === "not_duplicate" ? "tag" : "tag tag--ok"}>
          {t(`similar.decided.${review.decision}`)}
        </span>{" "}
        <span className="muted">
          {t("similar.decided.by", { who: review.decidedByName ?? "—", when: dateTime(review.decidedAt) })}
        </span>
      </p>
      {review.statement ? <blockquote className="pre-line">{review.statement}</blockquote> : null}
    </div>
  );
}

export interface DecisionActionData {
  formId: string;
  ok: boolean;
  reply?: SubmissionResult<string[]>;
}

/**
 * The plan page's section: for each project, the similar proposals that need
 * a decision (with the form when the viewer may decide) and every decision
 * recorded (the coordinator reads the statements here in review).
 */
export function PlanSimilarSection({
  similarity,
  canDecide,
  versions,
  actionData,
  saved,
  title,
  intro,
}: {
  /** Heading and introduction (default: the plan page's). */
  title?: string;
  intro?: string;
  similarity: ProjectSimilarity[];
  canDecide: boolean;
  versions: Record<number, number>;
  actionData?: DecisionActionData | null;
  saved?: boolean;
}) {
  const { t, locale, pct } = useT();
  const pending = similarity.reduce((n, p) => n + p.matches.filter((m) => m.review === null).length, 0);
  const withAny = similarity.filter((p) => p.matches.length > 0 || p.reviews.length > 0);
  return (
    <section aria-labelledby="similar-title" id="similar" data-testid="plan-similar">
      <h2 id="similar-title">{title ?? t("similar.plan.title")}</h2>
      {saved ? (
        <p className="notice notice--ok" role="status">
          {t("similar.saved")}
        </p>
      ) : null}
      <p className="hint">
        {intro ??
          t("similar.plan.intro", {
            projectPct: pct(SIMILAR_CONFIG.decisionThreshold.same_project, 0),
            solutionPct: pct(SIMILAR_CONFIG.decisionThreshold.same_solution, 0),
          })}
      </p>
      {withAny.length === 0 ? <p className="muted">{t("similar.plan.none")}</p> : null}
      {pending > 0 ? (
        <p className="notice" data-testid="similar-pending-count">
          {t("similar.plan.pendingCount", { count: pending })}
        </p>
      ) : null}
      {withAny.map((p) => {
        const shown = new Set(p.matches.map((m) => m.projectId));
        const older = p.reviews.filter((r) => !shown.has(r.otherProjectId));
        return (
          <div key={p.projectId} className="similar-project" data-testid="similar-project" data-code={p.code}>
            <h3>
              <Link to={`/projects/${encodeURIComponent(p.code)}`} className="org-code">
                {p.code}
              </Link>{" "}
              {localized(locale, p.titleVi, p.titleEn)}
            </h3>
            {p.matches.length > 0 ? (
              <SimilarTable
                items={p.matches}
                caption={t("similar.caption", { title: localized(locale, p.titleVi, p.titleEn) })}
                decision={(item) => {
                  const m = p.matches.find((x) => x.projectId === item.projectId)!;
                  const formId = `similar-${p.projectId}-${item.projectId}`;
                  const reply =
                    actionData?.formId === formId && !actionData.ok ? actionData.reply : undefined;
                  return (
                    <>
                      {m.review ? (
                        <ReviewText review={m.review} />
                      ) : (
                        <p className="tag tag--warn">{t("similar.pending")}</p>
                      )}
                      {canDecide ? (
                        m.review && !reply ? (
                          <details>
                            <summary>{t("similar.decided.change")}</summary>
                            <DecisionForm
                              projectId={p.projectId}
                              projectVersion={versions[p.projectId] ?? 1}
                              item={item}
                            />
                          </details>
                        ) : (
                          <DecisionForm
                            projectId={p.projectId}
                            projectVersion={versions[p.projectId] ?? 1}
                            item={item}
                            lastResult={reply}
                          />
                        )
                      ) : null}
                    </>
                  );
                }}
              />
            ) : null}
            {older.length > 0 ? <ReviewsTable reviews={older} /> : null}
          </div>
        );
      })}
    </section>
  );
}

/** Decisions on a project, as a table. */
export function ReviewsTable({ reviews }: { reviews: SimilarityReview[] }) {
  const { t, pct } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="similar-reviews">
        <caption>{t("similar.review.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("similar.col.project")}</th>
            <th scope="col">{t("similar.col.kind")}</th>
            <th scope="col" className="num">
              {t("similar.col.score")}
            </th>
            <th scope="col">{t("similar.col.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <span className="org-code">{r.otherCode}</span>
              </th>
              <td>{t(`similar.kind.${r.kind}`)}</td>
              <td className="num">{pct(r.score, 0)}</td>
              <td>
                <ReviewText review={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The project page's line: the decisions on similar proposals, loaded from GET /projects/similar?reviewsOf=. */
export function SimilarReviews({ projectId }: { projectId: number }) {
  const { t } = useT();
  const fetcher = useFetcher<{ reviews: SimilarityReview[] }>();
  const load = fetcher.load;
  useEffect(() => {
    load(`/projects/similar?reviewsOf=${projectId}`);
  }, [projectId, load]);
  const reviews = fetcher.data?.reviews;
  return (
    <section
      aria-labelledby="similar-reviews-title"
      className="similar-reviews"
      data-testid="project-similar-reviews"
    >
      <h2 id="similar-reviews-title">{t("similar.review.title")}</h2>
      <div aria-live="polite">
        {reviews === undefined ? (
          <p className="muted">{t("similar.loading")}</p>
        ) : reviews.length === 0 ? (
          <p className="muted">{t("similar.review.none")}</p>
        ) : (
          <ReviewsTable reviews={reviews} />
        )}
      </div>
    </section>
  );
}
