import { getDb } from "#db/client.server";

/** Liveness and readiness: 200 {"ok":true} once the database answers. */
export async function loader() {
  try {
    getDb().$client.prepare("SELECT 1").get();
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
