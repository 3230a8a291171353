/**
 * The waste flags of a project or of a plan's projects: severity (as text,
 * not only colour), title, the plain-language explanation with the evidence
 * (numbers, dates), a link to the figures behind it, money at stake, triage
 * state and reason, group members, and a link to the triage page.
 *
 *   loader:  flags: flagPanelData(db, user, { projectId, projectCode })   (or { planId })
 *   page:    <FlagPanel data={d.flags} />
 */
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import type { FlagPanelData } from "~/modules/flags/panel.server";
import { evidenceParams, parseEvidence, type ParsedEvidence } from "~/modules/flags/present";
import { localized } from "~/utils/localized";

type Flag = FlagPanelData["flags"][number];

/** Where the figures behind a flag are. */
function evidenceLink(f: Flag, ev: ParsedEvidence): { to: string; key: MessageKey; code?: string } | null {
  const code = f.projectCode;
  if (!code) return null;
  switch (f.ruleCode) {
    case "stalled_spending":
      return { to: `/projects/${code}/milestones`, key: "flags.panel.evidence.milestones" };
    case "cost_overrun":
    case "idle_allocation":
    case "on_premise_hardware":
    case "personal_data_no_security":
      return { to: `/projects/${code}/budget`, key: "flags.panel.evidence.budget" };
    case "zombie_project":
      return { to: `/projects/${code}/transactions`, key: "flags.panel.evidence.transactions" };
    case "replication_before_evaluation":
      return typeof ev.source === "string"
        ? { to: `/projects/${ev.source}`, key: "flags.panel.evidence.source", code: ev.source }
        : null;
    case "overlapping_app":
      return { to: "/apps", key: "flags.panel.evidence.apps" };
    default:
      return null;
  }
}

export function FlagPanel({
  data,
  showProject = false,
}: {
  data: FlagPanelData | null;
  /** On a plan page: name the project of each project flag. */
  showProject?: boolean;
}) {
  const { t, locale, money, num, date, dateTime } = useT();
  if (!data) return null;
  const { flags } = data;
  return (
    <section aria-labelledby="flag-panel-heading" className="flag-panel" data-testid="flag-panel">
      <h2 id="flag-panel-heading">{t("flags.panel.title")}</h2>
      {flags.length === 0 ? (
        <p>{t("flags.panel.none")}</p>
      ) : (
        <>
          <p>{t("flags.panel.count", { count: num(flags.length) })}</p>
          <ul className="flag-list">
            {flags.map((f) => {
              const ev = parseEvidence(f.evidence);
              const params = evidenceParams(ev, { money, num, date });
              const link = evidenceLink(f, ev);
              const total = typeof ev.count === "number" ? ev.count : f.members.length;
              return (
                <li key={f.id} className={`flag-item flag-item--${f.severity}`} data-testid={`flag-${f.ruleCode}`}>
                  <h3>
                    <span className={`badge badge--${f.severity}`}>
                      <span className="visually-hidden">{t("flags.panel.severity")}: </span>
                      {t(`flags.severity.${f.severity}`)}
                    </span>{" "}
                    {t(`flags.rule.${f.ruleCode}.title` as MessageKey)}
                  </h3>
                  {typeof ev.explanationKey === "string" ? (
                    <p>{t(`flags.${ev.explanationKey}` as MessageKey, params)}</p>
                  ) : null}
                  <dl className="flag-facts">
                    {showProject && f.projectCode ? (
                      <>
                        <dt>{t("flags.panel.project")}</dt>
                        <dd>
                          <Link to={`/projects/${f.projectCode}`}>{f.projectCode}</Link>
                        </dd>
                      </>
                    ) : null}
                    <dt>{t("flags.panel.money")}</dt>
                    <dd className="num">{money(f.moneyAtStake)}</dd>
                    <dt>{t("flags.panel.state")}</dt>
                    <dd>
                      {t(`flags.state.${f.state}`)}
                      {f.stateChangedAt ? (
                        <span className="muted"> ({t("flags.panel.changed", { date: dateTime(f.stateChangedAt) })})</span>
                      ) : null}
                    </dd>
                    {f.stateReason ? (
                      <>
                        <dt>{t("flags.panel.reason")}</dt>
                        <dd>{f.stateReason}</dd>
                      </>
                    ) : null}
                  </dl>
                  {f.members.length ? (
                    <details>
                      <summary>{t("flags.panel.members", { count: num(total) })}</summary>
                      <ul>
                        {f.members.map((m) => (
                          <li key={m.code}>
                            <Link to={`/projects/${m.code}`}>{m.code}</Link> — {localized(locale, m.titleVi, m.titleEn)}
                          </li>
                        ))}
                      </ul>
                      {total > f.members.length ? (
                        <p className="muted">{t("flags.panel.moreMembers", { count: num(total - f.members.length) })}</p>
                      ) : null}
                    </details>
                  ) : null}
                  {link ? (
                    <p>
                      <Link to={link.to}>{t(link.key, link.code ? { code: link.code } : undefined)}</Link>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p>
        <Link to={data.triageHref}>{t("flags.panel.triage")}</Link>
      </p>
    </section>
  );
}
