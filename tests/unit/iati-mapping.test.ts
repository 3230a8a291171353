/** IATI mapping tables and the XML writer. */
import { describe, expect, it } from "vitest";
import { DOMAINS, PROJECT_PHASES, TRANSACTION_KINDS } from "#db/enums";
import {
  ACTIVITY_STATUS,
  DAC_SECTOR,
  TRANSACTION_KIND_BY_TYPE,
  TRANSACTION_TYPE,
  activityIdentifier,
  iatiConfigFromEnv,
  projectCodeFromIdentifier,
} from "~/modules/iati/mapping";
import { el, escapeXml, text } from "~/modules/iati/xml";

describe("IATI mapping", () => {
  it("maps every domain to a 5-digit DAC purpose code and every phase to an activity status", () => {
    for (const d of DOMAINS) expect(DAC_SECTOR[d].code).toMatch(/^\d{5}$/);
    for (const p of PROJECT_PHASES) expect(["1", "2", "3", "4", "5", "6"]).toContain(ACTIVITY_STATUS[p]);
    expect(ACTIVITY_STATUS.cancelled).toBe("5");
  });
  it("transaction kinds are types 2, 3, 4 and back", () => {
    expect(TRANSACTION_KINDS.map((k) => TRANSACTION_TYPE[k])).toEqual(["2", "3", "4"]);
    for (const k of TRANSACTION_KINDS) expect(TRANSACTION_KIND_BY_TYPE[TRANSACTION_TYPE[k]]).toBe(k);
  });
  it("identifiers are prefix-code and read back only with our prefix", () => {
    expect(activityIdentifier("VN-X", "HCM-2026-001")).toBe("VN-X-HCM-2026-001");
    expect(projectCodeFromIdentifier("VN-X", "VN-X-HCM-2026-001")).toBe("HCM-2026-001");
    expect(projectCodeFromIdentifier("VN-X", "XM-DAC-41114-HCM")).toBeNull();
    expect(projectCodeFromIdentifier("VN-X", "VN-X-")).toBeNull();
  });
  it("configuration comes from the environment with documented defaults", () => {
    expect(iatiConfigFromEnv({})).toEqual({ reportingOrgRef: "VN-CITYPILOT-TF", reportingOrgType: "10", recipientCountry: "VN" });
    expect(iatiConfigFromEnv({ IATI_REPORTING_ORG_REF: " XM-OCHA-1 ", IATI_RECIPIENT_COUNTRY: "LA" })).toMatchObject({
      reportingOrgRef: "XM-OCHA-1",
      recipientCountry: "LA",
    });
  });
});

describe("XML writer", () => {
  it("escapes text and attributes and drops characters XML cannot hold", () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
    expect(text("narrative", { "xml:lang": "vi" }, "Đà Nẵng & <Huế>")).toBe('<narrative xml:lang="vi">Đà Nẵng &amp; &lt;Huế&gt;</narrative>');
    expect(el("value", { a: '"x"', b: null, c: undefined })).toBe('<value a="&quot;x&quot;"/>');
    expect(el("p", {}, null, false, "<x/>", ["<y/>", null])).toBe("<p><x/><y/></p>");
  });
});
