import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { DOMAINS, FUNDING_SOURCES, PROJECT_PHASES } from "#db/enums";
import { getDb } from "#db/client.server";
import { can, forbidden, requirePermission } from "~/auth/guard.server";
import { DataTable, TableFilters, type ColumnDef } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import type { MessageKey, Translate } from "~/i18n/i18n";
import { localeFromRequest, type Locale } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import {
  COLUMN_PARAM,
  OPTIONAL_COLUMNS,
  parseProjectRegisterQuery,
  type RegisterColumn,
} from "~/modules/projects/register";
import {
  listProjects,
  registerOptions,
  registerScopeFor,
  type ActiveFilter,
  type OrgOption,
  type ProjectRegisterRow,
} from "~/modules/projects/register.server";
import { pageTitle } from "~/modules/shell/meta";
import { TABLE_PARAMS } from "~/modules/table/params";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "project");
  const scope = registerScopeFor(user);
  if (!scope) throw forbidden();
  const db = getDb();
  const query = parseProjectRegisterQuery(new URL(request.url).searchParams);
  const locale = localeFromRequest(request, user.locale);
  return {
    ...listProjects(db, query, scope, locale),
    options: registerOptions(db, scope, locale),
    ownScope: !scope.all,
    canCreate: can(user, "create", "project"),
  };
}

const col = createColumnHelper<ProjectRegisterRow>();

/** The localised text, marked with its language when it falls back to Vietnamese. */
function LocalizedText({ locale, vi, en }: { locale: Locale; vi: string; en: string | null | undefined }) {
  const text = localized(locale, vi, en);
  return locale === "en" && text === vi && vi !== en ? <span lang="vi">{text}</span> : <>{text}</>;
}

/** "Hồ Chí Minh" or "Hồ Chí Minh: từ khoá …" pieces of the caption. */
function describeFilter(f: ActiveFilter, t: Translate, locale: Locale): string {
  const item = (label: MessageKey, value: string) => t("register.active.item", { label: t(label), value });
  switch (f.name) {
    case "q":
      return t("register.active.q", { text: f.text });
    case "org":
      return item("register.filters.org", localized(locale, f.org.nameVi, f.org.nameEn));
    case "province":
      return item("register.filters.province", localized(locale, f.org.nameVi, f.org.nameEn));
    case "ministry":
      return item("register.filters.ministry", localized(locale, f.org.nameVi, f.org.nameEn));
    case "domain":
      return item("register.filters.domain", t(`register.domain.${f.domain}`));
    case "phase":
      return item("register.filters.phase", t(`enums.phase.${f.phase}`));
    case "node":
      return item(
        "register.filters.node",
        `${f.node.code} ${localized(locale, f.node.titleVi, f.node.titleEn)}`,
      );
    case "source":
      return item("register.filters.source", t(`register.source.${f.source}`));
    case "year":
      return item("register.filters.year", String(f.year));
  }
}

function OrgOptions({ options, locale, t }: { options: OrgOption[]; locale: Locale; t: Translate }) {
  const groups: [MessageKey, OrgOption[]][] = [
    ["register.group.province", options.filter((o) => o.kind === "province" && !o.legacy)],
    ["register.group.city", options.filter((o) => o.kind === "city")],
    ["register.group.ministry", options.filter((o) => o.kind === "ministry" && !o.legacy)],
    ["register.group.legacyProvince", options.filter((o) => o.kind === "province" && o.legacy)],
    ["register.group.legacyMinistry", options.filter((o) => o.kind === "ministry" && o.legacy)],
  ];
  return (
    <>
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([label, list]) => (
          <optgroup key={label} label={t(label)}>
            {list.map((o) => (
              <option key={o.id} value={o.code}>
                {localized(locale, o.nameVi, o.nameEn)}
              </option>
            ))}
          </optgroup>
        ))}
    </>
  );
}

export default function ProjectRegister() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, money, moneyExact, date, num } = useT();
  const location = useLocation();
  const { filters, options } = data;
  // A filter from the address that the choices do not offer (a planner's link to another
  // organisation) still shows as selected, so the form says what the table shows.
  const activeOrg = data.active.find((f) => f.name === "org");
  const unofferedOrg =
    activeOrg?.name === "org" && !options.organisations.some((o) => o.code === activeOrg.org.code)
      ? activeOrg.org
      : null;
  const shown = new Set<RegisterColumn>(data.columns);

  const columns = useMemo(() => {
    const all: Record<RegisterColumn, ColumnDef<ProjectRegisterRow, unknown>> = {
      code: col.accessor("code", {
        id: "code",
        header: () => t("register.col.code"),
        meta: { rowHeader: true },
        cell: ({ row: { original: p } }) => (
          <Link to={`/projects/${encodeURIComponent(p.code)}`} className="org-code register-code">
            {p.code}
          </Link>
        ),
      }),
      title: col.accessor("titleVi", {
        id: "title",
        header: () => t("register.col.title"),
        cell: ({ row: { original: p } }) => <LocalizedText locale={locale} vi={p.titleVi} en={p.titleEn} />,
      }),
      organisation: col.accessor("organisationNameVi", {
        id: "organisation",
        header: () => t("register.col.organisation"),
        cell: ({ row: { original: p } }) => (
          <>
            {localized(locale, p.organisationNameVi, p.organisationNameEn)}
            {p.organisationLegacy ? (
              <>
                {" "}
                <span className="tag tag--legacy">{t("register.legacy")}</span>
              </>
            ) : null}
          </>
        ),
      }),
      province: col.accessor("provinceNameVi", {
        id: "province",
        header: () => t("register.col.province"),
        cell: ({ row: { original: p } }) =>
          p.provinceNameVi ? (
            <>
              {localized(locale, p.provinceNameVi, p.provinceNameEn)}
              {p.provinceLegacy ? (
                <>
                  {" "}
                  <span className="tag tag--legacy">{t("register.legacy")}</span>
                </>
              ) : null}
            </>
          ) : (
            <span className="muted">{t("register.nationalScope")}</span>
          ),
      }),
      domain: col.accessor("domain", {
        id: "domain",
        header: () => t("register.col.domain"),
        enableSorting: false,
        cell: ({ row: { original: p } }) => t(`register.domain.${p.domain}`),
      }),
      phase: col.accessor("phase", {
        id: "phase",
        header: () => t("register.col.phase"),
        cell: ({ row: { original: p } }) => t(`enums.phase.${p.phase}`),
      }),
      strategy: col.accessor((p) => p.node?.code ?? null, {
        id: "strategy",
        header: () => t("register.col.strategy"),
        enableSorting: false,
        cell: ({ row: { original: p } }) =>
          p.node ? (
            <>
              <span className="org-code">{p.node.code}</span>{" "}
              <LocalizedText locale={locale} vi={p.node.titleVi} en={p.node.titleEn} />
            </>
          ) : (
            t("common.common.none")
          ),
      }),
      approved: col.accessor("approved", {
        id: "approved",
        header: () => t("register.col.approved"),
        meta: { numeric: true, initialDir: "desc" },
        cell: ({ row: { original: p } }) => <span title={moneyExact(p.approved)}>{money(p.approved)}</span>,
      }),
      start: col.accessor("startDate", {
        id: "start",
        header: () => t("register.col.start"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: p } }) => date(p.startDate),
      }),
      end: col.accessor("endDate", {
        id: "end",
        header: () => t("register.col.end"),
        enableSorting: false,
        cell: ({ row: { original: p } }) => date(p.endDate),
      }),
      updated: col.accessor("updatedAt", {
        id: "updated",
        header: () => t("register.col.updated"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: p } }) => date(p.updatedAt),
      }),
    };
    return data.columns.map((c) => all[c]);
  }, [data.columns, t, locale, money, moneyExact, date]);

  // "Clear filters" keeps the sort, the page size and the chosen columns.
  const search = new URLSearchParams(location.search);
  const kept = new URLSearchParams();
  for (const name of [...TABLE_PARAMS, COLUMN_PARAM]) {
    if (name === "page") continue;
    for (const v of search.getAll(name)) kept.append(name, v);
  }
  const clearTo = `${location.pathname}${kept.size ? `?${kept}` : ""}`;

  const sortColumn = t(`register.col.${data.table.sort}`);
  const filterText = data.active.map((f) => describeFilter(f, t, locale)).join("; ");

  return (
    <>
      <h1>{t("register.title")}</h1>
      <p className="lead">{t("register.intro")}</p>
      {data.ownScope ? <p className="notice">{t("register.introOwn")}</p> : null}
      {data.canCreate ? (
        <p>
          <Link to="/projects/new" className="button" data-testid="new-project">
            {t("register.newProject")}
          </Link>
        </p>
      ) : null}

      <TableFilters label={t("register.filters.label")} clearTo={clearTo}>
        <div className="form-group">
          <label htmlFor="reg-q">{t("register.filters.q")}</label>
          <span className="hint" id="reg-q-hint">
            {t("register.filters.qHint")}
          </span>
          <input
            type="search"
            id="reg-q"
            name="q"
            maxLength={200}
            defaultValue={filters.q}
            aria-describedby="reg-q-hint"
            key={filters.q}
          />
        </div>
        <div className="form-group">
          <label htmlFor="reg-org">{t("register.filters.org")}</label>
          <span className="hint" id="reg-org-hint">
            {t("register.filters.orgHint")}
          </span>
          <select
            id="reg-org"
            name="org"
            defaultValue={filters.org ?? ""}
            key={filters.org ?? ""}
            aria-describedby="reg-org-hint"
          >
            <option value="">{t("common.form.all")}</option>
            {unofferedOrg ? (
              <option value={unofferedOrg.code}>
                {localized(locale, unofferedOrg.nameVi, unofferedOrg.nameEn)}
              </option>
            ) : null}
            <OrgOptions options={options.organisations} locale={locale} t={t} />
          </select>
        </div>
        <FilterSelect
          id="reg-province"
          name="province"
          label={t("register.filters.province")}
          hint={t("register.filters.provinceHint")}
          value={filters.province}
          choices={options.provinces.map((o) => ({
            value: o.code,
            label: localized(locale, o.nameVi, o.nameEn),
          }))}
        />
        <FilterSelect
          id="reg-ministry"
          name="ministry"
          label={t("register.filters.ministry")}
          value={filters.ministry}
          choices={options.ministries.map((o) => ({
            value: o.code,
            label: localized(locale, o.nameVi, o.nameEn),
          }))}
        />
        <FilterSelect
          id="reg-domain"
          name="domain"
          label={t("register.filters.domain")}
          value={filters.domain}
          choices={DOMAINS.map((d) => ({ value: d, label: t(`register.domain.${d}`) }))}
        />
        <FilterSelect
          id="reg-phase"
          name="phase"
          label={t("register.filters.phase")}
          value={filters.phase}
          choices={PROJECT_PHASES.map((p) => ({ value: p, label: t(`enums.phase.${p}`) }))}
        />
        <FilterSelect
          id="reg-node"
          name="node"
          label={t("register.filters.node")}
          hint={t("register.filters.nodeHint")}
          value={filters.node}
          choices={options.nodes.map((n) => ({
            value: n.code,
            label: `${"\u00a0\u00a0".repeat(n.level)}${n.code} ${localized(locale, n.titleVi, n.titleEn)}`,
          }))}
        />
        <fieldset className="filters__group" aria-describedby="reg-budget-hint">
          <legend>{t("register.filters.budgetLegend")}</legend>
          <span className="hint" id="reg-budget-hint">
            {t("register.filters.budgetHint")}
          </span>
          <div className="filters__row">
            <FilterSelect
              id="reg-source"
              name="source"
              label={t("register.filters.source")}
              value={filters.source}
              choices={FUNDING_SOURCES.map((s) => ({ value: s, label: t(`register.source.${s}`) }))}
            />
            <FilterSelect
              id="reg-year"
              name="year"
              label={t("register.filters.year")}
              value={filters.year}
              choices={options.years.map((y) => ({ value: String(y), label: y }))}
            />
          </div>
        </fieldset>
        <fieldset className="filters__group filters__columns" aria-describedby="reg-columns-hint">
          <legend>{t("register.filters.columns")}</legend>
          <span className="hint" id="reg-columns-hint">
            {t("register.filters.columnsHint")}
          </span>
          {/* Always sent, so a form with every box unticked means "only the code", not "the defaults". */}
          <input type="hidden" name={COLUMN_PARAM} value="code" />
          <div className="checkboxes">
            {OPTIONAL_COLUMNS.map((c) => (
              <div className="checkbox" key={c}>
                <input
                  type="checkbox"
                  id={`reg-col-${c}`}
                  name={COLUMN_PARAM}
                  value={c}
                  defaultChecked={shown.has(c)}
                  key={`${c}-${shown.has(c)}`}
                />
                <label htmlFor={`reg-col-${c}`}>{t(`register.col.${c}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </TableFilters>

      <p className="register-export">
        <a href={`/projects.csv${location.search}`} download data-testid="register-csv">
          {t("register.csv", { count: num(data.total) })}
        </a>
        {" · "}<a href={`/projects.xlsx${location.search}`} download data-testid="register-xlsx" aria-label={t("imports.download.aria", { format: "XLSX" })}>{t("imports.download.xlsx")}</a>
        {" · "}<a href="/iati/export.xml" download>{t("iati.export.link")}</a>
      </p>

      <DataTable
        id="projects"
        testId="project-register"
        caption={t("register.caption")}
        captionDetail={
          <span data-testid="register-caption-detail">
            {filterText ? t("register.caption.filtered", { filters: filterText }) : t("register.caption.all")}{" "}
            {t("register.caption.sorted", {
              column: sortColumn,
              direction: t(data.table.dir === "desc" ? "register.caption.desc" : "register.caption.asc"),
            })}
          </span>
        }
        columns={columns}
        data={data.rows}
        total={data.total}
        state={data.table}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
