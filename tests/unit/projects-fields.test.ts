import { describe, expect, it } from "vitest";
import {
  diffSnapshots,
  fieldGroups,
  projectSearchText,
  type ProjectSnapshot,
} from "~/modules/projects/fields";
import { groupByCurrentProvince, parseRolloutQuery } from "~/modules/projects/rollout";
import { isReplicable, targetProblem } from "~/modules/projects/replication";

const BASE: ProjectSnapshot = {
  organisationId: 1,
  titleVi: "Trung tâm Điều hành đô thị",
  titleEn: null,
  descriptionVi: "Mô tả",
  descriptionEn: null,
  domain: "governance",
  primaryNodeId: 7,
  otherNodeIds: [8],
  provinceId: 45,
  cityId: null,
  cooperatorIds: [3, 12],
  hostingModel: "government_cloud",
  handlesPersonalData: false,
  personalDataCategories: [],
  operatorType: "government_agency",
  operatorName: null,
  citizenAppName: null,
  citizenAppPlatforms: [],
  startDate: null,
  endDate: null,
  components: ["ioc"],
};

describe("project snapshots", () => {
  it("diff keeps only the changed fields, with old and new values", () => {
    const after = { ...BASE, titleEn: "Urban operations centre", cooperatorIds: [3], components: ["ioc"] };
    const d = diffSnapshots(BASE, after);
    expect(d.fields).toEqual(["titleEn", "cooperatorIds"]);
    expect(d.before).toEqual({ titleEn: null, cooperatorIds: [3, 12] });
    expect(d.after).toEqual({ titleEn: "Urban operations centre", cooperatorIds: [3] });
    expect(diffSnapshots(BASE, { ...BASE }).fields).toEqual([]);
  });

  it("groups fields the way the history names them", () => {
    expect(fieldGroups(["titleEn", "titleVi", "cityId", "unknown", "planId"])).toEqual([
      "title",
      "location",
      "plan",
    ]);
  });

  it("search text folds both languages: no case, no diacritics, đ → d", () => {
    expect(
      projectSearchText({
        titleVi: "Trung tâm Điều hành  ĐÔ THỊ",
        descriptionVi: "Giám sát",
        titleEn: "Urban Centre",
        descriptionEn: null,
      }),
    ).toBe("trung tam dieu hanh do thi giam sat urban centre");
  });
});

describe("rollout rules", () => {
  it("parses the URL, falling back on bad values", () => {
    const q = parseRolloutQuery(
      "q=%20dieu%20hanh%20&province=45&domain=space&phase=pilot&replicated=yes&sort=lessons",
    );
    expect(q.filters).toEqual({
      q: "dieu hanh",
      province: 45,
      domain: null,
      phase: "pilot",
      replicated: "yes",
    });
    expect(q.table).toMatchObject({ sort: "lessons", dir: "desc", page: 1, pageSize: 25 });
    expect(parseRolloutQuery("").table).toMatchObject({ sort: "replications", dir: "desc" });
  });

  it("groups replications by today's province, legacy provinces under their successor", () => {
    // 74 (Bình Dương, legacy) and 79 (old HCMC) now belong to 45 (HCMC); 12 is Lai Châu.
    const successor: Record<number, number> = { 74: 45, 79: 45 };
    const names: Record<number, string> = { 45: "Hồ Chí Minh", 12: "Lai Châu" };
    const groups = groupByCurrentProvince(
      [
        { code: "A", provinceId: 74 },
        { code: "B", provinceId: 12 },
        { code: "C", provinceId: null },
        { code: "D", provinceId: 45 },
      ],
      (id) => successor[id] ?? id,
      (id) => names[id],
    );
    expect(groups.map((g) => [g.provinceId, g.items.map((i) => i.code)])).toEqual([
      [45, ["A", "D"]],
      [12, ["B"]],
      [null, ["C"]],
    ]);
  });

  it("replicates pilots under way or done, into another province", () => {
    expect(["pilot", "evaluation", "scaling", "operational"].every((p) => isReplicable(p as never))).toBe(
      true,
    );
    expect(["proposed", "approved", "cancelled"].some((p) => isReplicable(p as never))).toBe(false);
    expect(targetProblem({ kind: "province", ended: false, provinceId: 45 }, 12)).toBeNull();
    expect(targetProblem({ kind: "city", ended: false, provinceId: 45 }, null)).toBeNull();
    expect(targetProblem({ kind: "province", ended: false, provinceId: 45 }, 45)).toBe("sameProvince");
    expect(targetProblem({ kind: "ministry", ended: false, provinceId: null }, 12)).toBe("targetKind");
    expect(targetProblem({ kind: "province", ended: true, provinceId: 45 }, 12)).toBe("targetEnded");
  });
});
