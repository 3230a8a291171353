/**
 * Units of indicators and strategy targets (pure). Two units match when their
 * normalised forms are equal: Unicode NFC, trimmed, lower case, single
 * spaces, and the usual ways of writing a percentage folded to "%".
 */
const PERCENT = new Set(["%", "phần trăm", "percent", "per cent", "pct", "tỷ lệ %", "tỉ lệ %"]);

export function normaliseUnit(unit: string): string {
  const u = unit.normalize("NFC").trim().toLocaleLowerCase("vi").replace(/\s+/g, " ");
  return PERCENT.has(u) ? "%" : u;
}

export function sameUnit(a: string, b: string): boolean {
  return normaliseUnit(a) === normaliseUnit(b);
}

export type Aggregation = "sum" | "mean";

const NON_ADDITIVE = [
  /%/,
  /\//,
  /\bper\b/,
  /\btrên\b/,
  /tỷ lệ|tỉ lệ|\brate\b|\bratio\b/,
  /trung bình|bình quân|average|\bmean\b/,
  /điểm|\bscore\b|\bindex\b|chỉ số/,
];

/**
 * How values in this unit combine across projects: counts (systems,
 * junctions, stations) add up; shares, rates, averages and scores do not, so
 * they are averaged instead.
 */
export function aggregationOf(unit: string): Aggregation {
  const u = normaliseUnit(unit);
  return NON_ADDITIVE.some((re) => re.test(u)) ? "mean" : "sum";
}
