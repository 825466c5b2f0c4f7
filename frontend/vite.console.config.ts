import { defineConfig } from "vite";

/** The staff console script. */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2020",
    lib: { entry: "src/console/main.ts", formats: ["iife"], name: "LeaseConsole", fileName: () => "console.js" },
  },
});
