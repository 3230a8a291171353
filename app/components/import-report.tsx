/**
 * What an upload gave: rows per sheet (new / updated / unchanged) and the
 * validation report, one line per problem with its sheet, row, column and
 * cell, in plain language.
 */
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import type { ImportIssue, SheetSummary } from "~/modules/spreadsheet/import.server";

export function SheetSummaryTable({ sheets }: { sheets: SheetSummary[] }) {
  const { t, num } = useT();
  return (
    <table className="data-table import-summary">
      <caption>{t("imports.page.summaryCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("imports.page.col.sheet")}</th>
          <th scope="col" className="num">{t("imports.page.col.rows")}</th>
          <th scope="col" className="num">{t("imports.page.col.created")}</th>
          <th scope="col" className="num">{t("imports.page.col.updated")}</th>
          <th scope="col" className="num">{t("imports.page.col.unchanged")}</th>
        </tr>
      </thead>
      <tbody>
        {sheets.map((s) => (
          <tr key={s.sheet}>
            <th scope="row">{s.name || t(`imports.sheet.${s.sheet}` as MessageKey)}</th>
            <td className="num">{num(s.rows)}</td>
            <td className="num">{num(s.created)}</td>
            <td className="num">{num(s.updated)}</td>
            <td className="num">{num(s.unchanged)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function useIssueText() {
  const { t } = useT();
  return (i: ImportIssue): { where: string; problem: string } => {
    const sheet = i.sheetName ?? (i.sheet ? t(`imports.sheet.${i.sheet}` as MessageKey) : "");
    const column = i.sheet && i.column ? t(`imports.col.${i.sheet}.${i.column}` as MessageKey) : "";
    const where =
      i.sheet === null
        ? t("imports.where.file")
        : i.column && i.row !== null
          ? t("imports.where.cell", { sheet, row: i.row, column, cell: i.cell ?? "" })
          : i.row !== null && i.row > 1
            ? t("imports.where.row", { sheet, row: i.row })
            : t("imports.where.sheet", { sheet });
    const params = { ...(i.params ?? {}) };
    if (i.code === "missingColumn" && i.sheet && typeof params.column === "string") {
      params.column = t(`imports.col.${i.sheet}.${params.column}` as MessageKey);
    }
    return { where, problem: t(`imports.issue.${i.code}` as MessageKey, params) };
  };
}

export function IssueTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useT();
  const text = useIssueText();
  return (
    <table className="data-table import-issues">
      <caption>{t("imports.page.issuesCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("imports.page.col.where")}</th>
          <th scope="col">{t("imports.page.col.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i, n) => {
          const { where, problem } = text(i);
          return (
            <tr key={n}>
              <td>{where}</td>
              <td>{problem}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
