/** The safe XML reader: no DTD (external entities, entity bombs), predefined entities only, limits, well-formedness. */
import { describe, expect, it } from "vitest";
import { narrativeText, parseXml, XmlParseError } from "~/modules/iati/xml-parse";

const code = (xml: string, limits?: { maxDepth: number; maxElements: number }) => {
  try {
    parseXml(xml, limits);
    return "ok";
  } catch (e) {
    if (e instanceof XmlParseError) return e.code;
    throw e;
  }
};

describe("parseXml", () => {
  it("reads elements, attributes, text, CDATA, entities and character references", () => {
    const root = parseXml(
      `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a x='1' y="&lt;2&gt;"><b xml:lang="vi">Đà &amp; Nẵng &#8211; &#x41;</b><c/><![CDATA[<raw>]]></a>`,
    );
    expect(root.name).toBe("a");
    expect(root.attrs).toEqual({ x: "1", y: "<2>" });
    expect(root.children.map((c) => c.name)).toEqual(["b", "c"]);
    expect(root.children[0].text).toBe("Đà & Nẵng – A");
    expect(root.text).toBe("<raw>");
    expect(root.line).toBe(2);
    expect(narrativeText({ ...root, children: [{ name: "narrative", attrs: { "xml:lang": "en" }, children: [], text: " x ", line: 1 }] })).toBe("x");
  });

  it("refuses any DOCTYPE: external entities (XXE) and entity-expansion bombs never get read", () => {
    expect(code(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>`)).toBe("doctype");
    expect(code(`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><a>&lol2;</a>`)).toBe("doctype");
    expect(code(`<!doctype html><a/>`)).toBe("doctype");
  });

  it("refuses entities it does not know and bare ampersands", () => {
    expect(code("<a>&nbsp;</a>")).toBe("entity");
    expect(code("<a>fish & chips</a>")).toBe("malformed");
    expect(code("<a>&#0;</a>")).toBe("entity");
  });

  it.each([
    ["<a><b></a>", "mismatched close"],
    ["<a>", "unclosed"],
    ["<a/><b/>", "two roots"],
    ["text", "no root"],
    ["<a x=1/>", "unquoted attribute"],
    ["<a x='1' x='2'/>", "duplicate attribute"],
    ["<a x='<'/>", "< in attribute"],
    ["<a><!-- never closed</a>", "unclosed comment"],
    ["<a></a>trailing", "text after root"],
  ])("refuses malformed XML: %s (%s)", (xml) => {
    expect(code(xml)).toBe("malformed");
  });

  it("limits depth and element count", () => {
    expect(code("<a>".repeat(70) + "</a>".repeat(70))).toBe("tooDeep");
    expect(code(`<a>${"<b/>".repeat(20)}</a>`, { maxDepth: 64, maxElements: 10 })).toBe("tooManyElements");
  });
});
