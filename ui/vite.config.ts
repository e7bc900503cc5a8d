import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// The UI is served from the app's own origin (tauri://localhost) and never from a network:
// everything, Leaflet's CSS included, is bundled into ui/dist.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
