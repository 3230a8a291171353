/**
 * Where a pilot can be replicated: the organisations offered to the user and
 * the check of the one submitted.
 */
import type { Db } from "#db/client.server";
import { can, type Principal } from "~/auth/permissions";
import { successorIdOf } from "~/modules/organisations/succession.server";
import { currentOrganisations, isCurrent, type OrgOption } from "./options.server";
import { currentProvince, type ProjectRecord } from "./project.server";
import { targetProblem, TARGET_KINDS, type TargetProblem } from "./replication";
import type { ReplicationTarget } from "./commands.server";

function provinceOf(db: Db, org: OrgOption, asOf: string): number | null {
  if (org.kind === "province") return successorIdOf(db, org.id, asOf) ?? org.id;
  if (org.kind === "city" && org.parentId !== null)
    return successorIdOf(db, org.parentId, asOf) ?? org.parentId;
  return null;
}

/** Check a submitted target organisation; the caller has checked the user may create projects for it. */
export function resolveReplicationTarget(
  db: Db,
  source: ProjectRecord,
  target: OrgOption,
  asOf: string,
): { ok: true; target: ReplicationTarget } | { ok: false; problem: TargetProblem } {
  const provinceId = provinceOf(db, target, asOf);
  const problem = targetProblem(
    { kind: target.kind, ended: !isCurrent(target, asOf), provinceId },
    currentProvince(db, source.provinceId, asOf),
  );
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    target: {
      organisationId: target.id,
      provinceId: provinceId!,
      cityId: target.kind === "city" ? target.id : null,
    },
  };
}

/**
 * The organisations the user may replicate `source` into: for a coordinator
 * every current province; for a planner their own current province or
 * cities. The source's own province is left out.
 */
export function replicationTargets(
  db: Db,
  user: Principal,
  source: ProjectRecord,
  asOf: string,
): OrgOption[] {
  return currentOrganisations(db, asOf).filter((o) => {
    if (!TARGET_KINDS.includes(o.kind)) return false;
    if (!can(user, "create", "project", o.id)) return false;
    // "Any" scope (coordinators) is offered provinces; planners their own provinces or cities.
    if (o.kind === "city" && !user.ownOrganisationIds.has(o.id)) return false;
    return resolveReplicationTarget(db, source, o, asOf).ok;
  });
}
