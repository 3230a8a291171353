/**
 * The project forms' zod schemas, shared by the form (client validation,
 * constraints) and the action (server validation). Error messages are i18n
 * keys of the `projects` namespace.
 */
import { z } from "zod";
import { DOMAINS, HOSTING_MODELS, OPERATOR_TYPES, PERSONAL_DATA_CATEGORIES, PROJECT_PHASES } from "#db/enums";

export const APP_PLATFORMS = ["android", "ios", "web"] as const;
export type AppPlatform = (typeof APP_PLATFORMS)[number];

/** Component tokens: lower-case words joined by hyphens (`ioc`, `citizen-app`). */
const COMPONENT_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const MAX_COMPONENTS = 30;

/** Split a comma- or newline-separated list into normalised component tokens (deduplicated, in order). */
export function parseComponents(text: string | undefined | null): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const token = raw.trim().toLowerCase().replace(/\s+/g, "-");
    if (token && !out.includes(token)) out.push(token);
  }
  return out;
}

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return (
    !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "1990-01-01" && v <= "2100-12-31"
  );
}

const isoDate = (message: string) => z.string().trim().refine(isIsoDate, message);

const id = (required: string) =>
  z.number({ required_error: required, invalid_type_error: required }).int().positive();

/** One of the values of an enumeration; any problem (absent, unknown) gives the one message. */
const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { errorMap: () => ({ message }) });

const ids = z.array(z.number().int().positive()).max(200).default([]);

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

const required = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message);

const ProjectFields = z.object({
  /** Version the edit started from (absent when creating). */
  version: z.number().int().positive().optional(),
  /** Plan the new project belongs to (creation only, from `?planId=`). */
  planId: z.number().int().positive().optional(),
  organisationId: id("projects.error.organisationRequired"),
  titleVi: required("projects.error.titleViRequired").max(300, "projects.error.titleTooLong"),
  titleEn: text(300, "projects.error.titleTooLong").optional(),
  descriptionVi: required("projects.error.descriptionViRequired").max(
    8000,
    "projects.error.descriptionTooLong",
  ),
  descriptionEn: text(8000, "projects.error.descriptionTooLong").optional(),
  domain: choice(DOMAINS, "projects.error.domainRequired"),
  primaryNodeId: id("projects.error.primaryNodeRequired"),
  otherNodeIds: ids,
  cooperatorIds: ids,
  hostingModel: choice(HOSTING_MODELS, "projects.error.hostingRequired"),
});

/*
 * Cross-field rules, each group on its own: zod runs a refinement only when
 * its object parsed, so separate groups joined with `.and()` report every
 * problem in one submission (a missing title does not hide a missing
 * personal-data category).
 */

/** Personal-data categories are required when personal data is handled. */
const PersonalData = z
  .object({
    handlesPersonalData: z.boolean().default(false),
    personalDataCategories: z
      .array(choice(PERSONAL_DATA_CATEGORIES, "projects.error.choiceInvalid"))
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.handlesPersonalData && v.personalDataCategories.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["personalDataCategories"],
        message: "projects.error.categoriesRequired",
      });
    }
  });

/** A citizen-facing app needs a name and at least one platform. */
const CitizenApp = z
  .object({
    hasCitizenApp: z.boolean().default(false),
    citizenAppName: text(120, "projects.error.appNameTooLong").optional(),
    citizenAppPlatforms: z.array(choice(APP_PLATFORMS, "projects.error.choiceInvalid")).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.hasCitizenApp && !v.citizenAppName) {
      ctx.addIssue({ code: "custom", path: ["citizenAppName"], message: "projects.error.appNameRequired" });
    }
    if (v.hasCitizenApp && v.citizenAppPlatforms.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["citizenAppPlatforms"],
        message: "projects.error.platformsRequired",
      });
    }
  });

/** A non-government operator must be named (the data register shows who handles citizens' data). */
const Operator = z
  .object({
    operatorType: choice(OPERATOR_TYPES, "projects.error.operatorTypeRequired"),
    operatorName: text(200, "projects.error.operatorNameTooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.operatorType !== "government_agency" && !v.operatorName) {
      ctx.addIssue({
        code: "custom",
        path: ["operatorName"],
        message: "projects.error.operatorNameRequired",
      });
    }
  });

/** The end date is not before the start date. */
const Dates = z
  .object({
    startDate: isoDate("projects.error.dateInvalid").optional(),
    endDate: isoDate("projects.error.dateInvalid").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "projects.error.endBeforeStart" });
    }
  });

/** A city needs its province (that it lies inside it is checked against the database). */
const Place = z
  .object({
    provinceId: z.number().int().positive().optional(),
    cityId: z.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.cityId !== undefined && v.provinceId === undefined) {
      ctx.addIssue({ code: "custom", path: ["cityId"], message: "projects.error.cityNeedsProvince" });
    }
  });

/** Solution components: a comma-separated list of short tokens. */
const Components = z
  .object({ components: z.string().max(2000, "projects.error.componentsInvalid").optional() })
  .superRefine((v, ctx) => {
    const components = parseComponents(v.components);
    if (components.length > MAX_COMPONENTS || components.some((c) => !COMPONENT_RE.test(c))) {
      ctx.addIssue({ code: "custom", path: ["components"], message: "projects.error.componentsInvalid" });
    }
  });

/** Create and edit a project: the fields, the cross-field rules above, then normalised values. */
export const ProjectFormSchema = ProjectFields.and(PersonalData)
  .and(CitizenApp)
  .and(Operator)
  .and(Dates)
  .and(Place)
  .and(Components)
  .transform((v) => ({
    ...v,
    titleEn: v.titleEn || null,
    descriptionEn: v.descriptionEn || null,
    otherNodeIds: [...new Set(v.otherNodeIds)].filter((n) => n !== v.primaryNodeId),
    cooperatorIds: [...new Set(v.cooperatorIds)].filter((n) => n !== v.organisationId).sort((a, b) => a - b),
    provinceId: v.provinceId ?? null,
    cityId: v.cityId ?? null,
    // Unticking "handles personal data" or "citizen-facing app" clears what hangs on it.
    personalDataCategories: v.handlesPersonalData
      ? PERSONAL_DATA_CATEGORIES.filter((c) => v.personalDataCategories.includes(c))
      : [],
    operatorName: v.operatorName || null,
    citizenAppName: v.hasCitizenApp ? (v.citizenAppName ?? null) : null,
    citizenAppPlatforms: v.hasCitizenApp
      ? APP_PLATFORMS.filter((p) => v.citizenAppPlatforms.includes(p))
      : [],
    startDate: v.startDate ?? null,
    endDate: v.endDate ?? null,
    components: parseComponents(v.components),
    planId: v.planId ?? null,
  }));

export type ProjectFormInput = z.input<typeof ProjectFormSchema>;
export type ProjectInput = z.output<typeof ProjectFormSchema>;

/** Move a project to another phase. */
export const PhaseChangeSchema = z
  .object({
    version: z.number({ required_error: "projects.error.versionMissing" }).int().positive(),
    toPhase: choice(PROJECT_PHASES, "projects.error.phaseRequired"),
    reason: text(2000, "projects.error.reasonTooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.toPhase === "cancelled" && !v.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "projects.error.reasonRequired" });
    }
  });
export type PhaseChangeInput = z.output<typeof PhaseChangeSchema>;

/** Record a lesson learned (dated; Vietnamese required, English optional). */
export const LessonSchema = z.object({
  recordedOn: z
    .string({ required_error: "projects.error.lessonDateRequired" })
    .trim()
    .refine(isIsoDate, "projects.error.dateInvalid"),
  bodyVi: required("projects.error.lessonViRequired").max(4000, "projects.error.lessonTooLong"),
  bodyEn: text(4000, "projects.error.lessonTooLong").optional(),
});
export type LessonInput = z.output<typeof LessonSchema>;

/** Replicate a pilot into another province (the target owns the copy). */
export const ReplicateSchema = z.object({
  organisationId: id("projects.error.targetRequired"),
  startDate: isoDate("projects.error.dateInvalid").optional(),
});
export type ReplicateInput = z.output<typeof ReplicateSchema>;

/** Form values (strings, as the browser would send them) for a stored or copied project. */
export type ProjectFormValues = Record<string, string | string[] | undefined>;

export function projectFormValues(
  s: {
    organisationId: number | null;
    titleVi: string;
    titleEn: string | null;
    descriptionVi: string;
    descriptionEn: string | null;
    domain: string | null;
    primaryNodeId: number | null;
    otherNodeIds: number[];
    provinceId: number | null;
    cityId: number | null;
    cooperatorIds: number[];
    hostingModel: string | null;
    handlesPersonalData: boolean;
    personalDataCategories: string[];
    operatorType: string | null;
    operatorName: string | null;
    citizenAppName: string | null;
    citizenAppPlatforms: string[];
    startDate: string | null;
    endDate: string | null;
    components: string[];
  },
  extra: { version?: number; planId?: number | null } = {},
): ProjectFormValues {
  const str = (v: number | string | null | undefined) =>
    v === null || v === undefined ? undefined : String(v);
  return {
    version: str(extra.version),
    planId: str(extra.planId),
    organisationId: str(s.organisationId),
    titleVi: s.titleVi,
    titleEn: str(s.titleEn),
    descriptionVi: s.descriptionVi,
    descriptionEn: str(s.descriptionEn),
    domain: str(s.domain),
    primaryNodeId: str(s.primaryNodeId),
    otherNodeIds: s.otherNodeIds.map(String),
    provinceId: str(s.provinceId),
    cityId: str(s.cityId),
    cooperatorIds: s.cooperatorIds.map(String),
    hostingModel: str(s.hostingModel),
    handlesPersonalData: s.handlesPersonalData ? "on" : undefined,
    personalDataCategories: s.personalDataCategories,
    operatorType: str(s.operatorType),
    operatorName: str(s.operatorName),
    hasCitizenApp: s.citizenAppName || s.citizenAppPlatforms.length ? "on" : undefined,
    citizenAppName: str(s.citizenAppName),
    citizenAppPlatforms: s.citizenAppPlatforms,
    startDate: str(s.startDate),
    endDate: str(s.endDate),
    components: s.components.join(", ") || undefined,
  };
}
