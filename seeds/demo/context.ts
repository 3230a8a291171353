/**
 * What the demo generator needs from the reference data, loaded once:
 * organisations (with successor and region), strategy nodes and targets,
 * national apps and the demo users if they already exist.
 */
import type { Db } from "#db/client.server";
import { asciiName } from "../reference-data";
import { MINISTRY_SECTORS, type Pair } from "./vocab";

export interface OrgRow {
  id: number;
  code: string;
  kind: string;
  abbr: string;
  nameVi: string;
  nameEn: string;
  municipality: boolean;
  parentId: number | null;
  regionCode: string | null;
  population: number | null;
  validFrom: string | null;
  validTo: string | null;
  disadvantaged: boolean;
  successorId: number | null;
}

export interface Place {
  /** Phrase placed after a solution name: "tỉnh Lai Châu", "Thành phố Hồ Chí Minh", "ngành Y tế". */
  vi: string;
  en: string;
  /** Short name for sentences: "Lai Châu", "TP. Hồ Chí Minh". */
  short: string;
  shortEn: string;
}

export interface DemoContext {
  orgs: OrgRow[];
  byCode: Map<string, OrgRow>;
  byId: Map<number, OrgRow>;
  currentProvinces: OrgRow[];
  legacyProvinces: OrgRow[];
  currentMinistries: OrgRow[];
  legacyMinistries: OrgRow[];
  cities: OrgRow[];
  partners: OrgRow[];
  nodeIds: Map<string, number>;
  targetIds: Map<string, number>; // node code → strategy target id
  nodeLead: Map<string, number | null>;
  nationalApps: { vneid: number | null; portal: number | null };
  coordinatorId: number | null;
}

export function loadContext(db: Db): DemoContext {
  const c = db.$client;
  const rows = c
    .prepare(
      `SELECT o.id, o.code, o.kind, o.abbr, o.name_vi AS nameVi, o.name_en AS nameEn,
              o.municipality, o.parent_id AS parentId, o.region_code AS regionCode,
              o.population, o.valid_from AS validFrom, o.valid_to AS validTo,
              COALESCE(r.disadvantaged, 0) AS disadvantaged,
              (SELECT s.successor_id FROM organisation_successions s WHERE s.predecessor_id = o.id
                ORDER BY s.effective_date, s.successor_id LIMIT 1) AS successorId
         FROM organisations o LEFT JOIN regions r ON r.code = o.region_code
        ORDER BY o.id`,
    )
    .all() as (Omit<OrgRow, "municipality" | "disadvantaged"> & {
    municipality: number;
    disadvantaged: number;
  })[];
  const orgs: OrgRow[] = rows.map((r) => ({
    ...r,
    municipality: !!r.municipality,
    disadvantaged: !!r.disadvantaged,
  }));
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const byId = new Map(orgs.map((o) => [o.id, o]));

  const nodes = c
    .prepare("SELECT id, code, lead_organisation_id AS lead FROM strategy_nodes ORDER BY id")
    .all() as {
    id: number;
    code: string;
    lead: number | null;
  }[];
  const targets = c
    .prepare(
      `SELECT t.id, n.code FROM strategy_targets t JOIN strategy_nodes n ON n.id = t.node_id ORDER BY t.id`,
    )
    .all() as { id: number; code: string }[];
  const apps = c
    .prepare("SELECT id, name_vi AS nameVi FROM app_register WHERE scope = 'national' ORDER BY id")
    .all() as { id: number; nameVi: string }[];
  const coordinator = c
    .prepare(
      `SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
        WHERE m.role = 'coordinator' ORDER BY (u.email = 'coordinator@demo.citypilot.vn') DESC, u.id LIMIT 1`,
    )
    .get() as { id: number } | undefined;

  return {
    orgs,
    byCode,
    byId,
    currentProvinces: orgs.filter((o) => o.code.startsWith("P-")),
    legacyProvinces: orgs.filter((o) => o.code.startsWith("LP-")),
    currentMinistries: orgs.filter((o) => o.code.startsWith("M-")),
    legacyMinistries: orgs.filter((o) => o.code.startsWith("LM-")),
    cities: orgs.filter((o) => o.kind === "city"),
    partners: orgs.filter((o) => o.kind === "partner"),
    nodeIds: new Map(nodes.map((n) => [n.code, n.id])),
    nodeLead: new Map(nodes.map((n) => [n.code, n.lead])),
    targetIds: new Map(targets.map((t) => [t.code, t.id])),
    nationalApps: {
      vneid: apps.find((a) => a.nameVi.startsWith("VNeID"))?.id ?? null,
      portal: apps.find((a) => a.nameVi.startsWith("Cổng Dịch vụ công quốc gia"))?.id ?? null,
    },
    coordinatorId: coordinator?.id ?? null,
  };
}

/** How a unit is named inside a project title. */
export function placeOf(org: OrgRow, national?: Pair): Place {
  if (org.kind === "ministry") {
    const sector = national ?? MINISTRY_SECTORS[org.abbr] ?? ["toàn quốc", "nationwide"];
    return { vi: sector[0], en: sector[1], short: org.nameVi, shortEn: org.nameEn };
  }
  if (org.kind === "city") {
    return {
      vi: `thành phố ${org.nameVi}`,
      en: org.nameEn,
      short: org.nameVi,
      shortEn: asciiName(org.nameVi),
    };
  }
  if (org.nameVi === "Hồ Chí Minh") {
    return {
      vi: "Thành phố Hồ Chí Minh",
      en: "Ho Chi Minh City",
      short: "TP. Hồ Chí Minh",
      shortEn: "Ho Chi Minh City",
    };
  }
  if (org.municipality) {
    return {
      vi: `thành phố ${org.nameVi}`,
      en: org.nameEn,
      short: org.nameVi,
      shortEn: org.nameEn.replace(/ City$/, ""),
    };
  }
  return { vi: `tỉnh ${org.nameVi}`, en: org.nameEn, short: org.nameVi, shortEn: asciiName(org.nameVi) };
}
