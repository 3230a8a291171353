/** The flag list's current view as CSV (same filters and sort as /flags). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadFlags } from "~/modules/export/routes.server";

export const loader = ({ request }: LoaderFunctionArgs) => downloadFlags(request, "csv");
