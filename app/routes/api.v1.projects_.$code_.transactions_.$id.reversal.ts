/** POST /api/v1/projects/:code/transactions/:id/reversal — book the reversing entry of a transaction. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { apiReverseTransaction } from "~/modules/api/commands.server";
import { apiHandler, idParam, json, methodNotAllowed, requireApiPrincipal } from "~/modules/api/http.server";
import { apiTransaction } from "~/modules/api/resources.server";
import { parseBody, requireApiProject } from "~/modules/api/route.server";
import { ReversalBody } from "~/modules/api/schemas";

export const loader = ({ request }: { request: Request }) =>
  apiHandler(request, () => {
    throw methodNotAllowed(["POST"]);
  });

export const action = ({ request, params, context }: ActionFunctionArgs) =>
  apiHandler(request, async () => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    const transactionId = idParam(params.id, "transaction");
    const { reason } = await parseBody(request, ReversalBody);
    const id = apiReverseTransaction(db, principal, project, transactionId, reason);
    return json({ data: apiTransaction(db, id) }, 201);
  });
