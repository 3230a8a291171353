/**
 * The internal project page's "public portal" panel: whether the project is
 * public, residents' counts, and — for coordinators — the publish/withdraw
 * button (POST /projects/:code/publish) and a link to moderation.
 */
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import type { PublicationPanelData } from "./publication.server";
import { FeedbackCountsList } from "./ui";

export function PublicationPanel({ data, code }: { data: PublicationPanelData; code: string }) {
  const { t, date } = useT();
  const encoded = encodeURIComponent(code);
  return (
    <section aria-labelledby="publication-heading" id="publication" className="panel" data-testid="publication-panel">
      <h2 id="publication-heading">{t("public.publish.title")}</h2>
      {data.notice ? (
        <p className="notice notice--ok" role="status" data-testid="publication-notice">
          {t(`public.publish.done.${data.notice}`)}
        </p>
      ) : null}
      <p data-testid="publication-state">
        {data.published && data.publishedAt
          ? t("public.publish.published", { date: date(data.publishedAt) })
          : t("public.publish.notPublished")}{" "}
        {data.published ? <Link to={`/public/projects/${encoded}`}>{t("public.publish.view")}</Link> : null}
      </p>
      <FeedbackCountsList counts={data.counts} pending={data.counts.pending} />
      {data.canPublish || data.canModerate ? (
        <div className="actions">
          {data.canPublish ? (
            <Form method="post" action={`/projects/${encoded}/publish`} className="inline-form">
              <input type="hidden" name="intent" value={data.published ? "unpublish" : "publish"} />
              <button
                type="submit"
                className={data.published ? "button button--secondary" : "button"}
                data-testid="publish-button"
              >
                {data.published ? t("public.publish.unpublish") : t("public.publish.publish")}
              </button>
            </Form>
          ) : null}
          {data.canModerate && data.counts.pending > 0 ? (
            <Link to="/moderation">{t("public.publish.moderation")}</Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
