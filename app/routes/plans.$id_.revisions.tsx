import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { notFound, requirePermission, requireUser } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { hasMessage, type MessageKey } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { diffSnapshots, type FieldChange, type ProjectRef } from "~/modules/plans/diff";
import { parsePlanId, parseRevisionNumber } from "~/modules/plans/params";
import {
  getPlanDetail,
  getRevisionSnapshot,
  labelsForDiff,
  listPlanRevisions,
  type DiffLabels,
} from "~/modules/plans/queries.server";
import { defaultComparison } from "~/modules/plans/revisions";
import { buildPlanSnapshot } from "~/modules/plans/snapshot.server";
import type { SnapshotValue } from "~/modules/plans/snapshot";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, "plans.revisions.pageTitle", { code: data.plan.code })
    : pageTitle(matches, "plans.revisions.title");

/** `current`: the plan as it stands, while it is being prepared and differs from every recorded revision. */
type Side = number | "current";

function parseSide(value: string | null): Side | null {
  if (value === "current") return "current";
  return parseRevisionNumber(value);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request);
  const db = getDb();
  const id = parsePlanId(params.id);
  const plan = id === null ? null : getPlanDetail(db, id);
  if (!plan) throw notFound();
  requirePermission(request, "read", "plan", plan.organisationId);
  const locale = localeFromRequest(request);
  const revisions = listPlanRevisions(db, plan.id);
  const hasWorkingCopy = isPlanContentEditable(plan.status) && revisions.length > 0;
  const available = new Set<Side>(revisions.map((r) => r.revision));
  if (hasWorkingCopy) available.add("current");

  const url = new URL(request.url);
  const asked = { from: parseSide(url.searchParams.get("from")), to: parseSide(url.searchParams.get("to")) };
  const askedValid =
    asked.from !== null && asked.to !== null && available.has(asked.from) && available.has(asked.to);
  const invalidChoice = (url.searchParams.has("from") || url.searchParams.has("to")) && !askedValid;
  const fallback: { from: Side; to: Side } | null =
    defaultComparison(revisions) ??
    (hasWorkingCopy && revisions.length > 0 ? { from: revisions[0].revision, to: "current" } : null);
  const chosen = askedValid ? { from: asked.from!, to: asked.to! } : fallback;

  const snapshotOf = (side: Side) =>
    side === "current" ? buildPlanSnapshot(db, plan.id) : getRevisionSnapshot(db, plan.id, side);
  let comparison = null;
  if (chosen && chosen.from !== chosen.to) {
    const diff = diffSnapshots(snapshotOf(chosen.from), snapshotOf(chosen.to));
    comparison = { ...chosen, diff, labels: labelsForDiff(db, diff) };
  }
  return {
    plan: { id: plan.id, code: plan.code, status: plan.status, revision: plan.revision },
    title: localized(locale, plan.titleVi, plan.titleEn),
    revisions,
    hasWorkingCopy,
    chosen,
    sameSides: chosen !== null && chosen.from === chosen.to,
    invalidChoice,
    comparison,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Enumerated values are labelled as on the project form (`projects` messages). */
const ENUM_FIELDS: Record<string, (v: string) => string> = {
  domain: (v) => `projects.domain.${v}`,
  hostingModel: (v) => `projects.hosting.${v}`,
  operatorType: (v) => `projects.operator.${v}`,
  phase: (v) => `enums.phase.${v}`,
  personalDataCategories: (v) => `projects.pd.${v}`,
  citizenAppPlatforms: (v) => `projects.platform.${v}`,
};
const MONEY_FIELDS = new Set(["budgetTotal", "hardwareCapex"]);
const ORG_FIELDS = new Set(["organisationId", "provinceId", "cityId", "cooperatingOrganisationIds"]);

function useValueText(labels: DiffLabels) {
  const { t, locale, moneyExact } = useT();
  const item = (field: string, v: string | number): string => {
    if (typeof v === "number") {
      if (ORG_FIELDS.has(field)) {
        const o = labels.organisations[v];
        return o ? localized(locale, o.nameVi, o.nameEn) : `#${v}`;
      }
      if (field === "strategyNodeIds") {
        const n = labels.strategyNodes[v];
        return n ? `${n.code} ${localized(locale, n.titleVi, n.titleEn)}` : `#${v}`;
      }
      if (field === "appId") {
        const a = labels.apps[v];
        return a ? localized(locale, a.nameVi, a.nameEn) : `#${v}`;
      }
      if (field === "replicatesProjectId") return labels.projects[v]?.code ?? `#${v}`;
      if (MONEY_FIELDS.has(field)) return moneyExact(v);
      // Years and other plain numbers are shown without grouping (2026, not 2.026).
      return String(v);
    }
    const key = ENUM_FIELDS[field]?.(v);
    return key && hasMessage(locale, key) ? t(key as MessageKey) : v;
  };
  return (field: string, v: SnapshotValue): string => {
    if (v === null) return t("plans.diff.empty");
    if (typeof v === "boolean") return v ? t("plans.diff.yes") : t("plans.diff.no");
    if (Array.isArray(v))
      return v.length === 0 ? t("plans.diff.none") : v.map((x) => item(field, x)).join("; ");
    return item(field, v as string | number);
  };
}

function fieldLabel(
  t: ReturnType<typeof useT>["t"],
  locale: "vi" | "en",
  scope: "plan" | "project",
  field: string,
) {
  const key = `plans.field.${scope}.${field}`;
  return hasMessage(locale, key) ? t(key as MessageKey) : field;
}

function sideLabel(t: ReturnType<typeof useT>["t"], side: Side): string {
  return side === "current" ? t("plans.revisions.current") : t("plans.revisions.revisionN", { n: side });
}

function ChangesTable({
  caption,
  scope,
  changes,
  from,
  to,
  labels,
  testId,
}: {
  caption: string;
  scope: "plan" | "project";
  changes: FieldChange[];
  from: Side;
  to: Side;
  labels: DiffLabels;
  testId?: string;
}) {
  const { t, locale } = useT();
  const text = useValueText(labels);
  return (
    <div className="table-wrap">
      <table className="data-table diff-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("plans.diff.field")}</th>
            <th scope="col">{t("plans.diff.before", { side: sideLabel(t, from) })}</th>
            <th scope="col">{t("plans.diff.after", { side: sideLabel(t, to) })}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row">{fieldLabel(t, locale, scope, c.field)}</th>
              <td className="pre-line diff-before">{text(c.field, c.before)}</td>
              <td className="pre-line diff-after">
                {text(c.field, c.after)}
                {c.added?.length ? (
                  <span className="diff-note">
                    {t("plans.diff.added")}: {text(c.field, c.added)}
                  </span>
                ) : null}
                {c.removed?.length ? (
                  <span className="diff-note">
                    {t("plans.diff.removed")}: {text(c.field, c.removed)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProjectListTable({
  caption,
  projects,
  testId,
}: {
  caption: string;
  projects: ProjectRef[];
  testId: string;
}) {
  const { t, locale, money } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("plans.projects.col.code")}</th>
            <th scope="col">{t("plans.projects.col.title")}</th>
            <th scope="col" className="num">
              {t("plans.projects.col.budget")}
            </th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.key}>
              <th scope="row" className="org-code">
                {p.code ?? p.key}
              </th>
              <td>{p.titleVi ? localized(locale, p.titleVi, p.titleEn) : "—"}</td>
              <td className="num">{p.budgetTotal === null ? "—" : money(p.budgetTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Comparison({ data }: { data: LoaderData }) {
  const { t, locale, num } = useT();
  const c = data.comparison;
  if (!c) return null;
  const { diff, from, to, labels } = c;
  const a = sideLabel(t, from);
  const b = sideLabel(t, to);
  return (
    <section className="diff" aria-labelledby="diff-title" data-testid="revision-diff">
      <h2 id="diff-title">{t("plans.diff.title", { from: a, to: b })}</h2>
      {diff.identical ? (
        <p className="notice">{t("plans.diff.identical")}</p>
      ) : (
        <p>
          {t("plans.diff.summary", {
            plan: num(diff.plan.length),
            added: num(diff.added.length),
            removed: num(diff.removed.length),
            changed: num(diff.changed.length),
            unchanged: num(diff.unchangedCount),
          })}
        </p>
      )}
      {diff.plan.length > 0 ? (
        <ChangesTable
          caption={t("plans.diff.planCaption", { from: a, to: b })}
          scope="plan"
          changes={diff.plan}
          from={from}
          to={to}
          labels={labels}
          testId="diff-plan"
        />
      ) : null}
      {diff.added.length > 0 ? (
        <ProjectListTable
          caption={t("plans.diff.addedCaption", { to: b })}
          projects={diff.added}
          testId="diff-added"
        />
      ) : null}
      {diff.removed.length > 0 ? (
        <ProjectListTable
          caption={t("plans.diff.removedCaption", { to: b })}
          projects={diff.removed}
          testId="diff-removed"
        />
      ) : null}
      {diff.changed.map((p) => (
        <ChangesTable
          key={p.key}
          caption={t("plans.diff.projectCaption", {
            code: p.code ?? p.key,
            title: p.titleVi ? localized(locale, p.titleVi, p.titleEn) : "",
            from: a,
            to: b,
          })}
          scope="project"
          changes={p.changes}
          from={from}
          to={to}
          labels={labels}
          testId="diff-project"
        />
      ))}
      {diff.notRecorded.plan.length + diff.notRecorded.project.length > 0 ? (
        <p className="hint">
          {t("plans.diff.notRecorded", {
            fields: [
              diff.notRecorded.plan.length
                ? t("plans.diff.notRecordedPlan", {
                    fields: diff.notRecorded.plan.map((f) => fieldLabel(t, locale, "plan", f)).join(", "),
                  })
                : null,
              diff.notRecorded.project.length
                ? t("plans.diff.notRecordedProject", {
                    fields: diff.notRecorded.project
                      .map((f) => fieldLabel(t, locale, "project", f))
                      .join(", "),
                  })
                : null,
            ]
              .filter(Boolean)
              .join("; "),
          })}
        </p>
      ) : null}
    </section>
  );
}

export default function PlanRevisions() {
  const data = useLoaderData<typeof loader>();
  const { t, dateTime } = useT();
  const { plan, revisions, chosen } = data;
  const sides: Side[] = [
    ...(data.hasWorkingCopy ? (["current"] as const) : []),
    ...[...new Set(revisions.map((r) => r.revision))],
  ];
  const who = (name: string | null, at: number | null) =>
    at === null ? "—" : name ? t("plans.detail.byOn", { who: name, when: dateTime(at) }) : dateTime(at);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">{t("plans.list.title")}</Link> › <Link to={`/plans/${plan.id}`}>{plan.code}</Link>
      </p>
      <h1>{t("plans.revisions.title")}</h1>
      <p className="lead">
        <span className="org-code">{plan.code}</span> · {data.title}
      </p>
      <p>{t("plans.revisions.intro")}</p>
      <div className="table-wrap">
        <table className="data-table" data-testid="revisions-table">
          <caption>{t("plans.revisions.caption", { code: plan.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("plans.revisions.col.revision")}</th>
              <th scope="col">{t("plans.revisions.col.status")}</th>
              <th scope="col">{t("plans.revisions.col.submitted")}</th>
              <th scope="col">{t("plans.revisions.col.decided")}</th>
              <th scope="col">{t("plans.revisions.col.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.length === 0 ? (
              <tr>
                <td colSpan={5} className="data-table__empty">
                  {t("plans.revisions.none")}
                </td>
              </tr>
            ) : (
              revisions.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{t("plans.revisions.revisionN", { n: r.revision })}</th>
                  <td>
                    <span
                      className={
                        r.status === "approved"
                          ? "tag tag--ok"
                          : r.status === "returned"
                            ? "tag tag--warn"
                            : "tag"
                      }
                    >
                      {t(`enums.planStatus.${r.status}`)}
                    </span>
                  </td>
                  <td>{who(r.createdByName, r.createdAt)}</td>
                  <td>{who(r.decidedByName, r.decidedAt)}</td>
                  <td className="pre-line">{r.reason ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data.hasWorkingCopy ? (
        <p className="hint">
          {t("plans.revisions.workingCopy", { status: t(`enums.planStatus.${plan.status}`) })}
        </p>
      ) : null}

      {sides.length >= 2 ? (
        <Form method="get" className="filters" aria-label={t("plans.revisions.compareLabel")}>
          <div className="form-group">
            <label htmlFor="compare-from">{t("plans.revisions.from")}</label>
            <select
              id="compare-from"
              name="from"
              defaultValue={chosen ? String(chosen.from) : undefined}
              key={`f${chosen?.from}`}
            >
              {sides.map((s) => (
                <option key={s} value={s}>
                  {sideLabel(t, s)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label htmlFor="compare-to">{t("plans.revisions.to")}</label>
            <select
              id="compare-to"
              name="to"
              defaultValue={chosen ? String(chosen.to) : undefined}
              key={`t${chosen?.to}`}
            >
              {sides.map((s) => (
                <option key={s} value={s}>
                  {sideLabel(t, s)}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__actions">
            <button type="submit" className="button">
              {t("plans.revisions.compare")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">{t("plans.revisions.nothingToCompare")}</p>
      )}
      {data.invalidChoice ? (
        <p className="notice" role="status">
          {t("plans.revisions.invalidChoice")}
        </p>
      ) : null}
      {data.sameSides ? <p className="notice">{t("plans.revisions.sameSides")}</p> : null}
      <Comparison data={data} />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
