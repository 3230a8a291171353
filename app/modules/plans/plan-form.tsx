/**
 * The fields of a plan, shared by the "new plan" and "edit plan" pages.
 * Labels on every field, the two language versions grouped in fieldsets,
 * errors beside each field (i18n keys from the shared zod schema).
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { localized } from "~/utils/localized";
import { PERIOD_MAX_YEAR, PERIOD_MAX_YEARS, PERIOD_MIN_YEAR } from "./schemas";

type F = FieldMetadata<string | number | undefined>;

export interface PlanFormFields {
  organisationId?: F;
  code?: F;
  titleVi: F;
  titleEn: F;
  summaryVi: F;
  summaryEn: F;
  periodStart: F;
  periodEnd: F;
}

export interface OrganisationOption {
  id: number;
  nameVi: string;
  nameEn: string;
  kind: "province" | "ministry" | "city";
}

const errorClass = (f: F) => (f.errors ? "input--error" : undefined);

/** `aria-describedby` for a field with a hint and/or an error (ids rendered by `Field`). */
function describedBy(f: F, hint: boolean): string | undefined {
  const ids = [hint ? `${f.id}-hint` : null, f.errors ? `${f.id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function PlanFormFields({
  fields,
  organisations,
}: {
  fields: PlanFormFields;
  organisations?: OrganisationOption[];
}) {
  const { t, locale } = useT();
  const kinds = ["province", "ministry", "city"] as const;
  return (
    <>
      {fields.organisationId && organisations ? (
        <Field
          id={fields.organisationId.id}
          label={t("plans.form.organisation")}
          hint={t("plans.form.organisationHint")}
          errors={fields.organisationId.errors}
        >
          <select
            {...getSelectProps(fields.organisationId)}
            className={errorClass(fields.organisationId)}
            aria-describedby={describedBy(fields.organisationId, true)}
          >
            {organisations.length > 1 ? <option value="">{t("plans.form.chooseOrganisation")}</option> : null}
            {kinds.map((kind) => {
              const group = organisations.filter((o) => o.kind === kind);
              if (group.length === 0) return null;
              return (
                <optgroup key={kind} label={t(`plans.form.orgGroup.${kind}`)}>
                  {group.map((o) => (
                    <option key={o.id} value={o.id}>
                      {localized(locale, o.nameVi, o.nameEn)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </Field>
      ) : null}
      {fields.code ? (
        <Field
          id={fields.code.id}
          label={t("plans.form.code")}
          hint={t("plans.form.codeHint")}
          errors={fields.code.errors}
        >
          <input
            {...getInputProps(fields.code, { type: "text" })}
            autoComplete="off"
            spellCheck={false}
            className={errorClass(fields.code)}
            aria-describedby={describedBy(fields.code, true)}
          />
        </Field>
      ) : null}
      <fieldset className="fieldset">
        <legend>{t("plans.form.titleLegend")}</legend>
        <Field id={fields.titleVi.id} label={t("plans.form.titleVi")} errors={fields.titleVi.errors}>
          <input
            {...getInputProps(fields.titleVi, { type: "text" })}
            lang="vi"
            className={errorClass(fields.titleVi)}
            aria-describedby={describedBy(fields.titleVi, false)}
          />
        </Field>
        <Field
          id={fields.titleEn.id}
          label={t("plans.form.titleEn")}
          hint={t("plans.form.optional")}
          errors={fields.titleEn.errors}
        >
          <input
            {...getInputProps(fields.titleEn, { type: "text" })}
            lang="en"
            className={errorClass(fields.titleEn)}
            aria-describedby={describedBy(fields.titleEn, true)}
          />
        </Field>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("plans.form.summaryLegend")}</legend>
        <Field
          id={fields.summaryVi.id}
          label={t("plans.form.summaryVi")}
          hint={t("plans.form.summaryViHint")}
          errors={fields.summaryVi.errors}
        >
          <textarea
            {...getTextareaProps(fields.summaryVi)}
            lang="vi"
            rows={5}
            className={errorClass(fields.summaryVi)}
            aria-describedby={describedBy(fields.summaryVi, true)}
          />
        </Field>
        <Field
          id={fields.summaryEn.id}
          label={t("plans.form.summaryEn")}
          hint={t("plans.form.optional")}
          errors={fields.summaryEn.errors}
        >
          <textarea
            {...getTextareaProps(fields.summaryEn)}
            lang="en"
            rows={5}
            className={errorClass(fields.summaryEn)}
            aria-describedby={describedBy(fields.summaryEn, true)}
          />
        </Field>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("plans.form.periodLegend")}</legend>
        <p className="hint">
          {t("plans.form.periodHint", {
            min: PERIOD_MIN_YEAR,
            max: PERIOD_MAX_YEAR,
            years: PERIOD_MAX_YEARS,
          })}
        </p>
        <div className="inline-fields">
          <Field
            id={fields.periodStart.id}
            label={t("plans.form.periodStart")}
            errors={fields.periodStart.errors}
          >
            <input
              {...getInputProps(fields.periodStart, { type: "number" })}
              inputMode="numeric"
              className={["input--year", errorClass(fields.periodStart)].filter(Boolean).join(" ")}
              aria-describedby={describedBy(fields.periodStart, false)}
            />
          </Field>
          <Field id={fields.periodEnd.id} label={t("plans.form.periodEnd")} errors={fields.periodEnd.errors}>
            <input
              {...getInputProps(fields.periodEnd, { type: "number" })}
              inputMode="numeric"
              className={["input--year", errorClass(fields.periodEnd)].filter(Boolean).join(" ")}
              aria-describedby={describedBy(fields.periodEnd, false)}
            />
          </Field>
        </div>
      </fieldset>
    </>
  );
}

/** Error-summary entries for every field error and form error (form errors point at `firstFieldId`). */
export function summaryErrors(
  formErrors: string[] | undefined,
  fieldList: (F | undefined)[],
  firstFieldId: string,
): { fieldId: string; message: string }[] {
  return [
    ...(formErrors ?? []).map((m) => ({ fieldId: firstFieldId, message: m })),
    ...fieldList.flatMap((f) => (f?.errors ?? []).map((m) => ({ fieldId: f!.id, message: m }))),
  ];
}
