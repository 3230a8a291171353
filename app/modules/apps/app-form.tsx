/**
 * The create/edit form of an app-register entry (Conform + the shared zod
 * schema). Planners see only their own organisations as owners and only the
 * provincial scope; the server checks both again.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type Submission,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { DOMAINS } from "#db/enums";
import { ErrorSummary, Field, useErrorText } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { localized } from "~/utils/localized";
import type { OrgOption } from "./apps.server";
import {
  APP_PLATFORMS,
  APP_SCOPES,
  APP_STATUSES,
  AppCreateSchema,
  AppEditSchema,
  type AppScope,
} from "./register";

export interface AppFormProps {
  mode: "create" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  owners: OrgOption[];
  scopes: readonly AppScope[];
  cancelTo: string;
  stale?: boolean;
}

/** The form's fields as the browser sends them. */
type AppFormShape = {
  nameVi: string;
  nameEn: string;
  scope: string;
  ownerOrganisationId: string;
  domain: string;
  platforms: string[];
  status: string;
  url: string;
  launchedOn: string;
  version: string;
  project: string;
};

const FIELDS = [
  "nameVi",
  "nameEn",
  "scope",
  "ownerOrganisationId",
  "domain",
  "platforms",
  "status",
  "url",
  "launchedOn",
] as const;

export function AppForm({ mode, lastResult, defaultValue, owners, scopes, cancelTo, stale }: AppFormProps) {
  const { t, locale } = useT();
  const text = useErrorText();
  const schema = mode === "create" ? AppCreateSchema : AppEditSchema;
  const [form, fields] = useForm<AppFormShape>({
    id: "app-form",
    lastResult,
    defaultValue: defaultValue as Partial<AppFormShape>,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    // The browser's view of the shared schema (strings in, typed values out).
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as unknown as Submission<AppFormShape>,
  });
  const summary = [
    ...(form.errors ?? []).map((m) => ({ fieldId: fields.nameVi.id, message: m })),
    ...FIELDS.flatMap((k) => (fields[k].errors ?? []).map((message) => ({ fieldId: fields[k].id, message }))),
  ];
  const err = (k: (typeof FIELDS)[number]) => (fields[k].errors ? "input--error" : undefined);
  const described = (k: (typeof FIELDS)[number]) => (fields[k].errors ? `${fields[k].id}-error` : undefined);
  const checked = new Set(
    (Array.isArray(fields.platforms.initialValue)
      ? fields.platforms.initialValue
      : [fields.platforms.initialValue]
    ).filter((v): v is string => typeof v === "string"),
  );
  const platformErrors = [...new Set(Object.values(fields.platforms.allErrors ?? {}).flat())];
  return (
    <Form method="post" {...getFormProps(form)} noValidate data-testid="app-form">
      <ErrorSummary errors={summary} />
      {stale ? (
        <p className="notice notice--error" data-testid="app-stale">
          <Link to={cancelTo}>{t("apps.stale.seeNewer")}</Link>
        </p>
      ) : null}
      {mode === "edit" ? (
        <input
          type="hidden"
          name="version"
          value={String(fields.version.initialValue ?? defaultValue.version ?? "")}
        />
      ) : defaultValue.project ? (
        <input type="hidden" name="project" value={String(defaultValue.project)} />
      ) : null}
      <Field
        id={fields.nameVi.id}
        label={t("apps.field.nameVi")}
        hint={mode === "edit" && defaultValue.scope === "national" ? t("apps.hint.nameNational") : undefined}
        errors={fields.nameVi.errors}
      >
        <input
          {...getInputProps(fields.nameVi, {
            type: "text",
            ariaDescribedBy:
              [
                mode === "edit" && defaultValue.scope === "national" ? `${fields.nameVi.id}-hint` : null,
                described("nameVi"),
              ]
                .filter(Boolean)
                .join(" ") || undefined,
          })}
          lang="vi"
          className={err("nameVi")}
        />
      </Field>
      <Field id={fields.nameEn.id} label={t("apps.field.nameEn")} errors={fields.nameEn.errors}>
        <input
          {...getInputProps(fields.nameEn, { type: "text", ariaDescribedBy: described("nameEn") })}
          lang="en"
          className={err("nameEn")}
        />
      </Field>
      <Field
        id={fields.scope.id}
        label={t("apps.field.scope")}
        hint={scopes.length === 1 ? t("apps.hint.scopePlanner") : undefined}
        errors={fields.scope.errors}
      >
        <select
          {...getSelectProps(fields.scope, { ariaDescribedBy: described("scope") })}
          className={err("scope")}
        >
          {scopes.length > 1 ? <option value="">{t("apps.form.choose")}</option> : null}
          {APP_SCOPES.filter((s) => scopes.includes(s)).map((s) => (
            <option key={s} value={s}>
              {t(`apps.scope.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fields.ownerOrganisationId.id}
        label={t("apps.field.owner")}
        errors={fields.ownerOrganisationId.errors}
      >
        <select
          {...getSelectProps(fields.ownerOrganisationId, {
            ariaDescribedBy: described("ownerOrganisationId"),
          })}
          className={err("ownerOrganisationId")}
        >
          <option value="">{t("apps.form.choose")}</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {localized(locale, o.nameVi, o.nameEn)} ({o.code})
            </option>
          ))}
        </select>
      </Field>
      <Field id={fields.domain.id} label={t("apps.field.domain")} errors={fields.domain.errors}>
        <select
          {...getSelectProps(fields.domain, { ariaDescribedBy: described("domain") })}
          className={err("domain")}
        >
          <option value="">{t("apps.form.choose")}</option>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {t(`projects.domain.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset
        id={fields.platforms.id}
        tabIndex={-1}
        className={`checkbox-group${platformErrors.length ? " form-group--error" : ""}`}
        aria-describedby={platformErrors.length ? `${fields.platforms.id}-error` : undefined}
      >
        <legend>{t("apps.field.platforms")}</legend>
        {platformErrors.length ? (
          <span className="field-error" id={`${fields.platforms.id}-error`}>
            {platformErrors.map(text).join(" ")}
          </span>
        ) : null}
        {APP_PLATFORMS.map((p) => (
          <div className="checkbox" key={`${fields.platforms.key ?? ""}-${p}`}>
            <input
              type="checkbox"
              id={`${fields.platforms.id}-${p}`}
              name={fields.platforms.name}
              value={p}
              defaultChecked={checked.has(p)}
            />
            <label htmlFor={`${fields.platforms.id}-${p}`}>{t(`projects.platform.${p}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field id={fields.status.id} label={t("apps.field.status")} errors={fields.status.errors}>
        <select
          {...getSelectProps(fields.status, { ariaDescribedBy: described("status") })}
          className={err("status")}
        >
          {APP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`apps.status.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fields.url.id}
        label={t("apps.field.url")}
        hint={t("apps.hint.url")}
        errors={fields.url.errors}
      >
        <input
          {...getInputProps(fields.url, { type: "text", ariaDescribedBy: described("url") })}
          inputMode="url"
          className={err("url")}
          spellCheck={false}
        />
      </Field>
      <Field id={fields.launchedOn.id} label={t("apps.field.launchedOn")} errors={fields.launchedOn.errors}>
        <input
          {...getInputProps(fields.launchedOn, { type: "date", ariaDescribedBy: described("launchedOn") })}
          className={err("launchedOn")}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" data-testid="app-submit">
          {mode === "create" ? t("apps.action.create") : t("apps.action.save")}
        </button>
        <Link to={cancelTo}>{t("apps.action.cancel")}</Link>
      </div>
    </Form>
  );
}
