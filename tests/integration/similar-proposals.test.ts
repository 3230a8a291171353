/**
 * Similar proposals on a seeded demo database (scale 0.1, seed 42):
 * - loadProposals: every non-cancelled project as a dedupe proposal, placed
 *   in its current province; the planted double submissions are found;
 * - findSimilar: a draft against every organisation's proposals;
 * - decisions (stored with their audit event), and plan submission refused
 *   until each similar proposal has one;
 * - the pages: GET /projects/similar, decisions on the plan page (403 for a
 *   project of another organisation).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "#db/client.server";
import { seedAll, type PlantedManifest } from "#seeds/index";
import { getCurrentUser, type CurrentUser } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { detectDuplicates } from "~/modules/dedupe";
import { loadProposals, type ProjectProposal } from "~/modules/dedupe/proposals.server";
import { createPlan, PlanCommandError, submitPlan, type PlanActor } from "~/modules/plans/commands.server";
import { getPlanRef } from "~/modules/plans/queries.server";
import { decideSimilar, SIMILAR_AUDIT_ACTION, SimilarDecisionError } from "~/modules/similar/commands.server";
import { needsDecision } from "~/modules/similar/match";
import {
  findSimilar,
  planSimilarity,
  pendingDecisions,
  projectsSimilarity,
  similarToProject,
} from "~/modules/similar/similar.server";
import { createTestDb, type TestDb } from "./helpers/db";

let t: TestDb;
let planted: PlantedManifest;
let proposals: ProjectProposal[];
const users: Record<string, CurrentUser> = {};
const cookies: Record<string, string> = {};
const userOf = (who: string): CurrentUser => {
  const row = t.db.$client
    .prepare("SELECT id FROM users WHERE email = ?")
    .get(`${who}@demo.citypilot.vn`) as {
    id: number;
  };
  cookies[who] = `${SESSION_COOKIE}=${createSession(t.db, row.id).token}`;
  return getCurrentUser(new Request("http://localhost/", { headers: { Cookie: cookies[who] } }), t.db)!;
};
const planActor = (who: string): PlanActor => ({ ...users[who], id: users[who].id, email: users[who].email });
const actor = (who: string) => ({ userId: users[who].id, label: users[who].email });
const org = (code: string) =>
  (t.db.$client.prepare("SELECT id FROM organisations WHERE code = ?").get(code) as { id: number }).id;
const project = (code: string) =>
  t.db.$client
    .prepare(
      `SELECT id, code, organisation_id AS organisationId, province_id AS provinceId, city_id AS cityId,
              title_vi AS titleVi, description_vi AS descriptionVi, domain, components, phase, version,
              replicates_project_id AS replicatesProjectId, plan_id AS planId
         FROM projects WHERE code = ?`,
    )
    .get(code) as {
    id: number;
    code: string;
    organisationId: number;
    provinceId: number | null;
    cityId: number | null;
    titleVi: string;
    descriptionVi: string;
    domain: string;
    components: string;
    phase: string;
    version: number;
    replicatesProjectId: number | null;
    planId: number | null;
  };
const draftOf = (code: string, organisationId?: number) => {
  const p = project(code);
  return {
    titleVi: p.titleVi,
    descriptionVi: p.descriptionVi,
    organisationId: organisationId ?? p.organisationId,
    provinceId: p.provinceId,
    cityId: p.cityId,
    domain: p.domain,
    components: JSON.parse(p.components) as string[],
  };
};
const byCode = (code: string) => {
  const p = proposals.find((x) => x.code === code);
  if (!p) throw new Error(`no proposal ${code}`);
  return p;
};

beforeAll(async () => {
  t = createTestDb();
  ({ planted } = await seedAll(t.db, { scale: 0.1, seed: 42 }));
  proposals = loadProposals(t.db);
  for (const who of ["planner.hcm", "planner.laichau", "coordinator", "leader"]) users[who] = userOf(who);
  setDb(t.db);
}, 120_000);
afterAll(() => {
  setDb(undefined);
  t?.cleanup();
});

describe("loadProposals", () => {
  it("returns every non-cancelled project once, with code, organisation, phase and approved budget", () => {
    const counts = t.db.$client
      .prepare("SELECT COUNT(*) AS n, SUM(phase = 'cancelled') AS c FROM projects")
      .get() as { n: number; c: number };
    expect(proposals.length).toBe(counts.n - counts.c);
    expect(proposals.some((p) => p.phase === "cancelled")).toBe(false);
    const p = proposals[0];
    expect(p.id).toBe(p.projectId);
    expect(typeof p.code).toBe("string");
    expect(p.organisationId).toBeGreaterThan(0);
    expect(Array.isArray(p.components)).toBe(true);
    const approved = t.db.$client
      .prepare("SELECT COALESCE(SUM(approved_amount), 0) AS a FROM budget_lines WHERE project_id = ?")
      .get(p.projectId) as { a: number };
    expect(p.approved).toBe(approved.a);
  });

  it("leaves out the excluded project", () => {
    const first = proposals[0];
    const rest = loadProposals(t.db, { excludeProjectId: first.projectId });
    expect(rest.length).toBe(proposals.length - 1);
    expect(rest.some((p) => p.projectId === first.projectId)).toBe(false);
  });

  it("places a legacy-province project in its successor, and a ministry project in its province", () => {
    const legacy = planted.doubleSubmissions.find((d) => d.kind === "legacy_copy")!;
    const [a, b] = legacy.codes.map(byCode);
    expect(a.province).toBe("P-HCM");
    expect(b.province).toBe("P-HCM");
    expect(b.provinceName).toBe(a.provinceName);
    expect(a.city).toBe("C-TDM");
    const ministry = planted.doubleSubmissions.find((d) => d.kind === "ministry_and_province")!;
    const [ma, mb] = ministry.codes.map(byCode);
    expect(ma.province).toBe("P-HUE");
    expect(mb.province).toBe("P-HUE");
    const city = planted.doubleSubmissions.find((d) => d.kind === "province_and_city")!;
    expect(city.codes.map(byCode).map((p) => p.province)).toEqual(["P-KHA", "P-KHA"]);
  });

  it("feeds the dedupe module: every planted double submission is a same_project pair", () => {
    const { pairs } = detectDuplicates(proposals);
    const found = new Set(pairs.filter((p) => p.kind === "same_project").map((p) => `${p.a}-${p.b}`));
    for (const d of planted.doubleSubmissions) {
      const [x, y] = d.codes.map((c) => byCode(c).projectId).sort((m, n) => m - n);
      expect(found.has(`${x}-${y}`), `${d.kind} ${d.codes.join(" / ")}`).toBe(true);
    }
  });
});

describe("findSimilar", () => {
  it("finds the planted double submissions from the other organisation's side", () => {
    for (const kind of [
      "ministry_and_province",
      "province_and_city",
      "legacy_copy",
      "rephrased",
      "no_diacritics",
      "english_copy",
    ]) {
      const d = planted.doubleSubmissions.find((x) => x.kind === kind)!;
      const [a, b] = d.codes;
      // b written again as a draft (by its own owner), with b itself left out: a must be found.
      const found = findSimilar(t.db, draftOf(b), {
        excludeProjectId: project(b).id,
        viewer: users["planner.hcm"],
      });
      const hit = found.find((m) => m.code === a);
      expect(
        hit,
        `${kind}: ${b} → ${a}; got ${found.map((m) => `${m.code}:${m.kind}:${m.score}`).join(", ")}`,
      ).toBeDefined();
      expect(hit!.kind).toBe("same_project");
      // Every planted double submission is strong enough to need a decision at submission.
      expect(needsDecision(hit!), `${kind} score ${hit!.score}`).toBe(true);
      expect(hit!.explanation.sharedTerms.length).toBeGreaterThan(0);
      expect(hit!.explanation.samePlace).toBe(true);
    }
    // The ministry's and the province's are different organisations.
    const m = planted.doubleSubmissions.find((x) => x.kind === "ministry_and_province")!;
    expect(project(m.codes[0]).organisationId).not.toBe(project(m.codes[1]).organisationId);
  });

  it("finds the same solution proposed by other provinces, with owner, province and phase", () => {
    const found = findSimilar(
      t.db,
      {
        titleVi: "Xây dựng Trung tâm giám sát, điều hành đô thị thông minh (IOC)",
        descriptionVi: "Trung tâm điều hành tập hợp dữ liệu giao thông, môi trường, phản ánh hiện trường.",
        organisationId: org("P-LCU"),
        domain: "governance",
        components: ["ioc", "dashboard"],
      },
      { viewer: users["planner.laichau"], limit: 50 },
    );
    const iocs = found.filter((m) => planted.sameSolution.ioc.includes(m.code));
    expect(iocs.length).toBeGreaterThanOrEqual(5);
    for (const m of iocs) {
      expect(m.kind).toBe("same_solution");
      expect(m.provinceNameVi).toBeTruthy();
      expect(m.provinceNameVi).not.toBe("Lai Châu");
      expect(m.organisationNameVi).toBeTruthy();
      expect(m.phase).toBeTruthy();
      expect(m.explanation.sharedTypes).toContain("ioc");
      // Another organisation's project: shown, not linked.
      expect(m.canRead).toBe(false);
    }
  });

  it("does not relate an unrelated look-alike (forest-fire cameras vs the planted traffic cameras)", () => {
    const d = planted.doubleSubmissions.find((x) => x.kind === "rephrased")!;
    const owner = project(d.codes[0]).organisationId;
    const found = findSimilar(
      t.db,
      {
        titleVi: "Hệ thống camera cảnh báo sớm cháy rừng",
        descriptionVi:
          "Camera nhiệt trên chòi canh phát hiện sớm điểm cháy rừng, báo cho lực lượng kiểm lâm.",
        organisationId: owner,
        domain: "environment",
        components: ["camera", "iot"],
      },
      { limit: 100 },
    );
    for (const code of d.codes) expect(found.map((m) => m.code)).not.toContain(code);
    // While the traffic-camera text itself finds them.
    const traffic = findSimilar(t.db, draftOf(d.codes[1]), { excludeProjectId: project(d.codes[1]).id });
    expect(traffic.map((m) => m.code)).toContain(d.codes[0]);
  });

  it("links only what the viewer may read", () => {
    const d = planted.doubleSubmissions.find((x) => x.kind === "legacy_copy")!;
    const found = findSimilar(t.db, draftOf(d.codes[0]), { viewer: users["planner.hcm"] });
    expect(found.length).toBeGreaterThan(0);
    for (const m of found)
      expect(m.canRead).toBe(users["planner.hcm"].ownOrganisationIds.has(m.organisationId));
    expect(found.some((m) => m.canRead)).toBe(true);
    const asCoordinator = findSimilar(t.db, draftOf(d.codes[0]), { viewer: users.coordinator });
    expect(asCoordinator.every((m) => m.canRead)).toBe(true);
  });

  it("answers a draft quickly once the corpus is prepared", () => {
    findSimilar(t.db, draftOf(planted.sameSolution.ioc[0]));
    const t0 = performance.now();
    for (let k = 0; k < 20; k++)
      findSimilar(t.db, { ...draftOf(planted.sameSolution.ioc[k % 5]), titleVi: `IOC ${k}` });
    const ms = (performance.now() - t0) / 20;
    console.log(
      `findSimilar on ${proposals.length} proposals: ${ms.toFixed(1)} ms per draft (prepared corpus cached)`,
    );
    expect(ms).toBeLessThan(250);
  });
});

describe("decisions and plan submission", () => {
  let planId: number;
  let projectCode: string;
  beforeAll(() => {
    // A fresh HCM plan holding the HCM side of the planted legacy copy.
    const d = planted.doubleSubmissions.find((x) => x.kind === "legacy_copy")!;
    projectCode = d.codes.find((c) => project(c).organisationId === org("P-HCM"))!;
    ({ id: planId } = createPlan(t.db, planActor("planner.hcm"), {
      organisationId: org("P-HCM"),
      code: "KH-SIMILAR-1",
      titleVi: "Kế hoạch kiểm tra đề xuất tương tự",
      summaryVi: "Tóm tắt",
      periodStart: 2027,
      periodEnd: 2030,
    }));
    t.db.$client
      .prepare("UPDATE projects SET plan_id = ?, phase = 'proposed' WHERE code = ?")
      .run(planId, projectCode);
  });

  it("refuses submission while a similar proposal has no decision, listing it", () => {
    const similarity = planSimilarity(t.db, planId, users["planner.hcm"]);
    const pending = pendingDecisions(similarity);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => p.projectCode === projectCode)).toBe(true);
    expect(similarity[0].matches.every(needsDecision)).toBe(true);
    try {
      submitPlan(t.db, planActor("planner.hcm"), planId, { version: getPlanRef(t.db, planId)!.version });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanCommandError);
      expect((e as PlanCommandError).problem).toBe("similarUndecided");
      expect((e as PlanCommandError).details.similarPending).toEqual(pending);
    }
    expect(getPlanRef(t.db, planId)!.status).toBe("draft");
  });

  it("stores each decision with its audit event, then lets the plan be submitted", () => {
    const p = project(projectCode);
    const pending = pendingDecisions(planSimilarity(t.db, planId, null));
    const auditBefore = (
      t.db.$client
        .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = ?")
        .get(SIMILAR_AUDIT_ACTION) as { n: number }
    ).n;
    for (const item of pending) {
      decideSimilar(t.db, actor("planner.hcm"), {
        intent: "similarDecision",
        projectId: p.id,
        otherProjectId: project(item.otherCode).id,
        decision: "not_duplicate",
        statement: "Giai đoạn 2 mở rộng của chính trung tâm này, không phải dự án mới.",
      });
    }
    const rows = t.db.$client
      .prepare(
        "SELECT other_project_id AS o, kind, score, decision, statement, decided_by AS by FROM similarity_reviews WHERE project_id = ?",
      )
      .all(p.id) as {
      o: number;
      kind: string;
      score: number;
      decision: string;
      statement: string;
      by: number;
    }[];
    expect(rows.length).toBe(pending.length);
    for (const r of rows) {
      expect(r.decision).toBe("not_duplicate");
      expect(r.statement).toMatch(/Giai đoạn 2/);
      expect(r.by).toBe(users["planner.hcm"].id);
      expect(r.score).toBeGreaterThan(0);
    }
    const audits = t.db.$client
      .prepare("SELECT entity_id AS e, after FROM audit_events WHERE action = ? ORDER BY id")
      .all(SIMILAR_AUDIT_ACTION) as { e: string; after: string }[];
    expect(audits.length - auditBefore).toBe(pending.length);
    expect(JSON.parse(audits.at(-1)!.after)).toMatchObject({
      decision: "not_duplicate",
      statement: expect.stringMatching(/Giai đoạn 2/),
    });
    expect(pendingDecisions(planSimilarity(t.db, planId, null))).toEqual([]);
    const { revision } = submitPlan(t.db, planActor("planner.hcm"), planId, {
      version: getPlanRef(t.db, planId)!.version,
    });
    expect(revision).toBe(1);
    // The plan is under review now: its projects' decisions are frozen.
    expect(() =>
      decideSimilar(t.db, actor("planner.hcm"), {
        intent: "similarDecision",
        projectId: p.id,
        otherProjectId: rows[0].o,
        decision: "not_duplicate",
        statement: "Thay đổi sau khi đã gửi kế hoạch.",
      }),
    ).toThrow(SimilarDecisionError);
  });

  it("withdraws a project (cancelled with the reason) and links a replication", () => {
    // Withdraw: the Bình Dương side of another pair.
    const rephrased = planted.doubleSubmissions.find((x) => x.kind === "rephrased")!;
    const [a, b] = rephrased.codes.map(project);
    t.db.$client.prepare("UPDATE projects SET plan_id = NULL WHERE id = ?").run(b.id);
    decideSimilar(t.db, actor("coordinator"), {
      intent: "similarDecision",
      projectId: b.id,
      otherProjectId: a.id,
      decision: "withdrawn",
      statement: "Trùng với dự án đã duyệt.",
      projectVersion: b.version,
    });
    const after = project(b.code);
    expect(after.phase).toBe("cancelled");
    const review = t.db.$client
      .prepare("SELECT decision FROM similarity_reviews WHERE project_id = ? AND other_project_id = ?")
      .get(b.id, a.id) as { decision: string };
    expect(review.decision).toBe("withdrawn");
    const actions = (
      t.db.$client
        .prepare(
          "SELECT action FROM audit_events WHERE entity_type = 'project' AND entity_id = ? ORDER BY id DESC LIMIT 2",
        )
        .all(String(b.id)) as { action: string }[]
    ).map((r) => r.action);
    expect(actions.sort()).toEqual([SIMILAR_AUDIT_ACTION, "project.phase"].sort());

    // Replication: a proposal whose same_solution match is a pilot (or later) elsewhere.
    const candidates = t.db.$client
      .prepare(
        `SELECT p.code FROM projects p LEFT JOIN plans pl ON pl.id = p.plan_id
          WHERE p.phase = 'proposed' AND (pl.id IS NULL OR pl.status IN ('draft', 'returned')) ORDER BY p.id`,
      )
      .all() as { code: string }[];
    let done = false;
    for (const { code } of candidates) {
      const p = project(code);
      const m = similarToProject(t.db, p.id, { limit: 50 }).find(
        (x) =>
          x.kind === "same_solution" && ["pilot", "evaluation", "scaling", "operational"].includes(x.phase),
      );
      if (!m) continue;
      decideSimilar(t.db, actor("coordinator"), {
        intent: "similarDecision",
        projectId: p.id,
        otherProjectId: m.projectId,
        decision: "replication",
        projectVersion: p.version,
      });
      expect(project(code).replicatesProjectId).toBe(m.projectId);
      expect(project(code).version).toBe(p.version + 1);
      done = true;
      break;
    }
    expect(done).toBe(true);
  });

  it("asks no decision between two projects of the same plan (submitted together), but does against the rest", () => {
    const d = planted.doubleSubmissions.find((x) => x.kind === "no_diacritics")!;
    const [a, b] = d.codes.map(project);
    const { id } = createPlan(t.db, planActor("coordinator"), {
      organisationId: a.organisationId,
      code: "KH-SIMILAR-PAIR",
      titleVi: "Hai dự án cùng kế hoạch",
      summaryVi: "Tóm tắt",
      periodStart: 2027,
      periodEnd: 2030,
    });
    const move = t.db.$client.prepare("UPDATE projects SET plan_id = ? WHERE id = ?");
    move.run(id, a.id);
    // Alone in the plan, its twin (outside the plan) needs a decision.
    expect(pendingDecisions(planSimilarity(t.db, id, null)).map((p) => p.otherCode)).toContain(b.code);
    move.run(id, b.id);
    const pending = pendingDecisions(planSimilarity(t.db, id, null));
    expect(pending.some((p) => d.codes.includes(p.projectCode) && d.codes.includes(p.otherCode))).toBe(false);
  });

  it("asks no decision between a replication and its source pilot, or two replications of one pilot", () => {
    const r = planted.replicatedBeforeEvaluation.find((x) => x.replicas.length >= 1)!;
    const pilot = project(r.pilot);
    const family = new Set([r.pilot, ...r.replicas]);
    for (const code of r.replicas) {
      const p = project(code);
      expect(p.replicatesProjectId).toBe(pilot.id);
      // The dedupe finds them similar…
      const all = similarToProject(t.db, p.id, { limit: 100 }).map((m) => m.code);
      expect(all.some((c) => family.has(c))).toBe(true);
      // …but they are linked on purpose: no decision asked.
      const [mine] = projectsSimilarity(t.db, [{ id: p.id, code, titleVi: "", titleEn: null }], null);
      expect(mine.matches.filter((m) => family.has(m.code))).toEqual([]);
    }
  });

  it("refuses a decision on a project that is not similar", () => {
    const ioc = project(planted.sameSolution.ioc[0]);
    const unrelated = planted.doubleSubmissions.find((x) => x.kind === "no_diacritics")!.codes[0];
    expect(() =>
      decideSimilar(t.db, actor("coordinator"), {
        intent: "similarDecision",
        projectId: ioc.id,
        otherProjectId: project(unrelated).id,
        decision: "not_duplicate",
        statement: "Không liên quan gì cả.",
      }),
    ).toThrow(/notSimilar/);
  });
});

describe("pages", () => {
  const get = (path: string, who: string) =>
    new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who] } });
  const post = (path: string, who: string, form: Record<string, string | number>) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(form)) body.set(k, String(v));
    return new Request(`http://localhost${path}`, {
      method: "POST",
      body,
      headers: { Cookie: cookies[who] },
    });
  };
  const status = async (p: Promise<unknown>) => {
    try {
      const r = await p;
      return r instanceof Response ? r.status : 200;
    } catch (e) {
      if (e instanceof Response) return e.status;
      throw e;
    }
  };

  it("GET /projects/similar lists another province's proposals with the reason, unlinked for a planner", async () => {
    const { loader } = await import("~/routes/projects.similar");
    const qs = new URLSearchParams({
      titleVi: "Trung tâm giám sát, điều hành đô thị thông minh (IOC)",
      organisationId: String(org("P-LCU")),
    });
    const res = (await loader({
      request: get(`/projects/similar?${qs}`, "planner.laichau"),
      params: {},
      context: {},
    })) as {
      items: { code: string; kind: string; canRead: boolean; explanation: { sharedTerms: string[] } }[];
    };
    const iocs = res.items.filter((m) => planted.sameSolution.ioc.includes(m.code));
    expect(iocs.length).toBeGreaterThan(0);
    expect(iocs.every((m) => !m.canRead && m.explanation.sharedTerms.includes("ioc"))).toBe(true);
    // Bad input: a clear 400, not a crash.
    const bad = await loader({
      request: get("/projects/similar?titleVi=x&organisationId=abc", "planner.laichau"),
      params: {},
      context: {},
    });
    expect(bad).toMatchObject({ init: { status: 400 } });
    // Anonymous users are sent to log in.
    expect(
      await status(
        loader({
          request: new Request("http://localhost/projects/similar?titleVi=IOC"),
          params: {},
          context: {},
        }),
      ),
    ).toBe(302);
  });

  it("GET /projects/similar?reviewsOf= shows decisions to those who may read the project only", async () => {
    const { loader } = await import("~/routes/projects.similar");
    const d = planted.doubleSubmissions.find((x) => x.kind === "legacy_copy")!;
    const hcm = d.codes.map(project).find((p) => p.organisationId === org("P-HCM"))!;
    const asCoordinator = (await loader({
      request: get(`/projects/similar?reviewsOf=${hcm.id}`, "coordinator"),
      params: {},
      context: {},
    })) as {
      reviews: { decision: string; statement: string }[];
    };
    expect(asCoordinator.reviews.length).toBeGreaterThan(0);
    expect(asCoordinator.reviews[0]).toMatchObject({ decision: "not_duplicate" });
    expect(
      await status(
        loader({
          request: get(`/projects/similar?reviewsOf=${hcm.id}`, "planner.laichau"),
          params: {},
          context: {},
        }),
      ),
    ).toBe(403);
  });

  it("the plan page shows the coordinator the statements, and refuses a planner's decision on another organisation's project (403)", async () => {
    const { loader, action } = await import("~/routes/plans.$id");
    const planId = (
      t.db.$client.prepare("SELECT id FROM plans WHERE code = 'KH-SIMILAR-1'").get() as { id: number }
    ).id;
    const page = (await loader({
      request: get(`/plans/${planId}`, "coordinator"),
      params: { id: String(planId) },
      context: {},
    })) as {
      similarity: { matches: { review: { statement: string } | null }[] }[];
      similarCanDecide: boolean;
    };
    expect(page.similarity[0].matches.length).toBeGreaterThan(0);
    expect(page.similarity[0].matches.every((m) => m.review?.statement.includes("Giai đoạn 2"))).toBe(true);
    expect(page.similarCanDecide).toBe(false); // submitted: under review

    // Lai Châu's planner, on a plan of their own, forging an HCM project id.
    const { id: lcuPlan } = createPlan(t.db, planActor("planner.laichau"), {
      organisationId: org("P-LCU"),
      code: "KH-SIMILAR-LCU",
      titleVi: "Kế hoạch Lai Châu",
      summaryVi: "Tóm tắt",
      periodStart: 2027,
      periodEnd: 2030,
    });
    const d = planted.doubleSubmissions.find((x) => x.kind === "rephrased")!;
    const [a] = d.codes.map(project);
    const form = {
      intent: "similarDecision",
      projectId: a.id,
      otherProjectId: project(d.codes[1]).id,
      decision: "not_duplicate",
      statement: "Không trùng, vì tôi nói vậy.",
    };
    expect(
      await status(
        action({
          request: post(`/plans/${lcuPlan}`, "planner.laichau", form),
          params: { id: String(lcuPlan) },
          context: {},
        }),
      ),
    ).toBe(403);
    // Leaders read everything and change nothing.
    expect(
      await status(
        action({
          request: post(`/plans/${lcuPlan}`, "leader", form),
          params: { id: String(lcuPlan) },
          context: {},
        }),
      ),
    ).toBe(403);
    expect(
      t.db.$client.prepare("SELECT COUNT(*) AS n FROM similarity_reviews WHERE project_id = ?").get(a.id),
    ).toEqual({ n: 0 });

    // A missing statement: 400 with the message beside the field, nothing written.
    const res = (await action({
      request: post(`/plans/${lcuPlan}`, "planner.laichau", { ...form, statement: "" }),
      params: { id: String(lcuPlan) },
      context: {},
    })) as { init: { status: number }; data: { similar: { reply: { error: Record<string, string[]> } } } };
    expect(res.init.status).toBe(400);
    expect(res.data.similar.reply.error.statement).toEqual(["similar.error.statementRequired"]);
  });
});
