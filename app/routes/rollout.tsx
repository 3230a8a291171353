import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { DOMAINS, PROJECT_PHASES } from "#db/enums";
import { can, requireUser } from "~/auth/guard.server";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { parseRolloutQuery } from "~/modules/projects/rollout";
import {
  listRollout,
  provinceChoices,
  rolloutSummary,
  type RolloutRow,
} from "~/modules/projects/rollout.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.title.rollout");

/** Every signed-in role reads the rollout page: pilots and their lessons are shared knowledge. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const db = getDb();
  const asOf = todayIso();
  const { table, filters } = parseRolloutQuery(new URL(request.url).searchParams);
  const list = listRollout(db, filters, table, asOf);
  const orgIds = new Set(
    list.rows.flatMap((r) => [
      r.organisation.id,
      ...r.replicationsByProvince.flatMap((g) => g.items.map((i) => i.organisationId)),
    ]),
  );
  return {
    ...list,
    filters,
    summary: rolloutSummary(db, asOf),
    provinces: provinceChoices(db, asOf),
    canCreate: can(user, "create", "project"),
    // Full project pages only for those who may read them (planners: their own organisation).
    readableOrgs: [...orgIds].filter((id) => can(user, "read", "project", id)),
  };
}

const col = createColumnHelper<RolloutRow>();

export default function Rollout() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, num, date } = useT();
  const readable = useMemo(() => new Set(d.readableOrgs), [d.readableOrgs]);
  const canCreate = d.canCreate;

  const columns = useMemo(
    () => [
      col.accessor("code", {
        header: () => t("projects.rollout.col.pilot"),
        meta: { rowHeader: true },
        cell: ({ row: { original: r } }) => (
          <>
            {readable.has(r.organisation.id) ? (
              <Link to={`/projects/${encodeURIComponent(r.code)}`} className="org-code">
                {r.code}
              </Link>
            ) : (
              <span className="org-code">{r.code}</span>
            )}{" "}
            <span lang={locale === "en" && !r.titleEn ? "vi" : undefined}>
              {localized(locale, r.titleVi, r.titleEn)}
            </span>
            <span className="data-table__detail">
              {localized(locale, r.organisation.nameVi, r.organisation.nameEn)} ·{" "}
              {t(`projects.domain.${r.domain}`)}
            </span>
          </>
        ),
      }),
      col.display({
        id: "location",
        header: () => t("projects.rollout.col.location"),
        cell: ({ row: { original: r } }) =>
          r.province
            ? localized(locale, r.province.nameVi, r.province.nameEn)
            : t("projects.rollout.national"),
      }),
      col.accessor("phase", {
        header: () => t("projects.rollout.col.phase"),
        cell: (c) => <span className="tag">{t(`enums.phase.${c.getValue()}`)}</span>,
      }),
      col.accessor("lessonCount", {
        id: "lessons",
        header: () => t("projects.rollout.col.lessons"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: r } }) =>
          r.lessons.length ? (
            <details className="rollout-lessons">
              <summary>{t("projects.rollout.lessonsCount", { count: num(r.lessonCount) })}</summary>
              <ul className="lessons">
                {r.lessons.map((l) => (
                  <li key={l.id}>
                    <p lang={locale === "en" && l.bodyEn ? "en" : "vi"}>
                      {localized(locale, l.bodyVi, l.bodyEn)}
                    </p>
                    <p className="muted lessons__meta">
                      {t("projects.page.lessonMeta", { date: date(l.recordedOn) })}
                    </p>
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <span className="muted">{t("projects.rollout.noLessons")}</span>
          ),
      }),
      col.accessor("replicationCount", {
        id: "replications",
        header: () => t("projects.rollout.col.replications"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: r } }) =>
          r.replicationsByProvince.length ? (
            <ul className="plain-list replications-by-province">
              {r.replicationsByProvince.map((g) => (
                <li key={g.province?.id ?? "national"}>
                  <strong>
                    {g.province
                      ? localized(locale, g.province.nameVi, g.province.nameEn)
                      : t("projects.rollout.national")}
                  </strong>
                  :{" "}
                  {g.items.map((i, k) => (
                    <span key={i.id}>
                      {k > 0 ? ", " : null}
                      {readable.has(i.organisationId) ? (
                        <Link to={`/projects/${encodeURIComponent(i.code)}`} className="org-code">
                          {i.code}
                        </Link>
                      ) : (
                        <span className="org-code">{i.code}</span>
                      )}{" "}
                      ({t(`enums.phase.${i.phase}`)})
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">{t("projects.rollout.notReplicated")}</span>
          ),
      }),
      ...(canCreate
        ? [
            col.display({
              id: "actions",
              header: () => <span className="visually-hidden">{t("projects.page.actions")}</span>,
              cell: ({ row: { original: r } }) =>
                r.replicable ? (
                  <Link
                    to={`/projects/${encodeURIComponent(r.code)}/replicate`}
                    aria-label={t("projects.rollout.replicateLabel", { code: r.code })}
                    data-testid="rollout-replicate"
                  >
                    {t("projects.rollout.replicate")}
                  </Link>
                ) : null,
            }),
          ]
        : []),
    ],
    [t, locale, num, date, readable, canCreate],
  );

  const f = d.filters;
  return (
    <>
      <h1>{t("projects.title.rollout")}</h1>
      <p className="lead">{t("projects.rollout.intro")}</p>
      {canCreate ? (
        <p>
          <Link to="/projects/new" className="button button--secondary" data-testid="new-project-link">
            {t("projects.action.newProject")}
          </Link>
        </p>
      ) : null}

      <section
        aria-label={t("projects.rollout.summaryLabel")}
        className="cards"
        data-testid="rollout-summary"
      >
        <div className="card">
          <span className="card__value">{num(d.summary.pilots)}</span>
          <span className="card__label">{t("projects.rollout.summary.pilots")}</span>
        </div>
        <div className="card">
          <span className="card__value">{num(d.summary.replicatedPilots)}</span>
          <span className="card__label">{t("projects.rollout.summary.replicated")}</span>
        </div>
        <div className="card">
          <span className="card__value">{num(d.summary.replications)}</span>
          <span className="card__label">{t("projects.rollout.summary.replications")}</span>
        </div>
        <div className="card">
          <span className="card__value">{num(d.summary.provincesReached)}</span>
          <span className="card__label">{t("projects.rollout.summary.provinces")}</span>
        </div>
      </section>

      <TableFilters label={t("projects.rollout.filters")}>
        <div className="form-group">
          <label htmlFor="rollout-q">{t("projects.rollout.filter.q")}</label>
          <span className="hint" id="rollout-q-hint">
            {t("projects.rollout.filter.qHint")}
          </span>
          <input type="search" id="rollout-q" name="q" defaultValue={f.q} aria-describedby="rollout-q-hint" />
        </div>
        <div className="form-group">
          <label htmlFor="rollout-province">{t("projects.rollout.filter.province")}</label>
          <select id="rollout-province" name="province" defaultValue={f.province ?? ""}>
            <option value="">{t("common.form.all")}</option>
            {d.provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {localized(locale, p.nameVi, p.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="rollout-domain">{t("projects.rollout.filter.domain")}</label>
          <select id="rollout-domain" name="domain" defaultValue={f.domain ?? ""}>
            <option value="">{t("common.form.all")}</option>
            {DOMAINS.map((x) => (
              <option key={x} value={x}>
                {t(`projects.domain.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="rollout-phase">{t("projects.rollout.filter.phase")}</label>
          <select id="rollout-phase" name="phase" defaultValue={f.phase ?? ""}>
            <option value="">{t("common.form.all")}</option>
            {PROJECT_PHASES.map((x) => (
              <option key={x} value={x}>
                {t(`enums.phase.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="rollout-replicated">{t("projects.rollout.filter.replicated")}</label>
          <select id="rollout-replicated" name="replicated" defaultValue={f.replicated ?? ""}>
            <option value="">{t("common.form.all")}</option>
            <option value="yes">{t("projects.rollout.replicated.yes")}</option>
            <option value="no">{t("projects.rollout.replicated.no")}</option>
          </select>
        </div>
      </TableFilters>

      <DataTable
        id="rollout"
        testId="rollout-table"
        caption={t("projects.rollout.caption")}
        columns={columns}
        data={d.rows}
        total={d.total}
        state={d.table}
        pageSizes={[10, 25, 50]}
        getRowId={(r) => r.code}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
