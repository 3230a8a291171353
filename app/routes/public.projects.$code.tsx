/**
 * `/public/projects/:code`: a published project's public page — what, where,
 * who, money, progress and milestones, data use, lessons, residents'
 * support/oppose/comment counts and published comments — and the feedback
 * form (citizen ID checked, never stored). Unpublished or unknown → 404.
 */
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { notFound } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { hasMessage, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { activeCitizenIdVerifier } from "~/modules/citizen-id/adapter";
import { submitFeedback } from "~/modules/feedback/commands.server";
import { FeedbackForm } from "~/modules/feedback/feedback-form";
import { feedbackSchema } from "~/modules/feedback/schema";
import { currentProvinces, getPublicProject, publishedProjectId } from "~/modules/public/queries.server";
import { FeedbackCountsList } from "~/modules/public/ui";
import { titleWith } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data ? data.title : null, "public.list.title");

const SENT = ["pending", "counted", "changed", "unchanged"] as const;
type Sent = (typeof SENT)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const page = params.code ? getPublicProject(db, params.code) : null;
  if (!page) throw notFound();
  // The internal id stays on the server; everything else here is public by construction.
  const { id: _id, ...project } = page;
  const url = new URL(request.url);
  const sent = url.searchParams.get("sent");
  return {
    project,
    title: `${project.code} · ${project.titleVi}`,
    provinces: currentProvinces(db),
    sent: (SENT as readonly string[]).includes(sent ?? "") ? (sent as Sent) : null,
    commentPending: url.searchParams.get("comment") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const code = params.code ?? "";
  const projectId = publishedProjectId(db, code);
  if (projectId === null) throw notFound();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: feedbackSchema() });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const verified = await activeCitizenIdVerifier.verify(v.citizenId, new Date());
  if (!verified.ok) {
    return data(
      submission.reply({
        fieldErrors: {
          citizenId: [
            verified.problem === "notVerified"
              ? "feedback.error.citizenId.format"
              : `feedback.error.citizenId.${verified.problem}`,
          ],
        },
      }),
      { status: 400 },
    );
  }
  const result = submitFeedback(db, {
    projectId,
    kind: v.kind,
    body: v.body ?? null,
    citizenId: verified.id,
    provinceId: v.provinceId,
    ip: context.clientIp ?? null,
    honeypot: v.website ?? null,
  });
  if (!result.ok) {
    if (result.problem === "project") throw notFound();
    if (result.problem === "province") {
      return data(submission.reply({ fieldErrors: { provinceId: ["feedback.error.provinceUnknown"] } }), {
        status: 400,
      });
    }
    const wait = "retryAfterMs" in result ? result.retryAfterMs : 0;
    const message =
      result.problem === "rateLimitedId"
        ? `feedback.error.rateLimitedId|${Math.max(1, Math.ceil(wait / 3_600_000))}`
        : `feedback.error.rateLimitedIp|${Math.max(1, Math.ceil(wait / 60_000))}`;
    return data(submission.reply({ formErrors: [message] }), { status: 429 });
  }
  // A bot that filled the honeypot sees the same thanks as a person, and nothing was written.
  const outcome =
    result.outcome === "ignored" ? (v.kind === "comment" ? "pending" : "counted") : result.outcome;
  const comment = result.commentPending && outcome !== "pending" ? "&comment=1" : "";
  throw redirect(`/public/projects/${encodeURIComponent(code)}?sent=${outcome}${comment}#feedback-result`);
}

function dataCategoryLabel(t: ReturnType<typeof useT>["t"], locale: "vi" | "en", category: string): string {
  for (const key of [`dataRegister.category.${category}`, `projects.pd.${category}`]) {
    if (hasMessage(locale, key)) return t(key as MessageKey);
  }
  return category;
}

export default function PublicProjectPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale, date, money, pct, dateTime } = useT();
  const p = d.project;
  const title = localized(locale, p.titleVi, p.titleEn);
  const none = t("common.common.none");
  const name = (o: { nameVi: string; nameEn: string | null }) => localized(locale, o.nameVi, o.nameEn);

  return (
    <article className="public-project" data-project-code={p.code}>
      <p className="breadcrumb">
        <Link to="/public">{t("public.page.all")}</Link>
        {p.province ? (
          <>
            {" › "}
            <Link to={`/public/provinces/${p.province.id}`}>{name(p.province)}</Link>
          </>
        ) : null}
      </p>
      <h1>
        <span lang={locale === "en" && !p.titleEn ? "vi" : undefined}>{title}</span>
      </h1>
      <p className="public-card__meta">
        <span className="project-code">{p.code}</span>{" "}
        <span className="tag">{t(`enums.phase.${p.phase}`)}</span>{" "}
        <span className="tag">{t(`projects.domain.${p.domain}`)}</span>
      </p>

      <FeedbackCountsList counts={p.feedback} />

      <section aria-labelledby="what-heading">
        <h2 id="what-heading">{t("public.page.what")}</h2>
        <p className="prose" lang={locale === "en" && p.descriptionEn ? "en" : "vi"}>
          {localized(locale, p.descriptionVi, p.descriptionEn)}
        </p>
        <dl className="summary" data-testid="public-facts">
          <dt>{t("public.page.where")}</dt>
          <dd>
            {p.province ? (
              <Link to={`/public/provinces/${p.province.id}`}>{name(p.province)}</Link>
            ) : (
              t("public.page.national")
            )}
            {p.city ? ` › ${name(p.city)}` : null}
          </dd>
          <dt>{t("public.page.owner")}</dt>
          <dd>
            {name(p.owner)}
            {p.owner.currentNameVi
              ? ` ${t("public.page.ownerNow", { name: localized(locale, p.owner.currentNameVi, p.owner.currentNameEn) })}`
              : null}
          </dd>
          <dt>{t("public.page.cooperators")}</dt>
          <dd>{p.cooperators.length ? p.cooperators.map(name).join("; ") : none}</dd>
          <dt>{t("public.page.operator")}</dt>
          <dd>
            {t(`projects.operator.${p.operatorType}`)}
            {p.operatorName ? ` — ${p.operatorName}` : null}
          </dd>
          <dt>{t("public.page.hosting")}</dt>
          <dd>
            {hasMessage(locale, `projects.hosting.${p.hostingModel}`)
              ? t(`projects.hosting.${p.hostingModel}` as MessageKey)
              : p.hostingModel}
          </dd>
          <dt>{t("public.page.app")}</dt>
          <dd>
            {p.app ? (
              <>
                {p.app.url ? (
                  <a href={p.app.url} rel="noopener noreferrer">
                    {name(p.app)}
                  </a>
                ) : (
                  name(p.app)
                )}
                {p.app.platforms.length ? ` (${p.app.platforms.join(", ")})` : null}
              </>
            ) : (
              none
            )}
          </dd>
          <dt>{t("public.page.dates")}</dt>
          <dd>
            {p.startDate || p.endDate
              ? t("public.page.dateRange", { from: date(p.startDate), to: date(p.endDate) })
              : none}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="money-heading">
        <h2 id="money-heading">{t("public.page.money")}</h2>
        <dl className="summary" data-testid="public-money">
          <dt>{t("public.page.approved")}</dt>
          <dd>{money(p.money.approved)}</dd>
          <dt>{t("public.page.disbursed")}</dt>
          <dd>{money(p.money.disbursed)}</dd>
          <dt>{t("public.page.rate")}</dt>
          <dd>{p.money.disbursementRate === null ? none : pct(p.money.disbursementRate)}</dd>
          <dt>{t("public.page.progress")}</dt>
          <dd>
            {p.money.progress === null
              ? none
              : t("public.page.progressValue", {
                  pct: pct(p.money.progress),
                  done: p.money.milestonesDone,
                  total: p.money.milestonesTotal,
                })}
          </dd>
        </dl>
        <h3>{t("public.page.milestones")}</h3>
        {p.milestones.length ? (
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label={t("public.page.milestonesCaption", { code: p.code })}
          >
            <table className="data-table data-table--compact" data-testid="public-milestones">
              <caption>{t("public.page.milestonesCaption", { code: p.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("public.page.col.milestone")}</th>
                  <th scope="col">{t("public.page.col.due")}</th>
                  <th scope="col">{t("public.page.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {p.milestones.map((m, i) => (
                  <tr key={i}>
                    <th scope="row">{name(m)}</th>
                    <td>{date(m.dueDate)}</td>
                    <td>
                      {m.doneDate
                        ? t("public.page.doneOn", { date: date(m.doneDate) })
                        : t("public.page.notDone")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("public.page.noMilestones")}</p>
        )}
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("public.page.data")}</h2>
        <p data-testid="public-personal-data">
          {p.handlesPersonalData
            ? t("public.page.personalData", {
                list: p.personalDataCategories.map((c) => dataCategoryLabel(t, locale, c)).join(", "),
              })
            : t("public.page.noPersonalData")}
        </p>
        {p.dataUse.length ? (
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label={t("public.page.dataCaption", { code: p.code })}
          >
            <table className="data-table data-table--compact stack-table" data-testid="public-data-use">
              <caption>{t("public.page.dataCaption", { code: p.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("public.page.col.category")}</th>
                  <th scope="col">{t("public.page.col.purpose")}</th>
                  <th scope="col">{t("public.page.col.legalBasis")}</th>
                  <th scope="col">{t("public.page.col.retention")}</th>
                  <th scope="col">{t("public.page.col.operator")}</th>
                  <th scope="col">{t("public.page.col.sharing")}</th>
                </tr>
              </thead>
              <tbody>
                {p.dataUse.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{dataCategoryLabel(t, locale, r.category)}</th>
                    <td data-label={t("public.page.col.purpose")}>
                      {localized(locale, r.purposeVi, r.purposeEn)}
                    </td>
                    <td data-label={t("public.page.col.legalBasis")}>{r.legalBasis ?? none}</td>
                    <td data-label={t("public.page.col.retention")}>{r.retention ?? none}</td>
                    <td data-label={t("public.page.col.operator")}>
                      {t(`projects.operator.${r.operatorType}`)}
                      {r.operatorName ? ` — ${r.operatorName}` : null}
                    </td>
                    <td data-label={t("public.page.col.sharing")}>
                      {r.aggregatedOnly
                        ? t("public.page.aggregatedOnly")
                        : t("public.page.notAggregatedOnly")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("public.page.noDataRegister")}</p>
        )}
        <p>
          <Link to="/public/data">{t("public.page.transparency")}</Link>
        </p>
      </section>

      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">{t("public.page.lessons")}</h2>
        {p.lessons.length ? (
          <ul className="lessons">
            {p.lessons.map((l, i) => (
              <li key={i}>
                <p lang={locale === "en" && l.bodyEn ? "en" : "vi"}>
                  {localized(locale, l.bodyVi, l.bodyEn)}
                </p>
                <p className="muted lessons__meta">{date(l.recordedOn)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("public.page.noLessons")}</p>
        )}
      </section>

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("public.page.comments")}</h2>
        {p.comments.length ? (
          <ul className="comments" data-testid="public-comments">
            {p.comments.map((c) => (
              <li key={c.id} className="comment">
                <p className="prose" lang="vi">
                  {c.body}
                </p>
                <p className="muted comment__meta">
                  {c.provinceNameVi
                    ? t("public.page.commentMeta", {
                        date: dateTime(c.createdAt),
                        province: localized(locale, c.provinceNameVi, c.provinceNameEn),
                      })
                    : t("public.page.commentMetaNoPlace", { date: dateTime(c.createdAt) })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("public.page.noComments")}</p>
        )}
      </section>

      <section aria-labelledby="feedback-heading" id="feedback">
        <h2 id="feedback-heading">{t("feedback.form.title")}</h2>
        {d.sent ? (
          <p className="notice notice--ok" role="status" id="feedback-result" data-testid="feedback-result">
            {t(`feedback.done.${d.sent}`)}
            {d.commentPending ? ` ${t("feedback.done.commentPending")}` : null}
          </p>
        ) : null}
        <p>{t("feedback.form.intro")}</p>
        <FeedbackForm lastResult={lastResult} provinces={d.provinces} />
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
