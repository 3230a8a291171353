/**
 * IATI test data on top of the pages fixture: ODA lines on three projects
 * (HCM, Lai Châu, a ministry's in Đà Nẵng), a donor cooperator, planned
 * disbursements, a commitment, a disbursement and its reversal, indicators
 * with values, phase history; and xmllint schema validation.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "#db/client.server";
import type { PagesFixture } from "./pages-fixture";

export const IATI_XSD = path.resolve(__dirname, "../../fixtures/iati-2.03/iati-activities-schema.xsd");

/** Validate with xmllint against the IATI 2.03 activity schema; returns xmllint's verdict. */
export function validateIati(xml: string): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-iati-"));
  const file = path.join(dir, "activities.xml");
  fs.writeFileSync(file, xml);
  try {
    const r = spawnSync("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", IATI_XSD, file], { encoding: "utf8" });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface IatiFixture {
  odaLine: Record<string, number>;
  reversedId: number;
}

export function addIatiData(db: Db, fx: PagesFixture): IatiFixture {
  const c = db.$client;
  const pid = (code: string) => (c.prepare("SELECT id FROM projects WHERE code = ?").get(code) as { id: number }).id;
  const odaLine: Record<string, number> = {};
  const insLine = c.prepare(
    `INSERT INTO budget_lines (project_id, fiscal_year, funding_source, category, approved_amount, original_amount)
     VALUES (?, ?, ?, 'general', ?, ?)`,
  );
  for (const [code, source] of [["T-HCM-1", "oda_loan"], ["T-LCU-1", "oda_grant"], ["T-MOST-1", "oda_grant"]] as const) {
    odaLine[code] = Number(insLine.run(pid(code), 2025, source, 20_000_000_000, 20_000_000_000).lastInsertRowid);
  }
  const hcm = pid("T-HCM-1");
  c.prepare(
    "UPDATE projects SET title_vi = ?, description_en = ?, start_date = '2025-01-15', end_date = '2027-12-31', domain = 'transport', operator_name = 'Sở GTVT' WHERE id = ?",
  ).run("Giao thông thông minh <giai đoạn 1> & \"IOC\"", "Traffic cameras & an operations centre", hcm);
  c.prepare("INSERT INTO project_cooperators (project_id, organisation_id) VALUES (?, ?)").run(hcm, fx.org("X-WB"));
  c.prepare("INSERT INTO project_phase_changes (project_id, from_phase, to_phase, changed_on) VALUES (?, NULL, 'proposed', '2024-10-01'), (?, 'approved', 'pilot', '2025-03-01')").run(hcm, hcm);
  const insPlan = c.prepare("INSERT INTO planned_disbursements (project_id, budget_line_id, fiscal_year, quarter, amount) VALUES (?, ?, 2025, ?, ?)");
  insPlan.run(hcm, odaLine["T-HCM-1"], 1, 5_000_000_000);
  insPlan.run(hcm, odaLine["T-HCM-1"], 3, 7_000_000_000);
  const insTx = c.prepare(
    "INSERT INTO transactions (project_id, budget_line_id, kind, date, amount, document_ref, note, reverses_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  insTx.run(hcm, odaLine["T-HCM-1"], "commitment", "2025-02-01", 15_000_000_000, "HĐ 01/2025", null, null);
  const reversedId = Number(insTx.run(hcm, odaLine["T-HCM-1"], "disbursement", "2025-04-01", 3_000_000_000, "UNC 7", null, null).lastInsertRowid);
  insTx.run(hcm, odaLine["T-HCM-1"], "disbursement", "2025-04-03", -3_000_000_000, "UNC 7", "Nhập sai", reversedId);
  const ind = Number(
    c.prepare(
      "INSERT INTO indicators (project_id, name_vi, name_en, unit, baseline, baseline_year, target, target_year) VALUES (?, 'Nút giao có camera', 'Junctions with cameras', 'nút', 10, 2024, 120, 2027)",
    ).run(hcm).lastInsertRowid,
  );
  c.prepare(
    "INSERT INTO indicator_values (indicator_id, period, period_start, period_end, value) VALUES (?, '2025', '2025-01-01', '2025-12-31', 45.5)",
  ).run(ind);
  return { odaLine, reversedId };
}
