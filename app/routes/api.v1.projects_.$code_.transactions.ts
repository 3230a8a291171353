/** GET /api/v1/projects/:code/transactions (cursor pages) and POST (book an entry). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { apiRecordTransaction } from "~/modules/api/commands.server";
import {
  apiHandler,
  decodeCursor,
  encodeCursor,
  json,
  methodNotAllowed,
  nextLink,
  parseLimit,
  requireApiPrincipal,
} from "~/modules/api/http.server";
import { apiTransaction, listApiTransactions } from "~/modules/api/resources.server";
import { created, parseBody, requireApiProject } from "~/modules/api/route.server";
import { TransactionBody } from "~/modules/api/schemas";

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  apiHandler(request, () => {
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    const search = new URL(request.url).searchParams;
    const limit = parseLimit(search.get("limit"));
    const page = listApiTransactions(db, project.id, decodeCursor(search.get("cursor")), limit);
    const last = page.rows.at(-1);
    const nextCursor = page.hasMore && last ? encodeCursor(last.id) : null;
    return json({
      data: page.rows,
      page: { limit, nextCursor, next: nextCursor ? nextLink(request, nextCursor) : null },
    });
  });

export const action = ({ request, params, context }: ActionFunctionArgs) =>
  apiHandler(request, async () => {
    if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    const input = await parseBody(request, TransactionBody);
    const id = apiRecordTransaction(db, principal, project, input);
    return json(
      { data: apiTransaction(db, id) },
      201,
      created(`/api/v1/projects/${encodeURIComponent(project.code)}/transactions`),
    );
  });
