import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requireUser } from "~/auth/guard.server";
import { sessionCookie } from "~/auth/token";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { ChangePasswordSchema } from "~/modules/account/password";
import { changePassword } from "~/modules/account/password.server";
import { pageTitle } from "~/modules/shell/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

const HIDDEN = ["currentPassword", "newPassword", "confirmPassword"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  }
  const result = await changePassword(getDb(), user, submission.value, {
    ip: context.clientIp ?? "unknown",
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    return data(
      submission.reply({
        fieldErrors: { currentPassword: ["account.password.error.currentWrong"] },
        hideFields: HIDDEN,
      }),
      { status: 400 },
    );
  }
  throw redirect("/account/password?changed=1", { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function ChangePasswordPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useT();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const summary = [fields.currentPassword, fields.newPassword, fields.confirmPassword].flatMap((f) =>
    (f.errors ?? []).map((message) => ({ fieldId: f.id, message })),
  );
  const input = (f: typeof fields.newPassword, autoComplete: string) => (
    <input
      {...getInputProps(f, { type: "password" })}
      autoComplete={autoComplete}
      className={f.errors ? "input--error" : undefined}
    />
  );

  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t("account.password.title")}</h1>
      {searchParams.get("changed") ? (
        <p className="notice" role="status">
          {t("account.password.changed")}
        </p>
      ) : null}
      <p className="lead">{t("account.password.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <Field
          id={fields.currentPassword.id}
          label={t("account.password.current")}
          errors={fields.currentPassword.errors}
        >
          {input(fields.currentPassword, "current-password")}
        </Field>
        <Field
          id={fields.newPassword.id}
          label={t("account.password.new")}
          hint={t("account.password.newHint")}
          errors={fields.newPassword.errors}
        >
          {input(fields.newPassword, "new-password")}
        </Field>
        <Field
          id={fields.confirmPassword.id}
          label={t("account.password.confirm")}
          errors={fields.confirmPassword.errors}
        >
          {input(fields.confirmPassword, "new-password")}
        </Field>
        <button type="submit" className="button">
          {t("account.password.submit")}
        </button>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
