/**
 * The registers on generated demo data (scale 0.05, seed 7): national
 * services with their owners, the demo's provincial apps linked to their
 * projects, the register seed's non-personal data rows (deterministic,
 * idempotent), the overlapping_app flag still firing after the register is
 * edited, and the transparency page on real volumes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { seedAll, type PlantedManifest } from "#seeds/index";
import { seedRegisters } from "#seeds/registers";
import { getApp, listApps, updateApp } from "~/modules/apps/apps.server";
import { parseAppQuery, type AppInput } from "~/modules/apps/register";
import { isPersonalCategory, NON_PERSONAL_DATA_CATEGORIES } from "~/modules/data-register/categories";
import { transparencyPage } from "~/modules/data-register/data-register.server";
import { computeFindings } from "~/modules/flags/recompute.server";
import { parseTableParams } from "~/modules/table/params";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;
let planted: PlantedManifest;
const asOf = "2026-11-26";

const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const n = (sql: string, ...args: unknown[]) => (db.$client.prepare(sql).get(...args) as { n: number }).n;

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  ({ planted } = await seedAll(db, { scale: 0.05, seed: 7, password: "x" }));
}, 120_000);

afterAll(() => cleanup());

describe("seeded registers", () => {
  it("national services belong to the right organisations (2025 structure)", () => {
    const owners = Object.fromEntries(
      q<{ name: string; code: string }>(
        `SELECT a.name_vi AS name, o.code FROM app_register a JOIN organisations o ON o.id = a.owner_organisation_id
          WHERE a.scope = 'national'`,
      ).map((r) => [r.name, r.code]),
    );
    expect(owners["VNeID – Ứng dụng định danh điện tử quốc gia"]).toBe("M-MPS");
    expect(owners["Cổng Dịch vụ công quốc gia"]).toBe("M-GO");
    expect(owners["VssID – Bảo hiểm xã hội số"]).toBe("A-VSS");
    expect(owners["Cổng dịch vụ công Bộ Công an"]).toBe("M-MPS");
    // Retired national apps keep the ministry that ran them (since merged).
    expect(owners["PC-Covid"]).toBe("LM-MIC");
  });

  it("every piloted project with a citizen app links to a provincial (or its own) register entry", () => {
    expect(n("SELECT COUNT(*) n FROM projects WHERE app_id IS NOT NULL")).toBeGreaterThan(0);
    expect(
      n(`SELECT COUNT(*) n FROM projects p JOIN app_register a ON a.id = p.app_id
          WHERE a.owner_organisation_id <> p.organisation_id`),
    ).toBe(0);
    for (const code of planted.overlappingCitizenApps) {
      const p = db.$client.prepare("SELECT app_id FROM projects WHERE code = ?").get(code) as {
        app_id: number | null;
      };
      expect(p.app_id, code).not.toBeNull();
    }
  });

  it("adds aggregated-only non-personal data rows, and running it again adds nothing", () => {
    const rows = q<{ category: string; aggregated_only: number }>(
      `SELECT category, aggregated_only FROM data_register WHERE category IN (${NON_PERSONAL_DATA_CATEGORIES.map(() => "?").join(", ")})`,
      ...NON_PERSONAL_DATA_CATEGORIES,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.aggregated_only === 1 && !isPersonalCategory(r.category))).toBe(true);
    expect(seedRegisters(db)).toEqual({ apps: 0, dataRows: 0 });
  });
});

describe("overlapping_app keeps working with the register", () => {
  it("fires for the planted provincial apps, also after a coordinator edits VNeID's entry", () => {
    const overlapping = () =>
      new Set(
        computeFindings(db, { asOf })
          .filter((f) => f.rule === "overlapping_app")
          .map((f) => f.projectId),
      );
    const codes = (ids: Set<number | null>) =>
      q<{ code: string; id: number }>("SELECT id, code FROM projects")
        .filter((p) => ids.has(p.id))
        .map((p) => p.code);
    const before = codes(overlapping());
    expect(before).toEqual(expect.arrayContaining(planted.overlappingCitizenApps));
    expect(before.length).toBeGreaterThan(0);

    const vneid = listApps(db, parseAppQuery("q=vneid&scope=national"), "vi").rows[0];
    const app = getApp(db, vneid.id)!;
    updateApp(db, { userId: null, label: "test" }, app.id, app.version, {
      nameVi: app.nameVi,
      nameEn: app.nameEn ?? undefined,
      scope: app.scope,
      ownerOrganisationId: app.ownerOrganisationId,
      domain: app.domain,
      platforms: [...app.platforms, "web"] as AppInput["platforms"],
      status: app.status,
      url: "https://vneid.gov.vn/",
      launchedOn: app.launchedOn ?? undefined,
    });
    expect(codes(overlapping()).sort()).toEqual([...before].sort());

    // Retiring VNeID in the register turns the flag off (the rule reads the register).
    const edited = getApp(db, vneid.id)!;
    updateApp(db, { userId: null, label: "test" }, edited.id, edited.version, {
      nameVi: edited.nameVi,
      scope: edited.scope,
      ownerOrganisationId: edited.ownerOrganisationId,
      domain: edited.domain,
      platforms: edited.platforms as AppInput["platforms"],
      status: "retired",
    });
    expect(overlapping().size).toBeLessThan(before.length);
  });
});

describe("transparency page on demo data", () => {
  it("lists only approved-or-running (or published) projects with personal data, twenty a page", () => {
    const table = parseTableParams("", {
      sortable: ["code"] as const,
      defaultSort: "code",
      defaultDir: "asc",
      pageSizes: [20],
      defaultPageSize: 20,
    });
    const page = transparencyPage(db, {}, table, asOf);
    expect(page.total).toBeGreaterThan(0);
    expect(page.projects.length).toBe(Math.min(20, page.total));
    const listed = page.projects.map((p) => p.code);
    const rows = q<{ code: string; phase: string; published: number; status: string | null }>(
      `SELECT p.code, p.phase, p.published, pl.status FROM projects p LEFT JOIN plans pl ON pl.id = p.plan_id
        WHERE p.code IN (SELECT value FROM json_each(?))`,
      JSON.stringify(listed),
    );
    for (const r of rows) {
      const ok =
        r.published === 1 ||
        (["approved", "pilot", "evaluation", "scaling", "operational"].includes(r.phase) &&
          (r.status === null || r.status === "approved"));
      expect(ok, r.code).toBe(true);
    }
    for (const p of page.projects)
      expect(
        p.uses.some((u) => u.personal),
        p.code,
      ).toBe(true);
    const expected = n(
      `SELECT COUNT(*) n FROM projects p LEFT JOIN plans pl ON pl.id = p.plan_id
        WHERE EXISTS (SELECT 1 FROM data_register d WHERE d.project_id = p.id
                        AND d.category IN ('identity','contact','location','health','camera_images','biometric','financial','vehicle'))
          AND (p.published = 1 OR (p.phase IN ('approved','pilot','evaluation','scaling','operational')
                                   AND (p.plan_id IS NULL OR pl.status = 'approved')))`,
    );
    expect(page.total).toBe(expected);
  });
});
