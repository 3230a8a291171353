/**
 * Backup and restore round trip (issue 9): an online backup taken while
 * another process books transactions is a consistent snapshot that verifies;
 * restore refuses while the database is open, keeps the old file as .bak, and
 * the restored database answers the home, finance, strategy and register
 * queries exactly as the source did.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { migrateDatabase, openDatabase, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { setMemoEnabled } from "~/modules/db/sql.server";
import { getOrganisationFigures, getOverview } from "~/modules/home/overview.server";
import {
  figuresByFiscalYear,
  figuresByOrganisation,
  figuresByPlan,
  figuresByProvince,
  figuresByStrategyNode,
  disbursementCurve,
} from "~/modules/finance/figures.server";
import { loadRollups, queryRollupRows } from "~/modules/strategy/rollup.server";
import { loadStrategyNodes } from "~/modules/strategy/tree.server";
import { listOrganisations } from "~/modules/organisations/register.server";
import { parseRegisterQuery } from "~/modules/organisations/register";
import { listProjects } from "~/modules/projects/register.server";
import { parseProjectRegisterQuery } from "~/modules/projects/register";
import { createTestDb } from "./helpers/db";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** `node --import tsx`: one process (the tsx CLI would fork a child that SIGKILL does not reach). */
const NODE_TSX = [process.execPath, "--import", "tsx"] as const;
const AS_OF = "2026-06-30";

let db: Db;
let file: string;
let cleanup: () => void;
let dir: string;

beforeAll(async () => {
  ({ db, file, cleanup } = createTestDb());
  dir = path.dirname(file);
  await seedAll(db, { scale: 0.05, seed: 11 });
  setMemoEnabled(false);
});

afterAll(() => {
  setMemoEnabled(true);
  cleanup();
});

/** Run a script asynchronously (the writer's output keeps flowing meanwhile). */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), path.join(ROOT, "scripts", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Start the writer; resolves once it has acknowledged `first` ids. */
function startWriter(dbFile: string): {
  child: ChildProcess;
  acks: number[];
  refs: string[];
  started: Promise<void>;
} {
  const child = spawn(
    NODE_TSX[0],
    [...NODE_TSX.slice(1), path.join(ROOT, "bench/faults-writer.ts"), dbFile, "--pause-ms", "3"],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const acks: number[] = [];
  const refs: string[] = [];
  let buffer = "";
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\d+) (\S+)$/.exec(line);
        if (m) {
          acks.push(Number(m[1]));
          refs.push(m[2]!);
          if (acks.length === 20) resolve();
        }
      }
    });
    child.on("exit", (code) => reject(new Error(`writer exited early (${code})`)));
  });
  return { child, acks, refs, started };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** Everything the home, finance, strategy and register pages ask the database. */
function answers(d: Db) {
  const orgIds = (
    d.$client.prepare("SELECT id FROM organisations ORDER BY id LIMIT 12").all() as { id: number }[]
  ).map((r) => r.id);
  return {
    overview: getOverview(d, AS_OF),
    organisationFigures: getOrganisationFigures(d, orgIds),
    figuresByPlan: figuresByPlan(d, AS_OF),
    figuresByOrganisation: figuresByOrganisation(d, AS_OF),
    figuresByProvince: figuresByProvince(d, AS_OF),
    figuresByStrategyNode: figuresByStrategyNode(d, AS_OF),
    figuresByFiscalYear: figuresByFiscalYear(d, AS_OF),
    curve: disbursementCurve(d),
    rollupRows: queryRollupRows(d),
    rollups: [...loadRollups(d).entries()],
    strategyNodes: loadStrategyNodes(d, { includeArchived: true }),
    provinces: listOrganisations(d, parseRegisterQuery("kind=province&size=50"), "vi", AS_OF),
    organisations: listOrganisations(d, parseRegisterQuery("size=200&sort=name&dir=desc"), "en", AS_OF),
    projects: listProjects(d, parseProjectRegisterQuery("size=100&sort=code"), { all: true }, "vi", AS_OF),
    projectsFiltered: listProjects(
      d,
      parseProjectRegisterQuery("size=50&phase=pilot&q=camera"),
      { all: false, organisationIds: orgIds },
      "en",
      AS_OF,
    ),
  };
}

describe("db:backup under write load", () => {
  it("takes a consistent, verified snapshot while another process books transactions", async () => {
    const writer = startWriter(file);
    await writer.started;
    const ackedBefore = writer.acks.length;
    const backup = path.join(dir, "online.sqlite");
    const r = await runScript("backup.ts", [backup], { DATABASE_PATH: file });
    const ackedAfter = writer.acks.slice();
    await stop(writer.child);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/integrity_check: ok/);
    expect(r.stdout).toMatch(/OK: \d+ audit events, chain intact/);
    expect(r.stdout).toMatch(/\d+\.\d MB in \d+ ms/);
    expect(ackedAfter.length).toBeGreaterThan(ackedBefore);

    // The copy is one moment of the source: every write acknowledged before the
    // backup began is in it, and the writer's rows in it are a gap-free prefix.
    const copy = new Database(backup, { readonly: true });
    try {
      const rows = copy
        .prepare(
          "SELECT id, document_ref AS ref FROM transactions WHERE document_ref LIKE 'FW-%' ORDER BY id",
        )
        .all() as { id: number; ref: string }[];
      const ids = new Set(rows.map((x) => x.id));
      for (const id of writer.acks.slice(0, ackedBefore)) expect(ids.has(id)).toBe(true);
      expect(rows.map((x) => x.id)).toEqual(writer.acks.slice(0, rows.length));
      const audited = copy
        .prepare(
          "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'transaction.create' AND actor_label = 'faults-writer'",
        )
        .get() as { n: number };
      expect(audited.n).toBe(rows.length);
    } finally {
      copy.close();
    }
  });
});

describe("db:restore", () => {
  it("refuses while the database is open, restores atomically, keeps .bak, answers every query identically", async () => {
    // The source stays open (as the server would); a final backup after the writes.
    const backup = path.join(dir, "final.sqlite");
    const b = await runScript("backup.ts", [backup], { DATABASE_PATH: file });
    expect(b.status, b.stderr).toBe(0);

    // An older database is in place at the restore target.
    const target = path.join(dir, "restored", "citypilot.sqlite");
    const old = openDatabase(target);
    migrateDatabase(old);
    old.$client
      .prepare(
        "INSERT INTO users (email, name, password_hash, created_at) VALUES ('old@x.vn', 'old', 'x', 1)",
      )
      .run();

    // Open elsewhere (a running server): refused, nothing changed.
    const refused = await runScript("restore.ts", [backup], { DATABASE_PATH: target });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/in use.*stop the server/);
    expect(fs.existsSync(`${target}.bak`)).toBe(false);
    old.$client.close();

    // A damaged backup is refused before anything is touched.
    const damaged = path.join(dir, "damaged.sqlite");
    fs.copyFileSync(backup, damaged);
    const broken = new Database(damaged);
    broken
      .prepare(
        "UPDATE audit_events SET after = '{\"forged\":1}' WHERE id = (SELECT MAX(id) FROM audit_events)",
      )
      .run();
    broken.close();
    const bad = await runScript("restore.ts", [damaged], { DATABASE_PATH: target });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/does not verify.*BROKEN: audit event id \d+/);

    const ok = await runScript("restore.ts", [backup], { DATABASE_PATH: target });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/integrity_check: ok/);
    expect(ok.stdout).toMatch(/previous database kept as .*citypilot\.sqlite\.bak/);
    const bak = new Database(`${target}.bak`, { readonly: true });
    expect(bak.prepare("SELECT COUNT(*) AS n FROM users WHERE email = 'old@x.vn'").get()).toEqual({ n: 1 });
    bak.close();

    const restored = openDatabase(target);
    try {
      expect(restored.$client.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      const fromSource = answers(db);
      const fromRestored = answers(restored);
      expect(fromSource.projects.total).toBeGreaterThan(10);
      expect(fromSource.overview).toBeTruthy();
      for (const key of Object.keys(fromSource) as (keyof typeof fromSource)[]) {
        expect(fromRestored[key], key).toEqual(fromSource[key]);
      }
    } finally {
      restored.$client.close();
    }
  });
});
