/**
 * How CityPilot's data maps onto IATI 2.03 codelists (documented in
 * docs/api.md, "IATI mapping"). Pure: no database, no Remix.
 */
import type { Domain, FundingSource, OrganisationKind, ProjectPhase, TransactionKind } from "#db/enums";

/** IATI TransactionType: commitment 2, disbursement 3, expenditure 4 (reversals keep the type, negative value). */
export const TRANSACTION_TYPE: Record<TransactionKind, "2" | "3" | "4"> = {
  commitment: "2",
  disbursement: "3",
  expenditure: "4",
};

export const TRANSACTION_KIND_BY_TYPE: Record<string, TransactionKind> = {
  "2": "commitment",
  "3": "disbursement",
  "4": "expenditure",
};

/**
 * IATI ActivityStatus from the project phase: 1 Pipeline/identification,
 * 2 Implementation, 3 Finalisation, 5 Cancelled. An operational project has
 * delivered its system; its accounts may still be settled, so Finalisation
 * rather than Closed.
 */
export const ACTIVITY_STATUS: Record<ProjectPhase, "1" | "2" | "3" | "4" | "5"> = {
  proposed: "1",
  approved: "1",
  pilot: "2",
  evaluation: "2",
  scaling: "2",
  operational: "3",
  cancelled: "5",
};

/** OECD DAC 5-digit purpose codes (IATI sector vocabulary 1) per domain. */
export const DAC_SECTOR: Record<Domain, { code: string; name: string }> = {
  governance: { code: "15110", name: "Public sector policy and administrative management" },
  transport: { code: "21020", name: "Road transport" },
  environment: { code: "41010", name: "Environmental policy and administrative management" },
  energy: { code: "23110", name: "Energy policy and administrative management" },
  water: { code: "14010", name: "Water sector policy and administrative management" },
  health: { code: "12110", name: "Health policy and administrative management" },
  education: { code: "11110", name: "Education policy and administrative management" },
  safety: { code: "74020", name: "Multi-hazard response preparedness" },
  planning: { code: "43030", name: "Urban development and management" },
  tourism: { code: "33210", name: "Tourism policy and administrative management" },
  agriculture: { code: "31110", name: "Agricultural policy and administrative management" },
  digital_infrastructure: { code: "22040", name: "Information and communication technology (ICT)" },
  data_platform: { code: "22040", name: "Information and communication technology (ICT)" },
};

/** Funding sources that make a project ODA-funded (and so part of the IATI export). */
export const ODA_SOURCES: readonly FundingSource[] = ["oda_loan", "oda_grant"];

/** IATI FinanceType of a transaction on an ODA line: 110 standard grant, 421 standard loan. */
export const FINANCE_TYPE: Partial<Record<FundingSource, string>> = { oda_grant: "110", oda_loan: "421" };

/** IATI OrganisationType: 10 Government, 11 Local Government, 70 Private Sector, 80 Academic… */
export function organisationType(kind: OrganisationKind): "10" | "11" | "90" {
  if (kind === "province" || kind === "city") return "11";
  if (kind === "partner") return "90";
  return "10";
}

/**
 * Partner organisations that fund projects (IATI role 1, Funding) and their
 * IATI organisation type (40 Multilateral, 10 Government). Their IATI
 * organisation identifiers are not exported until confirmed.
 */
export const DONOR_ORGANISATIONS: Record<string, { type: "10" | "40" }> = {
  "X-WB": { type: "40" },
  "X-ADB": { type: "40" },
  "X-JICA": { type: "10" },
  "X-KOICA": { type: "10" },
};

/** IATI participating-org roles. */
export const ROLE = { funding: "1", accountable: "2", extending: "3", implementing: "4" } as const;

/** IATI ActivityDateType. */
export const DATE_TYPE = { plannedStart: "1", actualStart: "2", plannedEnd: "3", actualEnd: "4" } as const;

/**
 * The reporting organisation and the identifier prefix. The identifier of an
 * activity is `<prefix>-<project code>`; the prefix is the reporting
 * organisation's IATI identifier. Set IATI_REPORTING_ORG_REF when the task
 * force registers with the IATI Registry; IATI_RECIPIENT_COUNTRY is the
 * ISO 3166-1 code of the country every activity is in.
 */
export interface IatiConfig {
  reportingOrgRef: string;
  reportingOrgType: string;
  recipientCountry: string;
}

export const DEFAULT_IATI_CONFIG: IatiConfig = {
  reportingOrgRef: "VN-CITYPILOT-TF",
  reportingOrgType: "10",
  recipientCountry: "VN",
};

export function iatiConfigFromEnv(env: Record<string, string | undefined> = process.env): IatiConfig {
  return {
    reportingOrgRef: env.IATI_REPORTING_ORG_REF?.trim() || DEFAULT_IATI_CONFIG.reportingOrgRef,
    reportingOrgType: DEFAULT_IATI_CONFIG.reportingOrgType,
    recipientCountry: env.IATI_RECIPIENT_COUNTRY?.trim() || DEFAULT_IATI_CONFIG.recipientCountry,
  };
}

export function activityIdentifier(prefix: string, projectCode: string): string {
  return `${prefix}-${projectCode}`;
}

/** The project code inside an identifier of ours, or null. */
export function projectCodeFromIdentifier(prefix: string, identifier: string): string | null {
  const p = `${prefix}-`;
  return identifier.startsWith(p) && identifier.length > p.length ? identifier.slice(p.length) : null;
}
