import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app loads ui/dist from disk (tauri.conf.json: build.frontendDist); the dev server
// only serves `tauri dev`.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // No inline data: URLs: the CSP allows only files from the app itself.
    assetsInlineLimit: 0,
  },
});
