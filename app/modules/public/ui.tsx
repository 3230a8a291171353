/** Small UI pieces of the public portal shared by its pages. */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/useT";
import { localized } from "~/utils/localized";
import type { PublicProjectCard } from "./queries.server";

export function ProjectCards({ projects }: { projects: PublicProjectCard[] }) {
  const { t, locale, num } = useT();
  return (
    <ul className="public-cards" data-testid="public-projects">
      {projects.map((p) => (
        <li key={p.code} className="public-card" data-code={p.code}>
          <h3 className="public-card__title">
            <Link to={`/public/projects/${encodeURIComponent(p.code)}`}>
              <span lang={locale === "en" && !p.titleEn ? "vi" : undefined}>
                {localized(locale, p.titleVi, p.titleEn)}
              </span>
            </Link>
          </h3>
          <p className="public-card__meta">
            <span className="tag">{t(`enums.phase.${p.phase}`)}</span>{" "}
            <span className="tag">{t(`projects.domain.${p.domain}`)}</span>{" "}
            {p.province ? localized(locale, p.province.nameVi, p.province.nameEn) : t("public.card.national")}
          </p>
          <p className="muted">{t("public.card.owner", { name: localized(locale, p.ownerNameVi, p.ownerNameEn) })}</p>
          <p className="public-card__feedback">
            {t("public.card.feedback", {
              support: num(p.feedback.support),
              oppose: num(p.feedback.oppose),
              comments: num(p.feedback.comments),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Support, oppose and published-comment counts as a small list of figures. */
export function FeedbackCountsList({
  counts,
  pending,
}: {
  counts: { support: number; oppose: number; comments: number };
  pending?: number;
}) {
  const { t, num } = useT();
  return (
    <dl className="feedback-counts" data-testid="feedback-counts" aria-label={t("feedback.counts.title")}>
      <div>
        <dt>{t("feedback.counts.support")}</dt>
        <dd data-testid="count-support">{num(counts.support)}</dd>
      </div>
      <div>
        <dt>{t("feedback.counts.oppose")}</dt>
        <dd data-testid="count-oppose">{num(counts.oppose)}</dd>
      </div>
      <div>
        <dt>{t("feedback.counts.comments")}</dt>
        <dd data-testid="count-comments">{num(counts.comments)}</dd>
      </div>
      {pending !== undefined ? (
        <div>
          <dt>{t("feedback.counts.pending")}</dt>
          <dd data-testid="count-pending">{num(pending)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
