/**
 * "Download: CSV · XLSX" for a table view: the same address with `.csv` /
 * `.xlsx` and the page's query string, so the file has the page's filters.
 */
import { useLocation } from "@remix-run/react";
import { useT } from "~/i18n/useT";

export function DownloadLinks({ base }: { base: string }) {
  const { t } = useT();
  const { search } = useLocation();
  return (
    <p className="download-links" data-testid="download-links">
      {t("imports.download.label")}{" "}
      <a href={`${base}.csv${search}`} download aria-label={t("imports.download.aria", { format: "CSV" })}>
        {t("imports.download.csv")}
      </a>
      {" · "}
      <a href={`${base}.xlsx${search}`} download aria-label={t("imports.download.aria", { format: "XLSX" })}>
        {t("imports.download.xlsx")}
      </a>
    </p>
  );
}
