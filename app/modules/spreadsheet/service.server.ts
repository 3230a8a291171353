/**
 * The import as the page drives it: check an upload (refusal, validation
 * report or preview, kept under a token), then confirm it (re-validated and
 * applied in one transaction). Routes only parse, authorise and call these.
 */
import type { Db } from "#db/client.server";
import type { Actor } from "~/modules/audit/audit.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { analyseImport, applyImport, ImportRefused, loadImportPlan, type ImportPlanRef } from "./import.server";
import { readUpload, type RawSheet } from "./read.server";
import { UploadRefused } from "./upload";
import {
  loadSheets,
  loadUpload,
  saveSheets,
  saveUpload,
  updateUpload,
  uploadBytes,
  type UploadMeta,
  type UploadReport,
} from "./uploads.server";

/** Read, check and analyse a file; nothing is written to the database. */
export async function checkUpload(db: Db, plan: ImportPlanRef, bytes: Uint8Array, fileName: string): Promise<UploadReport> {
  return (await checkAndRead(db, plan, bytes, fileName)).report;
}

async function checkAndRead(
  db: Db,
  plan: ImportPlanRef,
  bytes: Uint8Array,
  fileName: string,
): Promise<{ report: UploadReport; sheets: RawSheet[] | null }> {
  if (!isPlanContentEditable(plan.status)) return { report: { state: "refused", code: "planLocked" }, sheets: null };
  try {
    const { sheets } = await readUpload(bytes, fileName);
    const analysis = analyseImport(db, plan, sheets);
    if (analysis.issues.length > 0)
      return { report: { state: "invalid", issues: analysis.issues, sheets: analysis.sheets }, sheets: null };
    return { report: { state: "preview", sheets: analysis.sheets, changeCount: analysis.changeCount }, sheets };
  } catch (e) {
    if (e instanceof UploadRefused) return { report: { state: "refused", code: e.code, params: e.params }, sheets: null };
    throw e;
  }
}

/** Check an upload and keep it (with its report) for the preview page. */
export async function receiveUpload(
  db: Db,
  userId: number,
  plan: ImportPlanRef,
  upload: { bytes: Uint8Array; fileName: string } | { refused: UploadReport },
): Promise<UploadMeta> {
  if ("refused" in upload) {
    return saveUpload({ userId, planId: plan.id, fileName: "", bytes: null, report: upload.refused });
  }
  const { report, sheets } = await checkAndRead(db, plan, upload.bytes, upload.fileName);
  const meta = saveUpload({
    userId,
    planId: plan.id,
    fileName: upload.fileName,
    bytes: report.state === "preview" ? upload.bytes : null,
    report,
  });
  if (sheets) saveSheets(meta, sheets);
  return meta;
}

export type ConfirmOutcome = { ok: true; meta: UploadMeta } | { ok: false; report: UploadReport };

/** Import a previewed upload: read it again, re-validate against today's data, apply in one transaction. */
export async function confirmUpload(
  db: Db,
  actor: Actor & { userId: number },
  planId: number,
  token: string | null,
  revisionReason: (file: string) => string,
): Promise<ConfirmOutcome> {
  const meta = loadUpload(token, actor.userId, planId);
  const bytes = meta && meta.report.state === "preview" ? uploadBytes(meta) : null;
  if (!meta || !bytes) return { ok: false, report: { state: "refused", code: "expired" } };
  let sheets = loadSheets(meta);
  try {
    sheets ??= (await readUpload(bytes, meta.fileName)).sheets;
  } catch (e) {
    if (e instanceof UploadRefused) return { ok: false, report: { state: "refused", code: e.code, params: e.params } };
    throw e;
  }
  try {
    const result = applyImport(db, actor, planId, sheets, {
      fileName: meta.fileName,
      sha256: meta.sha256,
      revisionReason: revisionReason(meta.fileName),
    });
    const report: UploadReport = {
      state: "done",
      sheets: result.analysis.sheets,
      changeCount: result.changeCount,
      created: result.created,
      updated: result.updated,
    };
    updateUpload(meta, report);
    return { ok: true, meta: { ...meta, report } };
  } catch (e) {
    if (e instanceof ImportRefused) {
      if (e.reason === "invalid") {
        const plan = loadImportPlan(db, planId);
        const analysis = plan ? analyseImport(db, plan, sheets) : null;
        const report: UploadReport = analysis
          ? { state: "invalid", issues: analysis.issues, sheets: analysis.sheets }
          : { state: "refused", code: "invalid" };
        updateUpload(meta, report);
        return { ok: false, report };
      }
      const report: UploadReport = { state: "refused", code: e.reason === "planLocked" ? "planLocked" : "invalid" };
      updateUpload(meta, report);
      return { ok: false, report };
    }
    throw e;
  }
}
