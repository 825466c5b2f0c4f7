/** The staff console: inbox and conversations, bookings, tickets, catalogue, persona, audit log. */

// biome-ignore lint/suspicious/noExplicitAny: JSON from this server's own admin API, read field by field
type Json = Record<string, any>;

let csrf = "";
const app = document.getElementById("app")!;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Json = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v as EventListener);
    else if (k === "text") e.textContent = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function api<T = Json>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? "GET";
  const r = await fetch(`/api/admin${path}`, {
    method,
    credentials: "same-origin",
    headers: { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...(method !== "GET" ? { "x-csrf-token": csrf } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new ApiError(r.status, (body as Json).error?.message ?? `Request failed (${r.status})`);
  return body as T;
}

const flash = h("div", { class: "flash", role: "status", "aria-live": "polite" });
function notify(text: string, bad = false) {
  flash.textContent = text;
  flash.className = `flash ${bad ? "bad" : "ok"}`;
}
async function attempt(fn: () => Promise<unknown>, ok?: string) {
  try {
    await fn();
    if (ok) notify(ok);
  } catch (err) {
    notify((err as Error).message, true);
    if (err instanceof ApiError && err.status === 401) showLogin();
  }
}
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "—");

// ---------- sign-in ----------
function showLogin() {
  const email = h("input", { id: "email", type: "email", autocomplete: "username", required: true });
  const password = h("input", { id: "password", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { class: "bad", role: "alert" });
  const form = h(
    "form",
    {
      class: "login",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const res = await fetch("/api/admin/login", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email: email.value, password: password.value }),
          });
          const body = await res.json();
          if (!res.ok) throw new Error(body.error?.message ?? "Sign-in failed");
          csrf = body.csrfToken;
          void start();
        } catch (err) {
          error.textContent = (err as Error).message;
        }
      },
    },
    h("h1", { text: "Staff console" }),
    h("label", { for: "email", text: "E-mail" }),
    email,
    h("label", { for: "password", text: "Password" }),
    password,
    h("button", { type: "submit", class: "primary", text: "Sign in" }),
    error,
  );
  app.replaceChildren(form);
  email.focus();
}

// ---------- shell ----------
const TABS = ["Inbox", "Bookings", "Tickets", "Catalogue", "Persona", "Audit"] as const;
type Tab = (typeof TABS)[number];
let events: EventSource | undefined;
let refreshInbox: (() => void) | undefined;
let refreshOpen: ((id: string) => void) | undefined;

async function start() {
  const me = await api<{ staff: Json | null; csrfToken: string | null }>("/me").catch(() => null);
  if (!me?.staff) return showLogin();
  if (me.csrfToken) csrf = me.csrfToken;
  const main = h("main", { id: "view" });
  const nav = h("nav", { "aria-label": "Sections" });
  for (const t of TABS) nav.append(h("button", { type: "button", "data-tab": t, text: t, onclick: () => show(t) }));
  const logout = h("button", {
    type: "button",
    class: "link",
    text: "Sign out",
    onclick: async () => {
      await fetch("/api/admin/logout", { method: "POST", headers: { "x-csrf-token": csrf } });
      events?.close();
      showLogin();
    },
  });
  app.replaceChildren(h("header", {}, h("strong", { text: "Leasing console" }), nav, h("span", { class: "who", text: me.staff.email }), logout), flash, main);
  events?.close();
  events = new EventSource("/api/admin/events");
  events.addEventListener("conversation", (e) => {
    const data = JSON.parse((e as MessageEvent).data);
    refreshInbox?.();
    refreshOpen?.(data.id);
  });
  const show = (t: Tab) => {
    for (const b of nav.querySelectorAll("button")) b.setAttribute("aria-current", String(b.dataset.tab === t));
    refreshInbox = undefined;
    refreshOpen = undefined;
    const views: Record<Tab, (m: HTMLElement) => void> = {
      Inbox: inbox,
      Bookings: bookings,
      Tickets: tickets,
      Catalogue: catalogue,
      Persona: persona,
      Audit: audit,
    };
    views[t](main);
  };
  show("Inbox");
}

// ---------- inbox ----------
function inbox(main: HTMLElement) {
  const mode = h(
    "select",
    { id: "f-mode", "aria-label": "Mode" },
    h("option", { value: "", text: "Any mode" }),
    h("option", { value: "human", text: "Needs a human" }),
    h("option", { value: "ai", text: "AI" }),
  );
  const escalated = h("input", { id: "f-escalated", type: "checkbox" });
  const channel = h(
    "select",
    { id: "f-channel", "aria-label": "Channel" },
    h("option", { value: "", text: "All channels" }),
    h("option", { value: "chat", text: "Chat" }),
    h("option", { value: "email", text: "E-mail" }),
  );
  const property = h("select", { id: "f-property", "aria-label": "Property" }, h("option", { value: "", text: "All properties" }));
  void api<{ properties: Json[] }>("/properties").then(
    ({ properties }) => property.append(...properties.map((p) => h("option", { value: p.id, text: p.name }))),
    () => undefined,
  );
  const list = h("ul", { class: "list", id: "conversations" });
  const detail = h("section", { class: "detail", id: "conversation", "aria-live": "polite" }, h("p", { text: "Pick a conversation." }));
  let openId: string | undefined;
  let shownId: string | undefined; // the conversation the detail pane shows
  let opening = 0;
  let timer: number | undefined;
  const load = async () => {
    const q = new URLSearchParams();
    if (mode.value) q.set("mode", mode.value);
    if (escalated.checked) q.set("escalated", "true");
    if (channel.value) q.set("channel", channel.value);
    if (property.value) q.set("propertyId", property.value);
    const { conversations } = await api<{ conversations: Json[] }>(`/conversations?${q}`);
    list.replaceChildren(
      ...conversations.map((c) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", class: `conv ${c.id === openId ? "open" : ""}`, "data-id": c.id, onclick: () => open(c.id) },
            h("strong", { text: c.contact.name ?? c.contact.email ?? "Visitor" }),
            h("span", { class: `badge ${c.mode}`, text: c.mode === "human" ? "human" : "AI" }),
            h("span", { class: "badge", text: c.channel }),
            c.unread ? h("span", { class: "badge unread", text: `${c.unread} unread` }) : null,
            c.escalation ? h("small", { class: "esc", text: `Escalated: ${c.escalation.reason}` }) : null,
            h("small", { text: when(c.lastMessageAt) }),
          ),
        ),
      ),
    );
    if (!conversations.length) list.append(h("li", { text: "No conversations match." }));
  };
  const open = async (id: string) => {
    openId = id;
    const mine = ++opening;
    const [{ conversation, contact, tours, tickets }, { messages }] = await Promise.all([
      api<Json>(`/conversations/${id}`),
      api<{ messages: Json[] }>(`/conversations/${id}/messages`),
    ]);
    if (mine !== opening) return; // a later open() renders fresher data
    const human = conversation.mode === "human";
    const text = h("textarea", { id: "reply-text", "aria-label": "Reply", rows: 3, maxlength: 5000 });
    const parts: Array<Node | null> = [
      h("h2", { text: contact.name ?? contact.email ?? "Visitor" }),
      h("p", { class: "meta", text: [contact.email, contact.phone, conversation.channel, conversation.subject].filter(Boolean).join(" · ") }),
      conversation.escalation ? h("p", { class: "esc", text: `Escalated: ${conversation.escalation.reason} (${when(conversation.escalation.at)})` }) : null,
      h("button", {
        type: "button",
        id: "mode-toggle",
        class: human ? "" : "primary",
        text: human ? "Hand back to AI" : "Take over",
        onclick: () =>
          attempt(
            async () => {
              await api(`/conversations/${id}/mode`, { method: "POST", body: { mode: human ? "ai" : "human" } });
              await open(id);
              await load();
            },
            human ? "Handed back to the assistant." : "You have taken over; the assistant is silent.",
          ),
      }),
      tours.length
        ? h(
            "div",
            { class: "tours" },
            h("h3", { text: "Tours" }),
            ...tours.map((t: Json) => h("p", { text: `#${t.id} · ${t.local ?? t.start} (${t.timezone ?? ""}) · ${t.status}` })),
          )
        : null,
      tickets.length
        ? h(
            "div",
            {},
            h("h3", { text: "Tickets" }),
            ...tickets.map((t: Json) => {
              const followUps = t.followUps ? ` (${t.followUps} follow-up${t.followUps === 1 ? "" : "s"})` : "";
              return h("p", { text: `#${t.id} ${t.intent} · ${t.priority} · ${t.status} — ${t.summary}${followUps}` });
            }),
          )
        : null,
      h(
        "ol",
        { class: "transcript", id: "transcript" },
        ...messages.map((m) =>
          h(
            "li",
            { class: `m ${m.role}` },
            h("span", {
              class: "role",
              text: m.role === "tool" ? `tool · ${m.data?.label ?? m.data?.tool ?? ""}` : m.role === "staff" ? `staff · ${m.data?.staff ?? ""}` : m.role,
            }),
            h("div", { text: m.text }),
            h("small", { text: when(m.createdAt) }),
          ),
        ),
      ),
      h(
        "form",
        {
          class: "reply",
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (!text.value.trim()) return;
            void attempt(async () => {
              const sent = text.value;
              await api(`/conversations/${id}/reply`, { method: "POST", body: { text: sent } });
              // A live update may have re-rendered the pane meanwhile: clear the box that is shown now.
              const box = detail.querySelector<HTMLTextAreaElement>("#reply-text");
              if (box && box.value === sent) box.value = "";
              await open(id);
            }, "Reply sent.");
          },
        },
        h("label", { for: "reply-text", text: human ? "Reply as staff" : "Reply (this takes the conversation over)" }),
        text,
        h("button", { type: "submit", class: "primary", id: "reply-send", text: "Send reply" }),
      ),
    ];
    // Live updates re-render the open conversation: keep what staff were typing, and the caret.
    const draft = shownId === id ? detail.querySelector<HTMLTextAreaElement>("#reply-text") : null;
    if (draft) text.value = draft.value;
    const typing = draft !== null && document.activeElement === draft;
    detail.replaceChildren(...parts.filter((n): n is Node => n !== null));
    shownId = id;
    if (typing) {
      text.focus();
      text.setSelectionRange(draft.selectionStart, draft.selectionEnd);
    }
    const t = detail.querySelector("#transcript");
    t?.lastElementChild?.scrollIntoView({ block: "nearest" });
    void load();
  };
  refreshInbox = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void load(), 150);
  };
  refreshOpen = (id) => {
    if (id === openId) void open(id);
  };
  for (const f of [mode, escalated, channel, property]) f.addEventListener("change", () => void load());
  main.replaceChildren(
    h("div", { class: "filters" }, mode, h("label", {}, escalated, " Escalated only"), channel, property),
    h("div", { class: "split" }, h("nav", { "aria-label": "Conversations" }, list), detail),
  );
  void attempt(load);
}

// ---------- bookings ----------
async function bookings(main: HTMLElement) {
  const { properties } = await api<{ properties: Json[] }>("/properties");
  const select = h(
    "select",
    { id: "b-property", "aria-label": "Property" },
    h("option", { value: "", text: "All properties" }),
    ...properties.map((p) => h("option", { value: p.id, text: p.name })),
  );
  const list = h("table", { class: "table", id: "bookings" });
  const load = async () => {
    const q = new URLSearchParams({ status: "confirmed" });
    if (select.value) q.set("propertyId", select.value);
    const { bookings } = await api<{ bookings: Json[] }>(`/bookings?${q}`);
    const upcoming = bookings.filter((b) => Date.parse(b.start) > Date.now() - 3_600_000);
    list.replaceChildren(
      h("tr", {}, ...["When", "Property", "Guest", ""].map((x) => h("th", { text: x }))),
      ...upcoming.map((b) => {
        const p = properties.find((x) => x.id === b.propertyId);
        const date = h("input", { type: "date", "aria-label": "New date" });
        const slots = h("span", { class: "slots" });
        date.addEventListener("change", async () => {
          const r = await fetch(`/api/properties/${b.propertyId}/slots?from=${date.value}&to=${date.value}`);
          const { slots: open } = (await r.json()) as { slots: Json[] };
          slots.replaceChildren(
            ...open.map((s: Json) =>
              h("button", {
                type: "button",
                class: "chip",
                text: s.local.slice(11),
                onclick: () =>
                  attempt(async () => {
                    await api(`/bookings/${b.id}/reschedule`, { method: "POST", body: { start: s.start } });
                    await load();
                  }, "Tour moved; the guest gets an updated invite."),
              }),
            ),
          );
        });
        return h(
          "tr",
          {},
          h("td", {
            text: `${new Date(b.start).toLocaleString("en-US", { timeZone: p?.timezone, dateStyle: "medium", timeStyle: "short" })} (${p?.timezone ?? ""})`,
          }),
          h("td", { text: p?.name ?? b.propertyId }),
          h("td", { text: `${b.user.name} <${b.user.email}>` }),
          h(
            "td",
            {},
            h("button", {
              type: "button",
              text: "Cancel",
              onclick: () =>
                confirm("Cancel this tour?") &&
                attempt(async () => {
                  await api(`/bookings/${b.id}/cancel`, { method: "POST" });
                  await load();
                }, "Tour cancelled; the guest is told by e-mail."),
            }),
            " Reschedule: ",
            date,
            slots,
          ),
        );
      }),
    );
  };
  select.addEventListener("change", () => void attempt(load));
  main.replaceChildren(h("h2", { text: "Upcoming tours" }), select, list);
  await attempt(load);
}

// ---------- tickets ----------
async function tickets(main: HTMLElement) {
  const { stakeholders } = await api<{ stakeholders: Json[] }>("/stakeholders");
  const status = h(
    "select",
    { "aria-label": "Status" },
    ...["", "open", "in_progress", "closed"].map((s) => h("option", { value: s, text: s || "Any status" })),
  );
  const intent = h(
    "select",
    { "aria-label": "Intent" },
    ...["", "locked_out", "maintenance", "rent", "tour_request", "general", "escalation"].map((s) => h("option", { value: s, text: s || "Any intent" })),
  );
  const list = h("table", { class: "table", id: "tickets" });
  const load = async () => {
    const q = new URLSearchParams();
    if (status.value) q.set("status", status.value);
    if (intent.value) q.set("intent", intent.value);
    const { tickets } = await api<{ tickets: Json[] }>(`/tickets?${q}`);
    list.replaceChildren(
      h("tr", {}, ...["#", "Priority", "Intent", "Summary", "Status", "Assigned"].map((x) => h("th", { text: x }))),
      ...tickets.map((t) => {
        const st = h(
          "select",
          { "aria-label": `Status of ticket ${t.id}` },
          ...["open", "in_progress", "closed"].map((s) => h("option", { value: s, text: s, selected: s === t.status })),
        );
        st.addEventListener(
          "change",
          () => void attempt(() => api(`/tickets/${t.id}`, { method: "PATCH", body: { status: st.value } }), `Ticket #${t.id} updated.`),
        );
        const who = h(
          "select",
          { "aria-label": `Assignee of ticket ${t.id}` },
          h("option", { value: "", text: "—" }),
          ...stakeholders.map((s) => h("option", { value: s.id, text: `${s.name} (${s.role})`, selected: s.id === t.assignedTo })),
        );
        who.addEventListener(
          "change",
          () =>
            void attempt(
              () => api(`/tickets/${t.id}`, { method: "PATCH", body: { assignedTo: who.value ? Number(who.value) : null } }),
              `Ticket #${t.id} assigned.`,
            ),
        );
        return h(
          "tr",
          { class: t.priority },
          h("td", { text: t.id }),
          h("td", { text: t.priority }),
          h("td", { text: t.intent }),
          h(
            "td",
            { text: t.summary, title: t.lastFollowUp ?? "" },
            t.followUps ? h("small", { text: ` · ${t.followUps} follow-up${t.followUps === 1 ? "" : "s"}, latest: ${t.lastFollowUp}` }) : null,
          ),
          h("td", {}, st),
          h("td", {}, who),
        );
      }),
    );
  };
  for (const f of [status, intent]) f.addEventListener("change", () => void attempt(load));
  main.replaceChildren(h("h2", { text: "Tickets" }), h("div", { class: "filters" }, status, intent), list);
  await attempt(load);
}

// ---------- catalogue ----------
const FIELDS: Array<[string, string, string]> = [
  ["name", "Name", "text"],
  ["address", "Address", "text"],
  ["city", "City", "text"],
  ["state", "State", "text"],
  ["postalCode", "Postal code", "text"],
  ["neighborhood", "Neighbourhood", "text"],
  ["beds", "Bedrooms (0 = studio)", "number"],
  ["baths", "Bathrooms", "number"],
  ["rent", "Rent ($/month)", "number"],
  ["sqft", "Square feet", "number"],
  ["availableFrom", "Available from", "date"],
  ["timezone", "Time zone (IANA)", "text"],
  ["petPolicy", "Pet policy", "text"],
  ["description", "Description", "text"],
];

async function catalogue(main: HTMLElement) {
  const { properties } = await api<{ properties: Json[] }>("/properties");
  const editor = h("section", { class: "detail", id: "property-editor" });
  const edit = (p: Json | null) => {
    const form = h("form", { class: "grid" });
    const inputs: Record<string, HTMLInputElement> = {};
    for (const [key, label, type] of FIELDS) {
      const input = h("input", {
        id: `p-${key}`,
        type,
        step: key === "baths" ? "0.5" : undefined,
        value: p?.[key] ?? (key === "timezone" ? "America/Chicago" : ""),
      });
      inputs[key] = input;
      form.append(h("label", { for: `p-${key}`, text: label }), input);
    }
    const pets = h(
      "select",
      { id: "p-pets" },
      ...["none", "cats", "dogs", "cats_and_dogs"].map((v) => h("option", { value: v, text: v, selected: p?.petsAllowed === v })),
    );
    const amenities = h("input", { id: "p-amenities", value: (p?.amenities ?? []).join(", ") });
    const active = h("input", { id: "p-active", type: "checkbox", checked: p ? p.active : true });
    form.append(
      h("label", { for: "p-pets", text: "Pets allowed" }),
      pets,
      h("label", { for: "p-amenities", text: "Amenities (comma-separated)" }),
      amenities,
      h("label", { for: "p-active", text: "Active (shown and bookable)" }),
      active,
    );
    form.append(h("button", { type: "submit", class: "primary", text: p ? "Save property" : "Create property" }));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const num = (k: string) => (inputs[k].value === "" ? null : Number(inputs[k].value));
      const body = {
        ...Object.fromEntries(FIELDS.filter(([, , t]) => t !== "number").map(([k]) => [k, inputs[k].value])),
        postalCode: inputs.postalCode.value || null,
        beds: num("beds"),
        baths: num("baths"),
        rent: num("rent"),
        sqft: num("sqft"),
        petsAllowed: pets.value,
        amenities: amenities.value
          .split(",")
          .map((a) => a.trim())
          .filter(Boolean),
        active: active.checked,
      };
      void attempt(async () => {
        const r = p ? await api<Json>(`/properties/${p.id}`, { method: "PATCH", body }) : await api<Json>("/properties", { method: "POST", body });
        await catalogue(main);
        notify(`${r.property.name} saved.`);
      });
    });
    editor.replaceChildren(
      h("h2", { text: p ? `Edit ${p.name}` : "New property" }),
      form,
      p ? hoursEditor(p) : h("p", { text: "Save the property to set its tour hours." }),
    );
  };
  main.replaceChildren(
    h("h2", { text: "Catalogue" }),
    h("button", { type: "button", class: "primary", text: "New property", onclick: () => edit(null) }),
    h(
      "div",
      { class: "split" },
      h(
        "ul",
        { class: "list", id: "properties" },
        ...properties.map((p) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "conv", onclick: () => edit(p) },
              h("strong", { text: p.name }),
              h("small", { text: `${p.city} · ${p.beds === 0 ? "studio" : `${p.beds} bed`} · $${p.rent} ${p.active ? "" : "· inactive"}` }),
            ),
          ),
        ),
      ),
      editor,
    ),
  );
}

function hoursEditor(p: Json): HTMLElement {
  const box = h("div", { class: "hours", id: "hours" }, h("p", { text: "Loading tour hours…" }));
  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const load = async () => {
    const { rules, exceptions } = await api<{ rules: Json[]; exceptions: Json[] }>(`/properties/${p.id}/hours`);
    const rows = h("div", {});
    const addRow = (r: Json) => {
      const day = h("select", { "aria-label": "Weekday" }, ...DAYS.map((d, i) => h("option", { value: i, text: d, selected: i === r.weekday })));
      const start = h("input", { type: "time", value: r.start, "aria-label": "From" });
      const end = h("input", { type: "time", value: r.end, "aria-label": "To" });
      const slot = h("input", { type: "number", value: r.slotMinutes, min: 5, max: 240, "aria-label": "Minutes per tour" });
      const row = h("div", { class: "rule" }, day, start, end, slot, h("button", { type: "button", text: "Remove", onclick: () => row.remove() }));
      rows.append(row);
    };
    rules.forEach(addRow);
    const date = h("input", { type: "date", id: "x-date", "aria-label": "Closure date" });
    const from = h("input", { type: "time", "aria-label": "Closed from (empty: all day)" });
    const to = h("input", { type: "time", "aria-label": "Closed until" });
    const note = h("input", { type: "text", placeholder: "Reason", "aria-label": "Reason" });
    box.replaceChildren(
      h("h3", { text: `Tour hours (${p.timezone})` }),
      rows,
      h("button", { type: "button", text: "Add hours", onclick: () => addRow({ weekday: 1, start: "10:00", end: "18:00", slotMinutes: 30 }) }),
      h("button", {
        type: "button",
        class: "primary",
        text: "Save hours",
        onclick: () =>
          attempt(async () => {
            const body = {
              rules: [...rows.querySelectorAll(".rule")].map((r) => {
                const [d, s, e, m] = r.querySelectorAll("select, input") as unknown as [
                  HTMLSelectElement,
                  HTMLInputElement,
                  HTMLInputElement,
                  HTMLInputElement,
                ];
                return { weekday: Number(d.value), start: s.value, end: e.value, slotMinutes: Number(m.value) };
              }),
            };
            await api(`/properties/${p.id}/hours`, { method: "PUT", body });
            await load();
          }, "Tour hours saved."),
      }),
      h("h3", { text: "Closures and extra hours" }),
      h(
        "ul",
        {},
        ...exceptions.map((x) =>
          h(
            "li",
            { text: `${x.date} ${x.kind}${x.start ? ` ${x.start}–${x.end}` : " all day"}${x.note ? ` (${x.note})` : ""} ` },
            h("button", {
              type: "button",
              text: "Remove",
              onclick: () =>
                attempt(async () => {
                  await api(`/properties/${p.id}/exceptions/${x.id}`, { method: "DELETE" });
                  await load();
                }, "Removed."),
            }),
          ),
        ),
      ),
      h(
        "div",
        { class: "rule" },
        date,
        from,
        to,
        note,
        h("button", {
          type: "button",
          text: "Add closure",
          onclick: () =>
            attempt(async () => {
              await api(`/properties/${p.id}/exceptions`, {
                method: "POST",
                body: { date: date.value, kind: "closed", start: from.value || null, end: to.value || null, note: note.value || null },
              });
              await load();
            }, "Closure added."),
        }),
      ),
    );
  };
  void attempt(load);
  return box;
}

// ---------- persona ----------
async function persona(main: HTMLElement) {
  const { persona: p } = await api<{ persona: Json }>("/persona");
  const name = h("input", { id: "persona-name", value: p.name });
  const company = h("input", { id: "persona-company", value: p.companyName });
  const tone = h(
    "select",
    { id: "persona-tone" },
    ...["friendly", "professional", "concise"].map((t) => h("option", { value: t, text: t, selected: t === p.tone })),
  );
  const greeting = h("textarea", { id: "persona-greeting", rows: 3 });
  greeting.value = p.greeting;
  const custom = h("textarea", { id: "persona-custom", rows: 3 });
  custom.value = p.customInstruction;
  const preview = h("div", { class: "preview", id: "persona-preview", "aria-live": "polite" });
  const body = () => ({ name: name.value, companyName: company.value, tone: tone.value, greeting: greeting.value, customInstruction: custom.value });
  main.replaceChildren(
    h("h2", { text: "Assistant persona" }),
    h(
      "form",
      {
        class: "grid",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void attempt(() => api("/persona", { method: "PUT", body: body() }), "Persona saved; the assistant uses it from the next message.");
        },
      },
      h("label", { for: "persona-name", text: "Name" }),
      name,
      h("label", { for: "persona-company", text: "Company" }),
      company,
      h("label", { for: "persona-tone", text: "Tone" }),
      tone,
      h("label", { for: "persona-greeting", text: "Greeting" }),
      greeting,
      h("label", { for: "persona-custom", text: "Custom instruction" }),
      custom,
      h(
        "div",
        {},
        h("button", {
          type: "button",
          id: "persona-preview-btn",
          text: "Preview",
          onclick: () =>
            attempt(async () => {
              const { preview: pv } = await api<{ preview: Json }>("/persona/preview", { method: "POST", body: body() });
              preview.replaceChildren(
                h("h3", { text: "Greeting" }),
                h("p", { text: pv.greeting }),
                h("h3", { text: "Sample reply" }),
                h("p", { text: pv.sampleReply }),
                h("h3", { text: "Model instructions" }),
                h("pre", { text: pv.systemPrompt }),
              );
            }),
        }),
        " ",
        h("button", { type: "submit", class: "primary", text: "Save" }),
      ),
    ),
    preview,
  );
}

// ---------- audit ----------
async function audit(main: HTMLElement) {
  const { entries } = await api<{ entries: Json[] }>("/audit");
  main.replaceChildren(
    h("h2", { text: "Audit log" }),
    h(
      "table",
      { class: "table", id: "audit" },
      h("tr", {}, ...["When", "Who", "What", "Target"].map((x) => h("th", { text: x }))),
      ...entries.map((e) =>
        h("tr", {}, h("td", { text: when(e.at) }), h("td", { text: e.actor }), h("td", { text: e.action }), h("td", { text: e.target ?? "" })),
      ),
    ),
  );
}

void start();

export {};
