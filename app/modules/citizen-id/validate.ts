/**
 * Format check of a Vietnamese citizen identity number (CCCD, 12 digits),
 * pure: no database, no Remix. Layout (Circular 07/2016/TT-BCA, art. 7):
 *
 *   PPP  G  YY  NNNNNN
 *   │    │  │   └ six random digits
 *   │    │  └ last two digits of the birth year
 *   │    └ century and sex: 0/1 = born 1900–1999 (male/female), 2/3 = 2000–2099,
 *   │      4/5 = 2100–2199, 6/7 = 2200–2299, 8/9 = 2300–2399
 *   └ province of birth registration (pre-2025 codes, see ./provinces.ts)
 *
 * The checks run in this order and the first failure is reported:
 *   1. exactly 12 digits (spaces, dots and dashes people type between groups are ignored);
 *   2. the first three digits are a province code;
 *   3. the fourth digit names a century that has begun (no one is born in the future);
 *   4. the birth year (century + 5th–6th digits) makes the person at least 16 this year.
 *
 * Age: the card carries only the birth year, so "at least 16 today" is read
 * as `currentYear − birthYear ≥ 16` (someone born in 2010 is accepted from
 * 1 January 2026). A year after the current one is reported as not yet born.
 * A format check proves no identity: production plugs the national e-ID
 * service in through `CitizenIdVerifier` (./adapter.ts).
 */
import { isCccdProvinceCode } from "./provinces";

export const MIN_AGE = 16;

export const CITIZEN_ID_PROBLEMS = ["format", "province", "century", "birthYear", "tooYoung"] as const;
export type CitizenIdProblem = (typeof CITIZEN_ID_PROBLEMS)[number];

export type Sex = "male" | "female";

export type CitizenIdCheck =
  | { ok: true; id: string; provinceCode: string; sex: Sex; birthYear: number }
  | { ok: false; problem: CitizenIdProblem };

/** The digits of what was typed, with the separators people use removed. */
export function normaliseCitizenId(input: string): string {
  return input.replace(/[\s.-]/g, "");
}

/** First year of the century named by the fourth digit (0–9). */
export function centuryStart(genderDigit: number): number {
  return 1900 + Math.floor(genderDigit / 2) * 100;
}

export function checkCitizenId(input: string, currentYear: number): CitizenIdCheck {
  const id = normaliseCitizenId(input);
  if (!/^\d{12}$/.test(id)) return { ok: false, problem: "format" };
  const provinceCode = id.slice(0, 3);
  if (!isCccdProvinceCode(provinceCode)) return { ok: false, problem: "province" };
  const g = Number(id[3]);
  const start = centuryStart(g);
  if (start > currentYear) return { ok: false, problem: "century" };
  const birthYear = start + Number(id.slice(4, 6));
  if (birthYear > currentYear) return { ok: false, problem: "birthYear" };
  if (currentYear - birthYear < MIN_AGE) return { ok: false, problem: "tooYoung" };
  return { ok: true, id, provinceCode, sex: g % 2 === 0 ? "male" : "female", birthYear };
}

/** The i18n key explaining a problem (namespace `feedback`). */
export function citizenIdMessageKey(problem: CitizenIdProblem) {
  return `feedback.error.citizenId.${problem}` as const;
}

/** Stands in for an ID-like number found in free text. */
export const MASKED_ID = "[•••]";

/**
 * Residents sometimes type their ID number into a comment too. Any run of 12
 * digits (also with spaces, dots or dashes between groups) is replaced before
 * the text is stored, so no ID number reaches the database that way either.
 */
export function maskIdNumbers(text: string): string {
  return text.replace(/(?<!\d)\d(?:[\s.-]?\d){11}(?!\d)/g, MASKED_ID);
}
