/** A project's milestones as CSV. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadMilestones } from "~/modules/export/routes.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => downloadMilestones(request, params.code, "csv");
