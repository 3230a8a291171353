/**
 * The JSON API's HTTP layer: bearer authentication (cookies are never read
 * here, so a browser session cannot act on /api/v1 at all), per-token rate
 * limit, permission checks, JSON bodies with a size limit, zod errors as
 * `422 {errors: {field: [message]}}`, and JSON for every error whatever
 * throws (never an HTML page).
 */
import type { AppLoadContext } from "@remix-run/node";
import type { ZodError, ZodIssue } from "zod";
import { getDb, type Db } from "#db/client.server";
import { can, type Action, type Entity } from "~/auth/permissions";
import { translator, type MessageKey } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { StaleVersionError } from "~/modules/db/concurrency";
import { RateLimiter } from "./tokens";
import { authenticateBearer, type ApiPrincipal } from "./tokens.server";

import { DEFAULT_LIMIT, MAX_BODY_BYTES, MAX_LIMIT } from "./limits";

export { DEFAULT_LIMIT, MAX_BODY_BYTES, MAX_LIMIT };

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...NO_STORE, ...headers },
  });
}

/** An error the API answers with: `{error: {code, message}}` (plus `errors` for 422). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
  toResponse(): Response {
    return json({ error: { code: this.code, message: this.message }, ...this.extra }, this.status, this.headers);
  }
}

export type FieldErrors = Record<string, string[]>;

/** 422 with field errors. */
export function validationError(errors: FieldErrors): ApiError {
  return new ApiError(422, "validation_failed", "The request body is not valid.", { errors });
}

export const notFoundError = (what = "resource") => new ApiError(404, "not_found", `No such ${what}.`);
export const forbiddenError = () =>
  new ApiError(403, "forbidden", "This token may not do this for this organisation.");

/** The API's message language: `Accept-Language: vi…` gives Vietnamese, anything else English. */
export function apiLocale(request: Request): Locale {
  return /^\s*vi\b/i.test(request.headers.get("accept-language") ?? "") ? "vi" : "en";
}

/** Message keys (i18n) → text in the request's language. */
export function translateErrors(request: Request, errors: Record<string, string[]>): FieldErrors {
  const t = translator(apiLocale(request));
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors)) out[field] = messages.map((m) => t(m as MessageKey));
  return out;
}

export function zodFieldErrors(error: ZodError | { issues: ZodIssue[] }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out[[...issue.path, key].join(".")] = ["api.error.unknownField"];
      continue;
    }
    const field = issue.path.length ? issue.path.join(".") : "_";
    const list = (out[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

const limiter = new RateLimiter();

/** The calling token's principal, or a 401 (none, malformed, unknown, revoked, expired) / 429. */
export function requireApiPrincipal(request: Request, context?: AppLoadContext, db: Db = getDb()): ApiPrincipal {
  const result = authenticateBearer(db, request.headers.get("authorization"), {
    ipAddress: context?.clientIp ?? null,
  });
  if (!result.ok) {
    const message =
      result.reason === "missing"
        ? "Send an API token: Authorization: Bearer <id>.<secret>."
        : result.reason === "revoked"
          ? "This API token has been revoked."
          : result.reason === "expired"
            ? "This API token has expired."
            : "This API token is not valid.";
    throw new ApiError(401, `token_${result.reason}`, message, {}, { "WWW-Authenticate": 'Bearer realm="citypilot"' });
  }
  const wait = limiter.hit(result.principal.tokenId);
  if (wait !== null) {
    throw new ApiError(429, "rate_limited", "Too many requests for this token; retry later.", {}, {
      "Retry-After": String(wait),
    });
  }
  return result.principal;
}

/** 403 unless the token's role may do `action` on `entity` of this organisation. */
export function requireApiPermission(
  principal: ApiPrincipal,
  action: Action,
  entity: Entity,
  organisationId?: number | null,
): void {
  if (!can(principal, action, entity, organisationId)) throw forbiddenError();
}

/** The JSON body (an object), or 415 / 413 / 400. */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, "body_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError(413, "body_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiError(400, "invalid_json", "The body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** 405 for a method the route does not serve. */
export function methodNotAllowed(allowed: string[]): ApiError {
  return new ApiError(405, "method_not_allowed", `Use ${allowed.join(", ")}.`, {}, { Allow: allowed.join(", ") });
}

export function staleError(e: StaleVersionError): ApiError {
  return new ApiError(
    409,
    "stale_version",
    `The ${e.entity} was changed by someone else since version ${e.expectedVersion}; read it again and retry.`,
    { currentVersionUrl: null },
  );
}

const STATUS_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "body_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
};

/**
 * Run an API handler; whatever it throws becomes a JSON error response
 * (ApiError, a thrown Response from a shared guard, a stale version, a bug).
 */
export async function apiHandler(request: Request, fn: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.extra.errors) {
        const errors = e.extra.errors as Record<string, string[]>;
        return new ApiError(e.status, e.code, e.message, {
          ...e.extra,
          errors: translateErrors(request, errors),
          errorCodes: errors,
        }, e.headers).toResponse();
      }
      return e.toResponse();
    }
    if (e instanceof StaleVersionError) return staleError(e).toResponse();
    if (e instanceof Response) {
      if ((e.headers.get("content-type") ?? "").includes("json")) return e;
      const status = e.status >= 300 && e.status < 400 ? 401 : e.status;
      return json({ error: { code: STATUS_CODES[status] ?? "error", message: e.statusText || "Request refused." } }, status);
    }
    console.error("API error", e);
    return json({ error: { code: "internal_error", message: "Something went wrong on the server." } }, 500);
  }
}

/** Opaque cursors: base64url of the last id seen. */
export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | null): number | null {
  if (!cursor) return null;
  const m = /^id:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!m) throw new ApiError(400, "invalid_cursor", "The cursor is not one this API gave out.");
  return Number(m[1]);
}

export function parseLimit(raw: string | null): number {
  if (raw === null || raw === "") return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw validationError({ limit: [`limit must be an integer from 1 to ${MAX_LIMIT}.`] });
  }
  return n;
}

/** The same URL with `cursor` set (for `next` links). */
export function nextLink(request: Request, cursor: string): string {
  const url = new URL(request.url);
  url.searchParams.set("cursor", cursor);
  return url.pathname + url.search;
}

/** A positive integer id from the URL, or a 404. */
export function idParam(raw: string | undefined, what: string): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw notFoundError(what);
  return Number(raw);
}
