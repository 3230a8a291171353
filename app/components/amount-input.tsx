import { useState } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { parseMoney } from "~/modules/money/parse";
import { useErrorText } from "./forms";

export interface AmountInputProps {
  /** Form field name (the server parses it with `parseMoney`). */
  name: string;
  id: string;
  label: string;
  /** What the user typed (kept on a validation round-trip) or the stored amount as text. */
  defaultValue?: string | number | null;
  /** Error messages: i18n keys (e.g. `money.error.invalid`) or text. */
  errors?: string[];
  /** Hint under the label; defaults to the money example hint ("" for none). */
  hint?: string;
}

/**
 * An amount field that accepts how officials type money ("12,5 tỷ", "850 triệu",
 * "12.500.000.000") and shows the exact parsed value before saving. The preview
 * is rendered from `defaultValue` on the server too, so it works without JS
 * (on a validation round-trip), and updates live as the user types with JS.
 */
export function AmountInput({ name, id, label, defaultValue, errors, hint }: AmountInputProps) {
  const { t, locale, moneyExact } = useT();
  const text = useErrorText();
  const initial = defaultValue === null || defaultValue === undefined ? "" : String(defaultValue);
  const [value, setValue] = useState(initial);
  const parsed = value.trim() ? parseMoney(value, locale) : null;
  const hasError = Boolean(errors?.length);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const previewId = `${id}-preview`;
  const hintText = hint ?? t("money.hint");
  const describedBy = [hintText ? hintId : null, hasError ? errorId : null, previewId]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={hasError ? "form-group form-group--error" : "form-group"}>
      <label htmlFor={id}>{label}</label>
      {hintText ? (
        <span className="hint" id={hintId}>
          {hintText}
        </span>
      ) : null}
      {hasError ? (
        <span className="field-error" id={errorId}>
          {errors!.map(text).join(" ")}
        </span>
      ) : null}
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        name={name}
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy}
        className={hasError ? "amount-input input--error" : "amount-input"}
      />
      <output id={previewId} htmlFor={id} className="amount-preview" aria-live="polite">
        {parsed === null
          ? null
          : parsed.ok
            ? t("money.preview", { amount: moneyExact(parsed.value) })
            : t(parsed.error as MessageKey)}
      </output>
    </div>
  );
}
