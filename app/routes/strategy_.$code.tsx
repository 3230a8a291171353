import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { PROJECT_PHASES } from "#db/enums";
import { can, requirePermission } from "~/auth/guard.server";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translator } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { titleWith } from "~/modules/shell/meta";
import { archiveNode, reorderNode, unarchiveNode } from "~/modules/strategy/commands.server";
import { getNodeView, listNodeProjects, type NodeProjectRow } from "~/modules/strategy/node.server";
import { parseNodeProjectQuery } from "~/modules/strategy/projects";
import { actorOf, refusalOf, requireNodeDetail } from "~/modules/strategy/route.server";
import { NodeCommandSchema } from "~/modules/strategy/schemas";
import { targetRollups } from "~/modules/strategy/targets-rollup.server";
import { ArchivedTag, Notice, RollupLine } from "~/modules/strategy/ui";
import { withParams } from "~/modules/table/params";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data ? `${data.node.code} — ${data.title}` : null, "strategy.title");

const DONE = ["created", "saved", "moved", "archived", "unarchived", "reordered"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "strategy");
  const db = getDb();
  const view = params.code ? getNodeView(db, params.code) : null;
  if (!view) throw new Response(null, { status: 404 });
  const url = new URL(request.url);
  const locale = localeFromRequest(request, user.locale);
  const query = parseNodeProjectQuery(url.searchParams);
  const projects = listNodeProjects(db, view.node.path, query, locale);
  const done = url.searchParams.get("done");
  const count = Number(url.searchParams.get("count"));
  return {
    ...view,
    targetRollups: targetRollups(db, view.node.id),
    title: localized(locale, view.node.titleVi, view.node.titleEn),
    projects: {
      ...projects,
      // Planners may open only their own organisation's project pages: link only where allowed.
      rows: projects.rows.map((r) => ({ ...r, canOpen: can(user, "read", "project", r.organisationId) })),
    },
    phase: query.phase,
    canUpdate: can(user, "update", "strategy"),
    canCreate: can(user, "create", "strategy"),
    canDelete: can(user, "delete", "strategy"),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
    doneCount: Number.isInteger(count) && count > 0 ? count : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const submission = parseWithZod(await request.formData(), { schema: NodeCommandSchema });
  const locale = localeFromRequest(request, user.locale);
  if (submission.status !== "success") {
    return data({ error: translator(locale)("strategy.error.version"), stale: false }, { status: 400 });
  }
  const actor = actorOf(user, context);
  const command = submission.value;
  const here = `/strategy/${encodeURIComponent(node.code)}`;
  try {
    switch (command.intent) {
      case "archive": {
        const { archived } = archiveNode(db, actor, node.code, command.version);
        return redirect(`${here}?done=archived&count=${archived.length}`);
      }
      case "unarchive": {
        const { restored } = unarchiveNode(db, actor, node.code, command.version);
        return redirect(`${here}?done=unarchived&count=${restored.length}`);
      }
      case "reorder": {
        reorderNode(db, actor, {
          parentCode: node.code,
          childCode: command.child,
          direction: command.direction,
          version: command.version,
        });
        return redirect(`${here}?done=reordered#children`);
      }
    }
  } catch (e) {
    const refusal = refusalOf(e, locale);
    if (!refusal) throw e;
    return data({ error: refusal.message, stale: refusal.stale }, { status: refusal.status });
  }
}

const col = createColumnHelper<NodeProjectRow & { canOpen: boolean }>();

function ProjectsTable() {
  const { projects, phase } = useLoaderData<typeof loader>();
  const { t, locale, money, pct } = useT();
  const { search } = useLocation();
  const columns = useMemo(
    () => [
      col.accessor("code", {
        header: () => t("strategy.col.code"),
        meta: { rowHeader: true },
        cell: ({ row: { original: p } }) =>
          p.canOpen ? (
            <Link to={`/projects/${encodeURIComponent(p.code)}`} className="org-code">
              {p.code}
            </Link>
          ) : (
            <span className="org-code" title={t("strategy.node.projects.noAccess")}>
              {p.code}
            </span>
          ),
      }),
      col.accessor("titleVi", {
        id: "title",
        header: () => t("strategy.col.title"),
        cell: ({ row: { original: p } }) => localized(locale, p.titleVi, p.titleEn),
      }),
      col.accessor("organisationNameVi", {
        id: "organisation",
        header: () => t("strategy.col.organisation"),
        cell: ({ row: { original: p } }) => (
          <Link to={`/organisations/${p.organisationId}`}>
            {localized(locale, p.organisationNameVi, p.organisationNameEn)}
          </Link>
        ),
      }),
      col.accessor("phase", {
        header: () => t("strategy.col.phase"),
        cell: (c) => t(`enums.phase.${c.getValue()}`),
      }),
      col.accessor("approved", {
        header: () => t("strategy.col.approved"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => money(c.getValue()),
      }),
      col.accessor("disbursed", {
        header: () => t("strategy.col.disbursed"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => money(c.getValue()),
      }),
      col.accessor("progress", {
        header: () => t("strategy.col.progress"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => (c.getValue() === null ? t("common.common.none") : pct(c.getValue()!)),
      }),
      col.accessor("via", {
        header: () => t("strategy.col.via"),
        enableSorting: false,
        cell: (c) => <span className="org-code">{c.getValue()}</span>,
      }),
    ],
    [t, locale, money, pct],
  );
  const keep = [...new URLSearchParams(search).entries()].filter(
    ([k]) => !["phase", "page", "done", "count"].includes(k),
  );
  return (
    <>
      <Form method="get" className="filters" preventScrollReset>
        {keep.map(([k, v], i) => (
          <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
        ))}
        <div className="form-group">
          <label htmlFor="projects-phase">{t("strategy.node.projects.phaseFilter")}</label>
          <select id="projects-phase" name="phase" defaultValue={phase ?? ""} key={phase ?? ""}>
            <option value="">{t("common.form.all")}</option>
            {PROJECT_PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`enums.phase.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--small">
            {t("common.form.filter")}
          </button>
        </div>
      </Form>
      <DataTable
        id="node-projects"
        testId="node-projects-table"
        caption={t("strategy.node.projects.caption")}
        captionDetail={
          phase ? t("strategy.node.projects.filtered", { phase: t(`enums.phase.${phase}`) }) : undefined
        }
        columns={columns}
        data={projects.rows}
        total={projects.total}
        state={projects.table}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

function CoordinatorActions() {
  const { node, children, canUpdate, canCreate, canDelete } = useLoaderData<typeof loader>();
  const { t, num } = useT();
  if (!canUpdate && !canCreate && !canDelete) return null;
  const here = `/strategy/${encodeURIComponent(node.code)}`;
  const archived = node.archivedAt !== null;
  const liveChildren = children.filter((c) => c.archivedAt === null).length;
  return (
    <section className="actions-bar" aria-labelledby="node-actions-title">
      <h2 id="node-actions-title" className="visually-hidden">
        {t("strategy.node.actions")}
      </h2>
      <ul className="actions-list">
        {canUpdate && !archived ? (
          <>
            <li>
              <Link to={`${here}/edit`} data-testid="edit-node">
                {t("strategy.node.edit")}
              </Link>
            </li>
            <li>
              <Link to={`${here}/move`} data-testid="move-node">
                {t("strategy.node.move")}
              </Link>
            </li>
            <li>
              <Link to={`${here}/targets`}>{t("strategy.node.targets.manage")}</Link>
            </li>
          </>
        ) : null}
        {canCreate && !archived ? (
          <li>
            <Link to={`/strategy/new?parent=${encodeURIComponent(node.code)}`} data-testid="add-child">
              {t("strategy.node.addChild")}
            </Link>
          </li>
        ) : null}
        {canUpdate ? (
          <li>
            <Form method="post" className="inline-form">
              <input type="hidden" name="version" value={node.version} />
              <button
                type="submit"
                name="intent"
                value={archived ? "unarchive" : "archive"}
                className="button button--secondary button--small"
                data-testid={archived ? "unarchive-node" : "archive-node"}
              >
                {archived
                  ? t("strategy.node.unarchive")
                  : liveChildren > 0
                    ? t("strategy.node.archiveWithChildren", { count: num(liveChildren) })
                    : t("strategy.node.archive")}
              </button>
            </Form>
          </li>
        ) : null}
        {canDelete ? (
          <li>
            <Link to={`${here}/delete`} className="danger-link" data-testid="delete-node">
              {t("strategy.node.delete")}
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function RollupSection() {
  const { rollup, node } = useLoaderData<typeof loader>();
  const { t, num, money, pct, moneyExact } = useT();
  const { search } = useLocation();
  const totals = rollup.totals;
  const progress = (p: number | null) => (p === null ? t("common.common.none") : pct(p));
  return (
    <section aria-labelledby="rollup-title">
      <h2 id="rollup-title">{t("strategy.node.rollup.title")}</h2>
      <p className="muted">{t("strategy.node.rollup.intro")}</p>
      <div className="cards" data-testid="rollup-cards">
        <p className="card">
          <span className="card__value">{num(totals.projects)}</span>
          <span className="card__label">
            {t("strategy.node.rollup.projects")} (
            {t("strategy.node.rollup.direct", { count: num(totals.directProjects) })})
          </span>
        </p>
        <p className="card">
          <span className="card__value" title={moneyExact(totals.approved)}>
            {money(totals.approved)}
          </span>
          <span className="card__label">{t("strategy.node.rollup.approved")}</span>
        </p>
        <p className="card">
          <span className="card__value" title={moneyExact(totals.disbursed)}>
            {money(totals.disbursed)}
          </span>
          <span className="card__label">{t("strategy.node.rollup.disbursed")}</span>
        </p>
        <p className="card">
          <span className="card__value">{progress(totals.progress)}</span>
          <span className="card__label">{t("strategy.node.rollup.progress")}</span>
        </p>
      </div>
      <div className="table-wrap">
        <table className="data-table" data-testid="rollup-table" data-node-code={node.code}>
          <caption>{t("strategy.node.rollup.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("strategy.node.rollup.phase")}</th>
              <th scope="col" className="num">
                {t("strategy.col.projects")}
              </th>
              <th scope="col" className="num">
                {t("strategy.col.approved")}
              </th>
              <th scope="col" className="num">
                {t("strategy.col.disbursed")}
              </th>
              <th scope="col" className="num">
                {t("strategy.col.progress")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rollup.byPhase.map((p) => (
              <tr key={p.phase} data-phase={p.phase}>
                <th scope="row">{t(`enums.phase.${p.phase}`)}</th>
                <td className="num">
                  {p.projects > 0 ? (
                    <Link
                      to={`${withParams(search, { phase: p.phase, done: null, count: null })}#node-projects`}
                      preventScrollReset
                      aria-label={`${num(p.projects)} — ${t("strategy.node.rollup.showPhase", { phase: t(`enums.phase.${p.phase}`) })}`}
                    >
                      {num(p.projects)}
                    </Link>
                  ) : (
                    num(0)
                  )}
                </td>
                <td className="num">{money(p.approved)}</td>
                <td className="num">{money(p.disbursed)}</td>
                <td className="num">{progress(p.progress)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("strategy.node.rollup.total")}</th>
              <td className="num">{num(totals.projects)}</td>
              <td className="num">{money(totals.approved)}</td>
              <td className="num">{money(totals.disbursed)}</td>
              <td className="num">{progress(totals.progress)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function TargetsSection() {
  const { targets } = useLoaderData<typeof loader>();
  const { t, locale, num } = useT();
  const value = (v: number | null) =>
    v === null ? t("common.common.none") : num(v, Number.isInteger(v) ? 0 : 2);
  return (
    <section aria-labelledby="targets-title">
      <h2 id="targets-title">{t("strategy.node.targets.title")}</h2>
      {targets.length === 0 ? (
        <p className="muted">{t("strategy.node.targets.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="targets-table">
            <caption>{t("strategy.node.targets.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.node.targets.name")}</th>
                <th scope="col">{t("strategy.node.targets.unit")}</th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.baseline")}
                </th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.target")}
                </th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.year")}
                </th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.indicators")}
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{localized(locale, x.nameVi, x.nameEn)}</th>
                  <td>{x.unit}</td>
                  <td className="num">{value(x.baseline)}</td>
                  <td className="num">{value(x.target)}</td>
                  <td className="num">{x.targetYear ?? t("common.common.none")}</td>
                  <td className="num">{num(x.indicators)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Project indicators rolled up to each target of the node (see targets-rollup.server.ts). */
function TargetRollupSection() {
  const { targets, targetRollups } = useLoaderData<typeof loader>();
  const { t, locale, num } = useT();
  if (targets.length === 0) return null;
  const value = (v: number | null) => (v === null ? t("common.common.none") : num(v, 2));
  const byId = new Map(targets.map((x) => [x.id, x]));
  return (
    <section aria-labelledby="target-rollup-title">
      <h2 id="target-rollup-title">{t("indicators.rollup.title")}</h2>
      <p className="muted">{t("indicators.rollup.intro")}</p>
      <div className="table-wrap">
        <table className="data-table" data-testid="target-rollup-table">
          <caption>{t("indicators.rollup.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("indicators.rollup.target")}</th>
              <th scope="col">{t("indicators.rollup.aggregation")}</th>
              <th scope="col" className="num">
                {t("indicators.rollup.actual")}
              </th>
              <th scope="col" className="num">
                {t("indicators.rollup.indicatorTargets")}
              </th>
              <th scope="col" className="num">
                {t("indicators.rollup.nodeTarget")}
              </th>
              <th scope="col" className="num">
                {t("indicators.rollup.projects")}
              </th>
              <th scope="col" className="num">
                {t("indicators.rollup.indicators")}
              </th>
              <th scope="col">{t("indicators.rollup.latestPeriod")}</th>
            </tr>
          </thead>
          <tbody>
            {targetRollups.map((r) => {
              const target = byId.get(r.targetId);
              return (
                <tr key={r.targetId} data-target-id={r.targetId}>
                  <th scope="row">
                    {target ? localized(locale, target.nameVi, target.nameEn) : r.targetId} ({r.unit})
                  </th>
                  <td>{t(`indicators.rollup.agg.${r.aggregation}`)}</td>
                  <td className="num">{value(r.actual)}</td>
                  <td className="num">{value(r.indicatorTargets)}</td>
                  <td className="num">{value(target?.target ?? null)}</td>
                  <td className="num">{num(r.projects)}</td>
                  <td className="num">
                    {num(r.reporting)} / {num(r.indicators)}
                  </td>
                  <td>{r.latestPeriod ?? t("common.common.none")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ChildrenSection() {
  const { children, canUpdate, node } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const reorder = canUpdate && node.archivedAt === null && children.length > 1;
  return (
    <section aria-labelledby="children-title" id="children">
      <h2 id="children-title">{t("strategy.node.children.title")}</h2>
      {children.length === 0 ? (
        <p className="muted">{t("strategy.node.children.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="children-table">
            <caption>{t("strategy.node.children.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.col.code")}</th>
                <th scope="col">{t("strategy.col.title")}</th>
                <th scope="col">{t("strategy.rollup.label")}</th>
                {reorder ? <th scope="col">{t("strategy.node.children.order")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {children.map((c, i) => (
                <tr key={c.id} data-node-code={c.code}>
                  <td className="org-code">{c.code}</td>
                  <th scope="row">
                    <Link to={`/strategy/${encodeURIComponent(c.code)}`}>
                      {localized(locale, c.titleVi, c.titleEn)}
                    </Link>
                    {c.archivedAt !== null ? (
                      <>
                        {" "}
                        <ArchivedTag />
                      </>
                    ) : null}
                  </th>
                  <td>
                    <RollupLine rollup={c.rollup} />
                  </td>
                  {reorder ? (
                    <td>
                      <Form method="post" className="inline-form reorder">
                        <input type="hidden" name="intent" value="reorder" />
                        <input type="hidden" name="child" value={c.code} />
                        <input type="hidden" name="version" value={c.version} />
                        <button
                          type="submit"
                          name="direction"
                          value="up"
                          className="link-button"
                          disabled={i === 0}
                          aria-label={t("strategy.node.children.upLabel", { code: c.code })}
                        >
                          ↑ {t("strategy.node.children.up")}
                        </button>{" "}
                        <button
                          type="submit"
                          name="direction"
                          value="down"
                          className="link-button"
                          disabled={i === children.length - 1}
                          aria-label={t("strategy.node.children.downLabel", { code: c.code })}
                        >
                          ↓ {t("strategy.node.children.down")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function StrategyNodePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, num, date } = useT();
  const n = d.node;
  const otherTitle = locale === "vi" ? n.titleEn : n.titleVi;
  const description = localized(locale, n.descriptionVi ?? "", n.descriptionEn);
  const agency = (a: { id: number; nameVi: string; nameEn: string }) => (
    <Link to={`/organisations/${a.id}`}>{localized(locale, a.nameVi, a.nameEn)}</Link>
  );
  const doneText = d.done ? t(`strategy.node.done.${d.done}`, { count: num(d.doneCount ?? 1) }) : null;
  return (
    <article>
      <nav aria-label={t("strategy.node.breadcrumb")} className="breadcrumb">
        <Link to="/strategy">{t("strategy.title")}</Link>
        {d.ancestors.map((a) => (
          <span key={a.id}>
            {" › "}
            <Link to={`/strategy/${encodeURIComponent(a.code)}`}>{a.code}</Link>
          </span>
        ))}
      </nav>
      <h1>
        <span className="node-code">{n.code}</span> {d.title} {n.archivedAt !== null ? <ArchivedTag /> : null}
      </h1>
      {otherTitle && otherTitle !== d.title ? (
        <p className="lead" lang={locale === "vi" ? "en" : "vi"}>
          {otherTitle}
        </p>
      ) : null}
      {doneText ? <Notice>{doneText}</Notice> : null}
      {actionData && "error" in actionData ? (
        <div className="notice notice--error" role="alert" data-testid="action-error">
          <p>{actionData.error}</p>
          {actionData.stale ? (
            <p>
              <Link to={`/strategy/${encodeURIComponent(n.code)}`} reloadDocument>
                {t("strategy.form.staleReload")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {n.archivedAt !== null ? (
        <p className="notice" data-testid="archived-notice">
          {t("strategy.node.archivedNotice", { date: date(n.archivedAt) })}
        </p>
      ) : null}
      <CoordinatorActions />

      <dl className="summary">
        <dt>{t("strategy.node.code")}</dt>
        <dd className="org-code">{n.code}</dd>
        <dt>{t("strategy.node.parent")}</dt>
        <dd>
          {d.ancestors.length > 0 ? (
            <Link to={`/strategy/${encodeURIComponent(d.ancestors[d.ancestors.length - 1].code)}`}>
              {localized(
                locale,
                d.ancestors[d.ancestors.length - 1].titleVi,
                d.ancestors[d.ancestors.length - 1].titleEn,
              )}
            </Link>
          ) : (
            t("strategy.node.topLevel")
          )}
        </dd>
        <dt>{t("strategy.period")}</dt>
        <dd>
          {n.periodStart || n.periodEnd
            ? `${n.periodStart ?? "…"}–${n.periodEnd ?? "…"}`
            : t("strategy.node.none")}
        </dd>
        <dt>{t("strategy.lead")}</dt>
        <dd data-testid="node-lead">{n.lead ? agency(n.lead) : t("strategy.node.none")}</dd>
        <dt>{t("strategy.cooperators")}</dt>
        <dd data-testid="node-cooperators">
          {n.cooperators.length === 0 ? (
            t("strategy.node.none")
          ) : (
            <ul className="plain-list">
              {n.cooperators.map((c) => (
                <li key={c.id}>{agency(c)}</li>
              ))}
            </ul>
          )}
        </dd>
        {description ? (
          <>
            <dt>
              {locale === "en" && n.descriptionEn
                ? t("strategy.node.descriptionEn")
                : t("strategy.node.descriptionVi")}
            </dt>
            <dd className="prose">{description}</dd>
          </>
        ) : null}
        <dt>{t("strategy.node.updated")}</dt>
        <dd>{date(n.updatedAt)}</dd>
      </dl>

      <RollupSection />
      <TargetsSection />
      <TargetRollupSection />
      <ChildrenSection />
      <section aria-labelledby="projects-title" id="projects-section">
        <h2 id="projects-title">{t("strategy.node.projects.title")}</h2>
        <ProjectsTable />
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
