/**
 * Reference data for Vietnam, built in memory from the JSON files in
 * `seeds/reference/` (pure: no database). `seedReference` writes these rows;
 * unit tests build a succession graph from them without a database.
 *
 * Organisation ids are assigned here, in a fixed order, so the same build
 * always gives the same ids.
 */
import provincesJson from "./reference/provinces-vn.json";
import ministriesJson from "./reference/ministries-vn.json";
import strategyJson from "./reference/strategy-950.json";
import { foldVietnamese } from "~/utils/text";
import type { OrganisationKind, Domain } from "#db/enums";

export const PROVINCE_EFFECTIVE_DATE = provincesJson.effectiveDate; // 2025-07-01
export const MINISTRY_EFFECTIVE_DATE = ministriesJson.effectiveDate; // 2025-03-01
export const PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15";
export const MINISTRY_LEGAL_BASIS = "Nghị quyết 176/2025/QH15";

/** Disadvantaged (mountain / highland) socio-economic regions, for equity views. */
export const DISADVANTAGED_REGIONS = new Set(["northern-midlands-mountains", "central-highlands"]);

/**
 * Abbreviations of the 34 province-level units in force from 1 July 2025,
 * keyed by the Vietnamese name in provinces-vn.json. Used in organisation
 * codes (`P-<ABBR>`) and project codes (`<ABBR>-<YEAR>-<NNN>`).
 */
export const PROVINCE_ABBR: Record<string, string> = {
  "Hà Nội": "HN",
  Huế: "HUE",
  "Lai Châu": "LCU",
  "Điện Biên": "DBN",
  "Sơn La": "SLA",
  "Lạng Sơn": "LSN",
  "Quảng Ninh": "QNH",
  "Thanh Hóa": "THA",
  "Nghệ An": "NAN",
  "Hà Tĩnh": "HTH",
  "Cao Bằng": "CBG",
  "Tuyên Quang": "TQG",
  "Lào Cai": "LCI",
  "Thái Nguyên": "TNN",
  "Phú Thọ": "PTO",
  "Bắc Ninh": "BNH",
  "Hưng Yên": "HYN",
  "Hải Phòng": "HP",
  "Ninh Bình": "NBH",
  "Quảng Trị": "QTR",
  "Đà Nẵng": "DNG",
  "Quảng Ngãi": "QNG",
  "Gia Lai": "GLI",
  "Khánh Hòa": "KHA",
  "Lâm Đồng": "LDG",
  "Đắk Lắk": "DLK",
  "Hồ Chí Minh": "HCM",
  "Đồng Nai": "DNI",
  "Tây Ninh": "TNH",
  "Cần Thơ": "CT",
  "Vĩnh Long": "VLG",
  "Đồng Tháp": "DTP",
  "Cà Mau": "CMU",
  "An Giang": "AGG",
};

/**
 * Abbreviations of the 63 units before 1 July 2025 (keyed by GSO code). A
 * unit whose name lives on keeps its abbreviation; project codes stay unique
 * because numbering is shared per abbreviation and year.
 */
export const LEGACY_PROVINCE_ABBR: Record<string, string> = {
  "01": "HN",
  "02": "HGG",
  "04": "CBG",
  "06": "BKN",
  "08": "TQG",
  "10": "LCI",
  "11": "DBN",
  "12": "LCU",
  "14": "SLA",
  "15": "YBI",
  "17": "HBH",
  "19": "TNN",
  "20": "LSN",
  "22": "QNH",
  "24": "BGG",
  "25": "PTO",
  "26": "VPC",
  "27": "BNH",
  "30": "HDG",
  "31": "HP",
  "33": "HYN",
  "34": "TBH",
  "35": "HNM",
  "36": "NDH",
  "37": "NBH",
  "38": "THA",
  "40": "NAN",
  "42": "HTH",
  "44": "QBH",
  "45": "QTR",
  "46": "TTH",
  "48": "DNG",
  "49": "QNM",
  "51": "QNG",
  "52": "BDH",
  "54": "PYN",
  "56": "KHA",
  "58": "NTN",
  "60": "BTN",
  "62": "KTM",
  "64": "GLI",
  "66": "DLK",
  "67": "DKN",
  "68": "LDG",
  "70": "BPC",
  "72": "TNH",
  "74": "BDG",
  "75": "DNI",
  "77": "BRVT",
  "79": "HCM",
  "80": "LAN",
  "82": "TGG",
  "83": "BTE",
  "84": "TVH",
  "86": "VLG",
  "87": "DTP",
  "89": "AGG",
  "91": "KGG",
  "92": "CT",
  "93": "HGI",
  "94": "STG",
  "95": "BLU",
  "96": "CMU",
};

/** English names that are not "<ascii name> Province/City". */
const ENGLISH_OVERRIDES: Record<string, string> = {
  "Hà Nội": "Hanoi",
  "Hồ Chí Minh": "Ho Chi Minh City",
  Huế: "Hue City",
  "Thừa Thiên Huế": "Thua Thien Hue Province",
};

export { ORGANISATION_ALIASES } from "./organisation-aliases";

/** Diacritics-free form that keeps letter case ("Đắk Lắk" → "Dak Lak"). */
export function asciiName(vi: string): string {
  return vi
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

export function englishProvinceName(vi: string, municipality: boolean): string {
  return ENGLISH_OVERRIDES[vi] ?? `${asciiName(vi)} ${municipality ? "City" : "Province"}`;
}

export interface ReferenceOrganisation {
  id: number;
  code: string;
  kind: OrganisationKind;
  abbr: string;
  nameVi: string;
  nameEn: string;
  searchName: string;
  municipality: boolean;
  parentCode: string | null;
  regionCode: string | null;
  gsoCode: string | null;
  population: number | null;
  areaKm2: number | null;
  seatName: string | null;
  seatLat: number | null;
  seatLon: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ReferenceSuccession {
  predecessorCode: string;
  successorCode: string;
  effectiveDate: string;
  legalBasis: string;
}

export interface ReferenceRegion {
  code: string;
  nameVi: string;
  nameEn: string;
  disadvantaged: boolean;
}

/**
 * Cities inside the provinces (urban areas used as project locations). The
 * parent is derived from the successions, so each city sits in the province
 * that took over its former province (Vũng Tàu → Hồ Chí Minh, Hội An → Đà Nẵng…).
 */
export const REFERENCE_CITIES: {
  code: string;
  abbr: string;
  nameVi: string;
  nameEn: string;
  /** GSO code of the province the city belonged to before 1 July 2025; its parent is that unit's successor. */
  formerProvinceGso: string;
  lat: number;
  lon: number;
}[] = [
  {
    code: "C-TDU",
    abbr: "TDU",
    nameVi: "Thủ Đức",
    nameEn: "Thu Duc City",
    formerProvinceGso: "79",
    lat: 10.85,
    lon: 106.77,
  },
  {
    code: "C-TDM",
    abbr: "TDM",
    nameVi: "Thủ Dầu Một",
    nameEn: "Thu Dau Mot City",
    formerProvinceGso: "74",
    lat: 10.98,
    lon: 106.65,
  },
  {
    code: "C-VTU",
    abbr: "VTU",
    nameVi: "Vũng Tàu",
    nameEn: "Vung Tau City",
    formerProvinceGso: "77",
    lat: 10.35,
    lon: 107.08,
  },
  {
    code: "C-HLG",
    abbr: "HLG",
    nameVi: "Hạ Long",
    nameEn: "Ha Long City",
    formerProvinceGso: "22",
    lat: 20.95,
    lon: 107.08,
  },
  {
    code: "C-DLT",
    abbr: "DLT",
    nameVi: "Đà Lạt",
    nameEn: "Da Lat City",
    formerProvinceGso: "68",
    lat: 11.94,
    lon: 108.44,
  },
  {
    code: "C-PTT",
    abbr: "PTT",
    nameVi: "Phan Thiết",
    nameEn: "Phan Thiet City",
    formerProvinceGso: "60",
    lat: 10.93,
    lon: 108.1,
  },
  {
    code: "C-NTG",
    abbr: "NTG",
    nameVi: "Nha Trang",
    nameEn: "Nha Trang City",
    formerProvinceGso: "56",
    lat: 12.24,
    lon: 109.19,
  },
  {
    code: "C-BMT",
    abbr: "BMT",
    nameVi: "Buôn Ma Thuột",
    nameEn: "Buon Ma Thuot City",
    formerProvinceGso: "66",
    lat: 12.67,
    lon: 108.04,
  },
  {
    code: "C-HIA",
    abbr: "HIA",
    nameVi: "Hội An",
    nameEn: "Hoi An City",
    formerProvinceGso: "49",
    lat: 15.88,
    lon: 108.33,
  },
  {
    code: "C-VIN",
    abbr: "VIN",
    nameVi: "Vinh",
    nameEn: "Vinh City",
    formerProvinceGso: "40",
    lat: 18.68,
    lon: 105.68,
  },
  {
    code: "C-QNN",
    abbr: "QNN",
    nameVi: "Quy Nhơn",
    nameEn: "Quy Nhon City",
    formerProvinceGso: "52",
    lat: 13.78,
    lon: 109.22,
  },
  {
    code: "C-BHA",
    abbr: "BHA",
    nameVi: "Biên Hòa",
    nameEn: "Bien Hoa City",
    formerProvinceGso: "75",
    lat: 10.95,
    lon: 106.82,
  },
  {
    code: "C-VTR",
    abbr: "VTR",
    nameVi: "Việt Trì",
    nameEn: "Viet Tri City",
    formerProvinceGso: "25",
    lat: 21.32,
    lon: 105.4,
  },
];

/** Agencies and partners that are not ministries or provinces. */
export const REFERENCE_PARTNERS: { code: string; abbr: string; nameVi: string; nameEn: string }[] = [
  { code: "A-VSS", abbr: "VSS", nameVi: "Bảo hiểm xã hội Việt Nam", nameEn: "Vietnam Social Security" },
  {
    code: "X-VNU",
    abbr: "VNU",
    nameVi: "Đại học Quốc gia Hà Nội",
    nameEn: "Vietnam National University, Hanoi",
  },
  {
    code: "X-VNUHCM",
    abbr: "VNUHCM",
    nameVi: "Đại học Quốc gia Thành phố Hồ Chí Minh",
    nameEn: "Vietnam National University Ho Chi Minh City",
  },
  { code: "X-WB", abbr: "WB", nameVi: "Ngân hàng Thế giới", nameEn: "World Bank" },
  { code: "X-ADB", abbr: "ADB", nameVi: "Ngân hàng Phát triển châu Á", nameEn: "Asian Development Bank" },
  {
    code: "X-JICA",
    abbr: "JICA",
    nameVi: "Cơ quan Hợp tác Quốc tế Nhật Bản",
    nameEn: "Japan International Cooperation Agency",
  },
  {
    code: "X-KOICA",
    abbr: "KOICA",
    nameVi: "Cơ quan Hợp tác Quốc tế Hàn Quốc",
    nameEn: "Korea International Cooperation Agency",
  },
];

export const TASK_FORCE = {
  code: "TF",
  abbr: "TF",
  nameVi: "Ban Chỉ đạo liên ngành về phát triển đô thị thông minh",
  nameEn: "Inter-agency Smart City Task Force",
};

/** National citizen-facing services (app register, scope national). */
export const NATIONAL_APPS: {
  nameVi: string;
  nameEn: string;
  owner: string; // organisation code
  domain: Domain;
  platforms: string[];
  status: "planned" | "live" | "retired";
  url: string | null;
  launchedOn: string | null;
}[] = [
  {
    nameVi: "VNeID – Ứng dụng định danh điện tử quốc gia",
    nameEn: "VNeID national electronic identification app",
    owner: "M-MPS",
    domain: "governance",
    platforms: ["android", "ios"],
    status: "live",
    url: "https://vneid.gov.vn",
    launchedOn: "2022-07-01",
  },
  {
    nameVi: "Cổng Dịch vụ công quốc gia",
    nameEn: "National Public Service Portal",
    owner: "M-GO",
    domain: "governance",
    platforms: ["web", "android", "ios"],
    status: "live",
    url: "https://dichvucong.gov.vn",
    launchedOn: "2019-12-09",
  },
  {
    nameVi: "VssID – Bảo hiểm xã hội số",
    nameEn: "VssID digital social insurance",
    owner: "A-VSS",
    domain: "governance",
    platforms: ["android", "ios"],
    status: "live",
    url: "https://vssid.baohiemxahoi.gov.vn",
    launchedOn: "2020-10-05",
  },
  {
    nameVi: "Sổ sức khỏe điện tử",
    nameEn: "Electronic health book",
    owner: "M-MOH",
    domain: "health",
    platforms: ["android", "ios"],
    status: "live",
    url: null,
    launchedOn: "2022-05-01",
  },
  {
    nameVi: "eTax Mobile",
    nameEn: "eTax Mobile",
    owner: "M-MOF",
    domain: "governance",
    platforms: ["android", "ios"],
    status: "live",
    url: null,
    launchedOn: "2022-06-01",
  },
  {
    nameVi: "VNeTraffic",
    nameEn: "VNeTraffic road traffic app",
    owner: "M-MPS",
    domain: "transport",
    platforms: ["android", "ios"],
    status: "live",
    url: null,
    launchedOn: "2024-07-01",
  },
  {
    nameVi: "PC-Covid",
    nameEn: "PC-Covid",
    owner: "LM-MIC",
    domain: "health",
    platforms: ["android", "ios"],
    status: "retired",
    url: null,
    launchedOn: "2021-09-15",
  },
  {
    nameVi: "Bluezone",
    nameEn: "Bluezone contact tracing",
    owner: "LM-MIC",
    domain: "health",
    platforms: ["android", "ios"],
    status: "retired",
    url: null,
    launchedOn: "2020-04-18",
  },
];

export interface StrategyRow {
  code: string;
  parentCode: string | null;
  depth: number;
  sortOrder: number;
  titleVi: string;
  titleEn: string | null;
  leadCode: string | null; // M-<key>
  cooperatorCodes: string[];
  periodStart: number | null;
  periodEnd: number | null;
}

export interface StrategyTargetRow {
  nodeCode: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  baseline: number | null;
  target: number;
  targetYear: number;
}

/** A few measurable targets on leaf nodes (units shared with project indicators). */
export const STRATEGY_TARGETS: StrategyTargetRow[] = [
  {
    nodeCode: "DA950.2.1",
    nameVi: "Tỷ lệ đô thị loại III trở lên có cơ sở dữ liệu GIS đô thị",
    nameEn: "Share of grade-III+ cities with an urban GIS database",
    unit: "%",
    baseline: 20,
    target: 80,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.3.1",
    nameVi: "Số hệ thống thông tin kết nối nền tảng tích hợp, chia sẻ dữ liệu",
    nameEn: "Information systems connected to the data-integration platform",
    unit: "hệ thống",
    baseline: 0,
    target: 40,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.3.2",
    nameVi: "Tỷ lệ hệ thống thông tin vận hành trên điện toán đám mây Chính phủ",
    nameEn: "Share of information systems on the government cloud",
    unit: "%",
    baseline: 15,
    target: 70,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.4.1",
    nameVi: "Số nút giao có đèn tín hiệu điều khiển thích ứng",
    nameEn: "Junctions with adaptive signal control",
    unit: "nút giao",
    baseline: 0,
    target: 500,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.4.2",
    nameVi: "Số trạm quan trắc môi trường tự động truyền dữ liệu trực tuyến",
    nameEn: "Automatic environmental monitoring stations reporting online",
    unit: "trạm",
    baseline: 120,
    target: 600,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.4.3",
    nameVi: "Tỷ lệ dân số có hồ sơ sức khỏe điện tử",
    nameEn: "Share of the population with an electronic health record",
    unit: "%",
    baseline: 30,
    target: 95,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.4.5",
    nameVi: "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
    nameEn: "Share of procedures offered fully online",
    unit: "%",
    baseline: 30,
    target: 80,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.4.6",
    nameVi: "Số camera giám sát kết nối về trung tâm điều hành",
    nameEn: "Surveillance cameras connected to operations centres",
    unit: "camera",
    baseline: 2000,
    target: 50000,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.4.7",
    nameVi: "Tỷ lệ đèn chiếu sáng công cộng được điều khiển thông minh",
    nameEn: "Share of street lights under smart control",
    unit: "%",
    baseline: 5,
    target: 60,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.5.1",
    nameVi: "Số đô thị có Trung tâm giám sát, điều hành thông minh (IOC) vận hành",
    nameEn: "Cities with an operating IOC",
    unit: "đô thị",
    baseline: 5,
    target: 34,
    targetYear: 2030,
  },
  {
    nodeCode: "DA950.6.3",
    nameVi: "Tỷ lệ phản ánh hiện trường được xử lý đúng hạn",
    nameEn: "Share of citizen reports resolved on time",
    unit: "%",
    baseline: 60,
    target: 95,
    targetYear: 2030,
  },
];

function parsePeriod(p: string | undefined): [number | null, number | null] {
  if (!p) return [null, null];
  const m = /^(\d{4})\s*-\s*(\d{4})$/.exec(p);
  return m ? [Number(m[1]), Number(m[2])] : [null, null];
}

interface StrategyJsonNode {
  code: string;
  vi: string;
  en?: string;
  lead?: string;
  cooperating?: string[];
  period?: string;
  children?: StrategyJsonNode[];
}

/** The strategy tree flattened in pre-order (parents before children). */
export function buildStrategyRows(): StrategyRow[] {
  const rows: StrategyRow[] = [];
  const walk = (n: StrategyJsonNode, parent: string | null, depth: number, sortOrder: number) => {
    const [periodStart, periodEnd] = parsePeriod(n.period);
    rows.push({
      code: n.code,
      parentCode: parent,
      depth,
      sortOrder,
      titleVi: n.vi,
      titleEn: n.en ?? null,
      leadCode: n.lead ? `M-${n.lead}` : null,
      cooperatorCodes: (n.cooperating ?? []).map((k) => `M-${k}`),
      periodStart,
      periodEnd,
    });
    (n.children ?? []).forEach((c, i) => walk(c, n.code, depth + 1, i + 1));
  };
  walk(strategyJson.tree as StrategyJsonNode, null, 0, 1);
  return rows;
}

export function buildRegions(): ReferenceRegion[] {
  return Object.entries(provincesJson.regions).map(([code, r]) => ({
    code,
    nameVi: r.vi,
    nameEn: r.en,
    disadvantaged: DISADVANTAGED_REGIONS.has(code),
  }));
}

export interface ReferenceSet {
  regions: ReferenceRegion[];
  organisations: ReferenceOrganisation[];
  successions: ReferenceSuccession[];
}

/**
 * All reference organisations with fixed ids: task force, 17 current
 * ministries, 34 current provinces, 22 legacy ministries, 63 legacy
 * provinces, cities, agencies and partners, plus the succession edges.
 */
export function buildReferenceSet(): ReferenceSet {
  const orgs: ReferenceOrganisation[] = [];
  const base = {
    municipality: false,
    parentCode: null,
    regionCode: null,
    gsoCode: null,
    population: null,
    areaKm2: null,
    seatName: null,
    seatLat: null,
    seatLon: null,
    validFrom: null,
    validTo: null,
  };
  const add = (o: Omit<ReferenceOrganisation, "id" | "searchName"> & { searchName?: string }) => {
    orgs.push({ ...o, id: orgs.length + 1, searchName: o.searchName ?? foldVietnamese(o.nameVi) });
  };

  add({
    ...base,
    code: TASK_FORCE.code,
    kind: "task_force",
    abbr: TASK_FORCE.abbr,
    nameVi: TASK_FORCE.nameVi,
    nameEn: TASK_FORCE.nameEn,
  });

  for (const m of ministriesJson.ministries) {
    add({
      ...base,
      code: `M-${m.key}`,
      kind: "ministry",
      abbr: m.key,
      nameVi: m.vi,
      nameEn: m.en,
      validFrom: MINISTRY_EFFECTIVE_DATE,
    });
  }

  const provinceCodeByName = new Map<string, string>();
  for (const p of provincesJson.provinces) {
    const abbr = PROVINCE_ABBR[p.name];
    if (!abbr) throw new Error(`No abbreviation for province ${p.name}`);
    const municipality = p.kind === "city";
    const code = `P-${abbr}`;
    provinceCodeByName.set(p.name, code);
    add({
      ...base,
      code,
      kind: "province",
      abbr,
      nameVi: p.name,
      nameEn: englishProvinceName(p.name, municipality),
      municipality,
      regionCode: p.region,
      population: p.population,
      areaKm2: p.areaKm2,
      seatName: p.seat.name,
      seatLat: p.seat.lat,
      seatLon: p.seat.lon,
      validFrom: PROVINCE_EFFECTIVE_DATE,
    });
  }

  const successions: ReferenceSuccession[] = [];
  for (const m of ministriesJson.legacyMinistries) {
    add({
      ...base,
      code: `LM-${m.key}`,
      kind: "ministry",
      abbr: m.key,
      nameVi: m.vi,
      nameEn: m.en,
      validTo: m.validTo,
    });
    successions.push({
      predecessorCode: `LM-${m.key}`,
      successorCode: `M-${m.successor}`,
      effectiveDate: MINISTRY_EFFECTIVE_DATE,
      legalBasis: MINISTRY_LEGAL_BASIS,
    });
  }

  for (const l of provincesJson.legacyProvinces) {
    const abbr = LEGACY_PROVINCE_ABBR[l.gsoCode];
    if (!abbr) throw new Error(`No abbreviation for legacy province ${l.gsoCode}`);
    const successor = provinceCodeByName.get(l.successor);
    if (!successor) throw new Error(`Unknown successor ${l.successor} of ${l.name}`);
    const municipality = l.kind === "city";
    add({
      ...base,
      code: `LP-${l.gsoCode}`,
      kind: "province",
      abbr,
      nameVi: l.name,
      nameEn: englishProvinceName(l.name, municipality),
      municipality,
      regionCode: l.region,
      gsoCode: l.gsoCode,
      validTo: l.validTo,
    });
    successions.push({
      predecessorCode: `LP-${l.gsoCode}`,
      successorCode: successor,
      effectiveDate: PROVINCE_EFFECTIVE_DATE,
      legalBasis: PROVINCE_LEGAL_BASIS,
    });
  }

  const regionOf = new Map(orgs.map((o) => [o.code, o.regionCode]));
  const successorOf = new Map(successions.map((s) => [s.predecessorCode, s.successorCode]));
  for (const c of REFERENCE_CITIES) {
    const province = successorOf.get(`LP-${c.formerProvinceGso}`);
    if (!province) throw new Error(`No successor for the former province of ${c.nameVi}`);
    add({
      ...base,
      code: c.code,
      kind: "city",
      abbr: c.abbr,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      parentCode: province,
      regionCode: regionOf.get(province) ?? null,
      seatName: c.nameVi,
      seatLat: c.lat,
      seatLon: c.lon,
    });
  }

  for (const p of REFERENCE_PARTNERS) {
    add({ ...base, code: p.code, kind: "partner", abbr: p.abbr, nameVi: p.nameVi, nameEn: p.nameEn });
  }

  return { regions: buildRegions(), organisations: orgs, successions };
}
