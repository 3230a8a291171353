/**
 * Vietnamese-aware text normalisation: lower case, no diacritics, "đ" → "d",
 * collapsed whitespace. Used for search keys and name lookup.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
