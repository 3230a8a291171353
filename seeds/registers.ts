/**
 * Register seeds on top of the reference data and the demo program
 * (deterministic: no randomness, timestamps taken from the rows they follow).
 *
 * - National services not already in the reference list (`NATIONAL_APPS` in
 *   reference-data.ts has VNeID – Ministry of Public Security, the National
 *   Public Service Portal – Government Office, VssID – Vietnam Social Security
 *   (organisation `A-VSS`, which since the 2025 reorganisation sits under the
 *   Ministry of Finance; the app stays with VSS, the agency that runs it),
 *   the electronic health book, eTax Mobile, VNeTraffic, and the retired
 *   PC-Covid and Bluezone of the former Ministry of Information and
 *   Communications). Only services whose owner is certain are added.
 * - Data-register rows for the non-personal data the demo's sensor, traffic,
 *   metering and map projects process (the demo writes only personal rows),
 *   so the register shows the whole vocabulary. Always aggregated-only.
 *
 * Idempotent: running it twice adds nothing.
 */
import type { Db } from "#db/client.server";
import type { Domain } from "#db/enums";

interface ExtraApp {
  nameVi: string;
  nameEn: string;
  owner: string;
  domain: Domain;
  platforms: string[];
  status: "planned" | "live" | "retired";
  url: string | null;
  launchedOn: string | null;
}

export const EXTRA_NATIONAL_APPS: ExtraApp[] = [
  {
    nameVi: "Cổng dịch vụ công Bộ Công an",
    nameEn: "Ministry of Public Security public service portal",
    owner: "M-MPS",
    domain: "governance",
    platforms: ["web"],
    status: "live",
    url: "https://dichvucong.bocongan.gov.vn",
    launchedOn: null,
  },
];

/** Which non-personal data a project component implies (first matching rule per category). */
export const COMPONENT_DATA: {
  component: string;
  domains: Domain[] | null;
  category: string;
  purposeVi: string;
  purposeEn: string;
}[] = [
  {
    component: "air-quality",
    domains: null,
    category: "environmental_sensors",
    purposeVi: "Quan trắc chất lượng không khí, cảnh báo ô nhiễm",
    purposeEn: "Monitoring air quality and warning of pollution",
  },
  {
    component: "iot-sensors",
    domains: ["environment", "water", "agriculture"],
    category: "environmental_sensors",
    purposeVi: "Quan trắc môi trường, mực nước, cảnh báo sớm",
    purposeEn: "Environmental and water-level monitoring, early warning",
  },
  {
    component: "adaptive-signals",
    domains: null,
    category: "traffic_flows",
    purposeVi: "Điều khiển đèn tín hiệu theo lưu lượng",
    purposeEn: "Adapting traffic signals to traffic flows",
  },
  {
    component: "traffic",
    domains: ["transport"],
    category: "traffic_flows",
    purposeVi: "Điều hành giao thông, thống kê lưu lượng",
    purposeEn: "Traffic management and flow statistics",
  },
  {
    component: "smart-meter",
    domains: ["energy"],
    category: "energy_use",
    purposeVi: "Đo đếm và tiết kiệm năng lượng chiếu sáng, công sở",
    purposeEn: "Metering and saving energy in lighting and public buildings",
  },
  {
    component: "scada",
    domains: ["water"],
    category: "water_network",
    purposeVi: "Giám sát mạng lưới cấp nước, giảm thất thoát",
    purposeEn: "Monitoring the water network and reducing losses",
  },
  {
    component: "gis",
    domains: ["planning"],
    category: "geospatial",
    purposeVi: "Bản đồ quy hoạch, quản lý hạ tầng đô thị",
    purposeEn: "Planning maps and urban infrastructure management",
  },
];

/** The Law on Data (Luật Dữ liệu, No. 60/2024/QH15, in force from 2025-07-01). */
const LEGAL_BASIS = "Luật Dữ liệu 2024 (Luật số 60/2024/QH15)";
const RETENTION = "10 năm";

export function seedRegisters(db: Db): { apps: number; dataRows: number } {
  const c = db.$client;
  const run = c.transaction(() => {
    const orgId = c.prepare("SELECT id FROM organisations WHERE code = ?");
    const hasApp = c.prepare("SELECT 1 FROM app_register WHERE name_vi = ?");
    const insApp = c.prepare(
      `INSERT INTO app_register (name_vi, name_en, owner_organisation_id, scope, domain, platforms, status, url,
         launched_on, created_at)
       VALUES (?, ?, ?, 'national', ?, ?, ?, ?, ?, (SELECT MIN(created_at) FROM app_register))`,
    );
    let apps = 0;
    for (const a of EXTRA_NATIONAL_APPS) {
      const owner = orgId.get(a.owner) as { id: number } | undefined;
      if (!owner || hasApp.get(a.nameVi)) continue;
      insApp.run(
        a.nameVi,
        a.nameEn,
        owner.id,
        a.domain,
        JSON.stringify(a.platforms),
        a.status,
        a.url,
        a.launchedOn,
      );
      apps++;
    }

    const insRow = c.prepare(
      `INSERT INTO data_register (project_id, category, purpose_vi, purpose_en, legal_basis, retention,
         operator_type, operator_name, aggregated_only, created_at)
       SELECT p.id, @category, @purposeVi, @purposeEn, @legalBasis, @retention, p.operator_type, p.operator_name, 1,
              p.created_at
         FROM projects p
        WHERE EXISTS (SELECT 1 FROM json_each(p.components) WHERE value = @component)
          AND (@domains IS NULL OR p.domain IN (SELECT value FROM json_each(@domains)))
          AND NOT EXISTS (SELECT 1 FROM data_register d WHERE d.project_id = p.id AND d.category = @category)
        ORDER BY p.id`,
    );
    let dataRows = 0;
    for (const r of COMPONENT_DATA) {
      dataRows += insRow.run({
        category: r.category,
        purposeVi: r.purposeVi,
        purposeEn: r.purposeEn,
        legalBasis: LEGAL_BASIS,
        retention: RETENTION,
        component: r.component,
        domains: r.domains ? JSON.stringify(r.domains) : null,
      }).changes;
    }
    return { apps, dataRows };
  });
  return run();
}
