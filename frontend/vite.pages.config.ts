import { scriptBuild } from "./vite.script";

/** The script of the server-rendered pages (demo site and tour manage page). */
export default scriptBuild("src/pages/main.ts", "LeaseChatPages", "pages.js");
