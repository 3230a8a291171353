/** The project register's current view as XLSX (same query string as /projects and /projects.csv). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadProjects } from "~/modules/export/routes.server";

export const loader = ({ request }: LoaderFunctionArgs) => downloadProjects(request, "xlsx");
