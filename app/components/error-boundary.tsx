import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import type { MessageKey } from "~/i18n/i18n";

const KNOWN: Record<number, { title: MessageKey; body: MessageKey }> = {
  403: { title: "common.error.403.title", body: "common.error.403.body" },
  404: { title: "common.error.404.title", body: "common.error.404.body" },
  500: { title: "common.error.500.title", body: "common.error.500.body" },
  507: { title: "common.error.507.title", body: "common.error.507.body" },
};

/**
 * Localised error page for a route: 403, 404 and 500 get plain-language
 * explanations; other statuses a generic one. Never shows stack traces.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error) && typeof document === "undefined") console.error(error);
  const text = KNOWN[status] ?? { title: "common.error.generic.title", body: "common.error.500.body" };
  return (
    <section className="error-page" data-status={status}>
      <h1>{t(text.title)}</h1>
      <p>{t(text.body)}</p>
      <p className="error-page__code">HTTP {status}</p>
      <p>
        <a href="/">{t("common.error.backHome")}</a>
      </p>
    </section>
  );
}
