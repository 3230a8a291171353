/**
 * Crash checks against the REAL production HTTP server (parts 4 and 5 of
 * `npm run bench:faults`): the app built into build-load/ and started as
 * `npm run serve` starts it (bench/server-process.ts), on the bench's copy of the
 * scale-10 database, driven over HTTP by signed-in users (sessions made
 * directly in the database, as bench/load.ts does), and killed with SIGKILL —
 * the process that holds the listening socket, found through /proc, whatever
 * wrappers (npm, cross-env, tsx) sit above it. After each kill the server is
 * started again on the same file (SQLite recovers the WAL when it opens it)
 * and the database is checked from a second connection while it runs.
 *
 *  - httpBurstRounds: planners post ledger entries (the form of bench/load.ts's
 *    "entry" kind, a unique document reference each) from many concurrent
 *    clients; an entry is acknowledged when the server answers its redirect to
 *    `?saved=created`. Kill at a random moment 1.5–4 s into the burst.
 *  - httpImportRounds: a planner uploads a 10,000-row plan workbook to
 *    /plans/:id/import (preview) and confirms it (the apply: one transaction);
 *    one round is left to finish, the others are killed at a random moment
 *    while the confirmation runs.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../db/schema";
import type { Db } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { createSession } from "../app/auth/session.server";
import { SESSION_COOKIE } from "../app/auth/token";
import { verifyAuditChain } from "../app/modules/audit/audit.server";
import {
  budgetRow,
  buildWorkbook,
  milestoneRow,
  plannedRow,
  projectRow,
} from "../tests/integration/import-support";
import { checkAfterCrash, type Ack } from "./faults-lib";
import { entryForm } from "./load-forms";
import { BUILD_DIR, freePort, killServer, serveCommand, startServer, stopServer } from "./server-process";

export { ensureServeBuild } from "./server-process";

// ---------------------------------------------------------------------------
// Shared checks.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pageStatus(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  await res.text();
  return res.status;
}

function cookieFor(db: Db, email: string): string {
  const user = db.$client
    .prepare("SELECT id FROM users WHERE email = ?")
    .get(`${email}@demo.citypilot.vn`) as { id: number } | undefined;
  if (!user) throw new Error(`no user ${email}@demo.citypilot.vn in the database`);
  return `${SESSION_COOKIE}=${createSession(db, user.id).token}`;
}

const cell = (v: string | number, width: number) => String(v).padStart(width);

// ---------------------------------------------------------------------------
// Part 4: kill -9 during a burst of transaction entry over HTTP.

interface Planner {
  who: string;
  cookie: string;
  projects: { code: string; lineId: number }[];
}

/** Planners of three organisations, signed in, each with projects whose ledger they may write. */
function signInPlanners(db: Db): Planner[] {
  const c = db.$client;
  const writable = (orgCode: string) =>
    c
      .prepare(
        `SELECT p.code, MIN(b.id) AS lineId FROM projects p JOIN budget_lines b ON b.project_id = p.id
           JOIN organisations o ON o.id = p.organisation_id
          WHERE o.code = ? AND p.phase <> 'cancelled'
          GROUP BY p.id ORDER BY p.id LIMIT 20`,
      )
      .all(orgCode) as { code: string; lineId: number }[];
  return [
    ["planner.hcm", "P-HCM"],
    ["planner.laichau", "P-LCU"],
    ["planner.most", "M-MOST"],
  ].map(([who, org]) => ({ who: who!, cookie: cookieFor(db, who!), projects: writable(org!) }));
}

/**
 * `rounds` crashes of the server in the middle of `clients` concurrent clients
 * posting ledger entries. Returns true when every check held.
 */
export async function httpBurstRounds(
  file: string,
  opts: { rounds: number; clients: number; log?: (line: string) => void },
): Promise<boolean> {
  const log = opts.log ?? console.log;
  const db = openDatabase(file);
  const planners = signInPlanners(db);
  db.$client.close();
  for (const p of planners) if (!p.projects.length) throw new Error(`${p.who} has no project to book on`);

  const port = await freePort();
  const runId = Date.now().toString(36);
  const today = new Date().toISOString().slice(0, 10);
  const refPrefix = `HTTP-${runId}-`;
  let server = await startServer(file, port);
  log(
    `   server: ${serveCommand().label} (NODE_ENV=production, ${BUILD_DIR}/), pid ${server.pid} listening on ` +
      `${server.base}, up in ${server.startMs.toFixed(0)} ms; ${opts.clients} clients as ${planners.map((p) => p.who).join(", ")}`,
  );
  log(
    "round  acked  killed after  unanswered (stored)  restart ms  integrity  missing  duplicated  without audit  audit chain  page  check ms",
  );
  const all: Ack[] = [];
  let ok = true;
  let seq = 0;
  try {
    for (let r = 1; r <= opts.rounds; r++) {
      const acked: Ack[] = [];
      const unanswered = new Set<string>();
      const statuses = new Map<string, number>();
      let killed = false;
      const killAfter = Math.round(1500 + Math.random() * 2500);
      const burstStart = performance.now();
      const target = server;
      const kill = sleep(killAfter).then(async () => {
        killed = true;
        await killServer(target);
      });
      const client = async (n: number) => {
        const planner = planners[n % planners.length]!;
        while (!killed) {
          const project = planner.projects[Math.floor(Math.random() * planner.projects.length)]!;
          const ref = `${refPrefix}${r}-${n}-${++seq}`;
          unanswered.add(ref);
          try {
            const res = await fetch(`${target.base}/projects/${project.code}/transactions`, {
              method: "POST",
              headers: {
                Cookie: planner.cookie,
                Origin: target.base,
                "Content-Type": "application/x-www-form-urlencoded",
              },
              body: entryForm({
                budgetLineId: project.lineId,
                date: today,
                amount: 1_000 + (seq % 1000),
                documentRef: ref,
                overrideReason: "fault test",
              }),
              redirect: "manual",
            });
            await res.text();
            unanswered.delete(ref);
            const saved =
              res.status >= 300 &&
              res.status < 400 &&
              /saved=created/.test(res.headers.get("location") ?? "");
            if (saved) acked.push({ id: null, ref });
            const key = saved ? "saved" : String(res.status);
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
          } catch {
            // The connection died with the server: this entry was never answered.
            if (!killed) {
              statuses.set("network error", (statuses.get("network error") ?? 0) + 1);
              await sleep(50);
            }
          }
        }
      };
      await Promise.all([kill, ...Array.from({ length: opts.clients }, (_, n) => client(n))]);
      const killedAfterMs = performance.now() - burstStart;
      all.push(...acked);

      server = await startServer(file, port);
      const t = performance.now();
      const after = checkAfterCrash(file, all, { refPrefix });
      const page = await pageStatus(
        `${server.base}/projects/${planners[0]!.projects[0]!.code}/transactions`,
        planners[0]!.cookie,
      );
      const checkMs = performance.now() - t;
      // Entries sent but never answered may or may not have committed; count those that did.
      const reader = new Database(file, { readonly: true });
      const stored = new Set(
        (
          reader
            .prepare("SELECT document_ref AS ref FROM transactions WHERE document_ref LIKE ? || '%'")
            .all(`${refPrefix}${r}-`) as { ref: string }[]
        ).map((x) => x.ref),
      );
      reader.close();
      const unansweredStored = [...unanswered].filter((ref) => stored.has(ref)).length;
      const notOk = [...statuses.keys()].filter((k) => k !== "saved");
      const roundOk =
        after.integrity === "ok" &&
        !after.missing.length &&
        !after.duplicated.length &&
        !after.unpaired &&
        after.auditOk &&
        page === 200 &&
        acked.length > 0 &&
        notOk.length === 0;
      ok &&= roundOk;
      log(
        [
          cell(r, 5),
          cell(acked.length, 6),
          cell(`${killedAfterMs.toFixed(0)} ms`, 13),
          cell(`${unanswered.size} (${unansweredStored})`, 20),
          cell(server.startMs.toFixed(0), 11),
          cell(after.integrity, 10),
          cell(after.missing.length, 8),
          cell(after.duplicated.length, 11),
          cell(after.unpaired, 14),
          cell(after.auditOk ? `ok (${after.auditCount})` : "BROKEN", 12),
          cell(page, 5),
          cell(checkMs.toFixed(0), 9),
        ].join(" "),
      );
      if (notOk.length)
        log(
          `   round ${r}: answers other than the saved redirect: ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
    }
  } finally {
    await stopServer(server);
  }
  log(
    `   ${all.length} entries acknowledged by the server over ${opts.rounds} kill -9s, all present exactly once ` +
      `with their audit event: ${ok ? "yes" : "NO"}`,
  );
  return ok;
}

// ---------------------------------------------------------------------------
// Part 5: kill -9 during a large import over HTTP.

/** A 10,000-row plan workbook (2,500 each of projects, budget lines, planned disbursements, milestones). */
async function planWorkbook(first: number, rows: number): Promise<{ bytes: Uint8Array; projects: number }> {
  const perSheet = Math.ceil(rows / 4);
  // Codes of the plan's organisation (HCM-yyyy-nnn) that no plan of the scale-10 database uses.
  const projects = Array.from({ length: perSheet }, (_, n) =>
    projectRow("HCM", first + n, { code: `HCM-2039-${String(first + n).padStart(5, "0")}` }),
  );
  const codes = projects.map((p) => p.code as string);
  const bytes = await buildWorkbook({
    projects,
    budget: codes.map((code) => budgetRow(code)),
    disbursements: codes.map((code, n) => plannedRow(code, (n % 4) + 1, 1_000_000_000)),
    milestones: codes.map((code, n) => milestoneRow(code, n)),
  });
  return { bytes, projects: perSheet };
}

interface PlanState {
  projects: number;
  budgetLines: number;
  planned: number;
  milestones: number;
  importAudits: number;
  integrity: string;
  auditOk: boolean;
  auditCount: number;
}

function planState(file: string, planId: number): PlanState {
  const sqlite = new Database(file);
  try {
    const one = (sql: string) => (sqlite.prepare(sql).get(planId) as { n: number }).n;
    const inPlan = "SELECT id FROM projects WHERE plan_id = ?";
    const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    const audit = verifyAuditChain(drizzle(sqlite, { schema }) as unknown as Db);
    return {
      projects: one("SELECT COUNT(*) AS n FROM projects WHERE plan_id = ?"),
      budgetLines: one(`SELECT COUNT(*) AS n FROM budget_lines WHERE project_id IN (${inPlan})`),
      planned: one(`SELECT COUNT(*) AS n FROM planned_disbursements WHERE project_id IN (${inPlan})`),
      milestones: one(`SELECT COUNT(*) AS n FROM milestones WHERE project_id IN (${inPlan})`),
      importAudits: one(
        `SELECT COUNT(*) AS n FROM audit_events WHERE action = 'project.create' AND entity_type = 'project'
            AND json_extract(after, '$.planId') = ?`,
      ),
      integrity,
      auditOk: audit.ok,
      auditCount: audit.ok ? audit.count : 0,
    };
  } finally {
    sqlite.close();
  }
}

/**
 * Watch the database's WAL file from outside: the first moment after the
 * start its size or modification time changes is the moment the server's
 * transaction first writes pages to the file (while a confirmation runs, the
 * server is busy with it and writes nothing else).
 */
function watchWal(file: string) {
  const stat = () => {
    try {
      const s = fs.statSync(`${file}-wal`);
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return { size: 0, mtimeMs: 0 };
    }
  };
  const before = stat();
  const start = performance.now();
  let firstWriteMs: number | null = null;
  const check = () => {
    const now = stat();
    if (firstWriteMs === null && (now.size !== before.size || now.mtimeMs !== before.mtimeMs))
      firstWriteMs = performance.now() - start;
    return firstWriteMs;
  };
  const timer = setInterval(check, 2);
  return {
    /** ms after the start of the first write to the WAL, or null. */
    firstWrite: check,
    grownBytes: () => Math.max(0, stat().size - before.size),
    stop: () => clearInterval(timer),
  };
}

/**
 * Upload a workbook to /plans/:id/import as the page's form does (multipart,
 * field `file`); the server checks it and redirects to the preview. Returns
 * the upload's token once the preview page shows the confirm button.
 */
async function uploadForPreview(base: string, cookie: string, planId: number, bytes: Uint8Array) {
  const form = new FormData();
  form.set(
    "file",
    new Blob([new Uint8Array(bytes)], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }),
    "faults-import.xlsx",
  );
  const t = performance.now();
  const res = await fetch(`${base}/plans/${planId}/import`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: base },
    body: form,
    redirect: "manual",
  });
  await res.text();
  const location = res.headers.get("location") ?? "";
  const token = /[?&]upload=([A-Za-z0-9_-]+)/.exec(location)?.[1];
  if (res.status < 300 || res.status >= 400 || !token)
    throw new Error(`upload answered ${res.status} ${location}`);
  const preview = await fetch(new URL(location, base), { headers: { Cookie: cookie } });
  const html = await preview.text();
  if (preview.status !== 200 || !html.includes('data-testid="import-preview"'))
    throw new Error(`the preview page (${preview.status}) shows no preview: ${html.slice(0, 300)}`);
  return { token, uploadMs: performance.now() - t };
}

/** Post the preview's confirm form (the apply). */
function confirmImport(base: string, cookie: string, planId: number, token: string) {
  return fetch(`${base}/plans/${planId}/import`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "confirm", token }),
    redirect: "manual",
  }).then(async (res) => {
    await res.text();
    return res;
  });
}

/**
 * One import over HTTP left to finish (wholly present), then `rounds` imports
 * whose server is killed at a random moment of the confirmation. Each into its
 * own draft plan of P-HCM with codes no plan has. Returns true when every
 * check held.
 */
export async function httpImportRounds(
  file: string,
  opts: { rounds: number; rows?: number; uploadDir: string; log?: (line: string) => void },
): Promise<boolean> {
  const log = opts.log ?? console.log;
  const rows = opts.rows ?? 10_000;
  const db = openDatabase(file);
  const org = (
    db.$client.prepare("SELECT id FROM organisations WHERE code = 'P-HCM'").get() as { id: number }
  ).id;
  const runId = Date.now().toString(36).toUpperCase();
  const planIds = Array.from({ length: opts.rounds + 1 }, (_, r) =>
    Number(
      db.$client
        .prepare(
          "INSERT INTO plans (code, organisation_id, title_vi, period_start, period_end, status) VALUES (?, ?, 'Fault test (HTTP import)', 2026, 2030, 'draft')",
        )
        .run(`PL-FAULT-HTTP-${runId}-${r}`, org).lastInsertRowid,
    ),
  );
  const cookie = cookieFor(db, "planner.hcm");
  db.$client.close();

  const port = await freePort();
  const env = { CITYPILOT_UPLOAD_DIR: opts.uploadDir };
  let server = await startServer(file, port, env);
  log(
    `   server: ${serveCommand().label}, pid ${server.pid}; planner.hcm uploads a ${rows}-row workbook to ` +
      `/plans/:id/import, opens the preview, confirms`,
  );
  let ok = true;
  const perRound = 10_000; // project numbers per round: every round imports codes no plan has yet
  try {
    // Uncut.
    let book = await planWorkbook(1, rows);
    let up = await uploadForPreview(server.base, cookie, planIds[0]!, book.bytes);
    const wal = watchWal(file);
    const t = performance.now();
    const res = await confirmImport(server.base, cookie, planIds[0]!, up.token);
    const confirmMs = performance.now() - t;
    const uncutWalAt = wal.firstWrite();
    wal.stop();
    const whole = planState(file, planIds[0]!);
    const expected = {
      projects: book.projects,
      budgetLines: book.projects,
      planned: book.projects,
      milestones: book.projects,
    };
    const complete = (s: PlanState) =>
      s.projects === expected.projects &&
      s.budgetLines === expected.budgetLines &&
      s.planned === expected.planned &&
      s.milestones === expected.milestones &&
      s.importAudits === expected.projects;
    const empty = (s: PlanState) =>
      s.projects === 0 &&
      s.budgetLines === 0 &&
      s.planned === 0 &&
      s.milestones === 0 &&
      s.importAudits === 0;
    const uncutOk =
      res.status >= 300 && res.status < 400 && complete(whole) && whole.integrity === "ok" && whole.auditOk;
    ok &&= uncutOk;
    log(
      `   uncut import: file ${(book.bytes.length / 1024).toFixed(0)} kB, upload + preview ${up.uploadMs.toFixed(0)} ms, ` +
        `confirm answered ${res.status} in ${confirmMs.toFixed(0)} ms (its transaction first wrote to the WAL at ` +
        `${uncutWalAt === null ? "-" : `${uncutWalAt.toFixed(0)} ms`}); the plan has ${whole.projects} projects, ` +
        `${whole.budgetLines} budget lines, ${whole.planned} planned disbursements, ${whole.milestones} milestones ` +
        `(${whole.importAudits} project.create audit events); integrity_check ${whole.integrity}; audit chain ${whole.auditOk ? `ok (${whole.auditCount})` : "BROKEN"}`,
    );
    log(
      "   round  kill moment                   killed after  WAL written  outcome               rows of the import (projects/lines/planned/milestones)  integrity  audit chain  page  restart ms",
    );
    for (let r = 1; r <= opts.rounds; r++) {
      book = await planWorkbook(r * perRound + 1, rows);
      up = await uploadForPreview(server.base, cookie, planIds[r]!, book.bytes);
      // Odd rounds: a random moment of the confirmation (it took confirmMs uncut; the apply, one
      // immediate transaction, runs from the request's arrival to the answer). Even rounds: the
      // moment the transaction first writes to the WAL (seen from here), when it writes pages.
      const atWalWrite = r % 2 === 0;
      const at = Math.round(confirmMs * (0.1 + Math.random() * 0.8));
      let answered: number | null = null;
      const target = server;
      const watch = watchWal(file);
      const sent = performance.now();
      const pending = confirmImport(target.base, cookie, planIds[r]!, up.token).then(
        (x) => (answered = x.status),
        () => null,
      );
      if (atWalWrite) {
        while (watch.firstWrite() === null && answered === null && performance.now() - sent < confirmMs * 3)
          await sleep(1);
      } else await sleep(at);
      const killedMidway = answered === null;
      await killServer(target);
      const killedAfter = performance.now() - sent;
      const walWrite = watch.firstWrite();
      const walGrown = watch.grownBytes();
      watch.stop();
      await pending;
      server = await startServer(file, port, env);
      const after = planState(file, planIds[r]!);
      const page = await pageStatus(`${server.base}/plans/${planIds[r]}`, cookie);
      const allOrNothing = complete(after) || empty(after);
      const roundOk =
        allOrNothing &&
        after.integrity === "ok" &&
        after.auditOk &&
        page === 200 &&
        (killedMidway || complete(after));
      ok &&= roundOk;
      const counts = `${after.projects}/${after.budgetLines}/${after.planned}/${after.milestones}`;
      log(
        `   ${cell(r, 5)}  ${(atWalWrite ? "first write to the WAL" : `random (${at} ms)`).padEnd(28)} ` +
          `${cell(`${killedAfter.toFixed(0)} ms`, 12)}  ${cell(walWrite === null ? "no" : `yes +${(walGrown / 1024 / 1024).toFixed(0)} MB`, 11)}  ` +
          `${(killedMidway ? "killed mid-confirm" : `answered ${answered} first`).padEnd(20)}  ` +
          `${`${counts} (${complete(after) ? "all" : empty(after) ? "none" : "PARTIAL"})`.padStart(54)}  ` +
          `${cell(after.integrity, 9)}  ${cell(after.auditOk ? `ok (${after.auditCount})` : "BROKEN", 11)}  ${cell(page, 4)}  ${cell(server.startMs.toFixed(0), 10)}`,
      );
    }
  } finally {
    await stopServer(server);
  }
  log(`   import over HTTP wholly present or wholly absent after every kill -9: ${ok ? "yes" : "NO"}`);
  return ok;
}
