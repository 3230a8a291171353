import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { PERSONAL_DATA_CATEGORIES, type PersonalDataCategory } from "#db/enums";
import { can, requirePermission, requireUser } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlagPanel } from "~/components/flag-panel";
import { flagPanelData } from "~/modules/flags/panel.server";
import { localeFromRequest } from "~/i18n/locales";
import { projectMoneySummary } from "~/modules/finance/figures.server";
import { ProjectMoneySection } from "~/modules/finance/ui";
import { useT } from "~/i18n/useT";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { describeHistory } from "~/modules/projects/history";
import { allowedNextPhases } from "~/modules/projects/phase";
import {
  getProjectPage,
  type LessonView,
  type OrgRef,
  type OrgWithSuccessor,
} from "~/modules/projects/project.server";
import { isReplicable } from "~/modules/projects/replication";
import { APP_PLATFORMS, type AppPlatform } from "~/modules/projects/schema";
import { replicationTargets } from "~/modules/projects/replication.server";
import { requireProject, savedNotice } from "~/modules/projects/route.server";
import { groupByCurrentProvince } from "~/modules/projects/rollout";
import { PublicationPanel } from "~/modules/public/publication-panel";
import { publicationPanel } from "~/modules/public/publication.server";
import { ProjectRegisterLinks } from "~/modules/apps/project-links";
import { titleWith } from "~/modules/shell/meta";
import { SimilarReviews } from "~/components/similar-proposals";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data ? `${data.project.code} · ${data.title}` : null, "projects.title.project");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  const project = requireProject(db, params.code);
  // Planners read their own organisation's projects only (403 otherwise); other roles read all.
  requirePermission(request, "read", "project", project.organisationId);
  const asOf = todayIso();
  const page = getProjectPage(db, project, asOf);
  const canUpdate = can(user, "update", "project", project.organisationId);
  const replicable = isReplicable(project.phase) && can(user, "create", "project");
  const { searchText: _searchText, ...shown } = page.project;
  return {
    ...page,
    project: shown,
    title: localized(localeFromRequest(request, user.locale), project.titleVi, project.titleEn),
    asOf,
    saved: savedNotice(request),
    canUpdate,
    editLock: project.plan && !isPlanContentEditable(project.plan.status) ? project.plan.status : null,
    canChangePhase: canUpdate && allowedNextPhases(project.phase).length > 0,
    publication: publicationPanel(db, user, project, request),
    flags: flagPanelData(db, user, { projectId: project.id, projectCode: project.code }),
    canReplicate: replicable && replicationTargets(db, user, project, asOf).length > 0,
    // Money and time (approved … progress, overdue, S-curve), computed in SQL.
    moneyAndTime: can(user, "read", "budget", project.organisationId)
      ? projectMoneySummary(db, project.id, asOf)
      : null,
    // Linked projects of other organisations are listed, but only linked when the user may open them.
    readable: Object.fromEntries(
      [...(page.source ? [page.source] : []), ...page.replications].map((p) => [
        p.id,
        can(user, "read", "project", p.organisation.id),
      ]),
    ) as Record<number, boolean>,
  };
}

const isPersonalDataCategory = (c: string): c is PersonalDataCategory =>
  (PERSONAL_DATA_CATEGORIES as readonly string[]).includes(c);
const isPlatform = (c: string): c is AppPlatform => (APP_PLATFORMS as readonly string[]).includes(c);

function OrgLink({ org }: { org: Pick<OrgRef, "id" | "nameVi" | "nameEn"> }) {
  const { locale } = useT();
  return <Link to={`/organisations/${org.id}`}>{localized(locale, org.nameVi, org.nameEn)}</Link>;
}

/** An organisation, and today's unit when it has been merged. */
function OrgWithNow({ org }: { org: OrgWithSuccessor }) {
  const { t } = useT();
  return (
    <>
      <OrgLink org={org} />
      {org.successor ? (
        <>
          {" "}
          <span className="tag tag--legacy">{t("org.legacy")}</span> ({t("projects.page.endedNow")}{" "}
          <OrgLink org={org.successor} />)
        </>
      ) : null}
    </>
  );
}

function Lessons({ lessons, testId }: { lessons: LessonView[]; testId: string }) {
  const { t, date, locale } = useT();
  if (lessons.length === 0) return <p className="muted">{t("projects.page.noLessons")}</p>;
  return (
    <ul className="lessons" data-testid={testId}>
      {lessons.map((l) => (
        <li key={l.id}>
          <p lang={locale === "en" && l.bodyEn ? "en" : "vi"}>{localized(locale, l.bodyVi, l.bodyEn)}</p>
          <p className="muted lessons__meta">
            {l.authorName
              ? t("projects.page.lessonMetaBy", { date: date(l.recordedOn), name: l.authorName })
              : t("projects.page.lessonMeta", { date: date(l.recordedOn) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ProjectLink({ code, readable }: { code: string; readable: boolean }) {
  return readable ? (
    <Link to={`/projects/${encodeURIComponent(code)}`} className="org-code">
      {code}
    </Link>
  ) : (
    <span className="org-code">{code}</span>
  );
}

export default function ProjectPage() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, date } = useT();
  const p = d.project;
  const none = t("projects.page.none");
  const dash = t("common.common.none");
  // The title in the other language, when there is one (English falls back to Vietnamese).
  const otherTitle = p.titleEn ? (locale === "vi" ? p.titleEn : p.titleVi) : null;
  const history = describeHistory(d.history, { t, locale, date: (v) => date(v) });
  const replicationGroups = groupByCurrentProvince(
    d.replications.map((r) => ({ ...r, provinceId: r.province?.id ?? null })),
    (id) => id,
    (id) => d.replications.find((r) => r.province?.id === id)?.province?.nameVi ?? "",
  );
  const code = encodeURIComponent(p.code);

  return (
    <article className="project-page" data-project-code={p.code}>
      <p className="breadcrumb">
        <Link to="/projects">{t("projects.page.register")}</Link>
      </p>
      <h1>
        <span className="project-code">{p.code}</span>{" "}
        <span lang={locale === "en" && !p.titleEn ? "vi" : undefined}>{d.title}</span>
      </h1>
      {otherTitle ? (
        <p className="lead" lang={locale === "vi" ? "en" : "vi"}>
          {otherTitle}
        </p>
      ) : null}

      {d.saved ? (
        <p className="notice notice--ok" role="status" data-testid="saved-notice">
          {d.saved === "created"
            ? t("projects.saved.created", { code: p.code })
            : d.saved === "replicated"
              ? t("projects.saved.replicated", { code: p.code, source: d.source?.code ?? "" })
              : t(`projects.saved.${d.saved}`)}
        </p>
      ) : null}
      {d.editLock && d.plan ? (
        <p className="notice" data-testid="edit-lock">
          {t(
            d.editLock === "approved"
              ? "projects.page.editLockedApproved"
              : "projects.page.editLockedSubmitted",
            {
              plan: d.plan.code,
            },
          )}
        </p>
      ) : null}

      {d.canUpdate || d.canReplicate ? (
        <nav className="actions" aria-label={t("projects.page.actions")}>
          {d.canUpdate && !d.editLock ? (
            <Link to={`/projects/${code}/edit`} className="button" data-testid="edit-link">
              {t("projects.action.edit")}
            </Link>
          ) : null}
          {d.canChangePhase ? (
            <Link
              to={`/projects/${code}/phase`}
              className="button button--secondary"
              data-testid="phase-link"
            >
              {t("projects.action.changePhase")}
            </Link>
          ) : null}
          {d.canUpdate ? (
            <Link
              to={`/projects/${code}/lessons`}
              className="button button--secondary"
              data-testid="lesson-link"
            >
              {t("projects.action.addLesson")}
            </Link>
          ) : null}
          {d.canReplicate ? (
            <Link
              to={`/projects/${code}/replicate`}
              className="button button--secondary"
              data-testid="replicate-link"
            >
              {t("projects.action.replicate")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <section aria-labelledby="overview-heading">
        <h2 id="overview-heading">{t("projects.page.overview")}</h2>
        <dl className="summary" data-testid="overview">
          <dt>{t("projects.field.code")}</dt>
          <dd className="org-code">{p.code}</dd>
          <dt>{t("projects.page.phase")}</dt>
          <dd data-testid="phase">
            <span className="tag">{t(`enums.phase.${p.phase}`)}</span>
            {p.phase === "cancelled" && p.cancellationReason ? (
              <span className="hint">
                {t("projects.page.cancelledReason", { reason: p.cancellationReason })}
              </span>
            ) : null}
          </dd>
          <dt>{t("projects.page.domain")}</dt>
          <dd>{t(`projects.domain.${p.domain}`)}</dd>
          <dt>{t("projects.page.plan")}</dt>
          <dd data-testid="plan">
            {d.plan ? (
              <>
                <Link to={`/plans/${d.plan.id}`}>{d.plan.code}</Link> —{" "}
                {localized(locale, d.plan.titleVi, d.plan.titleEn)}{" "}
                <span className="muted">
                  (
                  {t("projects.page.planStatus", {
                    status: t(`enums.planStatus.${d.plan.status}`),
                    revision: d.plan.revision,
                  })}
                  )
                </span>
              </>
            ) : (
              t("projects.page.noPlan")
            )}
          </dd>
          <dt>{t("projects.page.location")}</dt>
          <dd data-testid="location">
            {d.province ? <OrgWithNow org={d.province} /> : t("projects.page.national")}
            {d.city ? (
              <>
                {" › "}
                <OrgLink org={d.city} />
              </>
            ) : null}
          </dd>
          <dt>{t("projects.page.owner")}</dt>
          <dd data-testid="owner">
            <OrgWithNow org={d.owner} />
          </dd>
          <dt>{t("projects.page.cooperators")}</dt>
          <dd>
            {d.cooperators.length ? (
              <ul className="plain-list">
                {d.cooperators.map((c) => (
                  <li key={c.id}>
                    <OrgLink org={c} />
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
          <dt>{t("projects.page.strategy")}</dt>
          <dd data-testid="strategy-nodes">
            {d.nodes.length ? (
              <ul className="plain-list">
                {d.nodes.map((n) => (
                  <li key={n.id}>
                    <Link to={`/strategy/${encodeURIComponent(n.code)}`}>
                      <span className="org-code">{n.code}</span> {localized(locale, n.titleVi, n.titleEn)}
                    </Link>
                    {n.primary ? <span className="tag">{t("projects.page.primary")}</span> : null}
                    {n.archived ? (
                      <span className="tag tag--legacy">{t("projects.page.archived")}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
          <dt>{t("projects.page.hosting")}</dt>
          <dd>{t(`projects.hosting.${p.hostingModel}`)}</dd>
          <dt>{t("projects.page.personalData")}</dt>
          <dd data-testid="personal-data">
            {p.handlesPersonalData
              ? p.personalDataCategories
                  .filter(isPersonalDataCategory)
                  .map((c) => t(`projects.pd.${c}`))
                  .join(", ")
              : t("projects.page.noPersonalData")}
          </dd>
          <dt>{t("projects.page.operator")}</dt>
          <dd>
            {t(`projects.operator.${p.operatorType}`)}
            {p.operatorName ? ` — ${p.operatorName}` : null}
          </dd>
          <dt>{t("projects.page.app")}</dt>
          <dd>
            {p.citizenAppName
              ? `${p.citizenAppName}${
                  p.citizenAppPlatforms.length
                    ? ` (${p.citizenAppPlatforms
                        .filter(isPlatform)
                        .map((x) => t(`projects.platform.${x}`))
                        .join(", ")})`
                    : ""
                }`
              : none}
          </dd>
          <ProjectRegisterLinks code={p.code} appId={p.appId} />
          <dt>{t("projects.page.dates")}</dt>
          <dd>
            {p.startDate || p.endDate
              ? t("projects.page.dateRange", { from: date(p.startDate), to: date(p.endDate) })
              : none}
          </dd>
          <dt>{t("projects.page.components")}</dt>
          <dd>{p.components.length ? p.components.join(", ") : none}</dd>
        </dl>
      </section>

      <FlagPanel data={d.flags} />

      {d.moneyAndTime ? (
        <ProjectMoneySection code={p.code} figures={d.moneyAndTime.figures} curve={d.moneyAndTime.curve} />
      ) : null}

      <PublicationPanel data={d.publication} code={p.code} />

      <section aria-labelledby="description-heading">
        <h2 id="description-heading">{t("projects.page.description")}</h2>
        <p className="prose" lang={locale === "en" && p.descriptionEn ? "en" : "vi"}>
          {localized(locale, p.descriptionVi, p.descriptionEn)}
        </p>
      </section>

      <section aria-labelledby="phases-heading">
        <h2 id="phases-heading">{t("projects.page.phaseHistory")}</h2>
        {d.phaseHistory.length ? (
          <div className="table-wrap">
            <table className="data-table data-table--compact" data-testid="phase-history">
              <caption>{t("projects.page.phaseHistoryCaption", { code: p.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("projects.col.date")}</th>
                  <th scope="col">{t("projects.col.from")}</th>
                  <th scope="col">{t("projects.col.to")}</th>
                  <th scope="col">{t("projects.col.reason")}</th>
                  <th scope="col">{t("projects.col.by")}</th>
                </tr>
              </thead>
              <tbody>
                {d.phaseHistory.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">{date(h.changedOn)}</th>
                    <td>{h.fromPhase ? t(`enums.phase.${h.fromPhase}`) : dash}</td>
                    <td>{t(`enums.phase.${h.toPhase}`)}</td>
                    <td>{h.reason ?? dash}</td>
                    <td>{h.changedByName ?? dash}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("projects.page.noPhaseHistory")}</p>
        )}
      </section>

      <section aria-labelledby="lineage-heading">
        <h2 id="lineage-heading">{t("projects.page.lineage")}</h2>
        <p>
          <Link to="/rollout">{t("projects.page.allPilots")}</Link>
        </p>
        {d.source ? (
          <div className="source-pilot" data-testid="source-pilot">
            <p>
              {t("projects.page.sourceIntro")}{" "}
              <ProjectLink code={d.source.code} readable={!!d.readable[d.source.id]} />{" "}
              {localized(locale, d.source.titleVi, d.source.titleEn)} —{" "}
              {d.source.province
                ? localized(locale, d.source.province.nameVi, d.source.province.nameEn)
                : t("projects.page.national")}{" "}
              <span className="tag">{t(`enums.phase.${d.source.phase}`)}</span>
            </p>
            <h3>{t("projects.page.sourceLessons", { code: d.source.code })}</h3>
            <Lessons lessons={d.source.lessons} testId="source-lessons" />
          </div>
        ) : null}
        <h3>{t("projects.page.replications")}</h3>
        {d.replications.length ? (
          <div className="table-wrap">
            <table className="data-table data-table--compact" data-testid="replications">
              <caption>{t("projects.page.replicationsCaption", { code: p.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("projects.col.province")}</th>
                  <th scope="col">{t("projects.col.code")}</th>
                  <th scope="col">{t("projects.col.owner")}</th>
                  <th scope="col">{t("projects.col.phase")}</th>
                </tr>
              </thead>
              {replicationGroups.map((g) => (
                <tbody key={g.provinceId ?? "national"}>
                  {g.items.map((r, i) => (
                    <tr key={r.id} data-code={r.code}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={g.items.length}>
                          {r.province
                            ? localized(locale, r.province.nameVi, r.province.nameEn)
                            : t("projects.page.national")}
                        </th>
                      ) : null}
                      <td>
                        <ProjectLink code={r.code} readable={!!d.readable[r.id]} />
                      </td>
                      <td>{localized(locale, r.organisation.nameVi, r.organisation.nameEn)}</td>
                      <td>{t(`enums.phase.${r.phase}`)}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        ) : (
          <p className="muted">{t("projects.page.noReplications")}</p>
        )}
      </section>

      <section aria-labelledby="lessons-heading" id="lessons">
        <h2 id="lessons-heading">{t("projects.page.lessons")}</h2>
        <Lessons lessons={d.lessons} testId="lessons" />
      </section>

      <SimilarReviews projectId={p.id} />

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("projects.page.reviewComments")}</h2>
        {d.reviewComments.length ? (
          <ul className="comments" data-testid="review-comments">
            {d.reviewComments.map((c) => (
              <li key={c.id}>
                <p>{c.body}</p>
                <p className="muted">
                  {t("projects.page.commentMeta", {
                    author: c.authorName,
                    date: date(c.createdAt),
                    plan: c.planCode,
                    revision: c.revision,
                  })}
                  {c.resolvedAt ? (
                    <>
                      {" "}
                      <span className="tag tag--ok">{t("projects.page.commentResolved")}</span>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("projects.page.noReviewComments")}</p>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("projects.page.history")}</h2>
        {history.length ? (
          <>
            <p className="hint">{t("projects.page.historyNote")}</p>
            <ol className="history" data-testid="history">
              {history.map((h) => (
                <li key={h.id} data-action={h.action}>
                  {h.text}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p className="muted">{t("projects.page.noHistory")}</p>
        )}
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
