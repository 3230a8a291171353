/**
 * Turn a flag's stored evidence into the parameters of its explanation
 * message (pure): money as money, ISO dates as dates, numbers as numbers,
 * lists joined. Shared by the triage page and the flag panel.
 */
import type { Params } from "~/i18n/i18n";

/** Evidence fields that hold an amount of VND. */
export const MONEY_KEYS = new Set([
  "recentDisbursed",
  "approved",
  "disbursed",
  "originalAmount",
  "approvedAmount",
  "yearApproved",
  "yearDisbursed",
  "hardwareCapex",
  "hardwareBudget",
  "remaining",
  "approvedBudget",
  "perCapita",
  "nationalMedianPerCapita",
  "totalApproved",
  "largestApproved",
]);

export interface Formatters {
  money: (v: number) => string;
  num: (v: number) => string;
  date: (iso: string) => string;
}

export interface ParsedEvidence {
  explanationKey?: string;
  [key: string]: unknown;
}

export function parseEvidence(json: string): ParsedEvidence {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as ParsedEvidence) : {};
  } catch {
    return {};
  }
}

export function evidenceParams(evidence: ParsedEvidence, f: Formatters): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(evidence)) {
    if (typeof v === "number") out[k] = MONEY_KEYS.has(k) ? f.money(v) : f.num(v);
    else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = f.date(v);
    else if (Array.isArray(v)) out[k] = v.join(", ");
    else if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}
