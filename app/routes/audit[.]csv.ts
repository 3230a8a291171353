/** The audit log's current view as CSV (same filters as /audit). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadAudit } from "~/modules/export/routes.server";

export const loader = ({ request }: LoaderFunctionArgs) => downloadAudit(request, "csv");
