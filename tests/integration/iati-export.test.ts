/**
 * IATI export: the file validates against the IATI 2.03 activity schema
 * (xmllint, in the suite) for a hand-made set and for the seeded demo; the
 * mapping (identifier, status, dates, sector, transactions with a negative
 * reversal, results) and the scoping by role, organisation and province.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { iatiDocument } from "~/modules/iati/export";
import { exportableProjectIds, loadActivity, reportingOrganisation } from "~/modules/iati/export.server";
import { DEFAULT_IATI_CONFIG } from "~/modules/iati/mapping";
import { loader } from "~/routes/iati.export[.]xml";
import { createTestDb } from "./helpers/db";
import { addIatiData, validateIati } from "./helpers/iati-fixture";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  addIatiData(db, fx);
  setDb(db);
});
afterAll(() => {
  setDb(undefined);
  cleanup();
});

async function download(path: string, cookie?: string): Promise<Response> {
  try {
    return await loader({ request: new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }), params: {}, context: {} });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const identifiers = (xml: string) => [...xml.matchAll(/<iati-identifier>([^<]+)</g)].map((m) => m[1]);

describe("IATI export", () => {
  let xml: string;
  beforeAll(async () => {
    const res = await download("/iati/export.xml", fx.cookies.coordinator);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/xml/);
    xml = await res.text();
  });

  it("validates against iati-activities-schema.xsd (2.03)", () => {
    const v = validateIati(xml);
    expect(v.output).toContain("validates");
    expect(v.ok).toBe(true);
  });

  it("holds exactly the ODA-funded projects, identified by the reporting-org prefix and the code", () => {
    expect(identifiers(xml)).toEqual(["VN-CITYPILOT-TF-T-HCM-1", "VN-CITYPILOT-TF-T-LCU-1", "VN-CITYPILOT-TF-T-MOST-1"]);
    expect(xml).toContain('<iati-activities version="2.03"');
    expect(xml).toContain('<reporting-org ref="VN-CITYPILOT-TF" type="10">');
  });

  it("maps titles (escaped, vi and en), status, dates, place, sector, donors, money and results", () => {
    const hcm = xml.slice(xml.indexOf("T-HCM-1</iati-identifier>"), xml.indexOf("T-LCU-1</iati-identifier>"));
    expect(hcm).toContain('<narrative xml:lang="vi">Giao thông thông minh &lt;giai đoạn 1&gt; &amp; &quot;IOC&quot;</narrative>');
    expect(hcm).toContain('<narrative xml:lang="en">Project T-HCM-1</narrative>');
    expect(hcm).toContain('<narrative xml:lang="en">Traffic cameras &amp; an operations centre</narrative>');
    expect(hcm).toContain('<activity-status code="2"/>');
    expect(hcm).toContain('<activity-date type="1" iso-date="2025-01-15"/>');
    expect(hcm).toContain('<activity-date type="2" iso-date="2025-03-01"/>');
    expect(hcm).toContain('<activity-date type="3" iso-date="2027-12-31"/>');
    expect(hcm).toContain('<recipient-country code="VN" percentage="100"/>');
    expect(hcm).toMatch(/<location ref="P-HCM"><name>.*<pos>[\d.]+ [\d.]+<\/pos>/);
    expect(hcm).toContain('<sector vocabulary="1" code="21020" percentage="100">');
    expect(hcm).toMatch(/<participating-org role="1" type="40"><narrative xml:lang="vi">Ngân hàng Thế giới/);
    expect(hcm).toContain('<participating-org role="2" type="11">');
    // 5 + 2.5 (fixture) + 20 bn ODA in 2025.
    expect(hcm).toContain('<value currency="VND" value-date="2025-01-01">27500000000</value>');
    expect(hcm).toMatch(/<planned-disbursement type="1"><period-start iso-date="2025-07-01"\/><period-end iso-date="2025-09-30"\/><value currency="VND" value-date="2025-07-01">7000000000<\/value>/);
    expect(hcm).toMatch(/<transaction-type code="2"\/><transaction-date iso-date="2025-02-01"\/><value currency="VND" value-date="2025-02-01">15000000000<\/value>/);
    expect(hcm).toMatch(/<transaction-type code="3"\/><transaction-date iso-date="2025-04-03"\/><value currency="VND" value-date="2025-04-03">-3000000000<\/value>/);
    expect(hcm).toContain('<flow-type code="10"/><finance-type code="421"/>');
    expect(hcm).toMatch(/<indicator measure="1"><title><narrative xml:lang="vi">Nút giao có camera/);
    expect(hcm).toContain('<baseline year="2024" value="10"/>');
    expect(hcm).toContain('<actual value="45.5"/>');
    expect(hcm).toContain('<target value="120"/>');
  });

  it("planners get their own organisation's projects; filters narrow by organisation and province", async () => {
    expect(identifiers(await (await download("/iati/export.xml", fx.cookies.plannerHcm)).text())).toEqual(["VN-CITYPILOT-TF-T-HCM-1"]);
    expect(identifiers(await (await download("/iati/export.xml", fx.cookies.plannerLaiChau)).text())).toEqual(["VN-CITYPILOT-TF-T-LCU-1"]);
    expect(identifiers(await (await download("/iati/export.xml?organisation=M-MOST", fx.cookies.leader)).text())).toEqual(["VN-CITYPILOT-TF-T-MOST-1"]);
    expect(identifiers(await (await download("/iati/export.xml?province=P-LCU", fx.cookies.auditor)).text())).toEqual(["VN-CITYPILOT-TF-T-LCU-1"]);
    // A planner's filter cannot widen the scope.
    expect((await download("/iati/export.xml?organisation=P-LCU", fx.cookies.plannerHcm)).status).toBe(404);
  });

  it("sends anonymous users to the login page", async () => {
    const res = await download("/iati/export.xml");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("IATI export of the seeded demo", () => {
  it("validates against the schema", async () => {
    const demo = createTestDb();
    try {
      await seedAll(demo.db, { scale: 0.05, seed: 11 });
      const ids = exportableProjectIds(demo.db, { roles: ["auditor"], ownOrganisationIds: new Set() }, { organisation: null, province: null });
      expect(ids.length).toBeGreaterThan(5);
      const out = iatiDocument(ids.map((id) => loadActivity(demo.db, id)), DEFAULT_IATI_CONFIG, reportingOrganisation(demo.db));
      const v = validateIati(out);
      expect(v.output).toContain("validates");
      expect(identifiers(out)).toHaveLength(ids.length);
    } finally {
      demo.cleanup();
    }
  });
});
