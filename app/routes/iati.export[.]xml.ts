/**
 * GET /iati/export.xml — ODA-funded projects as an IATI 2.03 activity file.
 * Coordinators, leaders and auditors get every project; planners their own
 * organisation's (read:budget scope). `?organisation=CODE&province=CODE`.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { iatiDocument } from "~/modules/iati/export";
import { exportableProjectIds, loadActivity, parseExportFilters, reportingOrganisation } from "~/modules/iati/export.server";
import { iatiConfigFromEnv } from "~/modules/iati/mapping";
import { todayIso } from "~/utils/today";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "budget");
  const db = getDb();
  const ids = exportableProjectIds(db, user, parseExportFilters(new URL(request.url).searchParams));
  if (ids.length === 0) {
    // The schema needs at least one activity: an empty selection is not a file.
    return new Response("No ODA-funded project matches. / Không có dự án ODA nào phù hợp.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
  const xml = iatiDocument(ids.map((id) => loadActivity(db, id)), iatiConfigFromEnv(), reportingOrganisation(db));
  return new Response(xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="citypilot-iati-${todayIso()}.xml"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
