/**
 * Flags on generated demo data (scale 0.2, seed 42) in a real SQLite file:
 * every planted waste pattern is found by its rule; triage survives a
 * recompute; a resolved flag reopens when its condition returns; dismiss
 * needs a reason; a one-project recompute touches only that project's flags;
 * planners, leaders and auditors cannot triage.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlagState } from "#db/enums";
import { seedAll, type PlantedManifest } from "#seeds/index";
import { getCurrentUser, type CurrentUser } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { applyTriage, FlagError } from "~/modules/flags/commands.server";
import { flagsOfPlan, flagsOfProject } from "~/modules/flags/project-flags.server";
import { recomputeFlags } from "~/modules/flags/recompute.server";
import type { RuleCode } from "~/modules/flags/rules";
import { setDb } from "#db/client.server";
import { action as flagsAction, loader as flagsLoader } from "~/routes/flags";
import { createTestDb, type TestDb } from "./helpers/db";

const asOf = "2026-11-26";
let t: TestDb;
let planted: PlantedManifest;
const users: Record<string, CurrentUser> = {};

const cookies: Record<string, string> = {};
const userOf = (email: string): CurrentUser => {
  const row = t.db.$client.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
  const cookie = `${SESSION_COOKIE}=${createSession(t.db, row.id).token}`;
  cookies[email.split("@")[0]] = cookie;
  return getCurrentUser(new Request("http://localhost/flags", { headers: { Cookie: cookie } }), t.db)!;
};

const flaggedCodes = (rule: RuleCode): Set<string> =>
  new Set(
    (
      t.db.$client
        .prepare(
          `SELECT p.code FROM flags f JOIN projects p ON p.id = f.project_id WHERE f.rule_code = ? AND f.active = 1`,
        )
        .all(rule) as { code: string }[]
    ).map((r) => r.code),
  );

interface FlagRow {
  id: number;
  state: FlagState;
  active: number;
  stateReason: string | null;
  lastSeenAt: number;
  projectId: number | null;
}
const flagOf = (rule: RuleCode, code: string): FlagRow =>
  t.db.$client
    .prepare(
      `SELECT f.id, f.state, f.active, f.state_reason AS stateReason, f.last_seen_at AS lastSeenAt, f.project_id AS projectId
         FROM flags f JOIN projects p ON p.id = f.project_id WHERE f.rule_code = ? AND p.code = ?`,
    )
    .get(rule, code) as FlagRow;
const flagById = (id: number): FlagRow =>
  t.db.$client
    .prepare(
      `SELECT id, state, active, state_reason AS stateReason, last_seen_at AS lastSeenAt, project_id AS projectId FROM flags WHERE id = ?`,
    )
    .get(id) as FlagRow;
const projectId = (code: string) =>
  (t.db.$client.prepare("SELECT id FROM projects WHERE code = ?").get(code) as { id: number }).id;
const auditCount = (action: string, entityId?: number) =>
  (
    t.db.$client
      .prepare(
        `SELECT COUNT(*) AS n FROM audit_events WHERE action = ? AND (? IS NULL OR entity_id = ?)`,
      )
      .get(action, entityId === undefined ? null : String(entityId), entityId === undefined ? null : String(entityId)) as { n: number }
  ).n;

beforeAll(async () => {
  t = createTestDb();
  ({ planted } = await seedAll(t.db, { scale: 0.2, seed: 42 }));
  for (const role of ["coordinator", "leader", "auditor", "planner.hcm", "admin"]) {
    users[role] = userOf(`${role}@demo.citypilot.vn`);
  }
}, 120_000);
afterAll(() => {
  setDb(undefined);
  t?.cleanup();
});

describe("first recompute on the demo data", () => {
  let counts: Record<RuleCode, number>;
  beforeAll(() => {
    const r = recomputeFlags(t.db, undefined, { asOf });
    counts = r.counts;
    console.log(`flags at scale 0.2 (${r.ms} ms):`, JSON.stringify(counts));
    expect(r.created).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
  });

  it("finds every planted waste pattern by its rule", () => {
    const expectAll = (rule: RuleCode, codes: string[]) => {
      const found = flaggedCodes(rule);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.filter((c) => !found.has(c)), rule).toEqual([]);
    };
    expectAll("stalled_spending", planted.stalledWithRecentSpend);
    expectAll("cost_overrun", [...planted.overrunSpent, ...planted.overrunRaised]);
    expectAll("idle_allocation", planted.idleAllocations);
    expectAll("on_premise_hardware", planted.onPremiseDataCentres);
    expectAll("overlapping_app", planted.overlappingCitizenApps);
    expectAll("private_personal_data", [
      ...planted.privateContractorPersonalData.withSecurityLine,
      ...planted.privateContractorPersonalData.withoutSecurityLine,
    ]);
    expectAll("personal_data_no_security", planted.privateContractorPersonalData.withoutSecurityLine);
    expectAll(
      "replication_before_evaluation",
      planted.replicatedBeforeEvaluation.flatMap((r) => r.replicas),
    );
    expectAll("zombie_project", planted.zombies);
    const provinces = new Set(
      (
        t.db.$client
          .prepare(
            `SELECT o.code FROM flags f JOIN organisations o ON o.id = f.organisation_id
              WHERE f.rule_code = 'province_left_out' AND f.active = 1`,
          )
          .all() as { code: string }[]
      ).map((r) => r.code),
    );
    for (const code of [...planted.underservedProvinces.none, ...planted.underservedProvinces.few]) {
      expect(provinces, code).toContain(code);
    }
  });

  it("stays quiet where the planted near-miss is fine", () => {
    // Personal data with a security line: no missing-security flag.
    const noSec = flaggedCodes("personal_data_no_security");
    for (const c of planted.privateContractorPersonalData.withSecurityLine) expect(noSec.has(c), c).toBe(false);
    // Source pilots are not themselves replicas.
    const repl = flaggedCodes("replication_before_evaluation");
    for (const r of planted.replicatedBeforeEvaluation) expect(repl.has(r.pilot)).toBe(false);
  });

  it("writes one audit event per raised flag and one summary", () => {
    expect(auditCount("flag.raise")).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(auditCount("flags.recompute")).toBe(1);
  });
});

describe("lifecycle", () => {
  it("keeps triage state across a recompute", () => {
    const code = planted.zombies[0];
    const f = flagOf("zombie_project", code);
    applyTriage(t.db, users.coordinator, { intent: "acknowledge", flagId: f.id });
    const g = flagOf("on_premise_hardware", planted.onPremiseDataCentres[0]);
    applyTriage(t.db, users.coordinator, { intent: "dismiss", flagId: g.id, reason: "Đã có quyết định của Thủ tướng" });
    const r = recomputeFlags(t.db, undefined, { asOf });
    expect(r.created + r.reopened + r.cleared + r.reactivated).toBe(0);
    expect(flagById(f.id).state).toBe("acknowledged");
    expect(flagById(g.id)).toMatchObject({ state: "dismissed", stateReason: "Đã có quyết định của Thủ tướng", active: 1 });
    expect(auditCount("flag.acknowledge", f.id)).toBe(1);
  });

  it("reopens a resolved flag when its condition returns", () => {
    const code = planted.privateContractorPersonalData.withoutSecurityLine[0];
    const pid = projectId(code);
    const f = flagOf("private_personal_data", code);
    applyTriage(t.db, users.coordinator, { intent: "resolve", flagId: f.id, reason: "Chuyển cho Sở vận hành" });
    const c = t.db.$client;
    // The condition clears: a government agency takes over.
    c.prepare("UPDATE projects SET operator_type = 'government_agency' WHERE id = ?").run(pid);
    let r = recomputeFlags(t.db, undefined, { projectId: pid, asOf });
    expect(r.cleared).toBe(1);
    expect(flagById(f.id)).toMatchObject({ state: "resolved", active: 0 });
    expect(auditCount("flag.clear", f.id)).toBe(1);
    // …and returns.
    c.prepare("UPDATE projects SET operator_type = 'private_contractor' WHERE id = ?").run(pid);
    r = recomputeFlags(t.db, undefined, { projectId: pid, asOf });
    expect(r.reopened).toBe(1);
    expect(flagById(f.id)).toMatchObject({ state: "open", active: 1, stateReason: null });
    expect(auditCount("flag.reopen", f.id)).toBe(1);
  });

  it("recomputing one project touches only its flags", () => {
    const code = planted.stalledWithRecentSpend[0];
    const pid = projectId(code);
    const before = t.db.$client
      .prepare("SELECT id, last_seen_at AS s FROM flags WHERE project_id IS NOT ? ORDER BY id")
      .all(pid);
    const own = flagOf("stalled_spending", code);
    const r = recomputeFlags(t.db, undefined, { projectId: pid, asOf });
    expect(r.scope).toEqual({ projectId: pid });
    expect(r.counts.stalled_spending).toBe(1);
    const after = t.db.$client
      .prepare("SELECT id, last_seen_at AS s FROM flags WHERE project_id IS NOT ? ORDER BY id")
      .all(pid);
    expect(after).toEqual(before);
    expect(flagById(own.id).lastSeenAt).toBeGreaterThanOrEqual(own.lastSeenAt);
  });
});

describe("triage commands", () => {
  it("refuses a dismiss without a reason, writing nothing", () => {
    const f = flagOf("idle_allocation", planted.idleAllocations[0]);
    const n = auditCount("flag.dismiss");
    for (const reason of [undefined, "", "   "]) {
      let err: unknown;
      try {
        applyTriage(t.db, users.coordinator, { intent: "dismiss", flagId: f.id, reason });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FlagError);
      expect((err as FlagError).messageKey).toBe("flags.error.reasonRequired");
      expect((err as FlagError).field).toBe("reason");
    }
    expect(flagById(f.id).state).toBe("open");
    expect(auditCount("flag.dismiss")).toBe(n);
  });

  it("refuses an invalid transition", () => {
    const f = flagOf("idle_allocation", planted.idleAllocations[1]);
    expect(() => applyTriage(t.db, users.coordinator, { intent: "reopen", flagId: f.id })).toThrow(FlagError);
  });

  it("bulk-acknowledges open flags, skipping others, one audit event each", () => {
    const ids = planted.idleAllocations.map((c) => flagOf("idle_allocation", c).id);
    const dismissed = ids[2];
    applyTriage(t.db, users.coordinator, { intent: "dismiss", flagId: dismissed, reason: "Vốn đã điều chuyển" });
    const changed = applyTriage(t.db, users.coordinator, { intent: "bulk-acknowledge", flagIds: ids.map(String) });
    expect(changed.sort()).toEqual(ids.filter((id) => id !== dismissed).sort());
    for (const id of changed) expect(flagById(id).state).toBe("acknowledged");
    expect(flagById(dismissed).state).toBe("dismissed");
    for (const id of changed) expect(auditCount("flag.acknowledge", id)).toBe(1);
  });

  it("refuses planners, leaders, auditors and admins with 403, writing nothing", () => {
    const f = flagOf("cost_overrun", planted.overrunSpent[0]);
    for (const role of ["planner.hcm", "leader", "auditor", "admin"]) {
      let thrown: unknown;
      try {
        applyTriage(t.db, users[role], { intent: "acknowledge", flagId: f.id });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, role).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(403);
    }
    expect(flagById(f.id).state).toBe("open");
    expect(auditCount("flag.acknowledge", f.id)).toBe(0);
  });
});

describe("/flags page", () => {
  beforeAll(() => setDb(t.db));
  const get = async (role: string, search = "") => {
    try {
      return await flagsLoader({
        request: new Request(`http://localhost/flags${search}`, { headers: { Cookie: cookies[role] } }),
        params: {},
        context: {},
      });
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };
  const post = async (role: string, fields: [string, string][]) => {
    const body = new URLSearchParams(fields);
    try {
      return await flagsAction({
        request: new Request("http://localhost/flags", {
          method: "POST",
          headers: { Cookie: cookies[role], "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        params: {},
        context: {},
      });
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };

  it("lists flags filtered by rule, severity and province from the URL", async () => {
    const d = (await get("coordinator", "?rule=zombie_project&size=100")) as Awaited<ReturnType<typeof flagsLoader>>;
    expect(d.canTriage).toBe(true);
    expect(d.rows.length).toBeGreaterThan(0);
    expect(d.rows.every((r) => r.ruleCode === "zombie_project")).toBe(true);
    const codes = new Set(d.rows.map((r) => r.projectCode));
    for (const c of planted.zombies) expect(codes).toContain(c);
    const left = (await get("coordinator", "?province=P-CBG")) as Awaited<ReturnType<typeof flagsLoader>>;
    expect(left.rows.map((r) => r.ruleCode)).toContain("province_left_out");
    const high = (await get("leader", "?severity=high")) as Awaited<ReturnType<typeof flagsLoader>>;
    expect(high.canTriage).toBe(false);
    expect(high.rows.every((r) => r.severity === "high")).toBe(true);
  });

  it("shows planners only their own organisations' flags", async () => {
    const d = (await get("planner.hcm", "?size=100")) as Awaited<ReturnType<typeof flagsLoader>>;
    const own = users["planner.hcm"].ownOrganisationIds;
    const orgs = t.db.$client.prepare("SELECT id, organisation_id AS o FROM flags").all() as { id: number; o: number }[];
    const orgOf = new Map(orgs.map((r) => [r.id, r.o]));
    // A group flag shows when any of its members is theirs.
    const memberOrgs = (id: number) =>
      (
        t.db.$client
          .prepare("SELECT p.organisation_id AS o FROM flag_members m JOIN projects p ON p.id = m.project_id WHERE m.flag_id = ?")
          .all(id) as { o: number }[]
      ).map((x) => x.o);
    for (const r of d.rows) expect(own.has(orgOf.get(r.id)!) || memberOrgs(r.id).some((o) => own.has(o))).toBe(true);
  });

  it("dismiss without a reason comes back with the message beside the row's reason field", async () => {
    const f = flagOf("overlapping_app", planted.overlappingCitizenApps[0]);
    const res = (await post("coordinator", [["row", `dismiss:${f.id}`], [`reason-${f.id}`, " "]])) as unknown as {
      data: { ok: false; error: { message: string; fieldId: string } };
      init: { status: number };
    };
    expect(res.init.status).toBe(400);
    expect(res.data.error).toEqual({ message: "flags.error.reasonRequired", fieldId: `reason-${f.id}` });
    expect(flagById(f.id).state).toBe("open");
    const ok = (await post("coordinator", [["row", `dismiss:${f.id}`], [`reason-${f.id}`, "App tích hợp VNeID"]])) as {
      ok: boolean;
    };
    expect(ok.ok).toBe(true);
    expect(flagById(f.id)).toMatchObject({ state: "dismissed", stateReason: "App tích hợp VNeID" });
  });

  it("bulk acknowledge from the page; leaders, auditors and planners get 403", async () => {
    const ids = planted.overlappingCitizenApps.slice(1).map((c) => flagOf("overlapping_app", c).id);
    for (const role of ["leader", "auditor", "planner.hcm"]) {
      const res = (await post(role, ids.map((id) => ["flagIds", String(id)] as [string, string]).concat([["intent", "bulk-acknowledge"]]))) as Response;
      expect(res.status, role).toBe(403);
    }
    for (const id of ids) expect(flagById(id).state).toBe("open");
    const ok = (await post(
      "coordinator",
      ids.map((id) => ["flagIds", String(id)] as [string, string]).concat([["intent", "bulk-acknowledge"]]),
    )) as { ok: boolean; count: number };
    expect(ok).toEqual({ ok: true, count: ids.length });
    for (const id of ids) expect(flagById(id).state).toBe("acknowledged");
  });
});

describe("flags of a project and of a plan", () => {
  it("lists the active flags of a project and of the projects in its plan", () => {
    const code = planted.privateContractorPersonalData.withoutSecurityLine[1];
    const pid = projectId(code);
    const rules = flagsOfProject(t.db, pid)
      .filter((f) => f.subjectType === "project")
      .map((f) => f.ruleCode);
    expect(rules).toEqual(expect.arrayContaining(["private_personal_data", "personal_data_no_security"]));
    const planId = (t.db.$client.prepare("SELECT plan_id AS p FROM projects WHERE id = ?").get(pid) as { p: number }).p;
    const inPlan = flagsOfPlan(t.db, planId);
    expect(inPlan.filter((f) => f.projectCode === code).length).toBe(rules.length);
  });
});
