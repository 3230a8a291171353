/** The plan list's current view as XLSX (same filters and sort as /plans). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadPlans } from "~/modules/export/routes.server";

export const loader = ({ request }: LoaderFunctionArgs) => downloadPlans(request, "xlsx");
