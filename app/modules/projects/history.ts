/**
 * A project's audit trail in plain language (pure): "Nguyễn Văn A changed
 * the phase from Pilot to Evaluation on 12/03/2026 — reason: …",
 * "… changed the title and hosting model on …". The translator and the date
 * formatter come in as arguments, so the same code runs in tests, loaders
 * and components.
 */
import { PROJECT_PHASES, type ProjectPhase } from "#db/enums";
import type { MessageKey, Translate } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { fieldGroups } from "./fields";

/** The project audit actions written by the project commands. */
export const PROJECT_AUDIT_ACTIONS = {
  create: "project.create",
  update: "project.update",
  phase: "project.phase",
  lesson: "project.lesson.add",
  replicate: "project.replicate",
} as const;

/** Written by the plan commands when a project joins or leaves a plan. */
export const PLAN_LINK_ACTIONS = {
  added: "project.addToPlan",
  removed: "project.removeFromPlan",
} as const;

export interface HistoryEvent {
  id: number;
  /** Epoch milliseconds. */
  at: number;
  action: string;
  /** The person's name, or the audit label (e-mail, `seed`) when the user is gone. */
  actorName: string;
  before: unknown;
  after: unknown;
}

export interface HistoryFormat {
  t: Translate;
  locale: Locale;
  /** dd/mm/yyyy in vi; accepts ISO dates and epoch milliseconds. */
  date: (value: string | number) => string;
}

export interface HistoryLine {
  id: number;
  at: number;
  action: string;
  text: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isPhase = (v: unknown): v is ProjectPhase =>
  typeof v === "string" && (PROJECT_PHASES as readonly string[]).includes(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

function phaseName(t: Translate, v: unknown): string {
  return isPhase(v) ? t(`enums.phase.${v}`) : t("projects.history.unknownPhase");
}

/** "a, b and c" in the active language. */
export function joinList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** One audit event as a sentence. */
export function describeEvent(e: HistoryEvent, f: HistoryFormat): string {
  const { t } = f;
  const after = isRecord(e.after) ? e.after : {};
  const before = isRecord(e.before) ? e.before : {};
  const actor = e.actorName || t("projects.history.someone");
  const on = f.date(e.at);
  switch (e.action) {
    case PROJECT_AUDIT_ACTIONS.create:
      return t("projects.history.created", { actor, date: on });
    case PROJECT_AUDIT_ACTIONS.replicate: {
      const source = str(after.replicatesCode);
      return source
        ? t("projects.history.replicated", { actor, date: on, source })
        : t("projects.history.created", { actor, date: on });
    }
    case PROJECT_AUDIT_ACTIONS.update: {
      const groups = fieldGroups(Object.keys(after).length ? Object.keys(after) : Object.keys(before));
      if (groups.length === 0) return t("projects.history.updatedNothing", { actor, date: on });
      const labels = groups.map((g) => t(`projects.history.field.${g}` as MessageKey));
      return t("projects.history.updated", { actor, date: on, fields: joinList(f.locale, labels) });
    }
    case PROJECT_AUDIT_ACTIONS.phase: {
      const params = {
        actor,
        date: str(after.changedOn) ? f.date(after.changedOn as string) : on,
        from: phaseName(t, before.phase),
        to: phaseName(t, after.phase),
      };
      const reason = str(after.reason);
      return reason
        ? t("projects.history.phaseWithReason", { ...params, reason })
        : t("projects.history.phase", params);
    }
    case PROJECT_AUDIT_ACTIONS.lesson: {
      const recorded = str(after.recordedOn);
      return t("projects.history.lesson", { actor, date: recorded ? f.date(recorded) : on });
    }
    case PLAN_LINK_ACTIONS.added: {
      const plan = str(after.planCode);
      return plan
        ? t("projects.history.addedToPlan", { actor, date: on, plan })
        : t("projects.history.other", { actor, date: on, action: e.action });
    }
    case PLAN_LINK_ACTIONS.removed: {
      const plan = str(before.planCode);
      return plan
        ? t("projects.history.removedFromPlan", { actor, date: on, plan })
        : t("projects.history.other", { actor, date: on, action: e.action });
    }
    default:
      return t("projects.history.other", { actor, date: on, action: e.action });
  }
}

/** Newest first, each event as a sentence. */
export function describeHistory(events: readonly HistoryEvent[], f: HistoryFormat): HistoryLine[] {
  return [...events]
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map((e) => ({ id: e.id, at: e.at, action: e.action, text: describeEvent(e, f) }));
}
