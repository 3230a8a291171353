/**
 * Spreadsheet cell safety (pure). A text cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is read as a formula by Excel and
 * LibreOffice (CSV/formula injection, OWASP). Such text is prefixed with an
 * apostrophe so it stays text. Numbers are left alone: a negative amount is a
 * number cell, not text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell<T>(value: T): T | string {
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180 quoting) after neutralisation. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(neutraliseCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a UTF-8 byte-order mark (so Excel reads Vietnamese correctly) and CRLF line ends. */
export function csvDocument(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
