import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { remixConfig } from "./remix.config";

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  ssr: { noExternal: [] },
  plugins: [remix(remixConfig), tsconfigPaths()],
});
