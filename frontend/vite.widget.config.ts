import { defineConfig } from "vite";

/** The embeddable widget: one self-contained script (CSS inlined), one global `LeaseChat`. */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2020",
    minify: true,
    lib: { entry: "src/widget/main.ts", formats: ["iife"], name: "LeaseChatBundle", fileName: () => "widget.js" },
    rollupOptions: { output: { extend: true } },
  },
});
