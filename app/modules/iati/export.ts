/**
 * Build an IATI 2.03 `iati-activities` document from plain activity data
 * (pure; the database side is export.server.ts). Elements are written in the
 * order the schema's sequence requires.
 */
import type { Domain, FundingSource, OrganisationKind, ProjectPhase, TransactionKind } from "#db/enums";
import {
  ACTIVITY_STATUS,
  DAC_SECTOR,
  DATE_TYPE,
  DONOR_ORGANISATIONS,
  FINANCE_TYPE,
  ODA_SOURCES,
  ROLE,
  TRANSACTION_TYPE,
  activityIdentifier,
  organisationType,
  type IatiConfig,
} from "./mapping";
import { el, text } from "./xml";

export interface IatiOrg {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
}

export interface IatiIndicator {
  nameVi: string;
  nameEn: string | null;
  unit: string;
  baseline: number | null;
  baselineYear: number | null;
  target: number | null;
  targetYear: number | null;
  values: { periodStart: string; periodEnd: string; value: number }[];
}

export interface IatiTransaction {
  id: number;
  kind: TransactionKind;
  date: string;
  amount: number;
  note: string | null;
  documentRef: string | null;
  fundingSource: FundingSource;
  externalRef: string | null;
}

export interface IatiActivity {
  code: string;
  lastUpdated: number;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  phase: ProjectPhase;
  domain: Domain;
  owner: IatiOrg;
  cooperators: IatiOrg[];
  operatorName: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  /** Date the project was proposed (used only when there is no other date). */
  proposedOn: string;
  province: (IatiOrg & { lat: number | null; lon: number | null }) | null;
  budgets: { fiscalYear: number; amount: number }[];
  planned: { fiscalYear: number; quarter: number; amount: number }[];
  transactions: IatiTransaction[];
  indicators: IatiIndicator[];
}

export interface IatiReportingOrg {
  nameVi: string;
  nameEn: string;
}

const narratives = (vi: string, en: string | null | undefined) => [
  text("narrative", { "xml:lang": "vi" }, vi),
  en ? text("narrative", { "xml:lang": "en" }, en) : null,
];

const quarterBounds = (year: number, q: number) => {
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
  const endMonth = q * 3;
  const endDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { start, end: `${year}-${String(endMonth).padStart(2, "0")}-${endDay}` };
};

const money = (amount: number, valueDate: string) => text("value", { currency: "VND", "value-date": valueDate }, String(amount));

const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6))));

function participatingOrgs(a: IatiActivity): string[] {
  const out: string[] = [];
  for (const c of a.cooperators) {
    const donor = DONOR_ORGANISATIONS[c.code];
    if (donor) out.push(el("participating-org", { role: ROLE.funding, type: donor.type }, narratives(c.nameVi, c.nameEn)));
  }
  out.push(el("participating-org", { role: ROLE.accountable, type: organisationType(a.owner.kind) }, narratives(a.owner.nameVi, a.owner.nameEn)));
  out.push(el("participating-org", { role: ROLE.extending, type: organisationType(a.owner.kind) }, narratives(a.owner.nameVi, a.owner.nameEn)));
  if (a.operatorName) out.push(el("participating-org", { role: ROLE.implementing }, narratives(a.operatorName, null)));
  for (const c of a.cooperators) {
    if (DONOR_ORGANISATIONS[c.code]) continue;
    out.push(el("participating-org", { role: ROLE.implementing, type: organisationType(c.kind) }, narratives(c.nameVi, c.nameEn)));
  }
  return out;
}

function activityDates(a: IatiActivity): string[] {
  const dates: [string, string | null][] = [
    [DATE_TYPE.plannedStart, a.plannedStart],
    [DATE_TYPE.actualStart, a.actualStart],
    [DATE_TYPE.plannedEnd, a.plannedEnd],
    [DATE_TYPE.actualEnd, a.actualEnd],
  ];
  const out = dates.filter(([, d]) => d).map(([type, d]) => el("activity-date", { type, "iso-date": d }));
  // The schema needs one date: the proposal date stands in as the planned start.
  if (out.length === 0) out.push(el("activity-date", { type: DATE_TYPE.plannedStart, "iso-date": a.proposedOn }));
  return out;
}

function location(a: IatiActivity): string | null {
  const p = a.province;
  if (!p) return null;
  return el(
    "location",
    { ref: p.code },
    el("name", {}, narratives(p.nameVi, p.nameEn)),
    p.lat !== null && p.lon !== null
      ? el("point", { srsName: "http://www.opengis.net/def/crs/EPSG/0/4326" }, text("pos", {}, `${p.lat} ${p.lon}`))
      : null,
    el("exactness", { code: "2" }),
    el("location-class", { code: "1" }),
    el("feature-designation", { code: "ADM1" }),
  );
}

function transaction(t: IatiTransaction): string {
  const oda = ODA_SOURCES.includes(t.fundingSource);
  const description = [t.documentRef, t.note].filter(Boolean).join(" — ");
  return el(
    "transaction",
    { ref: t.externalRef ?? `CP-${t.id}` },
    el("transaction-type", { code: TRANSACTION_TYPE[t.kind] }),
    el("transaction-date", { "iso-date": t.date }),
    money(t.amount, t.date),
    description ? el("description", {}, text("narrative", { "xml:lang": "vi" }, description)) : null,
    oda ? el("flow-type", { code: "10" }) : null,
    FINANCE_TYPE[t.fundingSource] ? el("finance-type", { code: FINANCE_TYPE[t.fundingSource]! }) : null,
  );
}

function indicator(i: IatiIndicator): string {
  const periods = i.values.map((v) =>
    el(
      "period",
      {},
      el("period-start", { "iso-date": v.periodStart }),
      el("period-end", { "iso-date": v.periodEnd }),
      el("actual", { value: num(v.value) }),
    ),
  );
  if (i.target !== null && i.targetYear !== null) {
    periods.push(
      el(
        "period",
        {},
        el("period-start", { "iso-date": `${i.targetYear}-01-01` }),
        el("period-end", { "iso-date": `${i.targetYear}-12-31` }),
        el("target", { value: num(i.target) }),
      ),
    );
  }
  return el(
    "indicator",
    { measure: "1" },
    el("title", {}, narratives(i.nameVi, i.nameEn)),
    el("description", {}, text("narrative", {}, i.unit)),
    i.baseline !== null && i.baselineYear !== null && i.baselineYear > 0
      ? el("baseline", { year: i.baselineYear, value: num(i.baseline) })
      : null,
    periods,
  );
}

export function activityXml(a: IatiActivity, cfg: IatiConfig, reporter: IatiReportingOrg): string {
  const sector = DAC_SECTOR[a.domain];
  return el(
    "iati-activity",
    {
      "xml:lang": "vi",
      "default-currency": "VND",
      "last-updated-datetime": new Date(a.lastUpdated).toISOString().replace(/\.\d{3}Z$/, "Z"),
    },
    text("iati-identifier", {}, activityIdentifier(cfg.reportingOrgRef, a.code)),
    el("reporting-org", { ref: cfg.reportingOrgRef, type: cfg.reportingOrgType }, narratives(reporter.nameVi, reporter.nameEn)),
    el("title", {}, narratives(a.titleVi, a.titleEn)),
    el("description", { type: "1" }, narratives(a.descriptionVi, a.descriptionEn)),
    participatingOrgs(a),
    el("other-identifier", { ref: a.code, type: "A1" }),
    el("activity-status", { code: ACTIVITY_STATUS[a.phase] }),
    activityDates(a),
    el("recipient-country", { code: cfg.recipientCountry, percentage: "100" }),
    location(a),
    el("sector", { vocabulary: "1", code: sector.code, percentage: "100" }, text("narrative", { "xml:lang": "en" }, sector.name)),
    a.budgets.map((b) =>
      el(
        "budget",
        { type: "1", status: "2" },
        el("period-start", { "iso-date": `${b.fiscalYear}-01-01` }),
        el("period-end", { "iso-date": `${b.fiscalYear}-12-31` }),
        money(b.amount, `${b.fiscalYear}-01-01`),
      ),
    ),
    a.planned.map((p) => {
      const { start, end } = quarterBounds(p.fiscalYear, p.quarter);
      return el(
        "planned-disbursement",
        { type: "1" },
        el("period-start", { "iso-date": start }),
        el("period-end", { "iso-date": end }),
        money(p.amount, start),
      );
    }),
    a.transactions.map(transaction),
    a.indicators.length
      ? el(
          "result",
          { type: "1" },
          el("title", {}, narratives("Kết quả của dự án", "Project results")),
          a.indicators.map(indicator),
        )
      : null,
  );
}

/** The whole file. An empty selection still needs one activity per the schema: callers check `activities.length`. */
export function iatiDocument(
  activities: IatiActivity[],
  cfg: IatiConfig,
  reporter: IatiReportingOrg,
  generatedAt: Date = new Date(),
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    el(
      "iati-activities",
      { version: "2.03", "generated-datetime": generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z") },
      activities.map((a) => "\n" + activityXml(a, cfg, reporter)),
      "\n",
    ) +
    "\n"
  );
}
