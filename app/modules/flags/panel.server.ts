/**
 * Data of the flag panel on the project and plan pages, scoped by the
 * caller's permission: null when they may not read flags; planners get the
 * flags of their own organisations only (a group flag when one of its
 * members is theirs); coordinators, leaders and auditors get all.
 */
import type { Db } from "#db/client.server";
import { can, scopeOf, type Principal } from "~/auth/permissions";
import { flagsOfPlan, flagsOfProject, type ProjectFlag } from "./project-flags.server";

export interface FlagPanelData {
  flags: ProjectFlag[];
  /** The /flags page filtered to this project or plan. */
  triageHref: string;
  canTriage: boolean;
}

export function flagPanelData(
  db: Db,
  user: Principal,
  subject: { projectId: number; projectCode: string } | { planId: number },
): FlagPanelData | null {
  const scope = scopeOf(user, "read", "flag");
  if (!scope) return null;
  const own = scope === "any" ? null : [...user.ownOrganisationIds];
  const byProject = "projectId" in subject;
  return {
    flags: byProject ? flagsOfProject(db, subject.projectId, own) : flagsOfPlan(db, subject.planId, own),
    triageHref: byProject
      ? `/flags?project=${encodeURIComponent(subject.projectCode)}`
      : `/flags?plan=${subject.planId}`,
    canTriage: can(user, "update", "flag"),
  };
}
