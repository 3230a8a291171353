/**
 * Small UI pieces shared by the strategy routes: the compact roll-up line,
 * notices after a command, the stale-version notice and the node form.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, useErrorText, type SummaryError } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { localized } from "~/utils/localized";
import type { AgencyOption } from "./agencies.server";
import type { RollupSummary } from "./rollup";

/** "12 projects · approved 12,5 tỷ ₫ · disbursed 3 tỷ ₫ · progress 45,0 %" */
export function RollupLine({ rollup }: { rollup: RollupSummary }) {
  const { t, num, money, pct } = useT();
  return (
    <span className="rollup-line" data-testid="node-rollup">
      <span className="visually-hidden">{t("strategy.rollup.label")}: </span>
      <span data-testid="node-projects">{t("strategy.projects", { count: num(rollup.projects) })}</span>
      {" · "}
      <span>{t("strategy.rollup.approved", { amount: money(rollup.approved) })}</span>
      {" · "}
      <span>{t("strategy.rollup.disbursed", { amount: money(rollup.disbursed) })}</span>
      {" · "}
      <span>
        {rollup.progress === null
          ? t("strategy.rollup.noProgress")
          : t("strategy.rollup.progress", { pct: pct(rollup.progress) })}
      </span>
    </span>
  );
}

export function ArchivedTag() {
  const { t } = useT();
  return <span className="tag tag--archived">{t("strategy.archivedTag")}</span>;
}

export function Notice({ children, kind = "ok" }: { children: ReactNode; kind?: "ok" | "error" }) {
  return (
    <p className={`notice notice--${kind}`} role={kind === "error" ? "alert" : "status"} data-testid="notice">
      {children}
    </p>
  );
}

/** Shown when a save was refused because someone else saved first. */
export function StaleNotice({ code, reloadTo }: { code: string; reloadTo: string }) {
  const { t } = useT();
  return (
    <div className="notice notice--error" role="alert" data-testid="stale-notice">
      <p>{t("strategy.form.stale")}</p>
      <p>
        <a href={`/strategy/${encodeURIComponent(code)}`} target="_blank" rel="noreferrer">
          {t("strategy.form.staleLink")}
        </a>{" "}
        ·{" "}
        <Link to={reloadTo} reloadDocument>
          {t("strategy.form.staleReload")}
        </Link>
      </p>
    </div>
  );
}

/** Error-summary entries: form-level errors first (pointing at `firstFieldId`), then each field's. */
export function summaryErrors(
  formErrors: string[] | undefined,
  fields: { id: string; errors?: string[] }[],
  firstFieldId: string,
): SummaryError[] {
  return [
    ...(formErrors ?? []).map((message) => ({ fieldId: firstFieldId, message })),
    ...fields.flatMap((f) => (f.errors ?? []).map((message) => ({ fieldId: f.id, message }))),
  ];
}

const inputClass = (errors?: string[]) => (errors?.length ? "input--error" : undefined);

export interface NodeFormFields {
  titleVi: FieldMetadata<string>;
  titleEn: FieldMetadata<string | null>;
  descriptionVi: FieldMetadata<string | null>;
  descriptionEn: FieldMetadata<string | null>;
  periodStart: FieldMetadata<number | null>;
  periodEnd: FieldMetadata<number | null>;
  lead: FieldMetadata<number | null>;
  cooperators: FieldMetadata<number[]>;
}

/**
 * Titles, descriptions, period, lead and cooperating agencies: the part of
 * the node form shared by "add" and "edit". Checked boxes come from the
 * form's initial value (the node, or what the user sent last).
 */
export function NodeFormFieldset({
  fields: f,
  agencies,
}: {
  fields: NodeFormFields;
  agencies: AgencyOption[];
}) {
  const { t, locale } = useT();
  const text = useErrorText();
  const national = agencies.filter((a) => a.kind !== "province");
  const provinces = agencies.filter((a) => a.kind === "province");
  const name = (a: AgencyOption) => localized(locale, a.nameVi, a.nameEn);
  const coopErrors = f.cooperators.errors;
  const initial: unknown = f.cooperators.initialValue;
  const selected = new Set((Array.isArray(initial) ? initial : initial ? [initial] : []).map(String));
  const checkbox = (a: AgencyOption) => {
    const id = `${f.cooperators.id}-${a.id}`;
    return (
      <li key={a.id} className="checkbox">
        <input
          type="checkbox"
          id={id}
          name={f.cooperators.name}
          value={String(a.id)}
          defaultChecked={selected.has(String(a.id))}
          aria-describedby={coopErrors?.length ? `${f.cooperators.id}-error` : undefined}
        />
        <label htmlFor={id}>{name(a)}</label>
      </li>
    );
  };
  return (
    <>
      <Field id={f.titleVi.id} label={t("strategy.form.titleVi")} errors={f.titleVi.errors}>
        <input {...getInputProps(f.titleVi, { type: "text" })} className={inputClass(f.titleVi.errors)} />
      </Field>
      <Field id={f.titleEn.id} label={t("strategy.form.titleEn")} errors={f.titleEn.errors}>
        <input
          {...getInputProps(f.titleEn, { type: "text" })}
          lang="en"
          className={inputClass(f.titleEn.errors)}
        />
      </Field>
      <Field id={f.descriptionVi.id} label={t("strategy.form.descriptionVi")} errors={f.descriptionVi.errors}>
        <textarea
          {...getTextareaProps(f.descriptionVi)}
          rows={4}
          className={inputClass(f.descriptionVi.errors)}
        />
      </Field>
      <Field id={f.descriptionEn.id} label={t("strategy.form.descriptionEn")} errors={f.descriptionEn.errors}>
        <textarea
          {...getTextareaProps(f.descriptionEn)}
          rows={4}
          lang="en"
          className={inputClass(f.descriptionEn.errors)}
        />
      </Field>
      <fieldset className="fieldset" aria-describedby="period-hint">
        <legend>{t("strategy.form.period")}</legend>
        <span className="hint" id="period-hint">
          {t("strategy.form.periodHint")}
        </span>
        <div className="inline-fields">
          <Field id={f.periodStart.id} label={t("strategy.form.periodStart")} errors={f.periodStart.errors}>
            <input
              {...getInputProps(f.periodStart, { type: "text" })}
              inputMode="numeric"
              size={6}
              className={inputClass(f.periodStart.errors)}
            />
          </Field>
          <Field id={f.periodEnd.id} label={t("strategy.form.periodEnd")} errors={f.periodEnd.errors}>
            <input
              {...getInputProps(f.periodEnd, { type: "text" })}
              inputMode="numeric"
              size={6}
              className={inputClass(f.periodEnd.errors)}
            />
          </Field>
        </div>
      </fieldset>
      <Field
        id={f.lead.id}
        label={t("strategy.form.lead")}
        hint={t("strategy.form.leadHint")}
        errors={f.lead.errors}
      >
        <select {...getSelectProps(f.lead)} className={inputClass(f.lead.errors)}>
          <option value="">{t("strategy.form.leadNone")}</option>
          <optgroup label={t("strategy.form.cooperators.national")}>
            {national.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {name(a)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("strategy.form.cooperators.provinces")}>
            {provinces.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {name(a)}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <fieldset
        className={coopErrors?.length ? "fieldset form-group--error" : "fieldset"}
        id={f.cooperators.id}
        tabIndex={-1}
        aria-describedby={`${f.cooperators.id}-hint`}
      >
        <legend>{t("strategy.form.cooperators")}</legend>
        <span className="hint" id={`${f.cooperators.id}-hint`}>
          {t("strategy.form.cooperatorsHint")}
        </span>
        {coopErrors?.length ? (
          <span className="field-error" id={`${f.cooperators.id}-error`}>
            {coopErrors.map(text).join(" ")}
          </span>
        ) : null}
        <fieldset className="fieldset fieldset--nested">
          <legend>{t("strategy.form.cooperators.national")}</legend>
          <ul className="checkboxes">{national.map(checkbox)}</ul>
        </fieldset>
        <fieldset className="fieldset fieldset--nested">
          <legend>{t("strategy.form.cooperators.provinces")}</legend>
          <ul className="checkboxes checkboxes--columns">{provinces.map(checkbox)}</ul>
        </fieldset>
      </fieldset>
    </>
  );
}
