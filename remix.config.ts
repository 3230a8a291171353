import type { VitePluginConfig } from "@remix-run/dev";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** Remix Vite plugin options. Every v3 future flag is on (see docs/decisions/0001). */
export const remixConfig: VitePluginConfig = {
  appDirectory: "app",
  // CITYPILOT_BUILD_DIR lets several people (or CI jobs) build side by side in one tree.
  buildDirectory: process.env.CITYPILOT_BUILD_DIR ?? "build",
  serverModuleFormat: "esm",
  ignoredRouteFiles: ["**/*.test.*", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
