import { scriptBuild } from "./vite.script";

/** The embeddable widget: one self-contained script (CSS inlined), one global `LeaseChat`. */
export default scriptBuild("src/widget/main.ts", "LeaseChatBundle", "widget.js", { minify: true, rollupOptions: { output: { extend: true } } });
