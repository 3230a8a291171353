/** The organisation register's current view as XLSX (same filters and sort as /organisations). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadOrganisations } from "~/modules/export/routes.server";

export const loader = ({ request }: LoaderFunctionArgs) => downloadOrganisations(request, "xlsx");
