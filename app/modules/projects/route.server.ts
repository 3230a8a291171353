/**
 * Small helpers shared by the project routes: who is acting (for the audit
 * trail), loading a project from the URL, and turning module problems into
 * Conform field errors.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "~/auth/guard.server";
import { notFound } from "~/auth/guard.server";
import type { Db } from "#db/client.server";
import type { Actor } from "~/modules/audit/audit.server";
import { isProjectCodeParam } from "./code";
import type { FieldProblem } from "./options.server";
import { findProjectByCode, type ProjectRecord } from "./project.server";

export function actorOf(user: CurrentUser, context: AppLoadContext | undefined): Actor {
  return { userId: user.id, label: user.email, ipAddress: context?.clientIp ?? null };
}

/** The project named in the URL, or a 404 response thrown. */
export function requireProject(db: Db, code: string | undefined): ProjectRecord {
  const project = isProjectCodeParam(code) ? findProjectByCode(db, code) : null;
  if (!project) throw notFound();
  return project;
}

export function fieldErrors(problems: FieldProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[p.field] ??= []).push(p.message);
  return out;
}

/** The notice named by `?saved=` after a redirect, if it is one we know. */
export const SAVED_NOTICES = ["created", "updated", "unchanged", "phase", "lesson", "replicated"] as const;
export type SavedNotice = (typeof SAVED_NOTICES)[number];

export function savedNotice(request: Request): SavedNotice | null {
  const v = new URL(request.url).searchParams.get("saved");
  return (SAVED_NOTICES as readonly string[]).includes(v ?? "") ? (v as SavedNotice) : null;
}
