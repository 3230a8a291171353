/**
 * The project form (create and edit): one Conform form on the shared zod
 * schema, grouped in fieldsets. Works without JavaScript; with it, errors
 * show as the user leaves a field.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DOMAINS, HOSTING_MODELS, OPERATOR_TYPES, PERSONAL_DATA_CATEGORIES } from "#db/enums";
import { ErrorSummary, Field, useErrorText, type SummaryError } from "~/components/forms";
import { SimilarLive, type SimilarResponse } from "~/components/similar-proposals";
import { useT } from "~/i18n/useT";
import { localized } from "~/utils/localized";
import type { NodeOption, OrgOption, ProjectFormOptions } from "./types";
import { APP_PLATFORMS, ProjectFormSchema, type ProjectFormValues } from "./schema";

export interface ProjectFormProps {
  mode: "create" | "edit";
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: ProjectFormValues;
  options: ProjectFormOptions;
  asOf: string;
  /** The plan a new project joins. */
  plan?: { id: number; code: string } | null;
  /** Links shown when the save was refused because someone saved first. */
  stale?: { current: string; reload: string } | null;
  cancelTo?: string;
  /** Similar existing proposals found on the server (after a submit; works without JS). */
  similar?: SimilarResponse | null;
  /** The project being edited (left out of its own similar proposals). */
  similarProjectId?: number;
}

const FIELD_ORDER = [
  "organisationId",
  "titleVi",
  "titleEn",
  "descriptionVi",
  "descriptionEn",
  "domain",
  "primaryNodeId",
  "otherNodeIds",
  "provinceId",
  "cityId",
  "cooperatorIds",
  "hostingModel",
  "operatorType",
  "operatorName",
  "handlesPersonalData",
  "personalDataCategories",
  "hasCitizenApp",
  "citizenAppName",
  "citizenAppPlatforms",
  "startDate",
  "endDate",
  "components",
  "planId",
  "version",
] as const;

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (v === undefined || v === null || v === "") return [];
  return [String(v)];
}

function orgName(locale: "vi" | "en", o: OrgOption, asOf: string, t: ReturnType<typeof useT>["t"]): string {
  const name = localized(locale, o.nameVi, o.nameEn);
  return o.validTo !== null && o.validTo < asOf ? t("projects.option.ended", { name }) : name;
}

/** A group of checkboxes sharing one name, in a fieldset with a legend, a hint and its errors. */
function CheckboxGroup({
  field,
  legend,
  hint,
  items,
  className,
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  hint?: string;
  items: { value: string; label: ReactNode; lang?: string }[];
  className?: string;
}) {
  const text = useErrorText();
  const checked = new Set(asList(field.initialValue));
  // Errors of the group and of its items (an unknown value is reported on the item).
  const errors = [...new Set(Object.values(field.allErrors ?? {}).flat())];
  const describedBy = [hint ? `${field.id}-hint` : null, errors.length ? `${field.id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      id={field.id}
      tabIndex={-1}
      className={`checkbox-group${errors.length ? " form-group--error" : ""}${className ? ` ${className}` : ""}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {hint}
        </span>
      ) : null}
      {errors.length ? (
        <span className="field-error" id={`${field.id}-error`}>
          {errors.map(text).join(" ")}
        </span>
      ) : null}
      {items.map((item) => (
        <div className="checkbox" key={`${field.key ?? ""}-${item.value}`}>
          <input
            type="checkbox"
            id={`${field.id}-${item.value}`}
            name={field.name}
            value={item.value}
            defaultChecked={checked.has(item.value)}
          />
          <label htmlFor={`${field.id}-${item.value}`} lang={item.lang}>
            {item.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** One checkbox with its label after it. */
function Checkbox({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  return (
    <div className="checkbox checkbox--single">
      <input {...getInputProps(field as FieldMetadata<boolean>, { type: "checkbox" })} />
      <label htmlFor={field.id}>{label}</label>
    </div>
  );
}

function nodeLabel(locale: "vi" | "en", n: NodeOption): string {
  return `${n.code} — ${localized(locale, n.titleVi, n.titleEn)}`;
}

export function ProjectForm({
  mode,
  lastResult,
  defaultValue,
  options,
  asOf,
  plan,
  stale,
  cancelTo,
  similar,
  similarProjectId,
}: ProjectFormProps) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ProjectFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProjectFormSchema }),
  });

  const summary: SummaryError[] = [
    ...(form.errors ?? []).map((m) => ({ fieldId: fields.titleVi.id, message: m })),
    ...FIELD_ORDER.flatMap((name) =>
      [...new Set(Object.values(fields[name].allErrors ?? {}).flat())].map((m) => ({
        fieldId: fields[name].id,
        message: m,
      })),
    ),
  ];
  const err = (name: (typeof FIELD_ORDER)[number]) => (fields[name].errors ? "input--error" : undefined);

  const provincesById = new Map(options.provinces.map((p) => [p.id, p]));
  const citiesByProvince = new Map<number, OrgOption[]>();
  for (const c of options.cities) {
    const key = c.parentId ?? 0;
    citiesByProvince.set(key, [...(citiesByProvince.get(key) ?? []), c]);
  }
  const orgGroups = (list: OrgOption[]) => {
    const kinds = ["province", "ministry", "city", "partner", "task_force"] as const;
    return kinds
      .map((kind) => ({ kind, items: list.filter((o) => o.kind === kind) }))
      .filter((g) => g.items.length > 0);
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      {stale ? (
        <div className="notice notice--error" data-testid="stale-notice">
          <ul className="plain-list">
            <li>
              <a href={stale.current} target="_blank" rel="noreferrer">
                {t("projects.stale.seeNewer")}
              </a>
            </li>
            <li>
              <a href={stale.reload}>{t("projects.stale.reload")}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate className="project-form">
        {fields.version.initialValue ? (
          <input type="hidden" name={fields.version.name} value={String(fields.version.initialValue)} />
        ) : null}
        {plan ? <input type="hidden" name={fields.planId.name} value={String(plan.id)} /> : null}

        <fieldset>
          <legend>{t("projects.legend.general")}</legend>
          {mode === "create" ? <p className="hint">{t("projects.hint.code")}</p> : null}
          {plan ? (
            <p className="notice" data-testid="plan-notice">
              {t("projects.hint.plan", { plan: plan.code })}
            </p>
          ) : null}
          <Field id={fields.titleVi.id} label={t("projects.field.titleVi")} errors={fields.titleVi.errors}>
            <input
              {...getInputProps(fields.titleVi, { type: "text" })}
              lang="vi"
              className={err("titleVi")}
            />
          </Field>
          <Field id={fields.titleEn.id} label={t("projects.field.titleEn")} errors={fields.titleEn.errors}>
            <input
              {...getInputProps(fields.titleEn, { type: "text" })}
              lang="en"
              className={err("titleEn")}
            />
          </Field>
          <Field
            id={fields.descriptionVi.id}
            label={t("projects.field.descriptionVi")}
            errors={fields.descriptionVi.errors}
          >
            <textarea
              {...getTextareaProps(fields.descriptionVi)}
              rows={6}
              lang="vi"
              className={err("descriptionVi")}
            />
          </Field>
          <Field
            id={fields.descriptionEn.id}
            label={t("projects.field.descriptionEn")}
            errors={fields.descriptionEn.errors}
          >
            <textarea
              {...getTextareaProps(fields.descriptionEn)}
              rows={4}
              lang="en"
              className={err("descriptionEn")}
            />
          </Field>
          <Field id={fields.domain.id} label={t("projects.field.domain")} errors={fields.domain.errors}>
            <select {...getSelectProps(fields.domain)} className={err("domain")}>
              <option value="">{t("projects.option.choose")}</option>
              {DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {t(`projects.domain.${d}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>

        <SimilarLive
          formId={form.id}
          initial={similar}
          projectId={similarProjectId}
          dontCreateTo={mode === "create" ? (plan ? `/plans/${plan.id}` : "/projects") : undefined}
        />

        <fieldset>
          <legend>{t("projects.legend.strategy")}</legend>
          <Field
            id={fields.primaryNodeId.id}
            label={t("projects.field.primaryNodeId")}
            errors={fields.primaryNodeId.errors}
          >
            <select {...getSelectProps(fields.primaryNodeId)} className={err("primaryNodeId")}>
              <option value="">{t("projects.option.choose")}</option>
              {options.nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {"\u00a0\u00a0".repeat(n.depth)}
                  {nodeLabel(locale, n)}
                </option>
              ))}
            </select>
          </Field>
          <CheckboxGroup
            field={fields.otherNodeIds}
            legend={t("projects.field.otherNodeIds")}
            hint={t("projects.hint.otherNodes")}
            className="checkbox-group--scroll"
            items={options.nodes.map((n) => ({
              value: String(n.id),
              label: (
                <span className={`node-depth-${Math.min(n.depth, 3)}`}>
                  <span className="org-code">{n.code}</span> {localized(locale, n.titleVi, n.titleEn)}
                </span>
              ),
            }))}
          />
        </fieldset>

        <fieldset>
          <legend>{t("projects.legend.place")}</legend>
          <Field
            id={fields.organisationId.id}
            label={t("projects.field.organisationId")}
            hint={t("projects.hint.organisation")}
            errors={fields.organisationId.errors}
          >
            <select
              {...getSelectProps(fields.organisationId)}
              aria-describedby={`${fields.organisationId.id}-hint${fields.organisationId.errors ? ` ${fields.organisationId.id}-error` : ""}`}
              className={err("organisationId")}
            >
              {options.leadOrganisations.length !== 1 ? (
                <option value="">{t("projects.option.choose")}</option>
              ) : null}
              {orgGroups(options.leadOrganisations).map((g) => (
                <optgroup key={g.kind} label={t(`enums.orgKind.${g.kind}`)}>
                  {g.items.map((o) => (
                    <option key={o.id} value={o.id}>
                      {orgName(locale, o, asOf, t)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field
            id={fields.provinceId.id}
            label={t("projects.field.provinceId")}
            hint={t("projects.hint.province")}
            errors={fields.provinceId.errors}
          >
            <select
              {...getSelectProps(fields.provinceId)}
              aria-describedby={`${fields.provinceId.id}-hint${fields.provinceId.errors ? ` ${fields.provinceId.id}-error` : ""}`}
              className={err("provinceId")}
            >
              <option value="">{t("projects.option.national")}</option>
              {options.provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {orgName(locale, p, asOf, t)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={fields.cityId.id}
            label={t("projects.field.cityId")}
            hint={t("projects.hint.city")}
            errors={fields.cityId.errors}
          >
            <select
              {...getSelectProps(fields.cityId)}
              aria-describedby={`${fields.cityId.id}-hint${fields.cityId.errors ? ` ${fields.cityId.id}-error` : ""}`}
              className={err("cityId")}
            >
              <option value="">{t("projects.option.noCity")}</option>
              {[...citiesByProvince.entries()].map(([provinceId, cities]) => {
                const p = provincesById.get(provinceId);
                return (
                  <optgroup key={provinceId} label={p ? localized(locale, p.nameVi, p.nameEn) : "—"}>
                    {cities.map((c) => (
                      <option key={c.id} value={c.id}>
                        {orgName(locale, c, asOf, t)}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </Field>
          <Field
            id={fields.cooperatorIds.id}
            label={t("projects.field.cooperatorIds")}
            hint={t("projects.hint.cooperators")}
            errors={fields.cooperatorIds.errors}
          >
            <select
              {...getSelectProps(fields.cooperatorIds, { value: false })}
              defaultValue={asList(fields.cooperatorIds.initialValue)}
              multiple
              size={8}
              aria-describedby={`${fields.cooperatorIds.id}-hint${fields.cooperatorIds.errors ? ` ${fields.cooperatorIds.id}-error` : ""}`}
              className={`select--multiple${fields.cooperatorIds.errors ? " input--error" : ""}`}
            >
              {orgGroups(options.cooperators).map((g) => (
                <optgroup key={g.kind} label={t(`enums.orgKind.${g.kind}`)}>
                  {g.items.map((o) => (
                    <option key={o.id} value={o.id}>
                      {orgName(locale, o, asOf, t)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("projects.legend.technology")}</legend>
          <Field
            id={fields.hostingModel.id}
            label={t("projects.field.hostingModel")}
            errors={fields.hostingModel.errors}
          >
            <select {...getSelectProps(fields.hostingModel)} className={err("hostingModel")}>
              <option value="">{t("projects.option.choose")}</option>
              {HOSTING_MODELS.map((h) => (
                <option key={h} value={h}>
                  {t(`projects.hosting.${h}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={fields.operatorType.id}
            label={t("projects.field.operatorType")}
            errors={fields.operatorType.errors}
          >
            <select {...getSelectProps(fields.operatorType)} className={err("operatorType")}>
              <option value="">{t("projects.option.choose")}</option>
              {OPERATOR_TYPES.map((o) => (
                <option key={o} value={o}>
                  {t(`projects.operator.${o}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={fields.operatorName.id}
            label={t("projects.field.operatorName")}
            hint={t("projects.hint.operatorName")}
            errors={fields.operatorName.errors}
          >
            <input
              {...getInputProps(fields.operatorName, {
                type: "text",
                ariaDescribedBy: `${fields.operatorName.id}-hint`,
              })}
              className={err("operatorName")}
            />
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t("projects.legend.personalData")}</legend>
          <Checkbox field={fields.handlesPersonalData} label={t("projects.field.handlesPersonalData")} />
          <CheckboxGroup
            field={fields.personalDataCategories}
            legend={t("projects.field.personalDataCategories")}
            hint={t("projects.hint.personalData")}
            items={PERSONAL_DATA_CATEGORIES.map((c) => ({ value: c, label: t(`projects.pd.${c}`) }))}
          />
        </fieldset>

        <fieldset>
          <legend>{t("projects.legend.app")}</legend>
          <Checkbox field={fields.hasCitizenApp} label={t("projects.field.hasCitizenApp")} />
          <Field
            id={fields.citizenAppName.id}
            label={t("projects.field.citizenAppName")}
            errors={fields.citizenAppName.errors}
          >
            <input
              {...getInputProps(fields.citizenAppName, { type: "text" })}
              className={err("citizenAppName")}
            />
          </Field>
          <CheckboxGroup
            field={fields.citizenAppPlatforms}
            legend={t("projects.field.citizenAppPlatforms")}
            items={APP_PLATFORMS.map((p) => ({ value: p, label: t(`projects.platform.${p}`) }))}
          />
        </fieldset>

        <fieldset>
          <legend>{t("projects.legend.schedule")}</legend>
          <div className="form-row">
            <Field
              id={fields.startDate.id}
              label={t("projects.field.startDate")}
              errors={fields.startDate.errors}
            >
              <input {...getInputProps(fields.startDate, { type: "date" })} className={err("startDate")} />
            </Field>
            <Field id={fields.endDate.id} label={t("projects.field.endDate")} errors={fields.endDate.errors}>
              <input {...getInputProps(fields.endDate, { type: "date" })} className={err("endDate")} />
            </Field>
          </div>
          <Field
            id={fields.components.id}
            label={t("projects.field.components")}
            hint={t("projects.hint.components")}
            errors={fields.components.errors}
          >
            <input
              {...getInputProps(fields.components, {
                type: "text",
                ariaDescribedBy: `${fields.components.id}-hint`,
              })}
              spellCheck={false}
              className={err("components")}
            />
          </Field>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button" data-testid="project-submit">
            {t(mode === "create" ? "projects.action.create" : "projects.action.save")}
          </button>
          {cancelTo ? <Link to={cancelTo}>{t("projects.action.cancel")}</Link> : null}
        </div>
      </Form>
    </>
  );
}
