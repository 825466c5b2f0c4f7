import fs from "node:fs";
import path from "node:path";
import { type Request, Router } from "express";
import { escapeHtml } from "../mail/html";

export interface PageOptions {
  /** Built frontend files (widget.js, pages.js). */
  distDir: string;
  companyName: () => string;
  assistantTitle: () => string;
  /** The persona's greeting, shown by the widget when a chat opens. */
  greeting?: () => string;
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

const CONSOLE_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;background:#f5f6f8}
header{display:flex;align-items:center;gap:16px;background:#123c69;color:#fff;padding:10px 16px;flex-wrap:wrap}
header nav{display:flex;gap:4px;flex:1}header nav button{background:none;border:0;color:#dbe6f3;padding:6px 10px;border-radius:6px}
header nav button[aria-current=true]{background:#fff;color:#123c69}.who{color:#dbe6f3}header .link{color:#fff}
main{padding:16px}h2{margin:8px 0 12px}h3{margin:14px 0 6px;font-size:15px}
button,input,select,textarea{font:inherit}button{cursor:pointer;border:1px solid #9aa5b1;background:#fff;border-radius:6px;padding:5px 10px}
.primary{background:#123c69;border-color:#123c69;color:#fff}.link{background:none;border:0;text-decoration:underline}
.flash{min-height:1.5em;padding:4px 16px}.flash.ok{color:#1b6b2a}.flash.bad,.bad{color:#a61b1b}
.filters{display:flex;gap:12px;align-items:center;margin-bottom:12px}
.split{display:grid;grid-template-columns:minmax(240px,340px) 1fr;gap:16px;align-items:start}
.list{list-style:none;margin:0;padding:0;max-height:78vh;overflow:auto}.list li{margin-bottom:6px}
.conv{display:flex;flex-wrap:wrap;gap:4px 8px;width:100%;text-align:left;padding:8px 10px}.conv.open{border-color:#123c69;box-shadow:0 0 0 2px #123c6933}
.conv small{flex-basis:100%;color:#52606d}.conv .esc{color:#a61b1b}
.badge{font-size:12px;border-radius:10px;padding:0 8px;background:#e4e7eb}.badge.human{background:#fde68a}.badge.unread{background:#123c69;color:#fff}
.detail{background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12);min-height:200px}
.meta{color:#52606d}.esc{color:#a61b1b;font-weight:600}
.transcript{list-style:none;padding:0;max-height:50vh;overflow:auto;border-top:1px solid #e4e7eb;margin:12px 0}
.m{margin:8px 0;padding:8px 10px;border-radius:8px;background:#f5f6f8;white-space:pre-wrap}.m .role{font-size:12px;font-weight:600;color:#52606d;display:block}
.m.user{background:#e8f0fa}.m.staff{background:#fef3c7}.m.tool{background:#fff;border:1px dashed #cbd2d9;font-size:12px}.m small{color:#7b8794}
.reply textarea{display:block;width:100%;margin:6px 0}
.table{border-collapse:collapse;width:100%;background:#fff}
.table th,.table td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
.table tr.urgent td:first-child{border-left:4px solid #a61b1b}.table tr.high td:first-child{border-left:4px solid #f59e0b}
.grid{display:grid;grid-template-columns:max-content 1fr;gap:6px 12px;align-items:center;max-width:720px}.grid textarea{width:100%}
.rule{display:flex;gap:6px;margin:4px 0;flex-wrap:wrap}.chip{border-radius:14px;margin:2px}
.preview{margin-top:16px}.preview pre{white-space:pre-wrap;background:#fff;padding:10px;border-radius:8px;max-height:300px;overflow:auto}
.login{max-width:340px;margin:10vh auto;background:#fff;padding:24px;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.login label{display:block;margin:12px 0 4px;font-weight:600}.login input{width:100%;padding:6px}.login button{margin-top:16px}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}`;

function origin(req: Request): string {
  return `${req.protocol}://${req.get("host")}`;
}

/** The demo property site (with the widget embedded as a customer would), the tour manage page, and the built scripts. */
export function pageRoutes(o: PageOptions): Router {
  const r = Router();
  const file = (name: string) => path.join(o.distDir, name);

  r.get(["/widget.js", "/pages.js", "/console.js"], (req, res) => {
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
    const greetingAttr = o.greeting ? ` data-greeting="${escapeHtml(o.greeting())}"` : "";
    res.type("html").send(
      layout(
        o.companyName(),
        "demo",
        `<header><h1>${escapeHtml(o.companyName())}</h1><p>Apartments and homes in Austin, Denver, Portland, Boston and San José</p></header>
<main><h2>Available now</h2><div id="listings" aria-live="polite"><p>Loading listings…</p></div></main>
<script src="/widget.js" data-api="${escapeHtml(api)}" data-title="${escapeHtml(o.assistantTitle())}"${greetingAttr} defer></script>`,
      ),
    );
  });

  r.get("/console", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.type("html").send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Staff console · ${escapeHtml(o.companyName())}</title><style>${CONSOLE_CSS}</style></head>
<body><div id="app"><p style="padding:16px">Loading the console…</p></div><script src="/console.js" defer></script></body></html>`);
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
