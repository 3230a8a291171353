/**
 * The resident feedback form (Conform + the shared zod schema): stance or
 * comment, citizen ID, current province, comment text, and a honeypot field
 * that people never see.
 */
import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, useErrorText } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { localized } from "~/utils/localized";
import { FEEDBACK_BODY_MAX, feedbackSchema } from "./schema";

/** Stances first, then "only comment". */
const KIND_ORDER = ["support", "oppose", "comment"] as const;

export interface ProvinceChoice {
  id: number;
  nameVi: string;
  nameEn: string;
}

/** Form-level errors travel as `key|param` (e.g. the rate-limit wait). */
function formErrorText(t: ReturnType<typeof useT>["t"], raw: string): string {
  const [key, param] = raw.split("|");
  if (key === "feedback.error.rateLimitedId") return t(key, { hours: param ?? "24" });
  if (key === "feedback.error.rateLimitedIp") return t(key, { minutes: param ?? "60" });
  return raw;
}

export function FeedbackForm({
  lastResult,
  provinces,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  provinces: ProvinceChoice[];
}) {
  const { t, locale } = useT();
  const text = useErrorText();
  const schema = feedbackSchema();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const formError = form.errors?.[0] ? formErrorText(t, form.errors[0]) : null;
  const summary = [
    ...(formError ? [{ fieldId: fields.citizenId.id, message: formError }] : []),
    ...(fields.kind.errors ?? []).map((m) => ({ fieldId: `${fields.kind.id}-support`, message: m })),
    ...(fields.citizenId.errors ?? []).map((m) => ({ fieldId: fields.citizenId.id, message: m })),
    ...(fields.provinceId.errors ?? []).map((m) => ({ fieldId: fields.provinceId.id, message: m })),
    ...(fields.body.errors ?? []).map((m) => ({ fieldId: fields.body.id, message: m })),
  ];
  const kindValue = typeof fields.kind.initialValue === "string" ? fields.kind.initialValue : "";
  const kindError = fields.kind.errors?.length ? `${fields.kind.id}-error` : undefined;

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="feedback-form"
      data-testid="feedback-form"
    >
      <ErrorSummary errors={summary} />
      <fieldset className="fieldset" aria-describedby={kindError}>
        <legend>{t("feedback.form.kind")}</legend>
        {kindError ? (
          <span className="field-error" id={kindError}>
            {fields.kind.errors!.map(text).join(" ")}
          </span>
        ) : null}
        {KIND_ORDER.map((k) => (
          <div className="radio" key={k}>
            <input
              type="radio"
              id={`${fields.kind.id}-${k}`}
              name={fields.kind.name}
              value={k}
              defaultChecked={kindValue === k}
              key={`${form.key}-${k}`}
            />
            <label htmlFor={`${fields.kind.id}-${k}`}>{t(`feedback.form.kind.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field
        id={fields.citizenId.id}
        label={t("feedback.form.citizenId")}
        hint={t("feedback.form.citizenIdHint")}
        errors={fields.citizenId.errors}
      >
        <input
          {...getInputProps(fields.citizenId, { type: "text" })}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          aria-describedby={[
            `${fields.citizenId.id}-hint`,
            fields.citizenId.errors ? `${fields.citizenId.id}-error` : null,
          ]
            .filter(Boolean)
            .join(" ")}
          className={fields.citizenId.errors ? "input--error" : undefined}
        />
      </Field>
      <Field id={fields.provinceId.id} label={t("feedback.form.province")} errors={fields.provinceId.errors}>
        <select
          id={fields.provinceId.id}
          name={fields.provinceId.name}
          defaultValue={
            typeof fields.provinceId.initialValue === "string" ? fields.provinceId.initialValue : ""
          }
          key={`${form.key}-province`}
          aria-invalid={fields.provinceId.errors ? true : undefined}
          aria-describedby={fields.provinceId.errors ? `${fields.provinceId.id}-error` : undefined}
          className={fields.provinceId.errors ? "input--error" : undefined}
          required
        >
          <option value="">{t("feedback.form.provinceChoose")}</option>
          {provinces.map((p) => (
            <option key={p.id} value={p.id}>
              {localized(locale, p.nameVi, p.nameEn)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fields.body.id}
        label={t("feedback.form.body")}
        hint={t("feedback.form.bodyHint", { max: FEEDBACK_BODY_MAX })}
        errors={fields.body.errors}
      >
        <textarea
          {...getTextareaProps(fields.body)}
          rows={5}
          aria-describedby={[`${fields.body.id}-hint`, fields.body.errors ? `${fields.body.id}-error` : null]
            .filter(Boolean)
            .join(" ")}
          className={fields.body.errors ? "input--error" : undefined}
        />
      </Field>
      <div className="hp-field" aria-hidden="true">
        <label htmlFor="feedback-website">{t("feedback.form.honeypot")}</label>
        <input
          type="text"
          id="feedback-website"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
        />
      </div>
      <p className="hint">{t("feedback.form.privacy")}</p>
      <button type="submit" className="button">
        {t("feedback.form.submit")}
      </button>
    </Form>
  );
}
