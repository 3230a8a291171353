/** Any other /api/… address: a JSON 404 (never the HTML not-found page). */
import { apiHandler, notFoundError } from "~/modules/api/http.server";

export const loader = ({ request }: { request: Request }) =>
  apiHandler(request, () => {
    throw notFoundError("API endpoint");
  });

export const action = loader;
