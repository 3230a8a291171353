/**
 * Solution-type classifier: which kind of solution a proposal builds (an
 * operations centre, a citizen app, traffic cameras, forest-fire cameras…),
 * from the concepts of its title, components and description. Two proposals
 * that look alike but build different things (traffic cameras vs forest-fire
 * cameras, water vs air monitoring, street lighting vs traffic signals) get
 * different types, which keeps them apart.
 */

/** Each rule: all listed concepts present in one field. */
export const SOLUTION_TYPES: Record<string, readonly (readonly string[])[]> = {
  ioc: [["ioc"]],
  "citizen-app": [["citizen-app"], ["application", "citizen"]],
  "citizen-feedback": [["feedback"]],
  "data-centre": [["data-centre"], ["cloud", "server"]],
  "camera-traffic": [
    ["camera", "traffic"],
    ["camera", "violation"],
    ["plate"],
    ["violation", "traffic", "recognition"],
  ],
  "camera-forest-fire": [
    ["forest", "fire"],
    ["camera", "forest"],
    ["fire", "forest", "warning"],
  ],
  "camera-security": [["camera", "public-security"], ["face"]],
  "water-quality": [
    ["water", "quality"],
    ["water", "measure"],
    ["water", "environment", "monitor"],
    ["river", "measure"],
    ["river", "quality"],
  ],
  "water-supply": [["supply"], ["leak"], ["water", "meter"], ["water", "scada"]],
  "air-monitoring": [["air"], ["pollution", "measure"]],
  "street-lighting": [["lighting"]],
  "traffic-signals": [["signal"], ["adaptive", "traffic"], ["control", "traffic", "junction"]],
  lgsp: [["lgsp"], ["integration", "sharing", "data"], ["integration", "sharing", "platform"]],
  gis: [["gis"]],
  "public-services": [["public-service"], ["admin-procedure"], ["one-stop"]],
  parking: [["parking"]],
  "public-transport": [["bus"], ["ticket"]],
  "e-health": [["medical-record"], ["telemedicine"], ["health", "electronic"]],
  "smart-school": [["education"]],
  tourism: [["tourism"]],
  wifi: [["wifi"]],
  fibre: [["fibre"], ["5g"]],
  "flood-warning": [["flood"], ["drainage"]],
  "landslide-warning": [["landslide"]],
  "salinity-monitoring": [["salinity"]],
  "waste-management": [["waste"]],
  "energy-management": [["energy"], ["solar"]],
  "smart-agriculture": [["agriculture"], ["traceability"]],
  "land-database": [
    ["land", "database"],
    ["land", "data"],
  ],
  "building-permit": [["building-permit"]],
  "digital-twin": [["digital-twin"], ["3d"]],
  soc: [["soc"]],
  "open-data": [["open-data"]],
  "web-portal": [["portal"]],
  emergency: [["emergency"], ["hotline"]],
  training: [["training"]],
  "fishing-vessels": [["fishing"]],
  "smart-port": [["port"]],
  culture: [["culture"]],
  "social-welfare": [["social-welfare"]],
};

/**
 * Types whose evidence is weaker when another, more specific type is also
 * present (GIS is a component of many systems; a camera wall is part of an
 * IOC; a citizen app often carries feedback or public services).
 */
export const SUPPORTING_TYPES: ReadonlySet<string> = new Set([
  "gis",
  "open-data",
  "web-portal",
  "training",
  "citizen-feedback",
  "digital-twin",
  "emergency",
  "wifi",
]);

/**
 * Groups of mutually exclusive scopes: two proposals whose titles name
 * different members of one group (water vs air monitoring, traffic vs
 * forest-fire cameras, street lighting vs traffic signals) build different
 * things, whatever else their texts share (boilerplate, a mislabelled
 * component, the same sensors or cameras).
 */
export const EXCLUSIVE_SCOPES: readonly (readonly string[])[] = [
  ["water-quality", "air-monitoring", "water-supply"],
  ["camera-traffic", "camera-forest-fire", "camera-security"],
  ["street-lighting", "traffic-signals"],
  ["flood-warning", "landslide-warning"],
];

/**
 * The scope of a title as one number per exclusive group (bit k = the k-th
 * type of the group is named in the title; 0 = the title names none).
 */
export function titleScopes(titleConcepts: ReadonlySet<string>): Uint8Array {
  const out = new Uint8Array(EXCLUSIVE_SCOPES.length);
  EXCLUSIVE_SCOPES.forEach((group, g) => {
    group.forEach((type, k) => {
      if (SOLUTION_TYPES[type].some((rule) => rule.every((c) => titleConcepts.has(c)))) out[g] |= 1 << k;
    });
  });
  return out;
}

/**
 * Types of an exclusive group that the title contradicts are dropped (a water
 * monitoring title with an "air-quality" component is water monitoring);
 * the rest are kept.
 */
export function keepTitleScope(types: readonly string[], scope: Uint8Array): string[] {
  const kept = types.filter((t) =>
    EXCLUSIVE_SCOPES.every((group, g) => {
      const k = group.indexOf(t);
      return k < 0 || scope[g] === 0 || (scope[g] & (1 << k)) !== 0;
    }),
  );
  return kept.length > 0 ? kept : [...types];
}

/** True when two titles name different, non-overlapping scopes of one exclusive group. */
export function scopesConflict(a: Uint8Array, b: Uint8Array): boolean {
  for (let g = 0; g < a.length; g++) if (a[g] !== 0 && b[g] !== 0 && (a[g] & b[g]) === 0) return true;
  return false;
}

/** SOLUTION_TYPES as a list, with whether each type is supporting (built once). */
const TYPE_RULES: readonly [string, readonly (readonly string[])[], boolean][] = Object.entries(
  SOLUTION_TYPES,
).map(([type, rules]) => [type, rules, SUPPORTING_TYPES.has(type)]);

export interface TypeEvidence {
  /** Weight of the field (title counts more than description). */
  weight: number;
  concepts: ReadonlySet<string>;
}

export interface Classification {
  /** The main types (one, or a few tied ones). */
  primary: string[];
  /** Score per type, for explanations. */
  scores: Record<string, number>;
}

/**
 * Which types a set of concepts satisfies a rule of: one flag per type, in the
 * order of SOLUTION_TYPES (what `classifyMet` takes; an empty set meets none).
 */
export function typesMet(concepts: ReadonlySet<string>): Uint8Array {
  const met = new Uint8Array(TYPE_RULES.length);
  if (concepts.size === 0) return met;
  for (let t = 0; t < TYPE_RULES.length; t++) {
    for (const rule of TYPE_RULES[t][1]) {
      let all = true;
      for (const c of rule) {
        if (!concepts.has(c)) {
          all = false;
          break;
        }
      }
      if (all) {
        met[t] = 1;
        break;
      }
    }
  }
  return met;
}

export interface MetEvidence {
  weight: number;
  /** `typesMet` of the field's concepts. */
  met: Uint8Array;
}

/**
 * Score each type by the fields whose concepts satisfy one of its rules;
 * the primary types are those scoring at least `ratio` of the best (and at
 * least `minScore`). Supporting types count half.
 */
export function classify(fields: readonly TypeEvidence[], minScore = 1.5, ratio = 0.75): Classification {
  return classifyMet(
    fields.map((f) => ({ weight: f.weight, met: typesMet(f.concepts) })),
    minScore,
    ratio,
  );
}

/**
 * The primary types of `classifyMet` (the same list), without building the
 * scores object.
 */
export function primaryTypes(fields: readonly MetEvidence[], minScore = 1.5, ratio = 0.75): string[] {
  const scores = primaryScratch;
  let best = 0;
  for (let t = 0; t < TYPE_RULES.length; t++) {
    let s = 0;
    for (const f of fields) if (f.met[t] === 1) s += f.weight;
    const v = s > 0 ? (TYPE_RULES[t][2] ? s / 2 : s) : 0;
    scores[t] = v;
    if (v > best) best = v;
  }
  const primary: string[] = [];
  if (best < minScore) return primary;
  for (let t = 0; t < TYPE_RULES.length; t++) {
    if (scores[t] > 0 && scores[t] >= best * ratio) primary.push(TYPE_RULES[t][0]);
  }
  return primary.sort();
}
const primaryScratch = new Float64Array(TYPE_RULES.length);

/** `classify` from each field's `typesMet` (computed once per distinct set of concepts). */
export function classifyMet(fields: readonly MetEvidence[], minScore = 1.5, ratio = 0.75): Classification {
  const scores: Record<string, number> = {};
  for (let t = 0; t < TYPE_RULES.length; t++) {
    let s = 0;
    for (const f of fields) if (f.met[t] === 1) s += f.weight;
    if (s > 0) scores[TYPE_RULES[t][0]] = TYPE_RULES[t][2] ? s / 2 : s;
  }
  const best = Math.max(0, ...Object.values(scores));
  const primary =
    best < minScore
      ? []
      : Object.entries(scores)
          .filter(([, s]) => s >= best * ratio)
          .map(([t]) => t)
          .sort();
  return { primary, scores };
}
