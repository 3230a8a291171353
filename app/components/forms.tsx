import type { ReactNode } from "react";
import { useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/i18n";

/** Error messages are i18n keys (from the shared zod schemas); unknown text is shown as is. */
export function useErrorText() {
  const { t } = useT();
  return (message: string) => t(message as MessageKey);
}

export interface SummaryError {
  fieldId: string;
  message: string;
}

/** GOV.UK-style error summary: focused on render, links to each field. */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const { t } = useT();
  const text = useErrorText();
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t("common.form.errorSummaryTitle")}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.fieldId + e.message}>
            <a href={`#${e.fieldId}`}>{text(e.message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  const text = useErrorText();
  const hasError = Boolean(errors?.length);
  return (
    <div className={hasError ? "form-group form-group--error" : "form-group"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {hasError ? (
        <span className="field-error" id={`${id}-error`}>
          {errors!.map(text).join(" ")}
        </span>
      ) : null}
      {children}
    </div>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
}

/**
 * A labelled filter `<select>` of a GET filter form, with "All" first. `key`
 * follows the value so the control shows the URL's choice after navigation.
 * Extra `<option>`s (groups, an unoffered current value) go in `children`.
 */
export function FilterSelect({
  id,
  name,
  label,
  hint,
  value,
  choices,
  children,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string | number | null | undefined;
  choices?: readonly Choice[];
  children?: ReactNode;
}) {
  const { t } = useT();
  const current = value === null || value === undefined ? "" : String(value);
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={current}
        key={current}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        <option value="">{t("common.form.all")}</option>
        {children}
        {choices?.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
