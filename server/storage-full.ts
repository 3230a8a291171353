/**
 * A full disk must give users a clear answer, not "Unexpected Server Error":
 * SQLite reports it as SQLITE_FULL (the disk, or the `max_page_count` limit)
 * and rolls the transaction back, so nothing half-written remains. Every route
 * loader and action of the server build is wrapped so that such an error
 * becomes a 507 Insufficient Storage response, which the route's
 * ErrorBoundary explains in the user's language (common.error.507.*).
 * Production sanitises thrown errors before the ErrorBoundary sees them, so
 * the mapping has to happen here, before Remix turns the error into a 500.
 */
import type { ServerBuild } from "@remix-run/node";

export function isStorageFull(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "SQLITE_FULL" || code === "ENOSPC";
}

export function storageFullResponse(): Response {
  return new Response("Insufficient Storage: the server's storage is full; nothing was saved.", {
    status: 507,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

type Handler = (...args: never[]) => unknown;

function wrap<F extends Handler | undefined>(fn: F): F {
  if (!fn) return fn;
  const wrapped = async (...args: Parameters<NonNullable<F>>) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isStorageFull(error)) {
        console.error("Storage full (SQLITE_FULL): request refused, transaction rolled back");
        throw storageFullResponse();
      }
      throw error;
    }
  };
  return wrapped as unknown as F;
}

/** The same build with every loader and action mapping a full disk to 507. */
export function withStorageErrors(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    routes[id] = {
      ...route,
      module: { ...route.module, loader: wrap(route.module.loader), action: wrap(route.module.action) },
    };
  }
  return { ...build, routes };
}
