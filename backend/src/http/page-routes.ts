import fs from "node:fs";
import path from "node:path";
import { Router, type Request } from "express";
import { escapeHtml } from "../mail/html";

export interface PageOptions {
  /** Built frontend files (widget.js, pages.js). */
  distDir: string;
  companyName: () => string;
  assistantTitle: () => string;
}

const PAGE_CSS = `
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;background:#f5f6f8}
header{background:#123c69;color:#fff;padding:28px 20px}header h1{margin:0 0 4px;font-size:28px}header p{margin:0;color:#dbe6f3}
main{max-width:1080px;margin:0 auto;padding:24px 20px 120px}
#listings{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:16px}
.listing{background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12)}.listing h3{margin:0 0 6px;font-size:18px}
.listing p{margin:2px 0;color:#52606d}.listing .facts{color:#1f2933;font-weight:600}
.card{background:#fff;border-radius:10px;padding:20px;max-width:560px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
button{font:inherit;cursor:pointer}.danger{background:#a61b1b;color:#fff;border:0;border-radius:8px;padding:10px 16px}
.slot{margin:4px;border:1px solid #123c69;color:#123c69;background:#fff;border-radius:16px;padding:6px 12px}
#status.ok{color:#1b6b2a}#status.bad{color:#a61b1b}.cancelled{color:#a61b1b;font-weight:600}
label{display:block;margin:16px 0 6px;font-weight:600}input[type=date]{font:inherit;padding:6px}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}`;

function layout(title: string, page: string, body: string, extraHead = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style>${extraHead}</head>
<body data-page="${page}">${body}<script src="/pages.js" defer></script></body></html>`;
}

function origin(req: Request): string {
  return `${req.protocol}://${req.get("host")}`;
}

/** The demo property site (with the widget embedded as a customer would), the tour manage page, and the built scripts. */
export function pageRoutes(o: PageOptions): Router {
  const r = Router();
  const file = (name: string) => path.join(o.distDir, name);

  r.get(["/widget.js", "/pages.js"], (req, res) => {
    const f = file(path.basename(req.path));
    if (!fs.existsSync(f)) {
      res.status(503).type("text/plain").send("The frontend is not built yet: run npm run build.");
      return;
    }
    // The widget is embedded on other sites: allow it to be loaded cross-origin.
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("application/javascript").send(fs.readFileSync(f));
  });

  r.get("/", (req, res) => {
    const api = origin(req);
    res.type("html").send(
      layout(
        o.companyName(),
        "demo",
        `<header><h1>${escapeHtml(o.companyName())}</h1><p>Apartments and homes in Austin, Denver, Portland, Boston and San José</p></header>
<main><h2>Available now</h2><div id="listings" aria-live="polite"><p>Loading listings…</p></div></main>
<script src="/widget.js" data-api="${escapeHtml(api)}" data-title="${escapeHtml(o.assistantTitle())}" defer></script>`,
      ),
    );
  });

  r.get("/tours/:token", (_req, res) => {
    res.type("html").send(
      layout(
        "Your tour",
        "manage",
        `<header><h1>Your tour</h1><p>${escapeHtml(o.companyName())}</p></header>
<main><div class="card"><div id="tour"><p>Loading your tour…</p></div>
<div id="actions" hidden>
<label for="date">Pick a new day to reschedule</label><input id="date" type="date">
<div id="slots" aria-live="polite"></div>
<p><button id="cancel" type="button" class="danger">Cancel this tour</button></p>
</div><p id="status" role="status"></p></div></main>`,
      ),
    );
  });

  return r;
}
