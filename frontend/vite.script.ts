import { defineConfig, type UserConfig } from "vite";

/** One self-contained IIFE script in frontend/dist, from one entry module. */
export function scriptBuild(
  entry: string,
  globalName: string,
  fileName: string,
  extra: Pick<NonNullable<UserConfig["build"]>, "minify" | "rollupOptions"> = {},
): UserConfig {
  return defineConfig({
    root: import.meta.dirname,
    build: {
      outDir: "dist",
      emptyOutDir: false,
      target: "es2020",
      ...extra,
      lib: { entry, formats: ["iife"], name: globalName, fileName: () => fileName },
    },
  });
}
