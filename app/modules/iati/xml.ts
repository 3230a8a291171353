/** A tiny XML writer: escaped text and attributes, elements as nested arrays of strings. */

/** Characters XML 1.0 cannot carry (C0 controls but tab, newline, return; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) =>
    c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : c === '"' ? "&quot;" : "&apos;",
  ).replace(NOT_XML_CHARS, "");
}

export type Attrs = Record<string, string | number | null | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
}

/** `<name attrs>children</name>`, or self-closed when there are none; falsy children are skipped. */
export function el(name: string, a: Attrs = {}, ...children: (string | false | null | undefined | (string | false | null | undefined)[])[]): string {
  const body = children.flat().filter((c): c is string => typeof c === "string" && c !== "");
  return body.length ? `<${name}${attrs(a)}>${body.join("")}</${name}>` : `<${name}${attrs(a)}/>`;
}

export function text(name: string, a: Attrs, value: string): string {
  return `<${name}${attrs(a)}>${escapeXml(value)}</${name}>`;
}
