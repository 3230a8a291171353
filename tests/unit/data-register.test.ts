/** Pure parts of the data register: vocabulary, the public listing rule, and the row schema. */
import { describe, expect, it } from "vitest";
import { PERSONAL_DATA_CATEGORIES, PROJECT_PHASES, PLAN_STATUSES } from "#db/enums";
import { translator } from "~/i18n/i18n";
import {
  DATA_CATEGORIES,
  isDataCategory,
  isListedPublicly,
  isPersonalCategory,
  NON_PERSONAL_DATA_CATEGORIES,
  registerMismatch,
} from "~/modules/data-register/categories";
import { DataRowActionSchema } from "~/modules/data-register/schema";

describe("vocabulary", () => {
  it("personal categories are the data model's; the others are not personal", () => {
    for (const c of PERSONAL_DATA_CATEGORIES) expect(isPersonalCategory(c)).toBe(true);
    for (const c of NON_PERSONAL_DATA_CATEGORIES) expect(isPersonalCategory(c)).toBe(false);
    expect(isDataCategory("dna")).toBe(false);
    expect(new Set(DATA_CATEGORIES).size).toBe(DATA_CATEGORIES.length);
  });

  it("every category has a Vietnamese and an English label", () => {
    for (const locale of ["vi", "en"] as const) {
      const t = translator(locale);
      for (const c of DATA_CATEGORIES) {
        const key = `dataRegister.category.${c}` as const;
        expect(t(key), `${locale} ${c}`).not.toBe(key);
      }
    }
  });
});

describe("isListedPublicly", () => {
  it("needs personal data", () => {
    expect(
      isListedPublicly({ phase: "operational", published: true, planStatus: null, personalRows: 0 }),
    ).toBe(false);
  });

  it("published projects are listed in any phase and plan state", () => {
    for (const phase of PROJECT_PHASES)
      for (const planStatus of [...PLAN_STATUSES, null])
        expect(isListedPublicly({ phase, published: true, planStatus, personalRows: 1 })).toBe(true);
  });

  it("unpublished: approved or running, in an approved plan or none; never proposals or cancelled", () => {
    const listed = (
      phase: (typeof PROJECT_PHASES)[number],
      planStatus: (typeof PLAN_STATUSES)[number] | null,
    ) => isListedPublicly({ phase, published: false, planStatus, personalRows: 2 });
    for (const phase of ["approved", "pilot", "evaluation", "scaling", "operational"] as const) {
      expect(listed(phase, "approved")).toBe(true);
      expect(listed(phase, null)).toBe(true);
      for (const internal of ["draft", "submitted", "returned"] as const)
        expect(listed(phase, internal)).toBe(false);
    }
    expect(listed("proposed", "approved")).toBe(false);
    expect(listed("cancelled", "approved")).toBe(false);
  });
});

describe("data row schema", () => {
  const row = {
    intent: "add",
    category: "location",
    purposeVi: " Định vị sự cố ",
    legalBasis: "Luật Dữ liệu 2024",
    retention: "90 ngày",
    operatorType: "state_owned_enterprise",
    operatorName: "VNPT",
  };

  it("accepts a row; aggregated-only defaults to false", () => {
    const r = DataRowActionSchema.parse(row);
    expect(r).toMatchObject({ purposeVi: "Định vị sự cố", aggregatedOnly: false });
  });

  it("edit and delete need an id and the version the edit started from", () => {
    expect(DataRowActionSchema.safeParse({ ...row, intent: "edit", id: 3 }).success).toBe(false);
    expect(DataRowActionSchema.safeParse({ intent: "delete", id: 3, version: 2 }).success).toBe(true);
  });

  it("reports missing fields with i18n keys", () => {
    const r = DataRowActionSchema.safeParse({ intent: "add", category: "dna", operatorType: "friend" });
    const keys = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(keys).toMatchObject({
      category: "dataRegister.error.categoryRequired",
      purposeVi: "dataRegister.error.purposeRequired",
      legalBasis: "dataRegister.error.legalBasisRequired",
      retention: "dataRegister.error.retentionRequired",
      operatorType: "dataRegister.error.operatorTypeRequired",
      operatorName: "dataRegister.error.operatorNameRequired",
    });
  });
});

describe("registerMismatch", () => {
  it("flags a project record that disagrees with its register", () => {
    expect(registerMismatch(false, [{ category: "health" }])).toBe(true);
    expect(registerMismatch(true, [{ category: "traffic_flows" }])).toBe(true);
    expect(registerMismatch(true, [{ category: "identity" }, { category: "geospatial" }])).toBe(false);
    expect(registerMismatch(false, [])).toBe(false);
  });
});
