import { defineConfig } from "vite";

/** The script of the server-rendered pages (demo site and tour manage page). */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2020",
    lib: { entry: "src/pages/main.ts", formats: ["iife"], name: "LeaseChatPages", fileName: () => "pages.js" },
  },
});
