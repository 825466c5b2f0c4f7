import { Widget, type WidgetOptions } from "./widget";

/**
 * The widget's one global: `LeaseChat.mount({ api, title, greeting, color, position, property })`.
 * Mounting twice returns the widget already on the page. A `<script src=".../widget.js"
 * data-api="...">` tag mounts it from its data-* attributes.
 */
let current: Widget | undefined;

function mount(options: WidgetOptions): Widget {
  if (current?.host.isConnected) return current;
  if (!options || typeof options.api !== "string") throw new Error("LeaseChat.mount needs { api: 'https://…' }");
  current = new Widget(options);
  return current;
}

function unmount(): void {
  current?.destroy();
  current = undefined;
}

const api = { mount, unmount, version: "1" };
const w = window as unknown as { LeaseChat?: typeof api };
if (!w.LeaseChat) w.LeaseChat = api;

const script = document.currentScript as HTMLScriptElement | null;
if (script && script.dataset.api !== undefined) {
  const d = script.dataset;
  const start = () =>
    w.LeaseChat!.mount({
      api: d.api || new URL(script.src, location.href).origin,
      title: d.title,
      greeting: d.greeting,
      color: d.color,
      position: d.position === "left" ? "left" : "right",
      property: d.property,
    });
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
}
