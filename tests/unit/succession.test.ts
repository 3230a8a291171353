import { describe, expect, it } from "vitest";
import { createSuccessionIndex, queryKeys, type SuccessionOrg } from "~/modules/organisations/succession";
import { buildReferenceSet, ORGANISATION_ALIASES } from "#seeds/reference-data";

const ref = buildReferenceSet();
const idOf = new Map(ref.organisations.map((o) => [o.code, o.id]));
const codeOf = new Map(ref.organisations.map((o) => [o.id, o.code]));
const edges = ref.successions.map((s) => ({
  predecessorId: idOf.get(s.predecessorCode)!,
  successorId: idOf.get(s.successorCode)!,
  effectiveDate: s.effectiveDate,
}));
const index = createSuccessionIndex(ref.organisations, edges, ORGANISATION_ALIASES);
const TODAY = "2026-11-26";
const lookup = (q: string | number, asOf = TODAY) => {
  const id = index.lookup(q, asOf);
  return id === null ? null : codeOf.get(id);
};
const id = (code: string) => idOf.get(code)!;

describe("reference set", () => {
  it("has 34 current and 63 legacy provinces, 17 + 22 ministries", () => {
    const orgs = ref.organisations;
    expect(orgs.filter((o) => o.code.startsWith("P-")).length).toBe(34);
    expect(orgs.filter((o) => o.code.startsWith("LP-")).length).toBe(63);
    expect(orgs.filter((o) => o.code.startsWith("M-")).length).toBe(17);
    expect(orgs.filter((o) => o.code.startsWith("LM-")).length).toBe(22);
    expect(new Set(orgs.map((o) => o.code)).size).toBe(orgs.length);
  });

  it("places each city in the province that succeeded its former province", () => {
    const parent = (code: string) => ref.organisations.find((o) => o.code === code)?.parentCode;
    expect(parent("C-VTU")).toBe("P-HCM"); // Bà Rịa - Vũng Tàu → Hồ Chí Minh
    expect(parent("C-TDM")).toBe("P-HCM"); // Bình Dương → Hồ Chí Minh
    expect(parent("C-HIA")).toBe("P-DNG"); // Quảng Nam → Đà Nẵng
    expect(parent("C-PTT")).toBe("P-LDG"); // Bình Thuận → Lâm Đồng
    expect(parent("C-QNN")).toBe("P-GLI"); // Bình Định → Gia Lai
    expect(parent("C-HLG")).toBe("P-QNH");
    for (const c of ref.organisations.filter((o) => o.kind === "city")) expect(c.parentCode).toMatch(/^P-/);
  });
});

describe("resolveCurrent", () => {
  it("follows a legacy province to its successor", () => {
    expect(codeOf.get(index.resolveCurrent(id("LP-74"), TODAY)!)).toBe("P-HCM"); // Bình Dương
    expect(codeOf.get(index.resolveCurrent(id("LP-02"), TODAY)!)).toBe("P-TQG"); // Hà Giang
  });

  it("follows a legacy ministry to its successor", () => {
    expect(codeOf.get(index.resolveCurrent(id("LM-MIC"), TODAY)!)).toBe("M-MOST");
    expect(codeOf.get(index.resolveCurrent(id("LM-MPI"), TODAY)!)).toBe("M-MOF");
  });

  it("keeps a current unit", () => {
    expect(index.resolveCurrent(id("P-HCM"), TODAY)).toBe(id("P-HCM"));
    expect(index.resolveCurrent(id("M-MOST"), TODAY)).toBe(id("M-MOST"));
    expect(index.resolveCurrent(id("TF"), TODAY)).toBe(id("TF"));
  });

  it("keeps the legacy unit before the merger", () => {
    expect(index.resolveCurrent(id("LP-74"), "2025-06-30")).toBe(id("LP-74"));
    expect(index.resolveCurrent(id("LP-74"), "2024-01-01")).toBe(id("LP-74"));
    expect(index.resolveCurrent(id("LP-74"), "2025-07-01")).toBe(id("P-HCM"));
    expect(index.resolveCurrent(id("LM-MIC"), "2025-02-28")).toBe(id("LM-MIC"));
  });

  it("returns null for an unknown id", () => {
    expect(index.resolveCurrent(999_999, TODAY)).toBeNull();
  });

  it("follows chains and survives cycles", () => {
    const orgs: SuccessionOrg[] = [
      {
        id: 1,
        code: "A",
        kind: "province",
        abbr: "A",
        nameVi: "A",
        nameEn: "A",
        validFrom: null,
        validTo: "2020-12-31",
      },
      {
        id: 2,
        code: "B",
        kind: "province",
        abbr: "B",
        nameVi: "B",
        nameEn: "B",
        validFrom: "2021-01-01",
        validTo: "2023-12-31",
      },
      {
        id: 3,
        code: "C",
        kind: "province",
        abbr: "C",
        nameVi: "C",
        nameEn: "C",
        validFrom: "2024-01-01",
        validTo: null,
      },
      {
        id: 4,
        code: "X",
        kind: "province",
        abbr: "X",
        nameVi: "X",
        nameEn: "X",
        validFrom: null,
        validTo: "2020-01-01",
      },
      {
        id: 5,
        code: "Y",
        kind: "province",
        abbr: "Y",
        nameVi: "Y",
        nameEn: "Y",
        validFrom: null,
        validTo: "2020-01-01",
      },
    ];
    const g = createSuccessionIndex(orgs, [
      { predecessorId: 1, successorId: 2, effectiveDate: "2021-01-01" },
      { predecessorId: 2, successorId: 3, effectiveDate: "2024-01-01" },
      { predecessorId: 4, successorId: 5, effectiveDate: "2020-01-02" },
      { predecessorId: 5, successorId: 4, effectiveDate: "2020-01-02" },
    ]);
    expect(g.resolveCurrent(1, "2025-01-01")).toBe(3);
    expect(g.resolveCurrent(1, "2022-06-01")).toBe(2);
    expect(g.resolveCurrent(1, "2020-06-01")).toBe(1);
    expect([4, 5]).toContain(g.resolveCurrent(4, "2025-01-01"));
    expect(g.predecessorsOf(3)).toEqual([1, 2]);
    expect(g.successorsOf(1)).toEqual([2, 3]);
    expect(g.predecessorsOf(4)).toEqual([5]);
    expect(g.familyOf(2)).toEqual([1, 2, 3]);
  });
});

describe("lookup by name, code or id", () => {
  it("resolves legacy province names to today's unit", () => {
    expect(lookup("Bình Dương")).toBe("P-HCM");
    expect(lookup("Bà Rịa - Vũng Tàu")).toBe("P-HCM");
    expect(lookup("Hà Giang")).toBe("P-TQG");
    expect(lookup("Thừa Thiên Huế")).toBe("P-HUE");
  });

  it("accepts names without diacritics and English names", () => {
    expect(lookup("binh duong")).toBe("P-HCM");
    expect(lookup("BINH DUONG")).toBe("P-HCM");
    expect(lookup("ha giang")).toBe("P-TQG");
    expect(lookup("Ho Chi Minh City")).toBe("P-HCM");
    expect(lookup("Lai Chau Province")).toBe("P-LCU");
    expect(lookup("Binh Duong Province")).toBe("P-HCM");
    expect(lookup("Ministry of Information and Communications")).toBe("M-MOST");
    expect(lookup("Hanoi")).toBe("P-HN");
  });

  it("accepts the usual forms of Ho Chi Minh City", () => {
    for (const q of [
      "Thành phố Hồ Chí Minh",
      "TP.HCM",
      "TP. Hồ Chí Minh",
      "tphcm",
      "Hồ Chí Minh",
      "HCMC",
      "P-HCM",
    ]) {
      expect(lookup(q), q).toBe("P-HCM");
    }
  });

  it("resolves ministries by name and key", () => {
    expect(lookup("Bộ Thông tin và Truyền thông")).toBe("M-MOST");
    expect(lookup("bo thong tin va truyen thong")).toBe("M-MOST");
    expect(lookup("MIC")).toBe("M-MOST");
    expect(lookup("MPI")).toBe("M-MOF");
    expect(lookup("Bộ Giao thông vận tải")).toBe("M-MOC");
    expect(lookup("LM-MONRE")).toBe("M-MAE");
    expect(lookup("Bộ Khoa học và Công nghệ")).toBe("M-MOST");
  });

  it("resolves current units, codes and ids to themselves", () => {
    expect(lookup("Lai Châu")).toBe("P-LCU");
    expect(lookup("tỉnh Lai Châu")).toBe("P-LCU");
    expect(lookup("LCU")).toBe("P-LCU");
    expect(lookup("TF")).toBe("TF");
    expect(lookup(id("P-DNG"))).toBe("P-DNG");
    expect(lookup(String(id("LP-74")))).toBe("P-HCM");
    expect(lookup("Nha Trang")).toBe("C-NTG");
  });

  it("keeps the legacy unit when asked as of a date before the merger", () => {
    expect(lookup("Bình Dương", "2024-05-01")).toBe("LP-74");
    expect(lookup("Hà Nội", "2024-05-01")).toBe("LP-01");
    expect(lookup("Hà Nội", "2025-07-01")).toBe("P-HN");
    expect(lookup("MIC", "2025-01-15")).toBe("LM-MIC");
  });

  it("returns null for unknown names", () => {
    expect(lookup("Atlantis")).toBeNull();
    expect(lookup("")).toBeNull();
    expect(lookup("   ")).toBeNull();
    expect(lookup(999_999)).toBeNull();
  });

  it("normalises query keys", () => {
    expect(queryKeys("TP. Hồ Chí Minh")).toContain("ho chi minh");
    expect(queryKeys("Lai Chau Province")).toContain("lai chau");
  });
});

describe("predecessors and family", () => {
  it("lists the legacy units merged into a current province", () => {
    const preds = index
      .predecessorsOf(id("P-HCM"))
      .map((i) => codeOf.get(i))
      .sort();
    expect(preds).toEqual(["LP-74", "LP-77", "LP-79"]);
  });

  it("family of a legacy unit includes its successor", () => {
    const fam = index
      .familyOf(id("LP-74"))
      .map((i) => codeOf.get(i))
      .sort();
    expect(fam).toEqual(["LP-74", "P-HCM"]);
  });

  it("family of a current ministry includes all legacy bodies", () => {
    const fam = index
      .familyOf(id("M-MOST"))
      .map((i) => codeOf.get(i))
      .sort();
    expect(fam).toEqual(["LM-MIC", "LM-MOST", "M-MOST"]);
  });
});
