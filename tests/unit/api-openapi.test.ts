/** The OpenAPI document covers every API route file (and only those), its refs resolve, and it is served as JSON. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_PATHS, openApiDocument } from "~/modules/api/openapi";
import { loader } from "~/routes/api.openapi[.]json";

const ROUTES = path.resolve(__dirname, "../../app/routes");

/** Remix flat-route file name → URL path template (`$code` → `{code}`, `projects_` → `projects`). */
function routePath(file: string): string {
  const segments = file.replace(/\.tsx?$/, "").split(/\.(?![^[]*\])/);
  return (
    "/" +
    segments
      .map((s) => s.replace(/_$/, "").replace(/\[\.\]/g, "."))
      .map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s))
      .join("/")
  );
}

const apiRouteFiles = fs.readdirSync(ROUTES).filter((f) => /^api\.v1\./.test(f));

describe("OpenAPI document", () => {
  it("has a path for every /api/v1 route file, and a route file for every path", () => {
    expect(apiRouteFiles.length).toBeGreaterThanOrEqual(7);
    const fromFiles = apiRouteFiles.map(routePath).sort();
    expect(fromFiles).toEqual(Object.keys(API_PATHS).sort());
  });

  it("documents the methods each route file serves", async () => {
    for (const file of apiRouteFiles) {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      const item = API_PATHS[routePath(file) as keyof typeof API_PATHS] as Record<string, unknown>;
      const documented = Object.keys(item).filter((k) => ["get", "post", "patch", "put", "delete"].includes(k));
      const served = [...source.matchAll(/request\.method !== "(\w+)"/g)].map((m) => m[1].toLowerCase());
      const reads = /export const loader = \(\{ request, (params, )?context \}/.test(source);
      expect(documented.sort(), file).toEqual([...new Set([...served, ...(reads ? ["get"] : [])])].sort());
    }
  });

  it("every $ref resolves, every operation has an id and a 401", () => {
    const doc = openApiDocument();
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    const ids = new Set<string>();
    for (const item of Object.values(doc.paths) as Record<string, { operationId?: string; responses?: Record<string, unknown> }>[]) {
      for (const [method, op] of Object.entries(item)) {
        if (method === "parameters") continue;
        expect(op.operationId).toBeTruthy();
        expect(ids.has(op.operationId!)).toBe(false);
        ids.add(op.operationId!);
        expect(op.responses).toHaveProperty("401");
      }
    }
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("is served at /api/openapi.json as JSON", async () => {
    const res = await loader({ request: new Request("http://localhost/api/openapi.json"), params: {}, context: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await res.json()) as { servers: { url: string }[]; paths: object };
    expect(body.servers[0].url).toBe("http://localhost");
    expect(Object.keys(body.paths)).toContain("/api/v1/projects/{code}/transactions/{id}/reversal");
  });
});
