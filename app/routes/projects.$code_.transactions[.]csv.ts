/** A project's transactions ledger as CSV (same filters as the ledger page, every row). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadTransactions } from "~/modules/export/routes.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => downloadTransactions(request, params.code, "csv");
