/**
 * The project form schema as the action sees it: FormData through Conform's
 * parseWithZod (strings coerced, empty fields absent).
 */
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  LessonSchema,
  parseComponents,
  PhaseChangeSchema,
  ProjectFormSchema,
  projectFormValues,
  ReplicateSchema,
} from "~/modules/projects/schema";

type Entries = Record<string, string | string[]>;

const VALID: Entries = {
  organisationId: "45",
  titleVi: "  Trung tâm điều hành đô thị thông minh  ",
  descriptionVi: "Mô tả",
  domain: "governance",
  primaryNodeId: "7",
  hostingModel: "government_cloud",
  operatorType: "government_agency",
};

function form(entries: Entries): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}

function parse(entries: Entries) {
  return parseWithZod(form(entries), { schema: ProjectFormSchema });
}

function errorsOf(entries: Entries): Record<string, string[]> {
  const s = parse(entries);
  if (s.status === "success") return {};
  return (s.reply().error ?? {}) as Record<string, string[]>;
}

describe("ProjectFormSchema", () => {
  it("accepts the minimum and normalises it", () => {
    const s = parse(VALID);
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toMatchObject({
      organisationId: 45,
      titleVi: "Trung tâm điều hành đô thị thông minh",
      titleEn: null,
      descriptionEn: null,
      provinceId: null,
      cityId: null,
      otherNodeIds: [],
      cooperatorIds: [],
      handlesPersonalData: false,
      personalDataCategories: [],
      citizenAppName: null,
      citizenAppPlatforms: [],
      components: [],
      planId: null,
    });
  });

  it("requires the Vietnamese title and description, domain, primary node, hosting and operator type", () => {
    const errors = errorsOf({});
    expect(errors.titleVi).toEqual(["projects.error.titleViRequired"]);
    expect(errors.descriptionVi).toEqual(["projects.error.descriptionViRequired"]);
    expect(errors.organisationId).toEqual(["projects.error.organisationRequired"]);
    expect(errors.domain).toEqual(["projects.error.domainRequired"]);
    expect(errors.primaryNodeId).toEqual(["projects.error.primaryNodeRequired"]);
    expect(errors.hostingModel).toEqual(["projects.error.hostingRequired"]);
    expect(errors.operatorType).toEqual(["projects.error.operatorTypeRequired"]);
    expect(errors.titleEn).toBeUndefined();
  });

  it("reports cross-field problems in the same submission as missing fields", () => {
    const errors = errorsOf({
      handlesPersonalData: "on",
      hasCitizenApp: "on",
      operatorType: "private_contractor",
      startDate: "2026-05-01",
      endDate: "2026-01-01",
      cityId: "138",
    });
    expect(errors).toMatchObject({
      titleVi: ["projects.error.titleViRequired"],
      personalDataCategories: ["projects.error.categoriesRequired"],
      citizenAppName: ["projects.error.appNameRequired"],
      citizenAppPlatforms: ["projects.error.platformsRequired"],
      operatorName: ["projects.error.operatorNameRequired"],
      endDate: ["projects.error.endBeforeStart"],
      cityId: ["projects.error.cityNeedsProvince"],
    });
  });

  it("rejects unknown enumeration values", () => {
    expect(errorsOf({ ...VALID, domain: "space" }).domain).toEqual(["projects.error.domainRequired"]);
    expect(errorsOf({ ...VALID, hostingModel: "mainframe" }).hostingModel).toEqual([
      "projects.error.hostingRequired",
    ]);
    expect(
      errorsOf({ ...VALID, handlesPersonalData: "on", personalDataCategories: ["dna"] })[
        "personalDataCategories[0]"
      ],
    ).toEqual(["projects.error.choiceInvalid"]);
  });

  it("requires categories when personal data is handled, and drops them when it is not", () => {
    expect(errorsOf({ ...VALID, handlesPersonalData: "on" }).personalDataCategories).toEqual([
      "projects.error.categoriesRequired",
    ]);
    const handled = parse({
      ...VALID,
      handlesPersonalData: "on",
      personalDataCategories: ["vehicle", "identity"],
    });
    expect(handled.status === "success" && handled.value.personalDataCategories).toEqual([
      "identity",
      "vehicle",
    ]);
    const notHandled = parse({ ...VALID, personalDataCategories: ["vehicle"] });
    expect(notHandled.status === "success" && notHandled.value.personalDataCategories).toEqual([]);
  });

  it("requires a name and a platform for a citizen-facing app", () => {
    const errors = errorsOf({ ...VALID, hasCitizenApp: "on" });
    expect(errors.citizenAppName).toEqual(["projects.error.appNameRequired"]);
    expect(errors.citizenAppPlatforms).toEqual(["projects.error.platformsRequired"]);
    const ok = parse({
      ...VALID,
      hasCitizenApp: "on",
      citizenAppName: "HCMC Smart",
      citizenAppPlatforms: ["web", "ios"],
    });
    expect(ok.status === "success" && ok.value.citizenAppPlatforms).toEqual(["ios", "web"]);
    const none = parse({ ...VALID, citizenAppName: "Left over" });
    expect(none.status === "success" && none.value.citizenAppName).toBeNull();
  });

  it("requires the operator's name unless it is a government agency", () => {
    expect(errorsOf({ ...VALID, operatorType: "private_contractor" }).operatorName).toEqual([
      "projects.error.operatorNameRequired",
    ]);
    expect(parse({ ...VALID, operatorType: "private_contractor", operatorName: "VNPT" }).status).toBe(
      "success",
    );
  });

  it("checks dates and their order", () => {
    expect(errorsOf({ ...VALID, startDate: "2026-02-30" }).startDate).toEqual(["projects.error.dateInvalid"]);
    expect(errorsOf({ ...VALID, startDate: "2026-05-01", endDate: "2026-04-30" }).endDate).toEqual([
      "projects.error.endBeforeStart",
    ]);
    expect(parse({ ...VALID, startDate: "2026-05-01", endDate: "2026-05-01" }).status).toBe("success");
  });

  it("needs a province for a city", () => {
    expect(errorsOf({ ...VALID, cityId: "138" }).cityId).toEqual(["projects.error.cityNeedsProvince"]);
  });

  it("deduplicates nodes and cooperators and keeps the primary node and the owner out of them", () => {
    const s = parse({ ...VALID, otherNodeIds: ["9", "7", "9", "8"], cooperatorIds: ["45", "12", "3", "12"] });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.otherNodeIds).toEqual([9, 8]);
    expect(s.value.cooperatorIds).toEqual([3, 12]);
  });

  it("reads components as a comma-separated list of tokens", () => {
    expect(parseComponents("IOC, camera ,citizen app,,camera")).toEqual(["ioc", "camera", "citizen-app"]);
    const s = parse({ ...VALID, components: "ioc, Camera" });
    expect(s.status === "success" && s.value.components).toEqual(["ioc", "camera"]);
    expect(errorsOf({ ...VALID, components: "ioc, cam/era" }).components).toEqual([
      "projects.error.componentsInvalid",
    ]);
  });

  it("round-trips stored values through the form", () => {
    const values = projectFormValues(
      {
        organisationId: 45,
        titleVi: "Tên",
        titleEn: null,
        descriptionVi: "Mô tả",
        descriptionEn: "Description",
        domain: "transport",
        primaryNodeId: 7,
        otherNodeIds: [8],
        provinceId: 45,
        cityId: null,
        cooperatorIds: [3],
        hostingModel: "hybrid",
        handlesPersonalData: true,
        personalDataCategories: ["camera_images"],
        operatorType: "state_owned_enterprise",
        operatorName: "VNPT",
        citizenAppName: "App",
        citizenAppPlatforms: ["android"],
        startDate: "2026-01-01",
        endDate: null,
        components: ["ioc", "camera"],
      },
      { version: 3 },
    );
    const entries = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Entries;
    const s = parse(entries);
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toMatchObject({
      version: 3,
      descriptionEn: "Description",
      otherNodeIds: [8],
      cooperatorIds: [3],
      handlesPersonalData: true,
      personalDataCategories: ["camera_images"],
      citizenAppName: "App",
      citizenAppPlatforms: ["android"],
      components: ["ioc", "camera"],
    });
  });
});

describe("phase, lesson and replication schemas", () => {
  it("needs a reason to cancel", () => {
    const s = parseWithZod(form({ version: "2", toPhase: "cancelled" }), { schema: PhaseChangeSchema });
    expect(s.status).toBe("error");
    expect(s.reply().error?.reason).toEqual(["projects.error.reasonRequired"]);
    const ok = parseWithZod(form({ version: "2", toPhase: "evaluation" }), { schema: PhaseChangeSchema });
    expect(ok.status).toBe("success");
  });

  it("needs a date and the Vietnamese text of a lesson", () => {
    const s = parseWithZod(form({ recordedOn: "2026-13-01" }), { schema: LessonSchema });
    expect(s.reply().error).toMatchObject({
      recordedOn: ["projects.error.dateInvalid"],
      bodyVi: ["projects.error.lessonViRequired"],
    });
    expect(
      parseWithZod(form({ recordedOn: "2026-03-12", bodyVi: "Bài học" }), { schema: LessonSchema }).status,
    ).toBe("success");
  });

  it("needs a target for a replication", () => {
    const s = parseWithZod(form({}), { schema: ReplicateSchema });
    expect(s.reply().error?.organisationId).toEqual(["projects.error.targetRequired"]);
  });
});
