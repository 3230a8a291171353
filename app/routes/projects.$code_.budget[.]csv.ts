/** A project's budget lines as CSV. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadBudget } from "~/modules/export/routes.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => downloadBudget(request, params.code, "csv");
