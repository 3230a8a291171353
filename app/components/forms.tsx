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
