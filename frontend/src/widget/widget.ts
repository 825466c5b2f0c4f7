import { ChatApi, type ChoiceOption, HttpError, type StreamEvent } from "./api";
import { linkify } from "./links";
import { SessionStore } from "./store";
import css from "./styles.css?inline";

export interface WidgetOptions {
  /** Base URL of the leasing API, e.g. https://leasing.example.com */
  api: string;
  title?: string;
  greeting?: string;
  /** Brand colour, any CSS hex colour. */
  color?: string;
  position?: "right" | "left";
  /** Property id to start the conversation about. */
  property?: string;
}

export const MAX_CHARS = 2000;

const CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Readable text on a brand colour: white or near-black, whichever contrasts more. */
export function textOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return "#fff";
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#111" : "#fff";
}

let seq = 0;
const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${++seq}`;

/** The chat widget: one launcher and panel in a shadow root, talking to the chat API. */
export class Widget {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly api: ChatApi;
  private readonly store: SessionStore;
  private readonly doc: Document;
  private sessionId: string | undefined;
  private loaded = false;
  private busy = false;
  private pending: { text: string; id: string } | undefined;
  private controller: AbortController | undefined;
  private events: EventSource | undefined;
  private lastId = 0;
  private readonly shown = new Set<number>();
  /** A person has the conversation and the visitor is waiting for their reply. */
  private awaitingStaff = false;
  private els!: {
    launcher: HTMLButtonElement;
    panel: HTMLElement;
    log: HTMLElement;
    status: HTMLElement;
    error: HTMLElement;
    errorText: HTMLElement;
    retry: HTMLButtonElement;
    input: HTMLTextAreaElement;
    send: HTMLButtonElement;
    count: HTMLElement;
    live: HTMLElement;
  };

  constructor(
    private readonly o: WidgetOptions,
    doc: Document = document,
  ) {
    this.doc = doc;
    this.api = new ChatApi(o.api.replace(/\/+$/, ""));
    this.store = new SessionStore(o.api);
    this.sessionId = this.store.get();
    this.host = el(doc, "div", { id: "leasechat-root", "data-position": o.position === "left" ? "left" : "right" });
    this.root = this.host.attachShadow({ mode: "open" });
    this.build();
    doc.body.append(this.host);
  }

  private build(): void {
    const d = this.doc;
    const style = el(d, "style");
    const brand = /^#[0-9a-f]{6}$/i.test(this.o.color ?? "") ? this.o.color! : "#1d4ed8";
    style.textContent = `${css}\n.root{--brand:${brand};--on-brand:${textOn(brand)};--brand-text:${textOn(brand) === "#fff" ? brand : "#1f2933"}}`;
    const root = el(d, "div", { class: "root" });
    const title = this.o.title || "Leasing assistant";

    const launcher = el(d, "button", {
      class: "launcher",
      type: "button",
      "aria-label": `Open chat: ${title}`,
      "aria-expanded": "false",
      "aria-controls": "lc-panel",
    });
    launcher.innerHTML = CHAT_ICON; // static markup, no user content
    const panel = el(d, "div", { class: "panel", id: "lc-panel", role: "dialog", "aria-label": title, hidden: "" });
    const head = el(d, "div", { class: "head" });
    head.append(
      el(d, "h2", {}, title),
      el(d, "button", { class: "icon restart", type: "button", "aria-label": "Start over" }, "Start over"),
      el(d, "button", { class: "icon close", type: "button", "aria-label": "Close chat" }, "✕"),
    );
    const log = el(d, "div", { class: "log", role: "log", "aria-label": "Conversation", tabindex: "0" });
    const live = el(d, "div", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
    const status = el(d, "div", { class: "status", role: "status" });
    const error = el(d, "div", { class: "error", role: "alert", hidden: "" });
    const errorText = el(d, "span");
    const retry = el(d, "button", { type: "button", class: "retry" }, "Retry");
    error.append(errorText, retry);
    const form = el(d, "form", { "aria-label": "Send a message" });
    const input = el(d, "textarea", { rows: "1", "aria-label": "Message", placeholder: "Type your message…", maxlength: String(MAX_CHARS * 2) });
    const send = el(d, "button", { class: "send", type: "submit" }, "Send");
    form.append(input, send);
    const count = el(d, "div", { class: "count", "aria-live": "polite" });
    panel.append(head, log, status, error, form, count, live);
    root.append(launcher, panel);
    this.root.append(style, root);
    this.els = { launcher, panel, log, status, error, errorText, retry, input, send, count, live };

    launcher.addEventListener("click", () => (panel.hidden ? this.open() : this.close()));
    head.querySelector(".close")!.addEventListener("click", () => this.close());
    head.querySelector(".restart")!.addEventListener("click", () => this.restart());
    panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.send(input.value);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        void this.send(input.value);
      }
    });
    input.addEventListener("input", () => this.updateCount());
    retry.addEventListener("click", () => {
      if (this.pending && !this.busy) void this.deliver(this.pending.text, this.pending.id);
    });
    this.updateCount();
  }

  async open(): Promise<void> {
    this.els.panel.hidden = false;
    this.els.launcher.setAttribute("aria-expanded", "true");
    this.els.input.focus();
    if (!this.loaded) {
      this.loaded = true;
      await this.restore();
    }
  }

  close(): void {
    this.els.panel.hidden = true;
    this.els.launcher.setAttribute("aria-expanded", "false");
    this.els.launcher.focus();
  }

  destroy(): void {
    this.controller?.abort();
    this.events?.close();
    this.host.remove();
  }

  private async restore(): Promise<void> {
    if (this.sessionId) {
      try {
        const history = await this.api.history(this.sessionId);
        if (history?.length) {
          this.bubble("assistant", this.greeting(), false);
          history.forEach((m, i) => {
            this.bubble(m.role, m.text);
            this.lastId = Math.max(this.lastId, m.id ?? 0);
            if (m.role === "staff") this.shown.add(m.id);
            if (i === history.length - 1 && m.options.length) this.options(m.options);
          });
          this.listen();
          return;
        }
        if (!history) {
          this.sessionId = undefined;
          this.store.clear();
        }
      } catch {
        this.showError("Couldn't load the earlier conversation.", false);
      }
    }
    await this.greet();
  }

  private greeting(): string {
    return this.o.greeting || "Hi! I'm the automated leasing assistant. I can help you find a place and book a tour. What are you looking for?";
  }

  private async greet(): Promise<void> {
    this.bubble("assistant", this.greeting());
    if (this.o.property) {
      const p = await this.api.property(this.o.property).catch(() => null);
      if (p) this.options([{ type: "reply", label: `Tour ${p.name}`, value: `I'd like to see tour times for ${p.name}` }]);
    }
  }

  /** Follows the session for staff replies (a person may answer at any time once they take over). */
  private listen(): void {
    if (this.events || !this.sessionId) return;
    this.events = this.api.listen(this.sessionId, this.lastId, (e) => {
      if (e.type === "staff") {
        if (this.shown.has(e.id)) return;
        this.shown.add(e.id);
        this.bubble("staff", e.text);
        this.awaitingStaff = false;
      } else {
        this.awaitingStaff = e.mode === "human";
      }
      if (!this.busy) this.idleStatus();
    });
  }

  private restart(): void {
    this.controller?.abort();
    this.events?.close();
    this.events = undefined;
    this.awaitingStaff = false;
    this.lastId = 0;
    this.shown.clear();
    this.store.clear();
    this.sessionId = undefined;
    this.pending = undefined;
    this.els.log.replaceChildren();
    this.hideError();
    void this.greet();
    this.els.input.focus();
  }

  private updateCount(): number {
    const n = [...this.els.input.value].length;
    const over = n > MAX_CHARS;
    this.els.count.textContent = n > MAX_CHARS * 0.8 ? `${n} / ${MAX_CHARS}${over ? " — too long to send" : ""}` : "";
    this.els.count.classList.toggle("over", over);
    this.els.send.disabled = this.busy || over || !this.els.input.value.trim();
    return n;
  }

  /** Sends what the person typed (or picked). Returns without sending when it cannot go. */
  async send(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text || this.busy || [...text].length > MAX_CHARS) {
      this.updateCount();
      return;
    }
    this.els.input.value = "";
    this.bubble("user", text);
    await this.deliver(text, newId());
  }

  private async deliver(text: string, id: string): Promise<void> {
    this.busy = true;
    this.pending = { text, id };
    this.hideError();
    this.updateCount();
    this.setStatus("Typing…");
    this.controller = new AbortController();
    let bubble: HTMLElement | undefined;
    let reply = "";
    let finished = false;
    const onEvent = (e: StreamEvent) => {
      switch (e.type) {
        case "session":
          this.sessionId = e.sessionId;
          this.store.set(e.sessionId);
          this.listen();
          break;
        case "token":
          reply += e.text;
          bubble ??= this.bubble("assistant", "", false);
          bubble.textContent = reply;
          this.scroll();
          break;
        case "tool":
          this.setStatus(e.status === "started" ? e.label : "Typing…");
          break;
        case "options":
          this.options(e.options);
          break;
        case "done":
          finished = true;
          if (e.reply === null && bubble) {
            // Staff took over while the assistant was writing: its partial answer is withdrawn.
            bubble.remove();
            bubble = undefined;
          }
          if (e.reply && e.reply !== reply) {
            bubble ??= this.bubble("assistant", "", false);
            reply = e.reply;
          }
          if (bubble) {
            bubble.replaceChildren(linkify(this.doc, reply));
            this.announce(reply);
          }
          // Also after a hand-off reply: a person answers from now on (whether or not the
          // session's event stream reported the mode change while this send was busy).
          if (e.mode === "human") {
            this.awaitingStaff = true;
            this.idleStatus();
          }
          break;
        case "error":
          break;
      }
    };
    try {
      await this.api.send({ sessionId: this.sessionId, message: text, clientMessageId: id }, onEvent, this.controller.signal);
      if (!finished) throw new Error("incomplete");
      this.pending = undefined;
      this.idleStatus();
    } catch (err) {
      if ((err as Error).name === "AbortError") return;
      bubble?.remove();
      this.setStatus("");
      if (err instanceof HttpError && err.status === 429) this.showError("You're sending messages quickly. Please wait a moment, then retry.", true);
      else if (err instanceof HttpError && err.status < 500) {
        this.pending = undefined;
        this.showError(err.message || "That message couldn't be sent.", false);
      } else if (typeof navigator !== "undefined" && navigator.onLine === false)
        this.showError("You seem to be offline. Check your connection, then retry.", true);
      else this.showError("Something went wrong on our side.", true);
    } finally {
      this.busy = false;
      this.updateCount();
    }
  }

  private bubble(role: string, text: string, announce = true): HTMLElement {
    const b = el(this.doc, "div", { class: `msg ${role}` });
    if (role === "staff") b.append(el(this.doc, "span", { class: "who" }, "Leasing team"));
    if (text) b.append(linkify(this.doc, text));
    this.els.log.append(b);
    if (announce && role !== "user" && text) this.announce(text);
    this.scroll();
    return b;
  }

  private options(options: ChoiceOption[]): void {
    const wrap = el(this.doc, "div", { class: "options", role: "group", "aria-label": "Suggested replies" });
    for (const o of options.slice(0, 8)) {
      const b = el(this.doc, "button", { type: "button", class: o.type === "property" ? "opt card" : "opt" });
      if (o.type === "property") {
        b.append(el(this.doc, "strong", {}, o.label));
        const facts = [
          o.beds === 0 ? "Studio" : o.beds !== undefined ? `${o.beds} bed` : "",
          o.rent !== undefined ? `$${o.rent.toLocaleString("en-US")}/mo` : "",
          o.city ?? "",
        ]
          .filter(Boolean)
          .join(" · ");
        b.append(el(this.doc, "small", {}, facts));
        b.setAttribute("aria-label", `${o.label}, ${facts}`);
      } else {
        b.textContent = o.label;
      }
      b.addEventListener("click", () => {
        if (this.busy) return;
        for (const x of wrap.querySelectorAll("button")) x.disabled = true;
        void this.send(o.value);
      });
      wrap.append(b);
    }
    this.els.log.append(wrap);
    this.scroll();
  }

  /** The status line between sends: who answers next, when that is a person. */
  private idleStatus(): void {
    this.setStatus(this.awaitingStaff ? "A member of our team will reply here." : "");
  }

  private setStatus(text: string): void {
    this.els.status.textContent = text;
  }

  private announce(text: string): void {
    this.els.live.textContent = text;
  }

  private showError(text: string, canRetry: boolean): void {
    this.els.errorText.textContent = text;
    this.els.retry.hidden = !canRetry;
    this.els.error.hidden = false;
  }

  private hideError(): void {
    this.els.error.hidden = true;
  }

  private scroll(): void {
    this.els.log.scrollTop = this.els.log.scrollHeight;
  }
}
