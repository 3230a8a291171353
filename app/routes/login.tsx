import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { getCurrentUser, safeRedirectPath } from "~/auth/guard.server";
import { readCookie, SESSION_COOKIE, sessionCookie, parseToken } from "~/auth/token";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { attemptLogin } from "~/modules/auth/login.server";
import { LoginSchema } from "~/modules/auth/schemas";

export const meta: MetaFunction = () => [{ title: "CityPilot" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (getCurrentUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await attemptLogin(getDb(), {
    email,
    password,
    ip: context.clientIp ?? "unknown",
    userAgent: request.headers.get("user-agent"),
    previousSessionId: parseToken(readCookie(request.headers.get("Cookie"), SESSION_COOKIE))?.id ?? null,
  });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `auth.login.error.throttled|${Math.max(1, Math.ceil(result.retryAfterMs / 60_000))}`
        : "auth.login.error.invalid";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "throttled" ? 429 : 401,
    });
  }
  throw redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": sessionCookie(result.token) },
  });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useT();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });

  const formError = form.errors?.[0];
  const formErrorText = formError
    ? formError.startsWith("auth.login.error.throttled|")
      ? t("auth.login.error.throttled", { minutes: formError.split("|")[1] })
      : formError
    : null;
  const summary = [
    ...(formErrorText ? [{ fieldId: fields.email.id, message: formErrorText }] : []),
    ...(fields.email.errors ?? []).map((m) => ({ fieldId: fields.email.id, message: m })),
    ...(fields.password.errors ?? []).map((m) => ({ fieldId: fields.password.id, message: m })),
  ];

  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t("auth.login.title")}</h1>
      <p className="lead">{t("auth.login.intro")}</p>
      {searchParams.get("loggedOut") ? <p className="notice">{t("auth.login.loggedOut")}</p> : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field id={fields.email.id} label={t("auth.login.email")} errors={fields.email.errors}>
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="username"
            spellCheck={false}
            className={fields.email.errors ? "input--error" : undefined}
          />
        </Field>
        <Field id={fields.password.id} label={t("auth.login.password")} errors={fields.password.errors}>
          <input
            {...getInputProps(fields.password, { type: "password" })}
            autoComplete="current-password"
            className={fields.password.errors ? "input--error" : undefined}
          />
        </Field>
        <button type="submit" className="button">
          {t("auth.login.submit")}
        </button>
      </Form>
      <p className="login-public">
        {t("auth.login.residents")} <Link to="/public">{t("auth.login.publicPortal")}</Link>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
