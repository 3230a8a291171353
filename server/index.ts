/**
 * CityPilot HTTP server: Express in front of Remix, for development (Vite in
 * middleware mode) and production (the built app). It adds what must hold for
 * every response: security headers with a per-request CSP nonce, cross-site
 * request refusal for state-changing requests, compression and static assets.
 *
 * Before it listens it prepares the database (migrations; the seed when empty).
 * Production runs this file bundled ahead of time (`npm run build` →
 * <build>/server-entry.mjs, scripts/build-server.ts) with plain node: no
 * TypeScript compiler at run time (ADR 0013).
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { isCrossSiteRequestAllowed } from "../app/auth/csrf";
import { prepareDatabase } from "./prepare-db";
import { withStorageErrors } from "./storage-full";

const isProduction = process.env.NODE_ENV === "production";
const buildDir = process.env.CITYPILOT_BUILD_DIR ?? "build";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// Migrations (and the seed of an empty database) before anything is served.
await prepareDatabase();

const viteDevServer = isProduction
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "true");
app.use(compression());

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const scriptSrc = isProduction
    ? `'self' 'nonce-${nonce}' 'strict-dynamic'`
    : `'self' 'nonce-${nonce}' 'unsafe-inline'`;
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // React and recharts set style attributes; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    isProduction ? "connect-src 'self'" : "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  res.setHeader(isProduction ? "Content-Security-Policy" : "Content-Security-Policy-Report-Only", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (isProduction && req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
});

// Refuse cross-site state-changing requests before they reach any action.
app.use((req, res, next) => {
  const headers = { get: (name: string) => req.get(name) ?? null };
  if (isCrossSiteRequestAllowed(req.method, headers, req.get("host") ?? null)) return next();
  res.status(403).type("text/plain").send("Cross-site request refused");
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(`${buildDir}/client`, { maxAge: "1h" }));
}

// A full disk (SQLITE_FULL) becomes a 507 the ErrorBoundary explains (server/storage-full.ts).
const build = viteDevServer
  ? () =>
      (viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>).then(
        withStorageErrors,
      )
  : withStorageErrors(
      (await import(pathToFileURL(path.resolve(buildDir, "server/index.js")).href)) as ServerBuild,
    );

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isProduction ? "production" : "development",
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

const server = app.listen(port, host, () => {
  console.log(
    `CityPilot listening on http://localhost:${port} (${isProduction ? "production" : "development"})`,
  );
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
