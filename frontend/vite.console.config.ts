import { scriptBuild } from "./vite.script";

/** The staff console script. */
export default scriptBuild("src/console/main.ts", "LeaseConsole", "console.js");
