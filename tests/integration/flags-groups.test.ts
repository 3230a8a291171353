/**
 * Duplicate group flags (same_project, same_solution) on demo data (scale
 * 0.2, seed 42) in a real SQLite file: the planted double submissions and
 * same-solution clusters are found; look-alikes with another scope are not
 * grouped; recompute is stable; triage survives a member leaving; group
 * flags show on every member project and in the /flags filters (province,
 * ministry, planner scope by any member).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "#db/client.server";
import { seedAll, type PlantedManifest } from "#seeds/index";
import { getCurrentUser, type CurrentUser } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { applyTriage } from "~/modules/flags/commands.server";
import { flagsOfPlan, flagsOfProject } from "~/modules/flags/project-flags.server";
import { recomputeFlags, type RecomputeResult } from "~/modules/flags/recompute.server";
import { createProject } from "~/modules/projects/commands.server";
import type { ProjectInput } from "~/modules/projects/schema";
import { loader as flagsLoader } from "~/routes/flags";
import { loader as planLoader } from "~/routes/plans.$id";
import { loader as projectLoader } from "~/routes/projects.$code";
import { createTestDb, type TestDb } from "./helpers/db";

const asOf = "2026-11-26";
let t: TestDb;
let planted: PlantedManifest;
let first: RecomputeResult;
const cookies: Record<string, string> = {};
const users: Record<string, CurrentUser> = {};
const lookAlikes: Record<string, string> = {};

const org = (code: string) =>
  (t.db.$client.prepare("SELECT id FROM organisations WHERE code = ?").get(code) as { id: number }).id;
const isCancelled = (code: string) =>
  (t.db.$client.prepare("SELECT phase FROM projects WHERE code = ?").get(code) as { phase: string }).phase === "cancelled";
const projectId = (code: string) =>
  (t.db.$client.prepare("SELECT id FROM projects WHERE code = ?").get(code) as { id: number }).id;

interface GroupRow {
  id: number;
  ruleCode: string;
  state: string;
  active: number;
  fingerprint: string;
  evidence: string;
  moneyAtStake: number;
}
/** Active group flags of a rule that have `code` as a member. */
const groupsOf = (rule: string, code: string): GroupRow[] =>
  t.db.$client
    .prepare(
      `SELECT f.id, f.rule_code AS ruleCode, f.state, f.active, f.fingerprint, f.evidence, f.money_at_stake AS moneyAtStake
         FROM flags f JOIN flag_members m ON m.flag_id = f.id JOIN projects p ON p.id = m.project_id
        WHERE f.rule_code = ? AND p.code = ? AND f.active = 1`,
    )
    .all(rule, code) as GroupRow[];
const membersOf = (flagId: number): string[] =>
  (
    t.db.$client
      .prepare("SELECT p.code FROM flag_members m JOIN projects p ON p.id = m.project_id WHERE m.flag_id = ? ORDER BY p.code")
      .all(flagId) as { code: string }[]
  ).map((r) => r.code);

function draft(organisation: string, titleVi: string, descriptionVi: string, components: string[]): ProjectInput {
  return {
    organisationId: org(organisation),
    titleVi,
    titleEn: null,
    descriptionVi,
    descriptionEn: null,
    domain: "safety",
    primaryNodeId: (t.db.$client.prepare("SELECT id FROM strategy_nodes ORDER BY id LIMIT 1").get() as { id: number }).id,
    otherNodeIds: [],
    provinceId: null,
    cityId: null,
    cooperatorIds: [],
    hostingModel: "government_cloud",
    handlesPersonalData: false,
    personalDataCategories: [],
    operatorType: "government_agency",
    operatorName: null,
    citizenAppName: null,
    citizenAppPlatforms: [],
    startDate: "2026-03-01",
    endDate: "2028-12-31",
    components,
    planId: null,
  } as unknown as ProjectInput;
}

beforeAll(async () => {
  t = createTestDb();
  ({ planted } = await seedAll(t.db, { scale: 0.2, seed: 42 }));
  // Cao Bằng has no project in the demo: add look-alikes with another scope there (and a true double).
  const actor = { userId: null, label: "test" };
  const add = (key: string, title: string, description: string, components: string[]) =>
    (lookAlikes[key] = createProject(t.db, actor, draft("P-CBG", title, description, components), asOf).code);
  add(
    "trafficCameras",
    "Hệ thống camera giám sát giao thông và xử lý vi phạm tỉnh Cao Bằng",
    "Lắp đặt camera giám sát giao thông tại các nút giao, nhận dạng biển số, phát hiện vi phạm luật giao thông.",
    ["camera", "traffic", "anpr"],
  );
  add(
    "fireCameras",
    "Hệ thống camera cảnh báo cháy rừng tỉnh Cao Bằng",
    "Lắp đặt camera tại các chòi canh lửa để phát hiện sớm cháy rừng, cảnh báo cho kiểm lâm.",
    ["camera", "forest-fire"],
  );
  add(
    "waterMonitoring",
    "Quan trắc chất lượng nước sông tự động tỉnh Cao Bằng",
    "Trạm quan trắc tự động chất lượng nước mặt trên các sông chính, truyền số liệu về Sở.",
    ["water-quality", "iot"],
  );
  add(
    "airMonitoring",
    "Quan trắc chất lượng không khí tự động tỉnh Cao Bằng",
    "Trạm quan trắc tự động chất lượng không khí (bụi mịn PM2.5) tại thành phố, công bố chỉ số AQI.",
    ["air-quality", "iot"],
  );
  for (const role of ["coordinator", "planner.hcm", "leader"]) {
    const row = t.db.$client.prepare("SELECT id FROM users WHERE email = ?").get(`${role}@demo.citypilot.vn`) as {
      id: number;
    };
    cookies[role] = `${SESSION_COOKIE}=${createSession(t.db, row.id).token}`;
    users[role] = getCurrentUser(new Request("http://localhost/flags", { headers: { Cookie: cookies[role] } }), t.db)!;
  }
  first = recomputeFlags(t.db, undefined, { asOf });
  console.log(
    `group flags at scale 0.2: same_project ${first.counts.same_project}, same_solution ${first.counts.same_solution} (${first.groupMs} ms of ${first.ms} ms)`,
  );
}, 180_000);
afterAll(() => {
  setDb(undefined);
  t?.cleanup();
});

describe("planted duplicates", () => {
  it("every planted double submission is one same_project group", () => {
    expect(planted.doubleSubmissions.length).toBeGreaterThan(0);
    for (const d of planted.doubleSubmissions) {
      const [a, b] = d.codes;
      const shared = groupsOf("same_project", a).filter((g) => membersOf(g.id).includes(b));
      expect(shared.length, `${d.kind}: ${a} + ${b}`).toBe(1);
    }
  });

  it("the planted same-solution provinces are clustered by solution type, with money beyond one", () => {
    for (const [key, type] of [
      ["ioc", "ioc"],
      ["citizenApp", "citizen-app"],
      ["dataCentre", "data-centre"],
    ] as const) {
      // A planted project the demo later cancelled is no longer a proposal.
      const codes = planted.sameSolution[key].filter((c) => !isCancelled(c));
      expect(codes.length).toBeGreaterThan(1);
      const clusters = new Set(codes.flatMap((c) => groupsOf("same_solution", c).map((g) => g.id)));
      expect(clusters.size, key).toBeGreaterThanOrEqual(1);
      const found = codes.filter((c) => groupsOf("same_solution", c).some((g) => JSON.parse(g.evidence).types.includes(type)));
      expect(found, key).toEqual(codes);
      const g = groupsOf("same_solution", codes[0]).find((x) => JSON.parse(x.evidence).types.includes(type))!;
      const ev = JSON.parse(g.evidence);
      expect(ev.provinceCount).toBeGreaterThanOrEqual(2);
      expect(g.moneyAtStake).toBe(ev.totalApproved - ev.largestApproved);
      expect(ev.explanationKey).toBe("rule.same_solution.explanation");
    }
  });

  it("unrelated look-alikes in one province are not grouped with each other", () => {
    const pairs = [
      ["trafficCameras", "fireCameras"],
      ["waterMonitoring", "airMonitoring"],
    ];
    for (const [a, b] of pairs) {
      const together = groupsOf("same_project", lookAlikes[a]).filter((g) => membersOf(g.id).includes(lookAlikes[b]));
      expect(together, `${a} / ${b}`).toEqual([]);
      const solution = groupsOf("same_solution", lookAlikes[a]).filter((g) => membersOf(g.id).includes(lookAlikes[b]));
      expect(solution, `${a} / ${b}`).toEqual([]);
    }
  });

  it("explains each group with its members, provinces, shared terms and scores", () => {
    const d = planted.doubleSubmissions[0];
    const g = groupsOf("same_project", d.codes[0]).find((x) => membersOf(x.id).includes(d.codes[1]))!;
    const ev = JSON.parse(g.evidence);
    expect(ev.members).toEqual(expect.arrayContaining(d.codes));
    expect(ev.provinceCount).toBe(1);
    expect(ev.sharedTerms.length).toBeGreaterThan(0);
    expect(ev.minScore).toBeGreaterThan(0);
    expect(ev.maxScore).toBeLessThanOrEqual(1);
  });
});

describe("recompute and triage", () => {
  it("a second recompute changes nothing", () => {
    const r = recomputeFlags(t.db, undefined, { asOf });
    expect([r.created, r.cleared, r.reopened, r.reactivated, r.membershipChanged]).toEqual([0, 0, 0, 0, 0]);
    expect(r.counts.same_project).toBe(first.counts.same_project);
    expect(r.counts.same_solution).toBe(first.counts.same_solution);
  });

  it("a one-project recompute leaves group flags alone", () => {
    const before = t.db.$client.prepare("SELECT id, last_seen_at FROM flags WHERE subject_type = 'group'").all();
    recomputeFlags(t.db, undefined, { asOf, projectId: projectId(planted.doubleSubmissions[0].codes[0]) });
    expect(t.db.$client.prepare("SELECT id, last_seen_at FROM flags WHERE subject_type = 'group'").all()).toEqual(before);
  });

  it("triage survives a member leaving the group (fingerprint kept, membership audited)", () => {
    // The largest same_solution cluster loses one member (cancelled): same flag, same triage.
    const g = t.db.$client
      .prepare(
        `SELECT f.id, f.fingerprint FROM flags f JOIN flag_members m ON m.flag_id = f.id
          WHERE f.rule_code = 'same_solution' AND f.active = 1 GROUP BY f.id ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .get() as { id: number; fingerprint: string };
    applyTriage(t.db, users.coordinator, { intent: "acknowledge", flagId: g.id });
    const members = membersOf(g.id);
    const leaving = members[members.length - 1];
    t.db.$client.prepare("UPDATE projects SET phase = 'cancelled' WHERE code = ?").run(leaving);
    const r = recomputeFlags(t.db, undefined, { asOf });
    expect(r.membershipChanged).toBeGreaterThanOrEqual(1);
    const after = t.db.$client.prepare("SELECT id, fingerprint, state, active FROM flags WHERE id = ?").get(g.id);
    expect(after).toEqual({ id: g.id, fingerprint: g.fingerprint, state: "acknowledged", active: 1 });
    expect(membersOf(g.id)).not.toContain(leaving);
    const audit = t.db.$client
      .prepare("SELECT after FROM audit_events WHERE action = 'flag.members' AND entity_id = ? ORDER BY id DESC")
      .get(String(g.id)) as { after: string };
    expect(JSON.parse(audit.after).removed).toContain(leaving);
  });

  it("a group that disappears is cleared, keeping its triage", () => {
    const d = planted.doubleSubmissions.find((x) => groupsOf("same_project", x.codes[0]).some((g) => membersOf(g.id).length === 2))!;
    const g = groupsOf("same_project", d.codes[0]).find((x) => membersOf(x.id).length === 2)!;
    applyTriage(t.db, users.coordinator, { intent: "dismiss", flagId: g.id, reason: "Hai giai đoạn khác nhau" });
    const other = membersOf(g.id).find((c) => c !== d.codes[0])!;
    t.db.$client.prepare("UPDATE projects SET phase = 'cancelled' WHERE code = ?").run(other);
    recomputeFlags(t.db, undefined, { asOf });
    expect(t.db.$client.prepare("SELECT state, active, state_reason AS r FROM flags WHERE id = ?").get(g.id)).toEqual({
      state: "dismissed",
      active: 0,
      r: "Hai giai đoạn khác nhau",
    });
  });
});

describe("where group flags show", () => {
  beforeAll(() => setDb(t.db));
  const get = async (role: string, search: string) =>
    (await flagsLoader({
      request: new Request(`http://localhost/flags${search}`, { headers: { Cookie: cookies[role] } }),
      params: {},
      context: {},
    })) as Awaited<ReturnType<typeof flagsLoader>>;

  it("on every member project and on the plans of its members", () => {
    // A double whose group is still active (earlier tests cancel members of others).
    const d = planted.doubleSubmissions.find(
      (x) => !x.codes.some(isCancelled) && groupsOf("same_project", x.codes[0]).some((g) => membersOf(g.id).includes(x.codes[1])),
    )!;
    for (const code of d.codes) {
      const fl = flagsOfProject(t.db, projectId(code));
      const g = fl.find((f) => f.ruleCode === "same_project" && f.members.some((m) => m.code === d.codes[0]));
      expect(g, code).toBeDefined();
      expect(g!.members.map((m) => m.code)).toEqual(expect.arrayContaining(d.codes));
    }
    const plan = t.db.$client.prepare("SELECT plan_id AS p FROM projects WHERE code = ?").get(d.codes[0]) as { p: number | null };
    if (plan.p) expect(flagsOfPlan(t.db, plan.p).some((f) => f.ruleCode === "same_project")).toBe(true);
  });

  it("/flags filters group flags by rule, by the province of any member and by ministry", async () => {
    const all = await get("coordinator", "?rule=same_solution&size=100");
    expect(all.rows.length).toBe(first.counts.same_solution);
    expect(all.rows.every((r) => r.subjectType === "group")).toBe(true);
    // A same_solution cluster spans provinces: it shows under each member's province.
    const ioc = planted.sameSolution.ioc;
    const province = (
      t.db.$client
        .prepare(
          `SELECT o.code FROM projects p JOIN organisations o ON o.id = p.organisation_id WHERE p.code = ?`,
        )
        .get(ioc[ioc.length - 1]) as { code: string }
    ).code;
    const inProvince = await get("coordinator", `?rule=same_solution&province=${province}&size=100`);
    expect(inProvince.rows.length).toBeGreaterThan(0);
    // Ministry: the planted ministry-and-province double is found under the ministry.
    const mp = planted.doubleSubmissions.find((x) => x.kind === "ministry_and_province")!;
    const ministry = (
      t.db.$client
        .prepare(
          `SELECT o.code FROM projects p JOIN organisations o ON o.id = p.organisation_id
            WHERE p.code IN (?, ?) AND o.kind = 'ministry'`,
        )
        .get(mp.codes[0], mp.codes[1]) as { code: string }
    ).code;
    const byMinistry = await get("coordinator", `?rule=same_project&ministry=${ministry}&size=100`);
    expect(byMinistry.rows.some((r) => JSON.parse(r.evidence).members.includes(mp.codes[0]))).toBe(true);
    // One project: its own flags and the groups it is in.
    const one = await get("coordinator", `?project=${mp.codes[0]}&size=100`);
    expect(one.rows.some((r) => r.subjectType === "group")).toBe(true);
    expect(
      one.rows.every((r) => r.projectCode === mp.codes[0] || JSON.parse(r.evidence).members?.includes(mp.codes[0])),
    ).toBe(true);
  });

  it("planners see the group flags that include one of their projects, and no others", async () => {
    const d = await get("planner.hcm", "?rule=same_solution&size=100&inactive=1");
    const own = users["planner.hcm"].ownOrganisationIds;
    for (const r of d.rows) {
      const orgs = (
        t.db.$client
          .prepare("SELECT p.organisation_id AS o FROM flag_members m JOIN projects p ON p.id = m.project_id WHERE m.flag_id = ?")
          .all(r.id) as { o: number }[]
      ).map((x) => x.o);
      expect(orgs.some((o) => own.has(o))).toBe(true);
    }
    expect(d.rows.length).toBeGreaterThan(0);
    const projectFlags = flagsOfProject(
      t.db,
      projectId(planted.sameSolution.ioc[0]),
      [...own],
    );
    for (const f of projectFlags) expect(f.subjectType === "group" || own.size > 0).toBe(true);
  });

  it("the project and plan pages carry the panel data, scoped for planners", async () => {
    const call = async (loader: typeof projectLoader | typeof planLoader, url: string, role: string, params: Record<string, string>) =>
      (await loader({ request: new Request(url, { headers: { Cookie: cookies[role] } }), params, context: {} })) as {
        flags: { flags: { ruleCode: string; subjectType: string; members: { code: string }[] }[]; triageHref: string } | null;
      };
    const hcm = t.db.$client
      .prepare(
        `SELECT p.code, p.plan_id AS planId FROM flags f JOIN flag_members m ON m.flag_id = f.id JOIN projects p ON p.id = m.project_id
           JOIN organisations o ON o.id = p.organisation_id
          WHERE f.active = 1 AND f.rule_code = 'same_solution' AND o.code = 'P-HCM' AND p.plan_id IS NOT NULL LIMIT 1`,
      )
      .get() as { code: string; planId: number };
    for (const role of ["coordinator", "leader", "planner.hcm"]) {
      const d = await call(projectLoader, `http://localhost/projects/${hcm.code}`, role, { code: hcm.code });
      expect(d.flags!.triageHref).toBe(`/flags?project=${hcm.code}`);
      const g = d.flags!.flags.find((f) => f.ruleCode === "same_solution");
      expect(g, role).toBeDefined();
      expect(g!.members.length).toBeGreaterThan(1);
      const p = await call(planLoader, `http://localhost/plans/${hcm.planId}`, role, { id: String(hcm.planId) });
      expect(p.flags!.flags.some((f) => f.ruleCode === "same_solution"), role).toBe(true);
    }
    // A planner sees only flags of their own organisations (or groups with one of their projects).
    const own = users["planner.hcm"].ownOrganisationIds;
    const d = await call(projectLoader, `http://localhost/projects/${hcm.code}`, "planner.hcm", { code: hcm.code });
    for (const f of d.flags!.flags as unknown as { id: number }[]) {
      const o = t.db.$client
        .prepare(
          `SELECT f.organisation_id AS o FROM flags f WHERE f.id = ?
           UNION SELECT p.organisation_id FROM flag_members m JOIN projects p ON p.id = m.project_id WHERE m.flag_id = ?`,
        )
        .all(f.id, f.id) as { o: number }[];
      expect(o.some((x) => own.has(x.o))).toBe(true);
    }
  });
});

