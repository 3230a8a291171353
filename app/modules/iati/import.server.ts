/**
 * The IATI import against the database: read the upload safely, plan it
 * with the user's permissions (import.ts), and book the new entries in one
 * transaction with an audit event each (plus one for the file). The plan is
 * made again inside the write transaction, so what is written is what the
 * database allows at that moment.
 */
import crypto from "node:crypto";
import type { Db } from "#db/client.server";
import { transactions } from "#db/schema";
import { can, type Principal } from "~/auth/permissions";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { prepared } from "~/modules/db/sql.server";
import { lineTotals } from "~/modules/transactions/ledger.server";
import { planImport, type ImportContext, type ImportPlan, type LineRef, type ProjectRef } from "./import";
import { iatiConfigFromEnv } from "./mapping";
import { parseXml, XmlParseError, type XmlElement } from "./xml-parse";

/** Largest IATI file accepted (bytes). */
export const IATI_MAX_BYTES = 20 * 1024 * 1024;

export type ReadResult =
  | { ok: true; root: XmlElement }
  | { ok: false; code: "tooLarge" | "empty" | "notUtf8" | "doctype" | "malformed"; line?: number; detail?: string };

/** Decode (UTF-8, strictly) and parse an uploaded file; no DTD, size-limited. */
export function readIatiFile(bytes: Uint8Array): ReadResult {
  if (bytes.byteLength === 0) return { ok: false, code: "empty" };
  if (bytes.byteLength > IATI_MAX_BYTES) return { ok: false, code: "tooLarge" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, code: "notUtf8" };
  }
  const decl = /^\uFEFF?<\?xml[^>]*encoding=["']([^"']+)["']/.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1])) return { ok: false, code: "notUtf8" };
  try {
    return { ok: true, root: parseXml(text) };
  } catch (e) {
    if (e instanceof XmlParseError) {
      return { ok: false, code: e.code === "doctype" ? "doctype" : "malformed", line: e.line, detail: e.message };
    }
    throw e;
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

function context(db: Db, user: Principal, today: string): ImportContext {
  return {
    prefix: iatiConfigFromEnv().reportingOrgRef,
    today,
    findProject: (code) =>
      (prepared(
        db,
        `SELECT id, code, organisation_id AS organisationId, start_date AS startDate, end_date AS endDate
           FROM projects WHERE code = ?`,
      ).get(code) as ProjectRef | undefined) ?? null,
    mayImport: (p) => can(user, "update", "budget", p.organisationId),
    linesOf: (projectId) =>
      prepared(
        db,
        `SELECT id, fiscal_year AS fiscalYear, funding_source AS fundingSource, category
           FROM budget_lines WHERE project_id = ? ORDER BY id`,
      ).all(projectId) as LineRef[],
    importedRefs: (projectId) =>
      new Set(
        (
          prepared(db, "SELECT external_ref AS ref FROM transactions WHERE project_id = ? AND external_ref IS NOT NULL").all(
            projectId,
          ) as { ref: string }[]
        ).map((r) => r.ref),
      ),
    ownIds: (projectId) =>
      new Set(
        (prepared(db, "SELECT id FROM transactions WHERE project_id = ?").all(projectId) as { id: number }[]).map((r) => r.id),
      ),
    totalsOf: (lineIds) => lineTotals(db, lineIds),
  };
}

export function planIatiImport(db: Db, user: Principal, root: XmlElement, today: string): ImportPlan {
  return planImport(root, context(db, user, today));
}

export type CommitResult = { ok: true; plan: ImportPlan; created: number } | { ok: false; plan: ImportPlan };

/** Book every new entry of a clean plan, all or nothing. */
export function commitIatiImport(
  db: Db,
  actor: Actor,
  user: Principal,
  root: XmlElement,
  file: { name: string; sha256: string },
  today: string,
): CommitResult {
  return db.transaction(
    (tx) => {
      const plan = planImport(root, context(db, user, today));
      if (plan.counts.errors > 0) return { ok: false, plan } satisfies CommitResult;
      const fresh = plan.entries.filter((e) => e.status === "new");
      for (const e of fresh) {
        const values = {
          projectId: e.projectId,
          budgetLineId: e.budgetLineId!,
          kind: e.kind,
          date: e.date,
          amount: e.amount,
          documentRef: (e.ref ?? "IATI").slice(0, 100),
          note: e.description,
          origin: "iati" as const,
          externalRef: e.externalRef,
          createdBy: actor.userId,
        };
        const row = tx.insert(transactions).values(values).returning({ id: transactions.id }).get();
        recordAudit(tx, actor, {
          action: "transaction.import",
          entityType: "transaction",
          entityId: row.id,
          organisationId: e.organisationId,
          after: { projectCode: e.projectCode, ...values, iatiActivity: e.activity, provider: e.provider, file: file.name },
        });
      }
      recordAudit(tx, actor, {
        action: "iati.import",
        entityType: "iati_file",
        entityId: file.sha256.slice(0, 16),
        after: {
          file: file.name,
          sha256: file.sha256,
          created: fresh.length,
          alreadyImported: plan.counts.imported,
          skippedActivities: plan.activities.filter((a) => a.status !== "matched").map((a) => a.identifier),
        },
      });
      return { ok: true, plan, created: fresh.length } satisfies CommitResult;
    },
    { behavior: "immediate" },
  );
}
