import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { FLAG_SEVERITIES, FLAG_STATES } from "#db/enums";
import { can, requirePermission, scopeOf } from "~/auth/guard.server";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { applyTriage, FlagError } from "~/modules/flags/commands.server";
import { listFlags, ministryOptions, provinceOptions, type FlagRow } from "~/modules/flags/list.server";
import { evidenceParams, parseEvidence } from "~/modules/flags/present";
import { parseFlagsQuery, triageInputFromForm } from "~/modules/flags/query";
import { ALL_RULE_CODES } from "~/modules/flags/rules";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "flags.page.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "flag");
  const db = getDb();
  const query = parseFlagsQuery(new URL(request.url).searchParams);
  const own = scopeOf(user, "read", "flag") === "any" ? null : [...user.ownOrganisationIds];
  return {
    ...listFlags(db, query, own),
    filters: query.filters,
    provinces: provinceOptions(db),
    ministries: ministryOptions(db),
    canTriage: can(user, "update", "flag"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requirePermission(request, "update", "flag");
  const input = triageInputFromForm(await request.formData());
  try {
    const changed = applyTriage(getDb(), user, input);
    return { ok: true as const, count: changed.length };
  } catch (e) {
    if (e instanceof FlagError) {
      const id = typeof input.flagId === "string" ? input.flagId : null;
      const fieldId = e.field === "reason" && id ? `reason-${id}` : id ? `flag-${id}` : "bulk";
      return data({ ok: false as const, error: { message: e.messageKey, fieldId } }, { status: e.status });
    }
    throw e;
  }
}


const col = createColumnHelper<FlagRow>();

export default function FlagsPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, money, num, date } = useT();
  const err = result && !result.ok ? result.error : null;

  const columns = useMemo(() => {
    const params = (row: FlagRow) => evidenceParams(parseEvidence(row.evidence), { money, num, date });
    return [
      ...(d.canTriage
        ? [
            col.display({
              id: "select",
              header: () => t("flags.col.select"),
              cell: ({ row: { original: f } }) => (
                <input
                  type="checkbox"
                  form={TRIAGE_FORM}
                  name="flagIds"
                  value={f.id}
                  id={`select-${f.id}`}
                  aria-label={t("flags.select.label", { id: f.id })}
                  disabled={f.state !== "open"}
                />
              ),
            }),
          ]
        : []),
      col.accessor("severity", {
        id: "severity",
        header: () => t("flags.col.severity"),
        cell: (c) => (
          <span className={`badge badge--${c.getValue()}`}>{t(`flags.severity.${c.getValue()}`)}</span>
        ),
      }),
      col.display({
        id: "flag",
        header: () => t("flags.col.flag"),
        meta: { rowHeader: true },
        cell: ({ row: { original: f } }) => {
          const ev = parseEvidence(f.evidence);
          return (
            <>
              <strong id={`flag-${f.id}`}>{t(`flags.rule.${f.ruleCode}.title` as MessageKey)}</strong>
              {typeof ev.explanationKey === "string" ? (
                <p className="muted">{t(`flags.${ev.explanationKey}` as MessageKey, params(f))}</p>
              ) : null}
              {!f.active ? <p className="muted">{t("flags.inactive")}</p> : null}
            </>
          );
        },
      }),
      col.display({
        id: "subject",
        header: () => t("flags.col.subject"),
        cell: ({ row: { original: f } }) =>
          f.subjectType === "group" ? (
            <GroupSubject evidence={f.evidence} />
          ) : f.projectCode ? (
            <Link to={`/projects/${f.projectCode}`}>
              {f.projectCode} — {localized(locale, f.projectTitleVi ?? "", f.projectTitleEn)}
            </Link>
          ) : (
            localized(locale, f.orgNameVi ?? "", f.orgNameEn)
          ),
      }),
      col.accessor("moneyAtStake", {
        id: "money",
        header: () => t("flags.col.money"),
        cell: (c) => <span className="num">{money(c.getValue())}</span>,
      }),
      col.accessor("state", {
        header: () => t("flags.col.state"),
        enableSorting: false,
        cell: ({ row: { original: f } }) => (
          <>
            {t(`flags.state.${f.state}`)}
            {f.stateReason ? <p className="muted">{f.stateReason}</p> : null}
          </>
        ),
      }),
      ...(d.canTriage
        ? [
            col.display({
              id: "actions",
              header: () => t("flags.col.actions"),
              cell: ({ row: { original: f } }) =>
                f.state === "open" || f.state === "acknowledged" ? (
                  <div className="flag-actions">
                    {f.state === "open" ? (
                      <button type="submit" form={TRIAGE_FORM} name="row" value={`acknowledge:${f.id}`}>
                        {t("flags.action.acknowledge")}
                      </button>
                    ) : null}
                    <label htmlFor={`reason-${f.id}`}>{t("flags.reason.label", { id: f.id })}</label>
                    <input
                      type="text"
                      form={TRIAGE_FORM}
                      id={`reason-${f.id}`}
                      name={`reason-${f.id}`}
                      maxLength={2000}
                      aria-invalid={err?.fieldId === `reason-${f.id}` || undefined}
                      aria-describedby={
                        err?.fieldId === `reason-${f.id}` ? `reason-${f.id}-error` : undefined
                      }
                    />
                    {err?.fieldId === `reason-${f.id}` ? (
                      <p className="field-error" id={`reason-${f.id}-error`}>
                        {t(err.message as MessageKey)}
                      </p>
                    ) : null}
                    <button type="submit" form={TRIAGE_FORM} name="row" value={`resolve:${f.id}`}>
                      {t("flags.action.resolve")}
                    </button>
                    <button type="submit" form={TRIAGE_FORM} name="row" value={`dismiss:${f.id}`}>
                      {t("flags.action.dismiss")}
                    </button>
                  </div>
                ) : (
                  <button type="submit" form={TRIAGE_FORM} name="row" value={`reopen:${f.id}`}>
                    {t("flags.action.reopen")}
                  </button>
                ),
            }),
          ]
        : []),
    ];
  }, [t, locale, money, num, date, d.canTriage, err]);

  return (
    <>
      <h1>{t("flags.page.title")}</h1>
      <p className="lead">{t("flags.page.intro")}</p>
      {!d.canTriage ? <p className="notice">{t("flags.page.readOnly")}</p> : null}
      {result?.ok ? (
        <p className="notice notice--ok" role="status">
          {t("flags.done.count", { count: num(result.count) })}
        </p>
      ) : null}
      {err ? <ErrorSummary errors={[{ fieldId: err.fieldId, message: err.message }]} /> : null}
      {d.filters.project || d.filters.plan ? (
        <p className="notice" data-testid="flags-scope">
          {d.filters.project
            ? t("flags.filter.projectActive", { code: d.filters.project })
            : t("flags.filter.planActive", { id: d.filters.plan ?? "" })}{" "}
          <Link to="/flags">{t("flags.filter.showAll")}</Link>
        </p>
      ) : null}
      <TableFilters label={t("flags.page.filters")}>
        <div className="form-group">
          <label htmlFor="flags-rule">{t("flags.filter.rule")}</label>
          <select id="flags-rule" name="rule" defaultValue={d.filters.rule ?? ""} key={d.filters.rule ?? ""}>
            <option value="">{t("common.form.all")}</option>
            {ALL_RULE_CODES.map((r) => (
              <option key={r} value={r}>
                {t(`flags.rule.${r}.title`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="flags-severity">{t("flags.filter.severity")}</label>
          <select
            id="flags-severity"
            name="severity"
            defaultValue={d.filters.severity ?? ""}
            key={d.filters.severity ?? ""}
          >
            <option value="">{t("common.form.all")}</option>
            {FLAG_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`flags.severity.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="flags-state">{t("flags.filter.state")}</label>
          <select
            id="flags-state"
            name="state"
            defaultValue={d.filters.state ?? ""}
            key={d.filters.state ?? ""}
          >
            <option value="">{t("common.form.all")}</option>
            {FLAG_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`flags.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="flags-province">{t("flags.filter.province")}</label>
          <select
            id="flags-province"
            name="province"
            defaultValue={d.filters.province ?? ""}
            key={d.filters.province ?? ""}
          >
            <option value="">{t("common.form.all")}</option>
            {d.provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {localized(locale, p.nameVi, p.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="flags-ministry">{t("flags.filter.ministry")}</label>
          <select
            id="flags-ministry"
            name="ministry"
            defaultValue={d.filters.ministry ?? ""}
            key={d.filters.ministry ?? ""}
          >
            <option value="">{t("common.form.all")}</option>
            {d.ministries.map((m) => (
              <option key={m.code} value={m.code}>
                {localized(locale, m.nameVi, m.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <input
            type="checkbox"
            id="flags-inactive"
            name="inactive"
            value="1"
            defaultChecked={d.filters.inactive}
          />
          <label htmlFor="flags-inactive">{t("flags.filter.inactive")}</label>
        </div>
      </TableFilters>
      <DownloadLinks base="/flags" />
      {/* The table holds its own GET forms (page size), and forms cannot nest: the triage
          controls in the rows join this form through their `form` attribute. */}
      <Form method="post" id={TRIAGE_FORM} />
      {d.canTriage ? (
        <button type="submit" form={TRIAGE_FORM} id="bulk" name="intent" value="bulk-acknowledge">
          {t("flags.action.bulkAcknowledge")}
        </button>
      ) : null}
      <DataTable
        id="flags"
        testId="flags-table"
        caption={t("flags.page.caption")}
        columns={columns}
        data={d.rows}
        total={d.total}
        state={d.table}
        pageSizes={[25, 50, 100]}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

const TRIAGE_FORM = "flag-triage";

/** Subject of a group flag: how many projects where, and links to the first members. */
function GroupSubject({ evidence }: { evidence: string }) {
  const { t, num } = useT();
  const ev = parseEvidence(evidence);
  const members = Array.isArray(ev.members) ? (ev.members as string[]) : [];
  const shown = members.slice(0, 4);
  return (
    <>
      {t("flags.subject.group", { count: num(members.length), provinceCount: num(Number(ev.provinceCount ?? 0)) })}
      <br />
      {shown.map((code, i) => (
        <span key={code}>
          {i > 0 ? ", " : null}
          <Link to={`/projects/${code}`}>{code}</Link>
        </span>
      ))}
      {members.length > shown.length ? ", …" : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
