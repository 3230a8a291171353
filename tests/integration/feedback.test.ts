/**
 * Resident feedback on a real SQLite file: citizen ID numbers never reach
 * the database file or its WAL, one stance per ID per project, rate limits
 * per ID and per address (persisted under keyed hashes), the honeypot,
 * moderation (only published comments are public) and the audit trail.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { citizenIdSecret, citizenKey, SECRET_FILE_NAME } from "~/modules/citizen-id/key.server";
import { moderateFeedback, submitFeedback, type SubmitFeedback } from "~/modules/feedback/commands.server";
import { PER_ID_POLICY, PER_IP_POLICY } from "~/modules/feedback/limits";
import { feedbackCounts, moderationQueue, publishedComments } from "~/modules/feedback/queries.server";
import { setProjectPublished } from "~/modules/public/publish.server";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let file: string;
let cleanup: () => void;
let fx: PagesFixture;
let hcm1: number;
let lcu1: number;
let unpublished: number;
let hcmProvince: number;
const savedSecret = process.env.CITIZEN_ID_SECRET;

const projectId = (code: string) =>
  (db.$client.prepare("SELECT id FROM projects WHERE code = ?").get(code) as { id: number }).id;
const count = (sql: string, ...args: unknown[]) => (db.$client.prepare(sql).get(...args) as { n: number }).n;

/** A valid CCCD number, different for every n < 10^6 (Hồ Chí Minh, male, born 1985). */
const idOf = (n: number, prefix = "079085") => `${prefix}${String(n).padStart(6, "0")}`;

function submit(over: Partial<SubmitFeedback> & { citizenId: string }) {
  return submitFeedback(db, { projectId: hcm1, kind: "support", provinceId: hcmProvince, ip: null, ...over });
}

beforeAll(() => {
  delete process.env.CITIZEN_ID_SECRET; // exercise the generated secret file
  ({ db, file, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
  hcm1 = projectId("T-HCM-1");
  lcu1 = projectId("T-LCU-1");
  unpublished = projectId("T-HNI-1");
  hcmProvince = fx.org("P-HCM");
  const actor = { userId: fx.userIds.coordinator, label: "coordinator@test.vn" };
  setProjectPublished(db, actor, { id: hcm1, organisationId: fx.org("P-HCM") }, "publish");
  setProjectPublished(db, actor, { id: lcu1, organisationId: fx.org("LP-12") }, "publish");
});

afterAll(() => {
  setDb(undefined);
  cleanup();
  if (savedSecret === undefined) delete process.env.CITIZEN_ID_SECRET;
  else process.env.CITIZEN_ID_SECRET = savedSecret;
});

describe("the secret", () => {
  it("is generated once into a 0600 file beside the database, never into it", () => {
    const secret = citizenIdSecret(db);
    const secretFile = path.join(path.dirname(file), SECRET_FILE_NAME);
    expect(fs.existsSync(secretFile)).toBe(true);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(citizenIdSecret(db).equals(secret)).toBe(true);
    // Keys are HMACs: stable for one secret, different under another.
    const k = citizenKey(db, idOf(1));
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(citizenKey(db, idOf(1))).toBe(k);
    process.env.CITIZEN_ID_SECRET = "another-secret-of-at-least-32-characters!";
    try {
      expect(citizenKey(db, idOf(1))).not.toBe(k);
    } finally {
      delete process.env.CITIZEN_ID_SECRET;
    }
  });
});

describe("no ID number is ever stored", () => {
  it("writes feedback for 400 IDs (some typed into the text too); none is in the database file or its WAL", () => {
    const ids = Array.from({ length: 400 }, (_, i) => idOf(100_000 + i * 7));
    ids.forEach((id, i) => {
      const kind = (["support", "oppose", "comment"] as const)[i % 3];
      const r = submit({
        citizenId: id,
        kind,
        // Some residents also type their number into the text: it is masked before storing.
        body:
          kind === "comment" || i % 5 === 0 ? `Ý kiến số ${i} về dự án${i % 2 ? ` (CCCD ${id})` : ""}` : null,
        projectId: i % 2 ? hcm1 : lcu1,
        ip: `198.51.100.${i % 250}`,
      });
      expect(r.ok).toBe(true);
    });
    expect(count("SELECT COUNT(*) AS n FROM feedback")).toBeGreaterThanOrEqual(400);
    expect(count("SELECT COUNT(*) AS n FROM feedback WHERE body LIKE ?", "%(CCCD [•••])%")).toBeGreaterThan(0);
    const wal = `${file}-wal`;
    expect(fs.existsSync(wal)).toBe(true);
    /** Every 12-digit window of every run of ASCII digits (1 byte each, or UTF-16LE: digit + NUL). */
    const digitWindows = (bytes: Buffer) => {
      const out = new Set<string>();
      const collect = (step: number, offset: number) => {
        let run = "";
        for (let i = offset; i < bytes.length; i += step) {
          const c = bytes[i];
          const isDigit = c >= 0x30 && c <= 0x39 && (step === 1 || bytes[i + 1] === 0);
          if (isDigit) run += String.fromCharCode(c);
          if (!isDigit || i + step >= bytes.length) {
            for (let j = 0; j + 12 <= run.length; j++) out.add(run.slice(j, j + 12));
            run = "";
          }
        }
      };
      collect(1, 0);
      collect(2, 0);
      collect(2, 1);
      return out;
    };
    const scan = () => {
      const bytes = Buffer.concat([
        fs.readFileSync(file),
        fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0),
      ]);
      const windows = digitWindows(bytes);
      const latin = bytes.toString("latin1");
      const found = ids.filter((id) => windows.has(id));
      // Nor the client addresses.
      const ips = ["198.51.100.1", "198.51.100.249"].filter((ip) => latin.includes(ip));
      return { found, ips, walBytes: fs.existsSync(wal) ? fs.statSync(wal).size : 0 };
    };
    const before = scan();
    expect(before.walBytes).toBeGreaterThan(0);
    expect(before.found).toEqual([]);
    expect(before.ips).toEqual([]);
    // After a checkpoint the pages live in the main file: still nothing.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(scan().found).toEqual([]);
    // The scanner itself finds a number that is stored (control).
    const canary = ids[5];
    db.$client
      .prepare("INSERT INTO login_throttle (key, failures, window_started_at) VALUES (?, 0, 0)")
      .run(`canary:${canary}`);
    expect(scan().found).toEqual([canary]);
    db.$client.prepare("DELETE FROM login_throttle WHERE key = ?").run(`canary:${canary}`);
    // What is stored is the keyed hash.
    const keys = db.$client.prepare("SELECT DISTINCT citizen_key AS k FROM feedback").all() as {
      k: string;
    }[];
    expect(keys.every((r) => /^[0-9a-f]{64}$/.test(r.k))).toBe(true);
    expect(keys.map((r) => r.k)).toContain(citizenKey(db, ids[0]));
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});

describe("one stance per ID per project", () => {
  it("counts a support once, lets the person change to oppose, and counts projects apart", () => {
    const id = idOf(1, "001190"); // Hà Nội, male, born 1990
    const base = feedbackCounts(db, hcm1);
    expect(submit({ citizenId: id })).toEqual({ ok: true, outcome: "counted", commentPending: false });
    expect(submit({ citizenId: id })).toEqual({ ok: true, outcome: "unchanged", commentPending: false });
    expect(feedbackCounts(db, hcm1).support).toBe(base.support + 1);
    expect(submit({ citizenId: id, kind: "oppose" })).toMatchObject({ ok: true, outcome: "changed" });
    const after = feedbackCounts(db, hcm1);
    expect(after.support).toBe(base.support);
    expect(after.oppose).toBe(base.oppose + 1);
    const key = citizenKey(db, id);
    expect(
      count(
        "SELECT COUNT(*) AS n FROM feedback WHERE project_id = ? AND citizen_key = ? AND kind IN ('support','oppose')",
        hcm1,
        key,
      ),
    ).toBe(1);
    // The same person on another project is another stance.
    expect(submit({ citizenId: id, projectId: lcu1 })).toMatchObject({ ok: true, outcome: "counted" });
    // A stance with text adds a comment waiting for moderation.
    expect(submit({ citizenId: id, projectId: lcu1, body: "Tôi ủng hộ, nên mở rộng" })).toEqual({
      ok: true,
      outcome: "unchanged",
      commentPending: true,
    });
    expect(
      count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'feedback.stance'"),
    ).toBeGreaterThanOrEqual(1);
  });

  it("refuses unpublished projects and provinces not in force", () => {
    expect(submit({ citizenId: idOf(2, "001190"), projectId: unpublished })).toEqual({
      ok: false,
      problem: "project",
    });
    expect(submit({ citizenId: idOf(2, "001190"), provinceId: fx.org("LP-74") })).toEqual({
      ok: false,
      problem: "province",
    });
  });
});

describe("rate limits and honeypot", () => {
  it(`allows ${PER_ID_POLICY.maxFailures} submissions per ID a day, then refuses until the window ends`, () => {
    const id = idOf(3, "012200"); // Lai Châu, male, born 2000
    const t0 = Date.UTC(2026, 10, 26, 3);
    for (let i = 0; i < PER_ID_POLICY.maxFailures; i++) {
      expect(submit({ citizenId: id, kind: "comment", body: `Góp ý lần ${i}`, now: t0 + i })).toMatchObject({
        ok: true,
      });
    }
    const refused = submit({ citizenId: id, kind: "comment", body: "Một lần nữa", now: t0 + 100 });
    expect(refused).toMatchObject({ ok: false, problem: "rateLimitedId" });
    const n = count("SELECT COUNT(*) AS n FROM feedback WHERE citizen_key = ?", citizenKey(db, id));
    expect(n).toBe(PER_ID_POLICY.maxFailures);
    // The counter is persisted under the keyed hash, not the number.
    const keys = (
      db.$client.prepare("SELECT key FROM login_throttle WHERE key LIKE 'feedback:%'").all() as {
        key: string;
      }[]
    ).map((r) => r.key);
    expect(keys).toContain(`feedback:id:${citizenKey(db, id)}`);
    expect(keys.some((k) => k.includes(id))).toBe(false);
    // A day later the person may write again.
    expect(
      submit({
        citizenId: id,
        kind: "comment",
        body: "Ngày hôm sau",
        now: t0 + PER_ID_POLICY.lockMs + 1_000,
      }),
    ).toMatchObject({ ok: true });
  });

  it(`allows ${PER_IP_POLICY.maxFailures} submissions an hour per address, whatever the IDs`, () => {
    const ip = "203.0.113.77";
    const t0 = Date.UTC(2026, 10, 26, 5);
    for (let i = 0; i < PER_IP_POLICY.maxFailures; i++) {
      expect(submit({ citizenId: idOf(500 + i, "048295"), ip, now: t0 + i })).toMatchObject({ ok: true });
    }
    expect(submit({ citizenId: idOf(999, "048295"), ip, now: t0 + 500 })).toMatchObject({
      ok: false,
      problem: "rateLimitedIp",
    });
    // Another address is not affected; the address itself is nowhere in the table.
    expect(submit({ citizenId: idOf(999, "048295"), ip: "203.0.113.78", now: t0 + 600 })).toMatchObject({
      ok: true,
    });
    const raw = db.$client.prepare("SELECT key FROM login_throttle").all() as { key: string }[];
    expect(raw.some((r) => r.key.includes("203.0.113"))).toBe(false);
    expect(
      submit({ citizenId: idOf(998, "048295"), ip, now: t0 + PER_IP_POLICY.lockMs + 1_000 }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("a filled honeypot writes nothing (no feedback, no counter, no audit event)", () => {
    const before = {
      feedback: count("SELECT COUNT(*) AS n FROM feedback"),
      audit: count("SELECT COUNT(*) AS n FROM audit_events"),
      throttle: count("SELECT COUNT(*) AS n FROM login_throttle"),
    };
    const r = submit({
      citizenId: idOf(4, "079301"),
      kind: "comment",
      body: "Mua thuốc giá rẻ",
      honeypot: "http://spam",
    });
    expect(r).toEqual({ ok: true, outcome: "ignored", commentPending: false });
    expect({
      feedback: count("SELECT COUNT(*) AS n FROM feedback"),
      audit: count("SELECT COUNT(*) AS n FROM audit_events"),
      throttle: count("SELECT COUNT(*) AS n FROM login_throttle"),
    }).toEqual(before);
  });
});

describe("moderation", () => {
  it("publishes and rejects pending comments (audited); only published ones are public; a second decision is skipped", () => {
    const coordinator = { userId: fx.userIds.coordinator, label: "coordinator@test.vn" };
    const a = submit({ citizenId: idOf(10, "001200"), kind: "comment", body: "Rất hữu ích cho người dân" });
    const b = submit({ citizenId: idOf(11, "001200"), kind: "comment", body: "Nội dung không phù hợp" });
    expect(a.ok && b.ok).toBe(true);
    const ids = (
      db.$client
        .prepare("SELECT id, body FROM feedback WHERE body IN (?, ?) ORDER BY id")
        .all("Rất hữu ích cho người dân", "Nội dung không phù hợp") as { id: number; body: string }[]
    ).map((r) => r.id);
    const queue = moderationQueue(db, "pending", 999); // the newest are on the last page (oldest first)
    expect(queue.items.map((i) => i.id)).toEqual(expect.arrayContaining(ids));
    expect(publishedComments(db, hcm1).map((c) => c.body)).not.toContain("Rất hữu ích cho người dân");
    const auditBefore = count("SELECT COUNT(*) AS n FROM audit_events");

    expect(moderateFeedback(db, coordinator, { ids: [ids[0]], decision: "publish" })).toEqual({
      done: [ids[0]],
      skipped: [],
    });
    expect(
      moderateFeedback(db, coordinator, { ids: [ids[1]], decision: "reject", reason: "Không liên quan" }),
    ).toEqual({
      done: [ids[1]],
      skipped: [],
    });
    // Someone else deciding the same comments later changes nothing.
    expect(moderateFeedback(db, coordinator, { ids, decision: "reject", reason: "x" })).toEqual({
      done: [],
      skipped: ids,
    });
    expect(count("SELECT COUNT(*) AS n FROM audit_events")).toBe(auditBefore + 2);
    const ev = db.$client
      .prepare(
        "SELECT before, after, actor_user_id AS actor FROM audit_events WHERE action = 'feedback.reject' ORDER BY id DESC LIMIT 1",
      )
      .get() as { before: string; after: string; actor: number };
    expect(JSON.parse(ev.before)).toEqual({ state: "pending" });
    expect(JSON.parse(ev.after)).toMatchObject({ state: "rejected", reason: "Không liên quan" });
    expect(ev.actor).toBe(fx.userIds.coordinator);

    const bodies = publishedComments(db, hcm1).map((c) => c.body);
    expect(bodies).toContain("Rất hữu ích cho người dân");
    expect(bodies).not.toContain("Nội dung không phù hợp");
    expect(moderationQueue(db, "rejected").items.find((i) => i.id === ids[1])).toMatchObject({
      moderationReason: "Không liên quan",
      moderatorName: "coordinator",
    });
    const counts = feedbackCounts(db, hcm1);
    expect(counts.comments).toBe(
      count(
        "SELECT COUNT(*) AS n FROM feedback WHERE project_id = ? AND kind = 'comment' AND state = 'published'",
        hcm1,
      ),
    );
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
