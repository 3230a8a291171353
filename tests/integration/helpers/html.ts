/**
 * Reading rendered HTML as a browser would, for the tests and benches that
 * post the app's own forms back (the fuzzer, the load driver).
 */

/** Undo React's attribute and text escaping. */
export const decodeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The value of attribute `name` on an opening tag, decoded (null if absent). */
export function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeHtml(m[1]!) : null;
}
