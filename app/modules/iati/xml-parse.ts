/**
 * A small, safe XML parser for IATI files: elements, attributes, text,
 * CDATA, comments and processing instructions. No DTD is read — a document
 * with `<!DOCTYPE` (the door to external entities and entity expansion
 * bombs) is refused outright — and only the five predefined entities and
 * numeric character references are understood. Limits on size, depth and
 * element count. Pure: no I/O.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the start tag (for the validation report). */
  line: number;
}

export class XmlParseError extends Error {
  constructor(
    readonly code: "doctype" | "malformed" | "tooDeep" | "tooManyElements" | "entity",
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "XmlParseError";
  }
}

export const XML_LIMITS = { maxDepth: 64, maxElements: 500_000 } as const;

const NAME = /^[A-Za-z_][\w.:-]*/;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function parseXml(
  source: string,
  limits: { maxDepth: number; maxElements: number } = XML_LIMITS,
): XmlElement {
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let count = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  const fail = (code: XmlParseError["code"], message: string): never => {
    throw new XmlParseError(code, line, message);
  };
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (source.charCodeAt(k) === 10) line++;
    i = to;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]{0,12});?/g, (m, name: string) => {
      if (!m.endsWith(";")) fail("malformed", "a bare & in text");
      if (name in PREDEFINED) return PREDEFINED[name];
      const num = /^#(\d{1,7})$/.exec(name) ?? /^#x([0-9a-fA-F]{1,6})$/.exec(name);
      if (num) {
        const code = parseInt(num[1], name[1] === "x" ? 16 : 10);
        if (code > 0x10ffff || code === 0) fail("entity", `character reference &${name}; is not a character`);
        return String.fromCodePoint(code);
      }
      return fail("entity", `unknown entity &${name}; (no DTD is read)`);
    });
  const addText = (raw: string) => {
    const top = stack.at(-1);
    if (top) top.text += raw;
    else if (raw.trim() !== "") fail("malformed", "text outside the root element");
  };

  while (i < source.length) {
    const lt = source.indexOf("<", i);
    if (lt < 0) {
      addText(decode(source.slice(i)));
      advance(source.length);
      break;
    }
    if (lt > i) {
      const raw = source.slice(i, lt);
      addText(decode(raw));
      advance(lt);
    }
    if (source.startsWith("<!--", i)) {
      const end = source.indexOf("-->", i + 4);
      if (end < 0) fail("malformed", "unclosed comment");
      advance(end + 3);
    } else if (source.startsWith("<![CDATA[", i)) {
      const end = source.indexOf("]]>", i + 9);
      if (end < 0) fail("malformed", "unclosed CDATA section");
      addText(source.slice(i + 9, end));
      advance(end + 3);
    } else if (source.startsWith("<!", i)) {
      if (/^<!doctype/i.test(source.slice(i, i + 9))) fail("doctype", "a DOCTYPE (DTD) is not accepted");
      fail("malformed", "markup declarations are not accepted");
    } else if (source.startsWith("<?", i)) {
      const end = source.indexOf("?>", i + 2);
      if (end < 0) fail("malformed", "unclosed processing instruction");
      advance(end + 2);
    } else if (source.startsWith("</", i)) {
      const m = NAME.exec(source.slice(i + 2, i + 2 + 200));
      const name = m?.[0] ?? "";
      const close = source.indexOf(">", i);
      if (!m || close < 0 || source.slice(i + 2 + name.length, close).trim() !== "") fail("malformed", "bad closing tag");
      const top = stack.pop();
      if (!top || top.name !== name) fail("malformed", `</${name}> does not close <${top?.name ?? "nothing"}>`);
      advance(close + 1);
    } else {
      const m = NAME.exec(source.slice(i + 1, i + 1 + 200));
      if (!m) fail("malformed", "bad start tag");
      const name = m![0];
      const el: XmlElement = { name, attrs: {}, children: [], text: "", line };
      let j = i + 1 + name.length;
      for (;;) {
        while (j < source.length && /\s/.test(source[j])) j++;
        if (source[j] === ">" || source.startsWith("/>", j)) break;
        const an = NAME.exec(source.slice(j, j + 200));
        if (!an) fail("malformed", `bad attribute in <${name}>`);
        j += an![0].length;
        while (/\s/.test(source[j] ?? "")) j++;
        if (source[j] !== "=") fail("malformed", `attribute ${an![0]} without a value`);
        j++;
        while (/\s/.test(source[j] ?? "")) j++;
        const q = source[j];
        if (q !== '"' && q !== "'") fail("malformed", `attribute ${an![0]} is not quoted`);
        const endQ = source.indexOf(q, j + 1);
        if (endQ < 0) fail("malformed", "unclosed attribute value");
        const raw = source.slice(j + 1, endQ);
        if (raw.includes("<")) fail("malformed", "< inside an attribute value");
        if (an![0] in el.attrs) fail("malformed", `attribute ${an![0]} twice`);
        el.attrs[an![0]] = decode(raw);
        j = endQ + 1;
      }
      const selfClosing = source.startsWith("/>", j);
      if (++count > limits.maxElements) fail("tooManyElements", `more than ${limits.maxElements} elements`);
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) fail("malformed", "more than one root element");
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        if (stack.length > limits.maxDepth) fail("tooDeep", `elements nested deeper than ${limits.maxDepth}`);
      }
      advance(j + (selfClosing ? 2 : 1));
    }
  }
  if (stack.length) fail("malformed", `<${stack.at(-1)!.name}> is not closed`);
  if (!root) fail("malformed", "no root element");
  return root!;
}

/** Child elements by name. */
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
export const firstChild = (el: XmlElement, name: string) => el.children.find((c) => c.name === name) ?? null;

/** The narrative in `lang` (or the first one) of an element with narratives. */
export function narrativeText(el: XmlElement | null, lang?: string): string | null {
  if (!el) return null;
  const ns = childrenNamed(el, "narrative");
  const pick = (lang && ns.find((n) => n.attrs["xml:lang"] === lang)) || ns[0];
  return pick ? pick.text.trim() : null;
}
