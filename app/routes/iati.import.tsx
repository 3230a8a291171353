/**
 * /iati/import — bring donor-reported transactions from an IATI 2.03
 * activity file into matching projects: upload → preview with a validation
 * report → confirm (one transaction, audited; nothing twice on re-import).
 * Coordinators for every project, planners for their organisation's.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { WARNINGS, type ImportIssue, type ImportPlan } from "~/modules/iati/import";
import { commitIatiImport, IATI_MAX_BYTES, planIatiImport, readIatiFile, sha256Hex, type ReadResult } from "~/modules/iati/import.server";
import { dropIatiUpload, loadIatiUpload, saveIatiUpload } from "~/modules/iati/uploads.server";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "iati.import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "update", "budget");
  return { maxMb: IATI_MAX_BYTES / 1024 / 1024 };
}

type Refusal = Exclude<ReadResult, { ok: true }>;

/** Rows of the preview sent to the page (the counts cover the whole file). */
const SHOWN_ENTRIES = 500;
const SHOWN_ISSUES = 1000;

function shown(plan: ImportPlan): ImportPlan & { hidden: { entries: number; issues: number } } {
  return {
    ...plan,
    entries: plan.entries.slice(0, SHOWN_ENTRIES),
    issues: plan.issues.slice(0, SHOWN_ISSUES),
    hidden: {
      entries: Math.max(0, plan.entries.length - SHOWN_ENTRIES),
      issues: Math.max(0, plan.issues.length - SHOWN_ISSUES),
    },
  };
}
type ActionData =
  | { state: "refused"; refusal: Pick<Refusal, "code" | "line"> | { code: "noFile" | "wrongType" | "expired" } }
  | { state: "preview"; fileName: string; plan: ReturnType<typeof shown>; token: string | null };

type Refused = Extract<ActionData, { state: "refused" }>;

async function readUpload(request: Request): Promise<{ fileName: string; bytes: Uint8Array } | Refused> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > IATI_MAX_BYTES + 64 * 1024) return { state: "refused", refusal: { code: "tooLarge" } };
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { state: "refused", refusal: { code: "noFile" } };
  if (file.size > IATI_MAX_BYTES) return { state: "refused", refusal: { code: "tooLarge" } };
  if (!/\.xml$/i.test(file.name) && !/xml/.test(file.type)) return { state: "refused", refusal: { code: "wrongType" } };
  return { fileName: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "update", "budget");
  const db = getDb();
  const today = todayIso();
  const intent = new URL(request.url).searchParams.get("intent");
  if (intent === "confirm") {
    const form = await request.formData();
    const token = String(form.get("token") ?? "");
    const upload = loadIatiUpload(token, user.id);
    if (!upload) return data<ActionData>({ state: "refused", refusal: { code: "expired" } }, { status: 410 });
    const read = readIatiFile(upload.bytes);
    if (!read.ok) return data<ActionData>({ state: "refused", refusal: { code: read.code, line: read.line } }, { status: 400 });
    const result = commitIatiImport(db, actorOf(user, context), user, read.root, { name: upload.fileName, sha256: sha256Hex(upload.bytes) }, today);
    if (!result.ok) {
      // The data changed since the preview: show the new report, nothing written.
      return data<ActionData>({ state: "preview", fileName: upload.fileName, plan: shown(result.plan), token: null }, { status: 409 });
    }
    dropIatiUpload(token);
    throw redirect(`/iati/import?imported=${result.created}&already=${result.plan.counts.imported}`);
  }
  const upload = await readUpload(request);
  if ("state" in upload) return data<ActionData>(upload, { status: upload.refusal.code === "tooLarge" ? 413 : 400 });
  const read = readIatiFile(upload.bytes);
  if (!read.ok) return data<ActionData>({ state: "refused", refusal: { code: read.code, line: read.line } }, { status: 400 });
  const plan = planIatiImport(db, user, read.root, today);
  const token = plan.counts.errors === 0 && plan.counts.new > 0 ? saveIatiUpload(user.id, upload.fileName, upload.bytes) : null;
  return data<ActionData>({ state: "preview", fileName: upload.fileName, plan: shown(plan), token }, { status: plan.counts.errors ? 422 : 200 });
}

function IssueRows({ issues }: { issues: ImportIssue[] }) {
  const { t } = useT();
  return (
    <table className="data-table" data-testid="iati-issues">
      <caption>{t("iati.import.issuesCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("iati.import.col.where")}</th>
          <th scope="col">{t("iati.import.col.severity")}</th>
          <th scope="col">{t("iati.import.col.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i, n) => (
          <tr key={n}>
            <td>
              {t("iati.import.where.line", { line: i.line })}
              {i.activity ? ` · ${i.activity}` : ""}
              {i.transaction ? ` · ${t("iati.import.where.transaction", { n: i.transaction })}` : ""}
            </td>
            <td>{WARNINGS.includes(i.code) ? t("iati.import.warning") : t("iati.import.error")}</td>
            <td>{t(`iati.issue.${i.code}` as MessageKey, i.params)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Preview({ fileName, plan, token }: { fileName: string; plan: ReturnType<typeof shown>; token: string | null }) {
  const { t, num, date, moneyExact } = useT();
  const c = plan.counts;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t("iati.import.previewTitle", { file: fileName })}</h2>
      <ul className="plain-list" data-testid="iati-counts">
        <li>{t("iati.import.count.new", { n: num(c.new) })}</li>
        <li>{t("iati.import.count.imported", { n: num(c.imported) })}</li>
        <li>{t("iati.import.count.skipped", { n: num(c.skippedActivities) })}</li>
        <li>{t("iati.import.count.errors", { n: num(c.errors) })}</li>
      </ul>
      {c.errors > 0 ? (
        <p className="notice notice--error" role="alert">
          {t("iati.import.blocked")}
        </p>
      ) : null}
      {plan.issues.length ? <IssueRows issues={plan.issues} /> : null}
      {plan.hidden.issues ? <p>{t("iati.import.moreIssues", { n: num(plan.hidden.issues) })}</p> : null}
      {plan.entries.length ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="iati-entries">
            <caption>{t("iati.import.entriesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("iati.import.col.project")}</th>
                <th scope="col">{t("iati.import.col.activity")}</th>
                <th scope="col">{t("iati.import.col.kind")}</th>
                <th scope="col">{t("iati.import.col.date")}</th>
                <th scope="col" className="num">
                  {t("iati.import.col.amount")}
                </th>
                <th scope="col">{t("iati.import.col.ref")}</th>
                <th scope="col">{t("iati.import.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.entries.map((e) => (
                <tr key={e.externalRef}>
                  <th scope="row">
                    <Link to={`/projects/${encodeURIComponent(e.projectCode)}/transactions`}>{e.projectCode}</Link>
                  </th>
                  <td>{e.activity}</td>
                  <td>{t(`transactions.kind.${e.kind}`)}</td>
                  <td>{date(e.date)}</td>
                  <td className="num">{moneyExact(e.amount)}</td>
                  <td>{e.ref ?? "—"}</td>
                  <td>{e.status === "new" ? t("iati.import.status.new") : t("iati.import.status.imported")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.hidden.entries ? <p>{t("iati.import.moreEntries", { n: num(plan.hidden.entries) })}</p> : null}
        </div>
      ) : null}
      {token ? (
        <Form method="post" action="/iati/import?intent=confirm">
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            {t("iati.import.confirm", { n: num(c.new) })}
          </button>
        </Form>
      ) : c.errors === 0 ? (
        <p className="notice">{t("iati.import.nothingNew")}</p>
      ) : null}
    </section>
  );
}

export default function IatiImport() {
  const { maxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t, num } = useT();
  const imported = params.get("imported");
  return (
    <div>
      <h1>{t("iati.import.title")}</h1>
      <p className="lead">{t("iati.import.intro")}</p>
      <p>
        <a href="/iati/export.xml">{t("iati.export.link")}</a> · <a href="/api/openapi.json">{t("iati.import.apiDocs")}</a>
      </p>
      {imported !== null ? (
        <p className="notice notice--ok" role="status" data-testid="iati-done">
          {t("iati.import.done", { n: num(Number(imported) || 0), already: num(Number(params.get("already")) || 0) })}
        </p>
      ) : null}
      {actionData?.state === "refused" ? (
        <p className="notice notice--error" role="alert" data-testid="iati-refused">
          {t(`iati.refusal.${actionData.refusal.code}` as MessageKey, {
            max: maxMb,
            line: "line" in actionData.refusal ? (actionData.refusal.line ?? "?") : "?",
          })}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" action="/iati/import?intent=preview">
        <div className="form-group">
          <label htmlFor="iati-file">{t("iati.import.file")}</label>
          <span className="hint" id="iati-file-hint">
            {t("iati.import.fileHint", { max: maxMb })}
          </span>
          <input id="iati-file" name="file" type="file" accept=".xml,application/xml,text/xml" required aria-describedby="iati-file-hint" />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("iati.import.preview")}
        </button>
      </Form>
      {actionData?.state === "preview" ? <Preview fileName={actionData.fileName} plan={actionData.plan} token={actionData.token} /> : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
