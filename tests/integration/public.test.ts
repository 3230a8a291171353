/**
 * Public portal routes, called directly (loaders and actions) on a real
 * SQLite file: no login needed; unpublished projects are 404; loader output
 * objects carry only public fields (checked on the objects, not the HTML),
 * with internal markers planted in review comments, flags, plans, users,
 * milestone evidence and pending/rejected feedback; the feedback action
 * (validation, field errors, honeypot, redirect); moderation and publishing
 * permissions.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { action as feedbackAction, loader as projectLoader } from "~/routes/public.projects.$code";
import { loader as listLoader } from "~/routes/public._index";
import { loader as provinceLoader } from "~/routes/public.provinces.$id";
import { action as moderationAction, loader as moderationLoader } from "~/routes/moderation";
import { action as publishAction } from "~/routes/projects.$code_.publish";
import { loader as internalProjectLoader } from "~/routes/projects.$code";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;
const MARK = "INTERNAL-MARKER-7f3a";

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;

function req(
  path: string,
  {
    cookie,
    form,
    locale,
  }: { cookie?: string; form?: Record<string, string | string[]>; locale?: string } = {},
) {
  const headers: Record<string, string> = {};
  const cookies = [cookie, locale ? `cp_lang=${locale}` : null].filter(Boolean).join("; ");
  if (cookies) headers.Cookie = cookies;
  if (!form) return new Request(`http://localhost${path}`, { headers });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return new Request(`http://localhost${path}`, { method: "POST", headers, body });
}

async function call<T>(
  fn: Fn,
  request: Request,
  params: Record<string, string> = {},
  clientIp = "192.0.2.10",
) {
  try {
    const out = await fn({ request, params, context: { clientIp } } as LoaderFunctionArgs);
    // `data(...)` results carry a status and the payload.
    if (
      out &&
      typeof out === "object" &&
      "type" in out &&
      (out as { type: string }).type === "DataWithResponseInit"
    ) {
      const d = out as unknown as { data: T; init: { status?: number } };
      return { data: d.data, status: d.init?.status ?? 200 };
    }
    return { data: out as T, status: 200 };
  } catch (e) {
    if (e instanceof Response) return { response: e, status: e.status };
    throw e;
  }
}

/** Every key of a nested object/array. */
function allKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => allKeys(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      allKeys(x, out);
    }
  }
  return out;
}

const INTERNAL_KEYS = [
  "citizenKey",
  "citizen_key",
  "reviewComments",
  "flags",
  "plan",
  "planId",
  "plan_id",
  "version",
  "searchText",
  "createdBy",
  "hardwareCapex",
  "evidence",
  "moderatedBy",
  "moderationReason",
  "moderatorName",
  "authorName",
  "authorId",
  "email",
  "history",
  "organisationId",
  "published",
  "state",
  "id",
];

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
  const c = db.$client;
  const pid = (code: string) =>
    (c.prepare("SELECT id FROM projects WHERE code = ?").get(code) as { id: number }).id;
  // Published: T-HCM-1 (HCM) and T-BDG-1 (legacy Bình Dương, now HCM). Not published: T-HNI-1.
  c.prepare("UPDATE projects SET published = 1, published_at = ? WHERE code IN ('T-HCM-1', 'T-BDG-1')").run(
    Date.UTC(2026, 5, 1),
  );
  const hcm1 = pid("T-HCM-1");
  const plan = (c.prepare("SELECT plan_id AS p FROM projects WHERE id = ?").get(hcm1) as { p: number }).p;
  // Internal things that must never reach a public loader.
  c.prepare(
    "INSERT INTO review_comments (plan_id, project_id, revision, author_id, body) VALUES (?, ?, 1, ?, ?)",
  ).run(plan, hcm1, fx.userIds.coordinator, `${MARK} review`);
  c.prepare(
    `INSERT INTO flags (fingerprint, rule_code, severity, subject_type, project_id, evidence, first_seen_at, last_seen_at)
     VALUES ('fp-1', 'stalled_spending', 'high', 'project', ?, ?, 0, 0)`,
  ).run(hcm1, JSON.stringify({ note: `${MARK} flag` }));
  c.prepare(
    "INSERT INTO milestones (project_id, name_vi, due_date, done_date, weight, evidence) VALUES (?, 'Khảo sát', '2026-03-01', '2026-02-20', 2, ?)",
  ).run(hcm1, `${MARK} evidence`);
  c.prepare(
    "INSERT INTO lessons_learned (project_id, recorded_on, body_vi, author_id) VALUES (?, '2026-04-01', 'Cần đào tạo cán bộ', ?)",
  ).run(hcm1, fx.userIds.coordinator);
  c.prepare(
    `INSERT INTO data_register (project_id, category, purpose_vi, legal_basis, retention, operator_type, operator_name, aggregated_only)
     VALUES (?, 'location', 'Điều phối giao thông', 'Nghị định 13/2023/NĐ-CP', '12 tháng', 'government_agency', 'Sở Xây dựng', 1)`,
  ).run(hcm1);
  const fb = c.prepare(
    "INSERT INTO feedback (project_id, kind, body, citizen_key, province_id, state, moderation_reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  fb.run(hcm1, "comment", "Ý kiến đã đăng công khai", "k1", fx.org("P-HCM"), "published", null);
  fb.run(hcm1, "comment", `${MARK} pending`, "k2", fx.org("P-HCM"), "pending", null);
  fb.run(hcm1, "comment", `${MARK} rejected`, "k3", fx.org("P-HCM"), "rejected", `${MARK} reason`);
  fb.run(hcm1, "support", null, "k4", fx.org("P-HCM"), "published", null);
  fb.run(hcm1, "support", null, "k5", fx.org("P-HN"), "published", null);
  fb.run(hcm1, "oppose", null, "k6", fx.org("P-HN"), "published", null);
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

describe("public loaders", () => {
  it("/public lists published projects only, without login, with URL filters", async () => {
    const r = await call<Awaited<ReturnType<typeof listLoader>>>(listLoader, req("/public"));
    expect(r.status).toBe(200);
    expect(r.data!.rows.map((p) => p.code).sort()).toEqual(["T-BDG-1", "T-HCM-1"]);
    const hcm = r.data!.rows.find((p) => p.code === "T-HCM-1")!;
    expect(hcm.feedback).toEqual({ support: 2, oppose: 1, comments: 1 });
    // The legacy province's project is shown in today's province.
    expect(r.data!.rows.find((p) => p.code === "T-BDG-1")!.province?.id).toBe(fx.org("P-HCM"));
    const province = await call<Awaited<ReturnType<typeof listLoader>>>(
      listLoader,
      req(`/public?province=${fx.org("P-HCM")}&domain=governance`),
    );
    expect(province.data!.total).toBe(2);
    const none = await call<Awaited<ReturnType<typeof listLoader>>>(
      listLoader,
      req(`/public?province=${fx.org("P-HN")}`),
    );
    expect(none.data!.total).toBe(0);
    const phase = await call<Awaited<ReturnType<typeof listLoader>>>(
      listLoader,
      req("/public?phase=operational&page=abc"),
    );
    expect(phase.data!.rows.map((p) => p.code)).toEqual(["T-BDG-1"]);
    expect(phase.data!.query.page).toBe(1);
    const keys = allKeys(r.data!.rows);
    // "id" appears only as a province's id (for its public page link), never a project's.
    expect(INTERNAL_KEYS.filter((k) => k !== "id" && keys.has(k))).toEqual([]);
    expect(r.data!.rows.every((row) => !("id" in row))).toBe(true);
    expect(JSON.stringify(r.data)).not.toContain(MARK);
  });

  it("/public/projects/:code returns public fields only (checked on the object)", async () => {
    const r = await call<Awaited<ReturnType<typeof projectLoader>>>(
      projectLoader,
      req("/public/projects/T-HCM-1"),
      {
        code: "T-HCM-1",
      },
    );
    expect(r.status).toBe(200);
    const d = r.data!;
    expect(d.project.code).toBe("T-HCM-1");
    expect(Object.keys(d.project).sort()).toEqual(
      [
        "app",
        "city",
        "code",
        "comments",
        "cooperators",
        "dataUse",
        "descriptionEn",
        "descriptionVi",
        "domain",
        "endDate",
        "feedback",
        "handlesPersonalData",
        "hostingModel",
        "lessons",
        "milestones",
        "money",
        "operatorName",
        "operatorType",
        "owner",
        "personalDataCategories",
        "phase",
        "province",
        "publishedAt",
        "startDate",
        "titleEn",
        "titleVi",
      ].sort(),
    );
    expect(d.project.feedback).toEqual({ support: 2, oppose: 1, comments: 1 });
    expect(d.project.comments.map((c) => c.body)).toEqual(["Ý kiến đã đăng công khai"]);
    expect(Object.keys(d.project.comments[0]).sort()).toEqual([
      "body",
      "createdAt",
      "id",
      "provinceNameEn",
      "provinceNameVi",
    ]);
    expect(d.project.milestones).toEqual([
      { nameVi: "Khảo sát", nameEn: null, dueDate: "2026-03-01", doneDate: "2026-02-20" },
    ]);
    expect(d.project.lessons).toEqual([
      { recordedOn: "2026-04-01", bodyVi: "Cần đào tạo cán bộ", bodyEn: null },
    ]);
    expect(d.project.dataUse).toEqual([
      expect.objectContaining({ category: "location", aggregatedOnly: true, operatorName: "Sở Xây dựng" }),
    ]);
    expect(d.project.money.approved).toBe(7_500_000_000);
    expect(d.project.money.disbursed).toBe(1_000_000_000);
    const keys = allKeys(d.project);
    expect(INTERNAL_KEYS.filter((k) => k !== "id" && keys.has(k))).toEqual([]);
    // The only "id" is a published comment's own id (an anchor), never the project's or a user's.
    expect(d.project).not.toHaveProperty("id");
    const text = JSON.stringify(d);
    expect(text).not.toContain(MARK);
    expect(text).not.toContain("coordinator@test.vn");
    expect(text).not.toContain("PL-HCM-2026");
  });

  it("an unpublished or unknown project is 404, whoever asks", async () => {
    for (const code of ["T-HNI-1", "NOPE-1"]) {
      const r = await call(
        projectLoader,
        req(`/public/projects/${code}`, { cookie: fx.cookies.coordinator }),
        { code },
      );
      expect(r.status).toBe(404);
    }
    const post = await call(
      feedbackAction,
      req("/public/projects/T-HNI-1", {
        form: { kind: "support", citizenId: "079085000001", provinceId: String(fx.org("P-HCM")) },
      }),
      { code: "T-HNI-1" },
    );
    expect(post.status).toBe(404);
  });

  it("/public/provinces/:id totals today's province incl. merged ones; a legacy id moves; others 404", async () => {
    const r = await call<Awaited<ReturnType<typeof provinceLoader>>>(
      provinceLoader,
      req(`/public/provinces/${fx.org("P-HCM")}`),
      { id: String(fx.org("P-HCM")) },
    );
    expect(r.status).toBe(200);
    expect(r.data!.projects.map((p) => p.code).sort()).toEqual(["T-BDG-1", "T-HCM-1"]);
    expect(r.data!.totals).toEqual({
      approved: 19_500_000_000,
      disbursed: 10_500_000_000,
      support: 2,
      oppose: 1,
      comments: 1,
    });
    expect(r.data!.province.predecessors.map((p) => p.nameVi)).toContain("Bình Dương");
    expect(JSON.stringify(r.data)).not.toContain(MARK);
    const keys = allKeys(r.data!.projects);
    expect(INTERNAL_KEYS.filter((k) => k !== "id" && keys.has(k))).toEqual([]);
    expect(r.data!.projects.every((row) => !("id" in row))).toBe(true);
    const moved = await call(provinceLoader, req(`/public/provinces/${fx.org("LP-74")}`), {
      id: String(fx.org("LP-74")),
    });
    expect(moved.status).toBe(302);
    expect(moved.response!.headers.get("Location")).toBe(`/public/provinces/${fx.org("P-HCM")}`);
    for (const id of [String(fx.org("M-MOST")), "999999", "abc"]) {
      expect((await call(provinceLoader, req(`/public/provinces/${id}`), { id })).status).toBe(404);
    }
  });
});

describe("feedback action", () => {
  const form = (over: Record<string, string> = {}) => ({
    kind: "support",
    citizenId: "079 085 123456",
    provinceId: String(fx.org("P-HCM")),
    body: "",
    website: "",
    ...over,
  });

  it("explains a bad ID beside the field, keeps what was typed, writes nothing", async () => {
    const before = (db.$client.prepare("SELECT COUNT(*) AS n FROM feedback").get() as { n: number }).n;
    const cases: [string, string][] = [
      ["12345", "feedback.error.citizenId.format"],
      ["003085123456", "feedback.error.citizenId.province"],
      ["079585123456", "feedback.error.citizenId.century"],
      ["079285123456", "feedback.error.citizenId.birthYear"],
      ["079215123456", "feedback.error.citizenId.tooYoung"],
    ];
    for (const [citizenId, key] of cases) {
      const r = await call<{ error: Record<string, string[]>; initialValue: Record<string, string> }>(
        feedbackAction,
        req("/public/projects/T-HCM-1", {
          form: form({ citizenId, kind: "comment", body: "Nên có thêm điểm" }),
        }),
        { code: "T-HCM-1" },
      );
      expect(r.status).toBe(400);
      expect(r.data!.error.citizenId).toEqual([key]);
      expect(r.data!.initialValue).toMatchObject({ body: "Nên có thêm điểm", kind: "comment" });
    }
    const missing = await call<{ error: Record<string, string[]> }>(
      feedbackAction,
      req("/public/projects/T-HCM-1", { form: { citizenId: "" } }),
      { code: "T-HCM-1" },
    );
    expect(missing.data!.error).toMatchObject({
      kind: ["feedback.error.kindRequired"],
      citizenId: ["feedback.error.citizenId.required"],
      provinceId: ["feedback.error.provinceRequired"],
    });
    const noBody = await call<{ error: Record<string, string[]> }>(
      feedbackAction,
      req("/public/projects/T-HCM-1", { form: form({ kind: "comment" }) }),
      { code: "T-HCM-1" },
    );
    expect(noBody.data!.error.body).toEqual(["feedback.error.bodyRequired"]);
    const legacy = await call<{ error: Record<string, string[]> }>(
      feedbackAction,
      req("/public/projects/T-HCM-1", { form: form({ provinceId: String(fx.org("LP-74")) }) }),
      { code: "T-HCM-1" },
    );
    expect(legacy.data!.error.provinceId).toEqual(["feedback.error.provinceUnknown"]);
    expect((db.$client.prepare("SELECT COUNT(*) AS n FROM feedback").get() as { n: number }).n).toBe(before);
  });

  it("counts a support and redirects to the thanks notice; a repeat is 'unchanged'", async () => {
    const r = await call(feedbackAction, req("/public/projects/T-HCM-1", { form: form() }), {
      code: "T-HCM-1",
    });
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("Location")).toBe("/public/projects/T-HCM-1?sent=counted#feedback-result");
    const again = await call(
      feedbackAction,
      req("/public/projects/T-HCM-1", { form: form({ citizenId: "079085123456" }) }),
      {
        code: "T-HCM-1",
      },
    );
    expect(again.response!.headers.get("Location")).toContain("sent=unchanged");
    const page = await call<Awaited<ReturnType<typeof projectLoader>>>(
      projectLoader,
      req("/public/projects/T-HCM-1?sent=counted"),
      { code: "T-HCM-1" },
    );
    expect(page.data!.sent).toBe("counted");
    expect(page.data!.project.feedback.support).toBe(3);
  });

  it("a filled honeypot gets the same thanks and writes nothing", async () => {
    const before = (db.$client.prepare("SELECT COUNT(*) AS n FROM feedback").get() as { n: number }).n;
    const r = await call(
      feedbackAction,
      req("/public/projects/T-HCM-1", {
        form: form({ citizenId: "079085654321", website: "https://spam.example" }),
      }),
      { code: "T-HCM-1" },
    );
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("Location")).toContain("sent=counted");
    expect((db.$client.prepare("SELECT COUNT(*) AS n FROM feedback").get() as { n: number }).n).toBe(before);
  });
});

describe("moderation and publishing permissions", () => {
  it("/moderation: anonymous → login, planner/leader/auditor → 403, coordinator sees the queue", async () => {
    const anon = await call(moderationLoader, req("/moderation"));
    expect(anon.status).toBe(302);
    expect(anon.response!.headers.get("Location")).toContain("/login");
    for (const who of ["plannerHcm", "leader", "auditor", "admin"] as const) {
      expect((await call(moderationLoader, req("/moderation", { cookie: fx.cookies[who] }))).status).toBe(
        403,
      );
      expect(
        (
          await call(
            moderationAction,
            req("/moderation", { cookie: fx.cookies[who], form: { decision: "publish", ids: "1" } }),
          )
        ).status,
      ).toBe(403);
    }
    const ok = await call<Awaited<ReturnType<typeof moderationLoader>>>(
      moderationLoader,
      req("/moderation", { cookie: fx.cookies.coordinator }),
    );
    expect(ok.data!.queue.items.map((i) => i.body)).toContain(`${MARK} pending`);
  });

  it("a coordinator publishes in bulk; a rejection without reason is refused beside the field", async () => {
    const pendingId = (
      db.$client.prepare("SELECT id FROM feedback WHERE body = ?").get(`${MARK} pending`) as { id: number }
    ).id;
    const noReason = await call<{ error: Record<string, string[]> }>(
      moderationAction,
      req("/moderation", {
        cookie: fx.cookies.coordinator,
        form: { decision: "reject", ids: [String(pendingId)] },
      }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data!.error.reason).toEqual(["feedback.moderation.error.reasonRequired"]);
    const none = await call<{ error: Record<string, string[]> }>(
      moderationAction,
      req("/moderation", { cookie: fx.cookies.coordinator, form: { decision: "publish" } }),
    );
    expect(none.data!.error.ids).toEqual(["feedback.moderation.error.noneSelected"]);
    const r = await call(
      moderationAction,
      req("/moderation", {
        cookie: fx.cookies.coordinator,
        form: { decision: "publish", ids: [String(pendingId), "999999"] },
      }),
    );
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("Location")).toBe("/moderation?done=1&skipped=1");
    const page = await call<Awaited<ReturnType<typeof projectLoader>>>(
      projectLoader,
      req("/public/projects/T-HCM-1"),
      {
        code: "T-HCM-1",
      },
    );
    expect(page.data!.project.comments.map((c) => c.body)).toContain(`${MARK} pending`);
  });

  it("POST /projects/:code/publish: coordinators only; audited; the internal page shows state and counts", async () => {
    const form = { intent: "publish" };
    for (const who of ["plannerHcm", "leader", "auditor", "admin"] as const) {
      const r = await call(
        publishAction,
        req("/projects/T-HNI-1/publish", { cookie: fx.cookies[who], form }),
        { code: "T-HNI-1" },
      );
      expect(r.status).toBe(403);
    }
    const ok = await call(
      publishAction,
      req("/projects/T-HNI-1/publish", { cookie: fx.cookies.coordinator, form }),
      {
        code: "T-HNI-1",
      },
    );
    expect(ok.response!.headers.get("Location")).toBe("/projects/T-HNI-1?publication=publish#publication");
    const audit = db.$client
      .prepare(
        "SELECT before, after, actor_user_id AS actor FROM audit_events WHERE action = 'project.publish' ORDER BY id DESC LIMIT 1",
      )
      .get() as { before: string; after: string; actor: number };
    expect(JSON.parse(audit.before)).toEqual({ published: false });
    expect(JSON.parse(audit.after)).toEqual({ published: true });
    expect(audit.actor).toBe(fx.userIds.coordinator);
    expect((await call(projectLoader, req("/public/projects/T-HNI-1"), { code: "T-HNI-1" })).status).toBe(
      200,
    );
    const again = await call(
      publishAction,
      req("/projects/T-HNI-1/publish", { cookie: fx.cookies.coordinator, form }),
      {
        code: "T-HNI-1",
      },
    );
    expect(again.response!.headers.get("Location")).toContain("publication=unchanged");
    const withdraw = await call(
      publishAction,
      req("/projects/T-HNI-1/publish", { cookie: fx.cookies.coordinator, form: { intent: "unpublish" } }),
      { code: "T-HNI-1" },
    );
    expect(withdraw.response!.headers.get("Location")).toContain("publication=unpublish");
    expect((await call(projectLoader, req("/public/projects/T-HNI-1"), { code: "T-HNI-1" })).status).toBe(
      404,
    );

    const internal = await call<{
      publication: { published: boolean; counts: Record<string, number>; canPublish: boolean };
    }>(internalProjectLoader, req("/projects/T-HCM-1", { cookie: fx.cookies.plannerHcm }), {
      code: "T-HCM-1",
    });
    expect(internal.data!.publication).toMatchObject({
      published: true,
      canPublish: false,
      counts: { support: 3, oppose: 1, comments: 2, pending: 0 },
    });
  });
});
