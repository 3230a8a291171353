/**
 * Full-text search over folded text (pure: no database, no Remix).
 *
 * The index (`projects_fts`, FTS5, tokenizer `unicode61 remove_diacritics 2`)
 * holds `projects.search_text`, which is already folded by `foldVietnamese`
 * (lower case, no diacritics, "đ" → "d"). The user's text is folded the same
 * way, cut into the same tokens the tokenizer makes (runs of letters and
 * digits), and every token becomes a quoted FTS5 string, so nothing the user
 * types is ever read as FTS5 syntax (`AND`, `NEAR(`, `-`, `*`, `"`, `:`…).
 * The last token is prefix-matched (`"nang"*`) so a half-typed last word
 * still finds something.
 */
import { foldVietnamese } from "~/utils/text";

/** Longest text taken from the user (longer input is cut). */
export const MAX_QUERY_LENGTH = 200;
/** Most tokens used (the rest are ignored). */
export const MAX_TERMS = 12;
/**
 * Shortest last token that is prefix-matched. A one-letter prefix ("d"*)
 * matches every document and merges thousands of doclists; such a token is
 * matched as a whole word instead. (The index keeps 2- and 3-letter prefixes.)
 */
export const MIN_PREFIX_LENGTH = 2;

/**
 * What the unicode61 tokenizer treats as part of a token: letters, numbers
 * and private-use characters. Everything else separates tokens.
 */
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

/** The search tokens of a text, folded like `search_text` (at most `MAX_TERMS`). */
export function searchTerms(text: string): string[] {
  const folded = foldVietnamese(text.slice(0, MAX_QUERY_LENGTH));
  return folded
    .split(SEPARATORS)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS);
}

/** One FTS5 string literal: `"…"` with any `"` doubled. */
export function quoteFtsTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 MATCH expression for what the user typed: every token must occur
 * (implicit AND); the last one may be a prefix. Null when the text has no
 * searchable token (then there is no text filter at all).
 *
 *   "Điều hành đô thị" → `"dieu" "hanh" "do" "thi"*`
 */
export function buildFtsQuery(text: string): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return terms
    .map((term, i) => {
      const quoted = quoteFtsTerm(term);
      const last = i === terms.length - 1;
      return last && [...term].length >= MIN_PREFIX_LENGTH ? `${quoted}*` : quoted;
    })
    .join(" ");
}

/**
 * A project code typed into the search box (`HCM-2026-014`, `hcm-2026`):
 * one word of letters, digits and dashes with at least one dash. Returned in
 * upper case for a prefix match on `projects.code`; null otherwise.
 */
export function codePrefix(text: string): string | null {
  const t = text.trim().toUpperCase();
  if (t.length < 2 || t.length > 40) return null;
  return /^[A-Z0-9]+(?:-[A-Z0-9]*)+$/.test(t) ? t : null;
}

/** The exclusive upper bound of a prefix range: `"HCM-"` → `"HCM."` (so `code >= p AND code < next`). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * The text a project is found by (`projects.search_text`): Vietnamese title
 * first — the register sorts Vietnamese titles by the start of this text —
 * then the Vietnamese description and the English title and description,
 * folded. Use it whenever a project's texts are written.
 */
export function projectSearchText(p: {
  titleVi: string;
  descriptionVi: string;
  titleEn?: string | null;
  descriptionEn?: string | null;
}): string {
  return foldVietnamese([p.titleVi, p.descriptionVi, p.titleEn ?? "", p.descriptionEn ?? ""].join(" "));
}
