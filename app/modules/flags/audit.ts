/**
 * Flag events of the audit log in plain language (pure). Flag audit events
 * carry the rule and the project code (or the group's members) in their
 * before/after JSON; this turns one into a message key of the `flags`
 * namespace with its parameters. Events written before the rule was
 * recorded fall back on "flag #id".
 */
import type { MessageKey, Translate } from "~/i18n/i18n";
import { ALL_RULE_CODES } from "./rules";

const DESCRIBED = [
  "flag.raise",
  "flag.clear",
  "flag.reopen",
  "flag.reactivate",
  "flag.acknowledge",
  "flag.resolve",
  "flag.dismiss",
  "flag.members",
  "flags.recompute",
] as const;

export interface FlagEventText {
  key: MessageKey;
  /** Parameters; `rule` is a rule code, translated by `flagEventText`. */
  params: Record<string, string | number>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const parse = (json: string | null): Record<string, unknown> => {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return isRecord(v) ? v : {};
  } catch {
    return {};
  }
};
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const short = (codes: string[], max = 5) => codes.slice(0, max).join(", ") + (codes.length > max ? ", …" : "");

/** The description of a flag audit event, or null for any other event. */
export function describeFlagEvent(e: {
  action: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}): FlagEventText | null {
  if (!(DESCRIBED as readonly string[]).includes(e.action)) return null;
  const before = parse(e.before);
  const after = parse(e.after);
  if (e.action === "flags.recompute") {
    const counts = isRecord(after.counts) ? Object.values(after.counts).filter((n): n is number => typeof n === "number") : [];
    return {
      key: "flags.audit.flags.recompute",
      params: {
        scope: `scope.${isRecord(after.scope) ? "project" : "all"}`,
        total: counts.reduce((a, b) => a + b, 0),
        created: typeof after.created === "number" ? after.created : 0,
        cleared: typeof after.cleared === "number" ? after.cleared : 0,
      },
    };
  }
  const rule = typeof after.rule === "string" ? after.rule : typeof before.rule === "string" ? before.rule : "";
  const project = typeof after.project === "string" ? after.project : typeof before.project === "string" ? before.project : null;
  const members = list(after.members).length ? list(after.members) : list(before.members);
  const subject: FlagEventText["params"] = project
    ? { subjectKey: "audit.subject.project", code: project }
    : members.length
      ? { subjectKey: "audit.subject.group", count: members.length, members: short(members) }
      : { subjectKey: "audit.subject.flag", id: e.entityId ?? "?" };
  const params: FlagEventText["params"] = { rule, ...subject };
  if (e.action === "flag.dismiss" || e.action === "flag.resolve") params.reason = typeof after.reason === "string" ? after.reason : "";
  if (e.action === "flag.members") {
    params.added = short(list(after.added));
    params.removed = short(list(after.removed));
  }
  return { key: `flags.audit.${e.action}` as MessageKey, params };
}

/** The sentence, translated (rule title, subject, "none" for empty lists). */
export function flagEventText(d: FlagEventText, t: Translate): string {
  const { rule, subjectKey, scope, ...rest } = d.params;
  const params: Record<string, string | number> = { ...rest };
  const none = t("flags.audit.none");
  for (const k of ["added", "removed"]) if (k in params && params[k] === "") params[k] = none;
  params.rule = typeof rule === "string" && (ALL_RULE_CODES as readonly string[]).includes(rule)
    ? t(`flags.rule.${rule}.title` as MessageKey)
    : String(rule ?? "");
  if (typeof subjectKey === "string") params.subject = t(`flags.${subjectKey}` as MessageKey, params);
  if (typeof scope === "string") params.scope = t(`flags.audit.${scope}` as MessageKey);
  return t(d.key, params);
}
