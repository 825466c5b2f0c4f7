/** Scripts of the pages the server renders: the demo site (`/`) and the tour manage page. */

interface Property {
  id: number;
  name: string;
  neighborhood: string;
  city: string;
  beds: number;
  baths: number;
  rent: number;
  pets: boolean;
  availableFrom: string;
}

interface Slot {
  start: string;
  local: string;
}

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T | null;

function node<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const r = await fetch(url, init);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((body as { error?: { message?: string } }).error?.message ?? `Request failed (${r.status})`);
  return body as T;
}

async function demo(): Promise<void> {
  const grid = $<HTMLElement>("#listings");
  if (!grid) return;
  try {
    const { properties } = await json<{ properties: Property[] }>("/api/properties?limit=12");
    grid.replaceChildren(
      ...properties.map((p) => {
        const card = node("article", undefined, "listing");
        card.append(
          node("h3", p.name),
          node("p", `${p.neighborhood}, ${p.city}`, "where"),
          node("p", `${p.beds === 0 ? "Studio" : `${p.beds} bed`} · ${p.baths} bath · $${p.rent.toLocaleString("en-US")}/mo`, "facts"),
          node("p", p.pets ? "Pets welcome" : "No pets", "pets"),
        );
        return card;
      }),
    );
  } catch {
    grid.replaceChildren(node("p", "Listings are unavailable right now."));
  }
}

function when(local: string): string {
  const [date, time] = local.split("T");
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
  const [h, m] = time.split(":").map(Number);
  return `${day} at ${((h + 11) % 12) + 1}:${String(m).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

async function manage(): Promise<void> {
  const box = $<HTMLElement>("#tour");
  if (!box) return;
  const token = location.pathname.split("/").pop() ?? "";
  const status = $<HTMLElement>("#status")!;
  const say = (text: string, kind = "") => {
    status.textContent = text;
    status.className = kind;
  };
  let data: {
    booking: { status: string; local: string; timezone: string; propertyId: number };
    property: { name: string; address: string; city: string; state: string; timezone: string };
  };
  try {
    data = await json(`/api/tours/${encodeURIComponent(token)}`);
  } catch (err) {
    box.replaceChildren(node("p", (err as Error).message));
    return;
  }
  const render = () => {
    const { booking, property } = data;
    box.replaceChildren(
      node("h2", property.name),
      node("p", `${property.address}, ${property.city}, ${property.state}`),
      node(
        "p",
        booking.status === "cancelled" ? "This tour has been cancelled." : `${when(booking.local)} (${property.timezone.replace(/_/g, " ")} time)`,
        booking.status === "cancelled" ? "cancelled" : "time",
      ),
    );
    const actions = $<HTMLElement>("#actions")!;
    actions.hidden = booking.status === "cancelled";
  };
  render();

  $<HTMLButtonElement>("#cancel")!.addEventListener("click", async () => {
    if (!window.confirm("Cancel this tour?")) return;
    try {
      const r = await json<{ booking: typeof data.booking }>(`/api/tours/${encodeURIComponent(token)}/cancel`, { method: "POST" });
      data.booking = r.booking;
      render();
      say("Your tour is cancelled. A confirmation e-mail is on its way.", "ok");
    } catch (err) {
      say((err as Error).message, "bad");
    }
  });

  const dateInput = $<HTMLInputElement>("#date")!;
  const slotsBox = $<HTMLElement>("#slots")!;
  dateInput.min = new Date().toISOString().slice(0, 10);
  dateInput.addEventListener("change", async () => {
    slotsBox.replaceChildren();
    if (!dateInput.value) return;
    try {
      const { slots } = await json<{ slots: Slot[] }>(`/api/properties/${data.booking.propertyId}/slots?from=${dateInput.value}&to=${dateInput.value}`);
      if (!slots.length) {
        slotsBox.append(node("p", "No open times that day. Please pick another date."));
        return;
      }
      for (const s of slots) {
        const b = node("button", when(s.local).split(" at ")[1], "slot");
        b.type = "button";
        b.addEventListener("click", async () => {
          if (!window.confirm(`Move your tour to ${when(s.local)}?`)) return;
          try {
            const r = await json<{ booking: typeof data.booking }>(`/api/tours/${encodeURIComponent(token)}/reschedule`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ start: s.start }),
            });
            data.booking = r.booking;
            render();
            slotsBox.replaceChildren();
            say("Your tour has been moved. An updated invite is on its way.", "ok");
          } catch (err) {
            say((err as Error).message, "bad");
          }
        });
        slotsBox.append(b);
      }
    } catch (err) {
      say((err as Error).message, "bad");
    }
  });
}

const page = document.body.dataset.page;
if (page === "demo") void demo();
else if (page === "manage") void manage();

export {};
