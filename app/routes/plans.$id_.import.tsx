/**
 * Import a plan's projects, budget lines, planned disbursements and
 * milestones from Excel/CSV: upload → report or preview → confirm. Works as a
 * plain form without JavaScript; with it, the upload shows its progress and
 * then a "checking" status while the server reads the file.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { notFound, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { IssueTable, SheetSummaryTable } from "~/components/import-report";
import { translator, type MessageKey } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { parsePlanId } from "~/modules/plans/params";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { loadImportPlan } from "~/modules/spreadsheet/import.server";
import { MAX_UPLOAD_BYTES } from "~/modules/spreadsheet/layout";
import { confirmUpload, receiveUpload } from "~/modules/spreadsheet/service.server";
import { loadUpload, type UploadReport } from "~/modules/spreadsheet/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "imports.page.title", { code: data?.plan.code ?? "" });

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

function requirePlan(id: string | undefined) {
  const planId = parsePlanId(id);
  const plan = planId === null ? null : loadImportPlan(getDb(), planId);
  if (!plan) throw notFound();
  return plan;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const plan = requirePlan(params.id);
  const user = requirePermission(request, "update", "plan", plan.organisationId, db);
  const token = new URL(request.url).searchParams.get("upload");
  const upload = loadUpload(token, user.id, plan.id);
  return {
    plan: { id: plan.id, code: plan.code, status: plan.status, titleVi: plan.titleVi, titleEn: plan.titleEn },
    editable: isPlanContentEditable(plan.status),
    upload: upload ? { token: upload.token, fileName: upload.fileName, report: upload.report } : null,
    expired: token !== null && upload === null,
  };
}

const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const plan = requirePlan(params.id);
  const user = requirePermission(request, "update", "plan", plan.organisationId, db);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const declared = Number(request.headers.get("Content-Length") ?? "0");
    let upload: Parameters<typeof receiveUpload>[3];
    const tooBig = { refused: { state: "refused", code: "tooBig", params: { max: MAX_MB } } as UploadReport };
    if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) upload = tooBig;
    else {
      try {
        const form = await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
        );
        const file = form.get("file");
        if (!(file instanceof File) || file.size === 0) {
          upload = { refused: { state: "refused", code: file instanceof File && file.name ? "empty" : "noFile" } };
        } else {
          upload = { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name };
        }
      } catch (e) {
        if (e instanceof MaxPartSizeExceededError) upload = tooBig;
        else throw e;
      }
    }
    const meta = await receiveUpload(db, user.id, plan, upload);
    throw redirect(`/plans/${plan.id}/import?upload=${meta.token}`);
  }
  const parsed = ConfirmSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ report: { state: "refused", code: "expired" } as UploadReport }, { status: 400 });
  const t = translator(localeFromRequest(request, user.locale));
  const outcome = await confirmUpload(db, { ...actorOf(user, context), userId: user.id }, plan.id, parsed.data.token, (file) =>
    t("imports.revisionReason", { file }),
  );
  if (outcome.ok) throw redirect(`/plans/${plan.id}/import?upload=${parsed.data.token}`);
  return data({ report: outcome.report }, { status: 422 });
}

function UploadForm({ planId }: { planId: number }) {
  const { t } = useT();
  const navigate = useNavigate();
  const [stage, setStage] = useState<{ kind: "idle" } | { kind: "uploading"; pct: number } | { kind: "processing" } | { kind: "error"; text: string }>({
    kind: "idle",
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const form = e.currentTarget;
    const input = form.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return; // The server says "choose a file".
    e.preventDefault();
    if (file.size > MAX_UPLOAD_BYTES) {
      setStage({ kind: "error", text: t("imports.refused.tooBig", { max: MAX_MB }) });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setStage({ kind: "uploading", pct: Math.round((ev.loaded / ev.total) * 100) });
    };
    xhr.upload.onload = () => setStage({ kind: "processing" });
    xhr.onload = () => {
      const url = new URL(xhr.responseURL || form.action, window.location.href);
      navigate(url.pathname + url.search);
      setStage({ kind: "idle" });
    };
    xhr.onerror = () => form.submit();
    setStage({ kind: "uploading", pct: 0 });
    xhr.send(new FormData(form));
  };
  const busy = stage.kind === "uploading" || stage.kind === "processing";
  return (
    <form method="post" encType="multipart/form-data" action={`/plans/${planId}/import`} onSubmit={onSubmit} className="import-upload">
      <div className="field">
        <label htmlFor="import-file">{t("imports.page.file", { max: MAX_MB })}</label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          required
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("imports.page.upload")}
      </button>
      <div aria-live="polite" className="import-progress">
        {stage.kind === "uploading" ? (
          <>
            <progress max={100} value={stage.pct} aria-label={t("imports.page.uploading", { pct: stage.pct })} />{" "}
            {t("imports.page.uploading", { pct: stage.pct })}
          </>
        ) : stage.kind === "processing" ? (
          <>
            <progress aria-label={t("imports.page.processing")} /> {t("imports.page.processing")}
          </>
        ) : stage.kind === "error" ? (
          <p className="notice notice--error" role="alert">
            {stage.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function Report({ report, token, fileName }: { report: UploadReport; token: string | null; fileName: string }) {
  const { t } = useT();
  const navigation = useNavigation();
  switch (report.state) {
    case "refused":
      return (
        <div className="notice notice--error" role="alert" data-testid="import-refused">
          <h2>{t("imports.page.refused")}</h2>
          <p>{t(`imports.refused.${report.code}` as MessageKey, report.params)}</p>
        </div>
      );
    case "invalid":
      return (
        <section aria-labelledby="import-invalid" data-testid="import-invalid">
          <h2 id="import-invalid" className="notice notice--error" role="alert">
            {t("imports.page.invalidTitle", { n: report.issues.length })}
          </h2>
          <p>{t("imports.page.invalidLead")}</p>
          <IssueTable issues={report.issues} />
          <SheetSummaryTable sheets={report.sheets} />
        </section>
      );
    case "preview":
      return (
        <section aria-labelledby="import-preview" data-testid="import-preview">
          <h2 id="import-preview">{t("imports.page.previewTitle")}</h2>
          {fileName ? <p>{t("imports.page.fileName", { name: fileName })}</p> : null}
          <p>{report.changeCount > 0 ? t("imports.page.previewLead", { n: report.changeCount }) : t("imports.page.noChanges")}</p>
          <SheetSummaryTable sheets={report.sheets} />
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="token" value={token ?? ""} />
            <button type="submit" className="button" disabled={navigation.state !== "idle"}>
              {t("imports.page.confirm")}
            </button>
          </Form>
        </section>
      );
    case "done":
      return (
        <section data-testid="import-done">
          <p className="notice notice--ok" role="status">
            {report.changeCount > 0
              ? t("imports.page.done", { n: report.changeCount, created: report.created, updated: report.updated })
              : t("imports.page.doneNothing")}
          </p>
          <SheetSummaryTable sheets={report.sheets} />
        </section>
      );
  }
}

export default function PlanImport() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, locale } = useT();
  const report = a?.report ?? d.upload?.report ?? (d.expired ? ({ state: "refused", code: "expired" } as UploadReport) : null);
  const finished = report?.state === "done";
  return (
    <div className="import-page">
      <p className="breadcrumb">
        <Link to={`/plans/${d.plan.id}`}>{d.plan.code}</Link>
      </p>
      <h1>{t("imports.page.title", { code: d.plan.code })}</h1>
      <p className="lead">{locale === "en" && d.plan.titleEn ? d.plan.titleEn : d.plan.titleVi}</p>
      <p>{t("imports.page.lead")}</p>
      <ul className="import-links">
        <li>
          <a href="/templates/plan.xlsx?lang=vi" download>
            {t("imports.page.template")}
          </a>
        </li>
        <li>
          <a href="/templates/plan.xlsx?lang=en" download>
            {t("imports.page.templateEn")}
          </a>
        </li>
        <li>
          <a href={`/plans/${d.plan.id}/export.xlsx?lang=${locale}`} download>
            {t("imports.page.export")}
          </a>
        </li>
      </ul>
      {!d.editable ? (
        <p className="notice notice--error" role="alert">
          {t("imports.page.locked", { status: t(`enums.planStatus.${d.plan.status}` as MessageKey) })}
        </p>
      ) : (
        <>
          {report ? <Report report={report} token={d.upload?.token ?? null} fileName={d.upload?.fileName ?? ""} /> : null}
          {finished ? (
            <p>
              <Link to={`/plans/${d.plan.id}`}>{t("imports.page.back")}</Link>
            </p>
          ) : null}
          {report && report.state !== "refused" ? <h2>{t("imports.page.another")}</h2> : null}
          <UploadForm planId={d.plan.id} />
        </>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
