/** Small view helpers shared by the ledger and the batch page. */
import type { BudgetCategory, FundingSource } from "#db/enums";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";

/** "2025 · Local budget · Software" for a budget line. */
export function useLineLabel() {
  const { t } = useT();
  return (l: { fiscalYear: number; fundingSource: FundingSource; category: BudgetCategory }) =>
    t("transactions.line.label", {
      year: String(l.fiscalYear),
      source: t(`transactions.source.${l.fundingSource}` as MessageKey),
      category: t(`transactions.category.${l.category}` as MessageKey),
    });
}
