// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionStore } from "../src/widget/store";
import { MAX_CHARS, textOn, Widget } from "../src/widget/widget";

function sseResponse(events: Array<[string, unknown]>, status = 200): Response {
  const body = events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join("");
  return new Response(body, { status, headers: { "content-type": "text/event-stream" } });
}

/** Stands in for the browser's EventSource so tests can push server events. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  readonly listeners = new Map<string, Array<(e: MessageEvent) => void>>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data: unknown) {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  close() {
    this.closed = true;
  }
}

const shadow = (w: Widget) => w.host.shadowRoot!;
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("widget", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = "";
    fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    FakeEventSource.last = undefined;
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("mounts one launcher in a shadow root and opens a labelled dialog with a greeting", async () => {
    const w = new Widget({ api: "https://api.example", title: "Sunrise leasing" });
    const root = shadow(w);
    expect(document.querySelectorAll("#leasechat-root").length).toBe(1);
    const launcher = root.querySelector(".launcher") as HTMLButtonElement;
    expect(launcher.getAttribute("aria-label")).toBe("Open chat: Sunrise leasing");
    await w.open();
    const panel = root.querySelector(".panel") as HTMLElement;
    expect(panel.hidden).toBe(false);
    expect(panel.getAttribute("role")).toBe("dialog");
    expect(root.querySelector(".log")!.getAttribute("role")).toBe("log");
    expect(root.querySelector(".msg.assistant")!.textContent).toMatch(/automated leasing assistant/);
    expect(launcher.getAttribute("aria-expanded")).toBe("true");
    w.close();
    expect(panel.hidden).toBe(true);
  });

  it("streams a reply token by token, shows tool activity and offered choices as buttons", async () => {
    fetchMock.mockResolvedValueOnce(
      sseResponse([
        ["session", { sessionId: "s123" }],
        ["tool", { name: "check_availability", label: "Checking availability…", status: "started" }],
        ["token", { text: "Here are " }],
        ["token", { text: "times." }],
        [
          "options",
          {
            options: [
              { type: "slot", label: "Tue, Nov 24 at 3:00 PM CST", value: "Tue at 3" },
              { type: "property", label: "The Alder", value: "The Alder", beds: 1, rent: 1850, city: "Austin" },
            ],
          },
        ],
        ["done", { reply: "Here are times.", sessionId: "s123" }],
      ]),
    );
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    await w.send("times for the alder?");
    const root = shadow(w);
    expect([...root.querySelectorAll(".msg")].map((m) => [m.className, m.textContent])).toEqual([
      ["msg assistant", expect.stringMatching(/automated/)],
      ["msg user", "times for the alder?"],
      ["msg assistant", "Here are times."],
    ]);
    const buttons = [...root.querySelectorAll(".options button")];
    expect(buttons.map((b) => b.textContent)).toEqual(["Tue, Nov 24 at 3:00 PM CST", "The Alder1 bed · $1,850/mo · Austin"]);
    expect(new SessionStore("https://api.example").get()).toBe("s123");
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe("https://api.example/api/chat/stream");
    expect(JSON.parse(init.body)).toMatchObject({ message: "times for the alder?", clientMessageId: expect.any(String) });

    fetchMock.mockResolvedValueOnce(
      sseResponse([
        ["session", { sessionId: "s123" }],
        ["done", { reply: "Booked." }],
      ]),
    );
    (buttons[0] as HTMLButtonElement).click();
    await flush();
    await flush();
    expect(JSON.parse(fetchMock.mock.calls[1][1].body)).toMatchObject({ sessionId: "s123", message: "Tue at 3" });
    expect((buttons[1] as HTMLButtonElement).disabled).toBe(true);
  });

  it("blocks a message over the limit before sending, with a counter", async () => {
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    const root = shadow(w);
    const input = root.querySelector("textarea") as HTMLTextAreaElement;
    input.value = "x".repeat(MAX_CHARS + 1);
    input.dispatchEvent(new Event("input"));
    expect(root.querySelector(".count")!.textContent).toContain(`${MAX_CHARS + 1} / ${MAX_CHARS}`);
    expect((root.querySelector(".send") as HTMLButtonElement).disabled).toBe(true);
    await w.send(input.value);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("offers a retry after a server error that resends the same message id once", async () => {
    fetchMock.mockResolvedValueOnce(new Response('{"error":{"code":"internal"}}', { status: 500 }));
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    await w.send("hello");
    const root = shadow(w);
    const error = root.querySelector(".error") as HTMLElement;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toMatch(/went wrong/);
    fetchMock.mockResolvedValueOnce(
      sseResponse([
        ["session", { sessionId: "s9" }],
        ["done", { reply: "Hi!" }],
      ]),
    );
    const retry = root.querySelector(".retry") as HTMLButtonElement;
    retry.click();
    retry.click();
    await flush();
    await flush();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const first = JSON.parse(fetchMock.mock.calls[0][1].body);
    const second = JSON.parse(fetchMock.mock.calls[1][1].body);
    expect(second.clientMessageId).toBe(first.clientMessageId);
    expect(root.querySelectorAll(".msg.user").length).toBe(1);
    expect(error.hidden).toBe(true);
  });

  it("answers 429 with a gentle message", async () => {
    fetchMock.mockResolvedValueOnce(new Response('{"error":{"code":"rate_limited"}}', { status: 429 }));
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    await w.send("hello");
    expect(shadow(w).querySelector(".error")!.textContent).toMatch(/sending messages quickly/);
  });

  it("restores the conversation from the server and starts over on request", async () => {
    new SessionStore("https://api.example").set("old-session");
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({
          messages: [
            { role: "user", text: "hi", options: [] },
            { role: "assistant", text: "Hello <b>there</b>", options: [] },
          ],
        }),
        { status: 200 },
      ),
    );
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    const root = shadow(w);
    expect(fetchMock.mock.calls[0][0]).toBe("https://api.example/api/chat/old-session/messages");
    expect([...root.querySelectorAll(".msg")].map((m) => m.textContent).slice(1)).toEqual(["hi", "Hello <b>there</b>"]);
    expect(root.querySelectorAll("b").length).toBe(0);
    (root.querySelector(".restart") as HTMLButtonElement).click();
    expect(new SessionStore("https://api.example").get()).toBeUndefined();
    expect(root.querySelectorAll(".msg").length).toBe(1);
  });

  it("picks readable text for any brand colour", () => {
    expect(textOn("#1d4ed8")).toBe("#fff");
    expect(textOn("#ffd400")).toBe("#111");
  });

  it("follows the session for staff replies, without duplicates, and withdraws a reply cut off by a takeover", async () => {
    fetchMock.mockResolvedValueOnce(
      sseResponse([
        ["session", { sessionId: "s-live-1" }],
        ["token", { text: "Let me che" }],
        ["done", { reply: null, mode: "human" }],
      ]),
    );
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    await w.send("can a person help me?");
    const root = shadow(w);
    const es = FakeEventSource.last!;
    expect(es.url).toBe("https://api.example/api/chat/s-live-1/events?after=0");
    // The partial assistant answer is gone; the visitor is told a person will reply.
    expect([...root.querySelectorAll(".msg")].map((m) => m.className)).toEqual(["msg assistant", "msg user"]);
    expect(root.querySelector(".status")!.textContent).toBe("A member of our team will reply here.");
    es.emit("staff", { id: 7, text: "Hi, this is Dana from the leasing office." });
    es.emit("staff", { id: 7, text: "Hi, this is Dana from the leasing office." });
    const staff = [...root.querySelectorAll(".msg.staff")];
    expect(staff).toHaveLength(1);
    expect(staff[0].textContent).toBe("Leasing teamHi, this is Dana from the leasing office.");
    expect(root.querySelector(".status")!.textContent).toBe("");
    es.emit("mode", { mode: "human" });
    expect(root.querySelector(".status")!.textContent).toBe("A member of our team will reply here.");
    es.emit("mode", { mode: "ai" });
    expect(root.querySelector(".status")!.textContent).toBe("");
    w.destroy();
    expect(es.closed).toBe(true);
  });

  it("after restoring history, listens only for staff replies newer than what it showed", async () => {
    new SessionStore("https://api.example").set("s-old-22");
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({
          messages: [
            { id: 3, role: "user", text: "hello", options: [] },
            { id: 5, role: "staff", text: "Hi from Sam", options: [] },
          ],
        }),
        { status: 200 },
      ),
    );
    const w = new Widget({ api: "https://api.example" });
    await w.open();
    const es = FakeEventSource.last!;
    expect(es.url).toBe("https://api.example/api/chat/s-old-22/events?after=5");
    es.emit("staff", { id: 5, text: "Hi from Sam" });
    expect(shadow(w).querySelectorAll(".msg.staff")).toHaveLength(1);
  });
});
