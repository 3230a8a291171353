/** GET /api/openapi.json — the OpenAPI 3.1 document of the JSON API (public: it holds no data). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json } from "~/modules/api/http.server";
import { openApiDocument } from "~/modules/api/openapi";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiHandler(request, () => json(openApiDocument(new URL(request.url).origin), 200, { "Cache-Control": "public, max-age=300" }));
