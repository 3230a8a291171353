/**
 * Triage lifecycle of a flag: open → acknowledged → resolved or dismissed;
 * reopen puts it back to open. Pure.
 */
import type { FlagState } from "#db/enums";

export const TRIAGE_ACTIONS = ["acknowledge", "resolve", "dismiss", "reopen"] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

const FROM: Record<TriageAction, readonly FlagState[]> = {
  acknowledge: ["open"],
  resolve: ["open", "acknowledged"],
  dismiss: ["open", "acknowledged"],
  reopen: ["acknowledged", "resolved", "dismissed"],
};
const TO: Record<TriageAction, FlagState> = {
  acknowledge: "acknowledged",
  resolve: "resolved",
  dismiss: "dismissed",
  reopen: "open",
};

/** The state after `action`, or null when the action is not allowed from `state`. */
export function nextState(state: FlagState, action: TriageAction): FlagState | null {
  return FROM[action].includes(state) ? TO[action] : null;
}

/**
 * What a recompute does to a stored flag given whether its condition holds
 * now. A resolved flag whose condition had cleared and returns is reopened;
 * other states are kept (triage survives recomputes).
 */
export function onRecompute(
  stored: { active: boolean; state: FlagState },
  holds: boolean,
): { active: boolean; state: FlagState; event: "reopen" | "reactivate" | "clear" | null } {
  if (holds && !stored.active) {
    return stored.state === "resolved"
      ? { active: true, state: "open", event: "reopen" }
      : { active: true, state: stored.state, event: "reactivate" };
  }
  if (!holds && stored.active) return { active: false, state: stored.state, event: "clear" };
  return { active: stored.active, state: stored.state, event: null };
}
