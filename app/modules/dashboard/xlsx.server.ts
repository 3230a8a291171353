/**
 * The figures of a dashboard view as an XLSX workbook: one sheet per block
 * (view, headline, provinces, phases, disbursement curve, pillars, regions,
 * equity, flags). Money as whole-VND number cells, rates as percentages,
 * every text cell through `neutraliseCell` (no formula injection).
 */
import type * as ExcelJS from "exceljs";
import { translator, type MessageKey } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { neutraliseCell } from "~/modules/export/cells";
import { loadExcelJS } from "~/modules/export/exceljs.server";
import { localized } from "~/utils/localized";
import type { Dashboard } from "./dashboard.server";

type Cell = string | number | null;
type Kind = "text" | "int" | "money" | "pct" | "perCapita";

const FORMATS: Record<Kind, string | undefined> = {
  text: undefined,
  int: "#,##0",
  money: "#,##0",
  pct: "0.0%",
  perCapita: "#,##0",
};

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; kind: Kind }[],
  rows: Cell[][],
) {
  const ws = wb.addWorksheet(name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const head = ws.addRow(columns.map((c) => neutraliseCell(c.header)));
  head.font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === "string" ? neutraliseCell(v) : v)));
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.kind === "text" ? 36 : 20;
    const fmt = FORMATS[c.kind];
    if (fmt) col.numFmt = fmt;
  });
  return ws;
}

export async function dashboardWorkbook(d: Dashboard, locale: Locale, title: string): Promise<Uint8Array> {
  const t = translator(locale);
  const name = (o: { nameVi: string; nameEn: string }) => localized(locale, o.nameVi, o.nameEn);
  const f = d.figures;
  const h = f.headline;
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  wb.creator = "CityPilot";
  const a = d.active;
  const c = (key: MessageKey, kind: Kind = "text") => ({ header: t(key), kind });

  sheet(
    wb,
    t("dashboard.xlsx.view"),
    [c("dashboard.xlsx.item"), c("dashboard.xlsx.value")],
    [
      [t("dashboard.xlsx.report"), title],
      [t("dashboard.filters.asOf"), f.asOf],
      [t("dashboard.filters.years"), a.years.join(", ") || t("dashboard.xlsx.all")],
      [t("dashboard.filters.region"), a.region ? name(a.region) : t("dashboard.xlsx.all")],
      [t("dashboard.filters.province"), a.province ? name(a.province) : t("dashboard.xlsx.all")],
      [t("dashboard.filters.ministry"), a.ministry ? name(a.ministry) : t("dashboard.xlsx.all")],
      [
        t("dashboard.filters.node"),
        a.node
          ? `${a.node.code} ${localized(locale, a.node.titleVi, a.node.titleEn)}`
          : t("dashboard.xlsx.all"),
      ],
      [t("dashboard.filters.source"), a.source ? t(`dashboard.source.${a.source}`) : t("dashboard.xlsx.all")],
      [
        t("dashboard.filters.units"),
        d.filters.units === "recorded"
          ? t("dashboard.filters.unitsRecorded")
          : t("dashboard.filters.unitsCurrent"),
      ],
    ],
  );

  sheet(
    wb,
    t("dashboard.headline.title"),
    [c("dashboard.xlsx.item"), c("dashboard.xlsx.value", "int")],
    [
      [t("dashboard.headline.provincesWithPlan"), h.provincesWithPlan],
      [t("dashboard.xlsx.provinces"), h.provinces],
      [t("dashboard.xlsx.approvedPlans"), h.approvedPlans],
      [t("dashboard.headline.projects"), h.projects],
      [t("dashboard.headline.pilots"), h.pilots],
      [t("dashboard.headline.approved"), h.approved],
      [t("dashboard.col.committed"), h.committed],
      [t("dashboard.headline.disbursed"), h.disbursed],
      [t("dashboard.col.spent"), h.spent],
      [
        t("dashboard.xlsx.ratePct"),
        h.disbursementRate === null ? null : Math.round(h.disbursementRate * 10000) / 100,
      ],
      [t("dashboard.xlsx.progressPct"), h.progress === null ? null : Math.round(h.progress * 10000) / 100],
      [t("dashboard.headline.overdue"), h.overdue],
      [t("dashboard.xlsx.overdueProjects"), h.overdueProjects],
      [t("dashboard.headline.openFlags"), h.openFlags],
      [t("dashboard.col.moneyAtStake"), h.openFlagsMoney],
      [t("dashboard.feedback.support"), h.support],
      [t("dashboard.feedback.oppose"), h.oppose],
      [t("dashboard.feedback.comments"), h.comments],
    ],
  );

  sheet(
    wb,
    t("dashboard.provinces.title"),
    [
      c("dashboard.col.code"),
      c("dashboard.col.province"),
      c("dashboard.col.region"),
      c("dashboard.col.population", "int"),
      c("dashboard.col.projects", "int"),
      c("dashboard.col.approved", "money"),
      c("dashboard.col.disbursed", "money"),
      c("dashboard.col.rate", "pct"),
      c("dashboard.col.perCapita", "perCapita"),
      c("dashboard.col.progress", "pct"),
      c("dashboard.col.overdue", "int"),
      c("dashboard.col.openFlags", "int"),
    ],
    [
      ...f.units.map((u) => [
        u.code,
        name(u) + (u.legacy ? ` (${t("dashboard.legacy")})` : ""),
        u.regionCode && d.regionsByCode[u.regionCode] ? name(d.regionsByCode[u.regionCode]) : null,
        u.population,
        u.projects,
        u.approved,
        u.disbursed,
        u.disbursementRate,
        u.approvedPerCapita === null ? null : Math.round(u.approvedPerCapita),
        u.progress,
        u.overdue,
        u.openFlags,
      ]),
      [
        null,
        t("dashboard.provinces.none"),
        null,
        null,
        f.noProvince.projects,
        f.noProvince.approved,
        f.noProvince.disbursed,
        null,
        null,
        null,
        f.noProvince.overdue,
        null,
      ],
    ],
  );

  sheet(
    wb,
    t("dashboard.pipeline.title"),
    [
      c("dashboard.col.phase"),
      c("dashboard.col.projects", "int"),
      c("dashboard.col.approved", "money"),
      c("dashboard.col.disbursed", "money"),
    ],
    f.byPhase.map((p) => [t(`enums.phase.${p.phase}`), p.projects, p.approved, p.disbursed]),
  );

  sheet(
    wb,
    t("dashboard.curve.title"),
    [
      c("dashboard.xlsx.year"),
      c("dashboard.xlsx.quarter"),
      c("dashboard.xlsx.planned", "money"),
      c("dashboard.xlsx.actual", "money"),
      c("dashboard.xlsx.cumPlanned", "money"),
      c("dashboard.xlsx.cumActual", "money"),
    ],
    f.curve.map((p) => [p.year, p.quarter, p.planned, p.actual, p.cumPlanned, p.cumActual]),
  );

  sheet(
    wb,
    t("dashboard.pillars.title"),
    [
      c("dashboard.col.code"),
      c("dashboard.col.node"),
      c("dashboard.col.projects", "int"),
      c("dashboard.col.approved", "money"),
      c("dashboard.col.disbursed", "money"),
    ],
    f.pillars.rows.map((r) => [
      r.code,
      localized(locale, r.titleVi, r.titleEn),
      r.projects,
      r.approved,
      r.disbursed,
    ]),
  );

  sheet(
    wb,
    t("dashboard.equity.title"),
    [
      c("dashboard.col.region"),
      c("dashboard.col.provinces", "int"),
      c("dashboard.col.population", "int"),
      c("dashboard.col.projects", "int"),
      c("dashboard.col.approved", "money"),
      c("dashboard.col.disbursed", "money"),
      c("dashboard.col.perCapita", "perCapita"),
      c("dashboard.col.disbursedPerCapita", "perCapita"),
    ],
    [
      ...f.regions.map((r) => [
        name(r),
        r.provinces,
        r.population,
        r.projects,
        r.approved,
        r.disbursed,
        r.approvedPerCapita === null ? null : Math.round(r.approvedPerCapita),
        r.disbursedPerCapita === null ? null : Math.round(r.disbursedPerCapita),
      ]),
      ...f.equity.map((e) => [
        t(`dashboard.equity.${e.group}`),
        e.provinces,
        e.population,
        e.projects,
        e.approved,
        e.disbursed,
        e.approvedPerCapita === null ? null : Math.round(e.approvedPerCapita),
        e.disbursedPerCapita === null ? null : Math.round(e.disbursedPerCapita),
      ]),
    ],
  );

  sheet(
    wb,
    t("dashboard.xlsx.flags"),
    [
      c("dashboard.col.flag"),
      c("dashboard.col.subject"),
      c("dashboard.col.severity"),
      c("dashboard.col.moneyAtStake", "money"),
    ],
    [
      ...d.topFlags.map((fl) => [
        t(`flags.rule.${fl.ruleCode}.title` as MessageKey),
        [
          fl.projectCode,
          fl.projectTitleVi ? localized(locale, fl.projectTitleVi, fl.projectTitleEn) : fl.orgNameVi,
        ]
          .filter(Boolean)
          .join(" "),
        t(`dashboard.severity.${fl.severity}`),
        fl.moneyAtStake,
      ]),
      ...d.duplicates.map((g) => [
        t(`flags.rule.${g.ruleCode}.title` as MessageKey),
        `${g.units.map(name).join(", ")} (${g.codes.join(", ")})`,
        t(`dashboard.severity.${g.severity}`),
        g.moneyAtStake,
      ]),
    ],
  );

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
