/**
 * IATI import on a real database: matching, the validation report (not
 * matched, not a number, invalid date, unknown type, not VND, no ODA line,
 * future date, money rules), nothing written while anything is wrong, one
 * transaction with audit events on confirm, idempotent re-import, planners
 * limited to their organisation, and the page's upload → preview → confirm.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { iatiDocument } from "~/modules/iati/export";
import { exportableProjectIds, loadActivity, reportingOrganisation } from "~/modules/iati/export.server";
import { commitIatiImport, IATI_MAX_BYTES, planIatiImport, readIatiFile } from "~/modules/iati/import.server";
import { DEFAULT_IATI_CONFIG } from "~/modules/iati/mapping";
import type { CurrentUser } from "~/auth/guard.server";
import { getCurrentUser } from "~/auth/guard.server";
import { action, loader } from "~/routes/iati.import";
import { createTestDb } from "./helpers/db";
import { addIatiData } from "./helpers/iati-fixture";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;
const TODAY = "2026-11-26";

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

const tx = (type: string, date: string, value: string, extra = "", ref?: string) =>
  `<transaction${ref ? ` ref="${ref}"` : ""}><transaction-type code="${type}"/><transaction-date iso-date="${date}"/><value value-date="${date}"${extra}>${value}</value><description><narrative xml:lang="vi">Giải ngân đợt</narrative></description><provider-org ref="44000"><narrative>World Bank</narrative></provider-org></transaction>`;

const activity = (identifier: string, body: string, attrs = 'default-currency="VND"', other = "") =>
  `<iati-activity ${attrs}><iati-identifier>${identifier}</iati-identifier><reporting-org ref="44000" type="40"><narrative>WB</narrative></reporting-org><title><narrative>x</narrative></title>${other}${body}</iati-activity>`;

const file = (...activities: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n${activities.join("\n")}\n</iati-activities>\n`;

const CLEAN = file(
  activity(
    "XM-DAC-44000-P123456",
    tx("2", "2025-06-01", "1000000000", "", "C-1") + tx("3", "2025-07-01", "2000000000.00", ' currency="VND"', "D-1") + tx("4", "2025-08-01", "500000000"),
    'default-currency="VND"',
    '<other-identifier ref="T-HCM-1" type="A1"/>',
  ),
  activity("VN-CITYPILOT-TF-T-LCU-1", tx("2", "2025-05-01", "300000000") + tx("3", "2025-05-05", "100000000", ' currency="vnd"')),
  activity("XM-DAC-44000-P999999", tx("3", "2025-05-05", "100")),
);

const user = (cookie: string): CurrentUser =>
  getCurrentUser(new Request("http://localhost/", { headers: { Cookie: cookie } }), db)!;
const root = (xml: string) => {
  const r = readIatiFile(new TextEncoder().encode(xml));
  if (!r.ok) throw new Error(`unreadable: ${r.code}`);
  return r.root;
};
const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
const ACTOR = { userId: null, label: "test" };

describe("IATI import planning", () => {
  it("previews a clean file: matched by other-identifier and by our identifier, unmatched skipped", () => {
    const plan = planIatiImport(db, user(fx.cookies.coordinator), root(CLEAN), TODAY);
    expect(plan.counts).toEqual({ new: 5, imported: 0, errors: 0, warnings: 1, skippedActivities: 1 });
    expect(plan.activities.map((a) => [a.identifier, a.projectCode, a.status])).toEqual([
      ["XM-DAC-44000-P123456", "T-HCM-1", "matched"],
      ["VN-CITYPILOT-TF-T-LCU-1", "T-LCU-1", "matched"],
      ["XM-DAC-44000-P999999", null, "unmatched"],
    ]);
    expect(plan.issues.map((i) => i.code)).toEqual(["activityNotMatched"]);
    expect(plan.entries.map((e) => [e.projectCode, e.kind, e.amount, e.externalRef.startsWith("iati:")])).toEqual([
      ["T-HCM-1", "commitment", 1_000_000_000, true],
      ["T-HCM-1", "disbursement", 2_000_000_000, true],
      ["T-HCM-1", "expenditure", 500_000_000, true],
      ["T-LCU-1", "commitment", 300_000_000, true],
      ["T-LCU-1", "disbursement", 100_000_000, true],
    ]);
    expect(plan.entries[0].externalRef).toBe("iati:XM-DAC-44000-P123456/C-1");
  });

  it("reports every problem of a bad file by line, and writes nothing", () => {
    const bad = file(
      activity(
        "VN-CITYPILOT-TF-T-HCM-1",
        [
          tx("3", "2025-06-01", "12,5 tỷ"),
          tx("3", "2025-02-30", "100"),
          tx("1", "2025-06-01", "100"),
          tx("3", "2025-06-01", "100", ' currency="USD"'),
          tx("3", "2024-06-01", "100"),
          tx("3", "2027-01-01", "100"),
          tx("3", "2025-06-01", "10.5"),
          tx("4", "2025-06-09", "900000000000"),
        ].join("\n"),
      ),
    );
    const before = count("SELECT COUNT(*) AS n FROM transactions");
    const plan = planIatiImport(db, user(fx.cookies.coordinator), root(bad), TODAY);
    expect(plan.issues.map((i) => [i.code, i.transaction])).toEqual([
      ["valueNotNumber", 1],
      ["dateInvalid", 2],
      ["unknownType", 3],
      ["currencyNotVnd", 4],
      ["noOdaLine", 5],
      ["dateFuture", 6],
      ["valueNotWhole", 7],
      ["spentAboveDisbursed", 8],
    ]);
    expect(plan.issues.every((i) => i.line >= 3)).toBe(true);
    const result = commitIatiImport(db, ACTOR, user(fx.cookies.coordinator), root(bad), { name: "bad.xml", sha256: "0" }, TODAY);
    expect(result.ok).toBe(false);
    expect(count("SELECT COUNT(*) AS n FROM transactions")).toBe(before);
  });

  it("a planner brings in only their organisation's activities; others are skipped, not leaked", () => {
    const plan = planIatiImport(db, user(fx.cookies.plannerHcm), root(CLEAN), TODAY);
    expect(plan.counts.new).toBe(3);
    expect(plan.activities.map((a) => a.status)).toEqual(["matched", "foreign", "unmatched"]);
    expect(plan.entries.every((e) => e.projectCode === "T-HCM-1")).toBe(true);
  });

  it("books all new entries in one go with audit events; re-importing the same file adds nothing", () => {
    const before = count("SELECT COUNT(*) AS n FROM transactions");
    const first = commitIatiImport(db, ACTOR, user(fx.cookies.coordinator), root(CLEAN), { name: "wb.xml", sha256: "abc" }, TODAY);
    expect(first.ok && first.created).toBe(5);
    expect(count("SELECT COUNT(*) AS n FROM transactions")).toBe(before + 5);
    expect(count("SELECT COUNT(*) AS n FROM transactions WHERE origin = 'iati' AND external_ref LIKE 'iati:%'")).toBe(5);
    expect(count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'transaction.import'")).toBe(5);
    expect(count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'iati.import'")).toBe(1);

    const again = planIatiImport(db, user(fx.cookies.coordinator), root(CLEAN), TODAY);
    expect(again.counts).toMatchObject({ new: 0, imported: 5, errors: 0 });
    const second = commitIatiImport(db, ACTOR, user(fx.cookies.coordinator), root(CLEAN), { name: "wb.xml", sha256: "abc" }, TODAY);
    expect(second.ok && second.created).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM transactions")).toBe(before + 5);

    // The same file with one more transaction brings in exactly that one.
    const more = CLEAN.replace("</iati-activity>", `${tx("3", "2025-09-01", "1000000")}</iati-activity>`);
    const third = commitIatiImport(db, ACTOR, user(fx.cookies.coordinator), root(more), { name: "wb2.xml", sha256: "def" }, TODAY);
    expect(third.ok && third.created).toBe(1);
  });
});

describe("IATI round trip", () => {
  it("importing our own export changes nothing (every entry is recognised as already there)", () => {
    const coordinator = user(fx.cookies.coordinator);
    const ids = exportableProjectIds(db, coordinator, { organisation: null, province: null });
    const ours = iatiDocument(ids.map((id) => loadActivity(db, id)), DEFAULT_IATI_CONFIG, reportingOrganisation(db));
    const before = count("SELECT COUNT(*) AS n FROM transactions");
    const plan = planIatiImport(db, coordinator, root(ours), TODAY);
    expect(plan.counts.errors).toBe(0);
    expect(plan.counts.new).toBe(0);
    expect(plan.counts.imported).toBe((ours.match(/<transaction /g) ?? []).length);
    const result = commitIatiImport(db, ACTOR, coordinator, root(ours), { name: "ours.xml", sha256: "1" }, TODAY);
    expect(result.ok && result.created).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM transactions")).toBe(before);
  });

  it("a negative value from a donor is refused (corrections are reversals in CityPilot)", () => {
    const plan = planIatiImport(
      db,
      user(fx.cookies.coordinator),
      root(file(activity("VN-CITYPILOT-TF-T-MOST-1", tx("2", "2025-05-01", "-100", "", "NEG-1")))),
      TODAY,
    );
    expect(plan.issues.map((i) => i.code)).toEqual(["valueNegative"]);
  });
});

describe("/iati/import page", () => {
  const upload = (cookie: string, name: string, content: string, type = "application/xml") => {
    const form = new FormData();
    form.set("file", new File([content], name, { type }));
    return new Request("http://localhost/iati/import?intent=preview", { method: "POST", headers: { Cookie: cookie }, body: form });
  };
  const run = async (p: Promise<unknown>) => {
    try {
      return (await p) as { data: Record<string, unknown>; init?: { status?: number } };
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };

  it("is refused to leaders and auditors (403) and admins", async () => {
    for (const cookie of [fx.cookies.leader, fx.cookies.auditor, fx.cookies.admin]) {
      const res = (await run(loader({ request: new Request("http://localhost/iati/import", { headers: { Cookie: cookie } }), params: {}, context: {} }))) as Response;
      expect(res.status).toBe(403);
      const post = (await run(action({ request: upload(cookie, "a.xml", CLEAN), params: {}, context: {} }))) as Response;
      expect(post.status).toBe(403);
    }
  });

  it("refuses a DTD, a non-XML file, a file over the size limit, another encoding and malformed XML with a clear code", async () => {
    const xxe = await run(action({ request: upload(fx.cookies.coordinator, "x.xml", `<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><iati-activities>&x;</iati-activities>`), params: {}, context: {} }));
    expect((xxe as { data: { refusal: { code: string } } }).data.refusal.code).toBe("doctype");
    const pdf = await run(action({ request: upload(fx.cookies.coordinator, "x.pdf", "%PDF", "application/pdf"), params: {}, context: {} }));
    expect((pdf as { data: { refusal: { code: string } } }).data.refusal.code).toBe("wrongType");
    const huge = (await run(action({ request: upload(fx.cookies.coordinator, "big.xml", "<a>" + "x".repeat(IATI_MAX_BYTES + 1) + "</a>"), params: {}, context: {} }))) as {
      data: { refusal: { code: string } };
      init: { status: number };
    };
    expect([huge.init.status, huge.data.refusal.code]).toEqual([413, "tooLarge"]);
    const latin1 = await run(action({ request: upload(fx.cookies.coordinator, "l.xml", '<?xml version="1.0" encoding="ISO-8859-1"?><iati-activities/>'), params: {}, context: {} }));
    expect((latin1 as { data: { refusal: { code: string } } }).data.refusal.code).toBe("notUtf8");
    const broken = await run(action({ request: upload(fx.cookies.coordinator, "x.xml", "<iati-activities><a></iati-activities>"), params: {}, context: {} }));
    expect((broken as { data: { refusal: { code: string; line: number } } }).data.refusal).toEqual({ code: "malformed", line: 1 });
  });

  it("previews, then confirms with the token; a second upload of the same file has nothing new", async () => {
    const fresh = file(
      activity(
        "XM-DAC-44000-P123456",
        tx("2", "2025-10-01", "100000000", "", "C-9") + tx("3", "2025-10-15", "50000000", "", "D-9") + tx("4", "2025-11-01", "10000000"),
        'default-currency="VND"',
        '<other-identifier ref="T-HCM-1" type="A1"/>',
      ),
      activity("VN-CITYPILOT-TF-T-LCU-1", tx("2", "2025-10-01", "300000000")),
    );
    const preview = (await run(action({ request: upload(fx.cookies.plannerHcm, "wb-q4.xml", fresh), params: {}, context: {} }))) as {
      data: { state: string; token: string; plan: { counts: { new: number } } };
    };
    expect(preview.data.state).toBe("preview");
    expect(preview.data.plan.counts.new).toBe(3);
    const form = new FormData();
    form.set("token", preview.data.token);
    // Another user cannot confirm someone's upload.
    const stolen = (await run(
      action({ request: new Request("http://localhost/iati/import?intent=confirm", { method: "POST", headers: { Cookie: fx.cookies.coordinator }, body: form }), params: {}, context: {} }),
    )) as { init: { status: number } };
    expect(stolen.init.status).toBe(410);
    const confirm = (await run(
      action({ request: new Request("http://localhost/iati/import?intent=confirm", { method: "POST", headers: { Cookie: fx.cookies.plannerHcm }, body: form }), params: {}, context: {} }),
    )) as Response;
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get("location")).toBe("/iati/import?imported=3&already=0");
    const again = (await run(action({ request: upload(fx.cookies.plannerHcm, "wb-q4.xml", fresh), params: {}, context: {} }))) as {
      data: { token: string | null; plan: { counts: { new: number; imported: number } } };
    };
    expect(again.data.plan.counts).toMatchObject({ new: 0, imported: 3 });
    expect(again.data.token).toBeNull();
  });
});
