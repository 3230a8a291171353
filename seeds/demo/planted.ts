/**
 * Planted patterns: projects the flag rules and duplicate detection must
 * find. Every pattern is written deterministically and its project codes are
 * returned in the manifest, so tests and demos can check them.
 */
import { asciiName } from "../reference-data";
import type { ProjectPhase } from "#db/enums";
import type { ProjectRequest, ProjectWriter, WrittenProject, Pattern } from "./builder";
import type { DemoContext, OrgRow } from "./context";
import { placeOf } from "./context";
import { addDays } from "./dates";
import type { PlanBook } from "./plans";
import type { Rng } from "./prng";
import { SOLUTIONS, type SolutionTemplate } from "./vocab";

export type DoubleKind =
  | "rephrased"
  | "no_diacritics"
  | "english_copy"
  | "province_and_city"
  | "ministry_and_province"
  | "legacy_copy";

export interface PlantedManifest {
  /** The same solution proposed separately by many provinces. */
  sameSolution: { ioc: string[]; citizenApp: string[]; dataCentre: string[] };
  /** True double submissions: the same project twice for the same place. */
  doubleSubmissions: { kind: DoubleKind; codes: [string, string] }[];
  /** Money disbursed in the last 90 days while a milestone is > 90 days overdue. */
  stalledWithRecentSpend: string[];
  /** Disbursed more than approved. */
  overrunSpent: string[];
  /** Approved amount raised by more than 20 % through budget revisions. */
  overrunRaised: string[];
  /** Large 2026 allocations with almost nothing disbursed by late November. */
  idleAllocations: string[];
  /** On-premise data centres with large hardware spend. */
  onPremiseDataCentres: string[];
  /** Provincial apps duplicating VNeID / the national public-service portal. */
  overlappingCitizenApps: string[];
  /** Personal data run by private contractors. */
  privateContractorPersonalData: { withSecurityLine: string[]; withoutSecurityLine: string[] };
  /** Replicas started while their source was still a pilot. */
  replicatedBeforeEvaluation: { pilot: string; replicas: string[] }[];
  /** Active phase, nothing happened in 180 days. */
  zombies: string[];
  /** Current provinces with no projects at all / very few (by organisation code). */
  underservedProvinces: { none: string[]; few: string[] };
}

/** Current provinces deliberately left without any project (with their predecessors). */
export const EMPTY_PROVINCES = ["P-CBG", "P-DBN"];
/** Kept out of planted patterns so they stay small. */
const KEEP_SMALL = ["P-LCU", "P-SLA", "P-LSN"];

const tpl = (key: string): SolutionTemplate => {
  const t = SOLUTIONS.find((s) => s.key === key);
  if (!t) throw new Error(`Unknown template ${key}`);
  return t;
};

const pad = (n: number) => String(n).padStart(2, "0");

export function plantPatterns(
  ctx: DemoContext,
  writer: ProjectWriter,
  plans: PlanBook,
  rng: Rng,
): Omit<PlantedManifest, "underservedProvinces"> {
  const org = (code: string): OrgRow => {
    const o = ctx.byCode.get(code);
    if (!o) throw new Error(`Unknown organisation ${code}`);
    return o;
  };
  const eligible = ctx.currentProvinces.filter(
    (p) => !EMPTY_PROVINCES.includes(p.code) && !KEEP_SMALL.includes(p.code),
  );
  const dateIn = (year: number, fromMonth = 1, toMonth = 12) =>
    `${year}-${pad(rng.int(fromMonth, toMonth))}-${pad(rng.int(1, 28))}`;

  const make = (
    req: Omit<ProjectRequest, "planId" | "province"> & { province?: OrgRow | null; planOwner?: OrgRow },
  ): WrittenProject => {
    const province =
      req.province === undefined ? (req.owner.kind === "province" ? req.owner : null) : req.province;
    const year = Number(req.startDate.slice(0, 4));
    const plan = plans.planFor(req.planOwner ?? req.owner, year);
    const proposalOnly = year >= 2026 && plan.status !== "approved";
    return writer.write(rng, {
      ...req,
      province,
      planId: plan.id,
      proposalOnly,
      phase: proposalOnly ? undefined : req.phase,
    });
  };

  // 1. Same solution in many provinces.
  const sameSolution = {
    ioc: rng.sample(eligible, 16).map(
      (p) =>
        make({
          owner: p,
          template: tpl("ioc"),
          startDate: dateIn(rng.pick([2024, 2025, 2025, 2026]), 1, 9),
        }).code,
    ),
    citizenApp: rng.sample(eligible, 11).map(
      (p) =>
        make({
          owner: p,
          template: tpl("citizen-app"),
          startDate: dateIn(rng.pick([2024, 2025, 2026]), 1, 9),
        }).code,
    ),
    dataCentre: rng.sample(eligible, 9).map(
      (p) =>
        make({
          owner: p,
          template: tpl("data-centre"),
          startDate: dateIn(rng.pick([2024, 2025, 2026]), 1, 9),
        }).code,
    ),
  };

  // 2. True double submissions.
  const doubles: PlantedManifest["doubleSubmissions"] = [];
  {
    const owner = org("P-DNG");
    const start = dateIn(2025, 1, 3);
    const a = make({
      owner,
      template: tpl("traffic-camera"),
      startDate: start,
      objectIndex: 0,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 48,
    });
    const b = make({
      owner,
      template: tpl("traffic-camera"),
      startDate: addDays(start, 45),
      objectIndex: 1,
      verbIndex: 2,
      phase: "proposed",
      textMode: "vi",
      budgetBn: 51,
      descriptionVi: rephrase(a.text.descriptionVi),
    });
    doubles.push({ kind: "rephrased", codes: [a.code, b.code] });
  }
  {
    const owner = org("P-HP");
    const start = dateIn(2025, 2, 5);
    const a = make({
      owner,
      template: tpl("lgsp"),
      startDate: start,
      objectIndex: 0,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 18,
    });
    const b = make({
      owner,
      template: tpl("lgsp"),
      startDate: addDays(start, 30),
      phase: "proposed",
      textMode: "vi",
      budgetBn: 18,
      titleVi: asciiName(a.text.titleVi),
      descriptionVi: asciiName(a.text.descriptionVi),
      titleEn: null,
      descriptionEn: null,
    });
    doubles.push({ kind: "no_diacritics", codes: [a.code, b.code] });
  }
  {
    const owner = org("P-CT");
    const start = dateIn(2025, 1, 4);
    const a = make({
      owner,
      template: tpl("env-monitoring"),
      startDate: start,
      objectIndex: 0,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 35,
    });
    const b = make({
      owner,
      template: tpl("env-monitoring"),
      startDate: addDays(start, 60),
      phase: "proposed",
      budgetBn: 36,
      titleVi: a.text.fullTitleEn,
      titleEn: a.text.fullTitleEn,
      descriptionVi: a.text.fullEn,
      descriptionEn: a.text.fullEn,
    });
    doubles.push({ kind: "english_copy", codes: [a.code, b.code] });
  }
  {
    const province = org("P-KHA");
    const city = org("C-NTG");
    const start = dateIn(2025, 1, 4);
    const a = make({
      owner: province,
      city,
      template: tpl("smart-parking"),
      startDate: start,
      objectIndex: 0,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 22,
    });
    const b = make({
      owner: city,
      province,
      city,
      template: tpl("smart-parking"),
      startDate: addDays(start, 20),
      objectIndex: 0,
      verbIndex: 2,
      phase: "proposed",
      textMode: "vi",
      budgetBn: 19,
      planOwner: province,
    });
    doubles.push({ kind: "province_and_city", codes: [a.code, b.code] });
  }
  {
    const province = org("P-HUE");
    const ministry = org("M-MOC");
    const start = dateIn(2025, 3, 6);
    const a = make({
      owner: province,
      template: tpl("gis"),
      startDate: start,
      objectIndex: 1,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 26,
    });
    const place = placeOf(province);
    const b = make({
      owner: ministry,
      province,
      template: tpl("gis"),
      startDate: addDays(start, 75),
      objectIndex: 1,
      verbIndex: 4,
      phase: "approved",
      textMode: "bilingual",
      budgetBn: 30,
      place: { vi: `tại ${place.vi}`, en: place.en, short: ministry.nameVi, shortEn: ministry.nameEn },
    });
    doubles.push({ kind: "ministry_and_province", codes: [a.code, b.code] });
  }
  {
    // A Bình Dương (legacy) project copied by Hồ Chí Minh after the merger.
    const legacy = org("LP-74");
    const current = org("P-HCM");
    const city = org("C-TDM");
    const place = {
      vi: "thành phố Thủ Dầu Một",
      en: "Thu Dau Mot City",
      short: "Thủ Dầu Một",
      shortEn: "Thu Dau Mot",
    };
    const a = make({
      owner: current,
      city,
      template: tpl("ioc"),
      startDate: dateIn(2025, 8, 10),
      objectIndex: 2,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 95,
      place: { ...place, vi: "khu vực Thủ Dầu Một" },
    });
    const b = make({
      owner: legacy,
      province: legacy,
      city,
      template: tpl("ioc"),
      startDate: dateIn(2024, 6, 9),
      objectIndex: 2,
      verbIndex: 0,
      phase: "approved",
      textMode: "vi",
      budgetBn: 90,
      place,
    });
    doubles.push({ kind: "legacy_copy", codes: [a.code, b.code] });
  }
  {
    // Hà Giang (legacy) smart tourism, proposed again by Tuyên Quang.
    const legacy = org("LP-02");
    const current = org("P-TQG");
    const placeOld = placeOf(legacy);
    const a = make({
      owner: current,
      template: tpl("smart-tourism"),
      startDate: dateIn(2025, 8, 11),
      objectIndex: 0,
      verbIndex: null,
      phase: "proposed",
      textMode: "vi",
      budgetBn: 12,
      place: { ...placeOld, vi: "khu vực Hà Giang" },
    });
    const b = make({
      owner: legacy,
      province: legacy,
      template: tpl("smart-tourism"),
      startDate: dateIn(2024, 2, 6),
      objectIndex: 0,
      verbIndex: null,
      phase: "approved",
      textMode: "vi",
      budgetBn: 11,
      place: placeOld,
    });
    doubles.push({ kind: "legacy_copy", codes: [a.code, b.code] });
  }

  // 3-11. Money and delivery patterns.
  const used = new Set<string>();
  const pickProvinces = (n: number) => {
    const pool = eligible.filter((p) => !used.has(p.code));
    const chosen = rng.sample(pool.length >= n ? pool : eligible, n);
    for (const p of chosen) used.add(p.code);
    return chosen;
  };
  const series = (
    n: number,
    templates: string[],
    pattern: Pattern,
    phases: ProjectPhase[],
    years: number[],
    extra: Partial<ProjectRequest> = {},
  ) =>
    pickProvinces(n).map(
      (p, i) =>
        make({
          owner: p,
          template: tpl(templates[i % templates.length]),
          startDate: dateIn(years[i % years.length], 1, years[i % years.length] === 2025 ? 5 : 10),
          phase: phases[i % phases.length],
          pattern,
          ...extra,
        }).code,
    );

  const stalledWithRecentSpend = series(
    5,
    ["ioc", "traffic-camera", "street-lighting", "drainage", "e-health"],
    "stalled_recent_spend",
    ["pilot"],
    [2024],
  );
  const overrunSpent = series(
    3,
    ["data-centre", "street-lighting", "traffic-camera"],
    "overrun_spent",
    ["scaling", "pilot", "pilot"],
    [2023, 2024],
  );
  const overrunRaised = series(
    3,
    ["ioc", "drainage", "land-database"],
    "overrun_raised",
    ["pilot"],
    [2023, 2024, 2025],
  );
  const idleAllocations = series(
    5,
    ["drainage", "smart-water", "street-lighting", "e-education", "env-monitoring"],
    "idle_2026",
    ["pilot", "scaling", "pilot"],
    [2025, 2024],
  );
  const onPremiseDataCentres = pickProvinces(4).map(
    (p, i) =>
      make({
        owner: p,
        template: tpl("data-centre"),
        startDate: dateIn(2025, 1, 5),
        phase: i % 2 ? "pilot" : "approved",
        pattern: "on_premise_dc",
        hosting: "on_premise",
        budgetBn: 140 + rng.int(0, 300),
        objectIndex: 0,
      }).code,
  );
  const overlappingCitizenApps = series(
    4,
    ["citizen-app"],
    "overlapping_app",
    ["pilot", "scaling"],
    [2024, 2025],
    {
      extraComponents: ["e-id", "public-services", "e-payment"],
    },
  );
  const pdTemplates = ["e-health", "public-safety", "traffic-camera", "smart-parking"];
  const withSecurityLine = series(2, pdTemplates.slice(0, 2), "private_pd_secure", ["pilot"], [2024, 2025]);
  const withoutSecurityLine = series(2, pdTemplates.slice(2), "private_pd_insecure", ["pilot"], [2024, 2025]);

  const replicatedBeforeEvaluation: PlantedManifest["replicatedBeforeEvaluation"] = [];
  for (const key of ["smart-parking", "flood-warning"]) {
    const [home, ...others] = pickProvinces(4);
    const source = make({
      owner: home,
      template: tpl(key),
      startDate: dateIn(2024, 8, 10),
      phase: "pilot",
      textMode: "vi",
    });
    const replicas = others.slice(0, key === "smart-parking" ? 3 : 2).map(
      (p) =>
        make({
          owner: p,
          template: tpl(key),
          startDate: dateIn(2025, 3, 5),
          phase: rng.pick<ProjectPhase>(["pilot", "scaling"]),
          replicates: { id: source.id, code: source.code },
          verbIndex: 5,
        }).code,
    );
    replicatedBeforeEvaluation.push({ pilot: source.code, replicas });
  }

  const zombies = series(
    5,
    ["gis", "open-data", "smart-tourism", "waste", "energy-management"],
    "zombie",
    ["pilot", "approved", "pilot"],
    [2023, 2024],
  );

  // Lai Châu's planner has a proposal to work on in the province's draft 2026 plan.
  make({
    owner: org("P-LCU"),
    template: tpl("flood-warning"),
    startDate: dateIn(2026, 3, 8),
    objectIndex: 1,
    verbIndex: 0,
    phase: "proposed",
    textMode: "vi",
    budgetBn: 9,
  });

  return {
    sameSolution,
    doubleSubmissions: doubles,
    stalledWithRecentSpend,
    overrunSpent,
    overrunRaised,
    idleAllocations,
    onPremiseDataCentres,
    overlappingCitizenApps,
    privateContractorPersonalData: { withSecurityLine, withoutSecurityLine },
    replicatedBeforeEvaluation,
    zombies,
  };
}

/** A light rewording of a Vietnamese description (same content, other words). */
function rephrase(text: string): string {
  const sentences = text.split(/(?<=\.)\s+/);
  if (sentences.length > 2) [sentences[0], sentences[1]] = [sentences[1], sentences[0]];
  return sentences
    .join(" ")
    .replace(/Hệ thống/g, "Giải pháp")
    .replace(/giúp/g, "nhằm")
    .replace(/Lắp đặt/g, "Đầu tư lắp đặt")
    .replace(/trọng điểm/g, "quan trọng");
}
