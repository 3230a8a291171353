/**
 * POST `/projects/:code/publish` (`intent=publish|unpublish`): coordinators
 * (`publish:project:any`) choose whether a project shows on the public
 * portal. Audited; back to the project page with a notice.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { setProjectPublished } from "~/modules/public/publish.server";
import { actorOf, requireProject } from "~/modules/projects/route.server";

const PublishSchema = z.object({ intent: z.enum(["publish", "unpublish"]) });

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/projects/${encodeURIComponent(params.code ?? "")}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  const user = requirePermission(request, "publish", "project", project.organisationId);
  const parsed = PublishSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const { changed } = setProjectPublished(db, actorOf(user, context), project, parsed.data.intent);
  const notice = changed ? parsed.data.intent : "unchanged";
  throw redirect(`/projects/${encodeURIComponent(project.code)}?publication=${notice}#publication`);
}
