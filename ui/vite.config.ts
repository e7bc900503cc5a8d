import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

// The UI is served from the app's own origin (tauri://localhost) and never from a network:
// everything, Leaflet's CSS included, is bundled into ui/dist.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    assetsInlineLimit: 0,
    rollupOptions: {
      // bare.html: an empty page in the same shell, the baseline of the startup benchmark.
      input: { main: resolve(root, "index.html"), bare: resolve(root, "bare.html"), presenter: resolve(root, "presenter.html") },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
