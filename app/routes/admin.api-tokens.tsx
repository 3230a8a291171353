/**
 * /admin/api-tokens — admins issue per-organisation API tokens (shown once,
 * stored hashed), see them with their last use, and revoke them. Every
 * change is audited.
 */
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { CreateTokenSchema, expiryInstant, TokenActionSchema } from "~/modules/api/token-schema";
import { TOKEN_ROLES } from "~/modules/api/tokens";
import { createApiToken, listApiTokens, revokeApiToken, tokenOrganisationOptions } from "~/modules/api/tokens.server";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "api.tokens.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "manage", "setting");
  const db = getDb();
  return { tokens: listApiTokens(db), organisations: tokenOrganisationOptions(db, todayIso()), today: todayIso() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "manage", "setting");
  const db = getDb();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: TokenActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const input = submission.value;
  if (input.intent === "revoke") {
    if (!revokeApiToken(db, actorOf(user, context), input.tokenId)) throw new Response("Not Found", { status: 404 });
    throw redirect("/admin/api-tokens?revoked=1");
  }
  const fieldErrors: Record<string, string[]> = {};
  if (!tokenOrganisationOptions(db, todayIso()).some((o) => o.id === input.organisationId)) {
    fieldErrors.organisationId = ["api.tokens.error.organisationRequired"];
  }
  if (input.expiresOn && input.expiresOn < todayIso()) fieldErrors.expiresOn = ["api.tokens.error.expiryPast"];
  if (Object.keys(fieldErrors).length) {
    return data({ result: submission.reply({ fieldErrors }), created: null }, { status: 400 });
  }
  const { token } = createApiToken(db, actorOf(user, context), {
    organisationId: input.organisationId,
    name: input.name,
    role: input.role,
    expiresAt: input.expiresOn ? expiryInstant(input.expiresOn) : null,
  });
  // The secret is in this one response only; the form is reset.
  return data(
    { result: submission.reply({ resetForm: true }), created: { name: input.name, token } },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ApiTokens() {
  const { tokens, organisations, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale, dateTime } = useT();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(CreateTokenSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateTokenSchema }),
  });
  const summary = (["name", "organisationId", "role", "expiresOn"] as const).flatMap((f) =>
    (fields[f].errors ?? []).map((message) => ({ fieldId: fields[f].id, message })),
  );
  const created = actionData?.created ?? null;
  return (
    <div>
      <ErrorSummary errors={summary} />
      <h1>{t("api.tokens.title")}</h1>
      <p className="lead">{t("api.tokens.intro")}</p>
      <p>
        <a href="/api/openapi.json">{t("api.tokens.openapi")}</a>
      </p>
      {params.get("revoked") ? (
        <p className="notice" role="status">
          {t("api.tokens.revoked")}
        </p>
      ) : null}
      {created ? (
        <div className="notice notice--ok" role="status" data-testid="new-token">
          <p>
            <strong>{t("api.tokens.createdOnce", { name: created.name })}</strong>
          </p>
          <label htmlFor="new-token-value">{t("api.tokens.tokenLabel")}</label>
          <input id="new-token-value" readOnly value={created.token} className="token-value" size={52} />
          <p className="hint">{t("api.tokens.usage")}</p>
        </div>
      ) : null}

      <section aria-labelledby="new-token-title">
        <h2 id="new-token-title">{t("api.tokens.new")}</h2>
        <Form method="post" {...getFormProps(form)} noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field id={fields.name.id} label={t("api.tokens.field.name")} hint={t("api.tokens.hint.name")} errors={fields.name.errors}>
            <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
          </Field>
          <Field id={fields.organisationId.id} label={t("api.tokens.field.organisation")} errors={fields.organisationId.errors}>
            <select {...getSelectProps(fields.organisationId)}>
              <option value="">{t("api.tokens.choose")}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {localized(locale, o.nameVi, o.nameEn)} ({o.code})
                </option>
              ))}
            </select>
          </Field>
          <fieldset className="checkbox-group" aria-describedby={fields.role.errors?.length ? `${fields.role.id}-error` : undefined}>
            <legend>{t("api.tokens.field.role")}</legend>
            {fields.role.errors?.length ? (
              <span className="field-error" id={`${fields.role.id}-error`}>
                {fields.role.errors.map((e) => t(e as never)).join(" ")}
              </span>
            ) : null}
            {TOKEN_ROLES.map((r) => (
              <div key={r} className="radio">
                <input
                  type="radio"
                  name={fields.role.name}
                  value={r}
                  defaultChecked={r === "planner"}
                  id={r === TOKEN_ROLES[0] ? fields.role.id : `${fields.role.id}-${r}`}
                />
                <label htmlFor={r === TOKEN_ROLES[0] ? fields.role.id : `${fields.role.id}-${r}`}>
                  {t(`enums.role.${r}`)} — {t(`api.tokens.roleHint.${r}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <Field id={fields.expiresOn.id} label={t("api.tokens.field.expiresOn")} hint={t("api.tokens.hint.expiresOn")} errors={fields.expiresOn.errors}>
            <input {...getInputProps(fields.expiresOn, { type: "date" })} min={today} />
          </Field>
          <button type="submit" className="button">
            {t("api.tokens.create")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("api.tokens.listTitle")}</h2>
        {tokens.length === 0 ? (
          <p>{t("api.tokens.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t("api.tokens.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("api.tokens.col.name")}</th>
                  <th scope="col">{t("api.tokens.col.id")}</th>
                  <th scope="col">{t("api.tokens.col.organisation")}</th>
                  <th scope="col">{t("api.tokens.col.role")}</th>
                  <th scope="col">{t("api.tokens.col.created")}</th>
                  <th scope="col">{t("api.tokens.col.lastUsed")}</th>
                  <th scope="col">{t("api.tokens.col.expires")}</th>
                  <th scope="col">{t("api.tokens.col.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("api.tokens.col.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tk) => (
                  <tr key={tk.id}>
                    <th scope="row">{tk.name}</th>
                    <td>
                      <code>{tk.id}</code>
                    </td>
                    <td>
                      <Link to={`/organisations/${tk.organisationId}`}>
                        {localized(locale, tk.organisationNameVi, tk.organisationNameEn)}
                      </Link>
                    </td>
                    <td>{t(`enums.role.${tk.role}`)}</td>
                    <td>
                      {dateTime(tk.createdAt)}
                      {tk.createdByName ? ` · ${tk.createdByName}` : ""}
                    </td>
                    <td>{tk.lastUsedAt ? dateTime(tk.lastUsedAt) : t("api.tokens.never")}</td>
                    <td>{tk.expiresAt ? dateTime(tk.expiresAt) : t("api.tokens.noExpiry")}</td>
                    <td>{t(`api.tokens.state.${tk.state}`)}</td>
                    <td>
                      {tk.state === "revoked" ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={tk.id} />
                          <button type="submit" className="button button--secondary" aria-label={t("api.tokens.revokeNamed", { name: tk.name })}>
                            {t("api.tokens.revoke")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
