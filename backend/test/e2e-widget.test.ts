import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { requireTool } from "./support/mail-fixtures";
import { adminHeaders, startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const run = requireTool(chromiumAvailable(), "Chromium (browser tests)", "apt-get install -y chromium");

async function openWidget(page: Page) {
  await page.locator("#leasechat-root .launcher").click();
  await page.locator("#leasechat-root textarea").waitFor({ state: "visible" });
}

async function waitForAssistant(page: Page, re: RegExp) {
  await page.waitForFunction(
    (src) =>
      new RegExp(src).test([...(document.querySelector("#leasechat-root")?.shadowRoot?.querySelectorAll(".msg.assistant") ?? [])].pop()?.textContent ?? ""),
    re.source,
  );
}

async function say(page: Page, text: string) {
  const before = await page.locator("#leasechat-root .msg.assistant").count();
  await page.locator("#leasechat-root textarea").fill(text);
  await page.locator("#leasechat-root textarea").press("Enter");
  await page.waitForFunction((n) => {
    const root = document.querySelector("#leasechat-root")?.shadowRoot;
    const sending = root?.querySelector(".status")?.textContent;
    return (root?.querySelectorAll(".msg.assistant").length ?? 0) > n && !sending;
  }, before);
  return (await page.locator("#leasechat-root .msg.assistant").last().textContent()) ?? "";
}

describe.runIf(run)("chat widget in a real Chromium", () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    s = await startTestServer({ env: { OUTBOX_POLL_MS: "100" } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it("books a tour end to end by clicking offered choices, and the history survives a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${s.url}/`);
    await page.locator("#listings .listing").first().waitFor();
    await openWidget(page);
    await expect.poll(() => page.locator("#leasechat-root .msg.assistant").first().textContent()).toMatch(/automated/i);

    const found = await say(page, "2 bedroom in Denver under 3k please");
    expect(found).toContain("Highland Row");
    await page.locator("#leasechat-root .opt.card", { hasText: "Highland Row" }).click();
    await waitForAssistant(page, /Highland Row, 3400 Tejon St/);

    const times = await say(page, "can I see it Tuesday afternoon?");
    expect(times).toMatch(/Tue, Nov 24/);
    const slot = page.locator("#leasechat-root .opt", { hasText: "Tue, Nov 24 at 12:30 PM MST" });
    await slot.click();
    await waitForAssistant(page, /just need/);
    const booked = await say(page, "Casey Jordan, casey.jordan@example.com");
    expect(booked).toMatch(/booked: Highland Row on Tue, Nov 24 at 12:30 PM MST/);

    const rows = (await s.get("/api/admin/bookings?email=casey.jordan@example.com", adminHeaders)).body.bookings;
    expect(rows).toEqual([
      expect.objectContaining({
        propertyId: 10,
        start: "2026-11-24T19:30:00.000Z",
        status: "confirmed",
        user: expect.objectContaining({ name: "Casey Jordan" }),
      }),
    ]);
    const outbox = path.join(s.app.config.outboxDir);
    await until(() => fs.existsSync(outbox) && fs.readdirSync(outbox).some((f) => f.includes("tour_confirmed")), 10_000, "confirmation .eml");
    const eml = fs.readdirSync(outbox).find((f) => f.includes("tour_confirmed"))!;
    expect(fs.readFileSync(path.join(outbox, eml), "utf8")).toContain("casey.jordan@example.com");

    const count = await page.locator("#leasechat-root .msg").count();
    await page.reload();
    await openWidget(page);
    await expect.poll(() => page.locator("#leasechat-root .msg").count()).toBe(count);
    expect(await page.locator("#leasechat-root .msg.assistant").last().textContent()).toMatch(/booked: Highland Row/);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 60_000);

  it("renders markup in messages as text, runs nothing, and links bare URLs safely", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${s.url}/`);
    await openWidget(page);
    const evil = `<img src=x onerror=alert(1)> <script>alert(2)</script> see https://example.com/a?b=1 and javascript:alert(3)`;
    await say(page, evil);
    const userBubble = page.locator("#leasechat-root .msg.user").last();
    expect(await userBubble.textContent()).toBe(evil);
    expect(await page.locator("#leasechat-root img").count()).toBe(0);
    expect(await page.locator("#leasechat-root .msg script").count()).toBe(0);
    const links = await userBubble.locator("a").evaluateAll((as) => as.map((a) => [a.getAttribute("href"), a.getAttribute("rel"), a.getAttribute("target")]));
    expect(links).toEqual([["https://example.com/a?b=1", "noopener noreferrer", "_blank"]]);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 30_000);

  it("keeps its look on a page with hostile global CSS, and does not restyle the page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${s.url}/`);
    await openWidget(page);
    await say(page, "hi");
    const snapshot = () =>
      page.evaluate(() => {
        const root = document.querySelector("#leasechat-root")!.shadowRoot!;
        const pick = (sel: string) => {
          const cs = getComputedStyle(root.querySelector(sel)!);
          return [cs.color, cs.fontSize, cs.fontFamily, cs.backgroundColor, cs.width, cs.height, cs.display].join("|");
        };
        const host = getComputedStyle(document.querySelector("#leasechat-root")!);
        return {
          launcher: pick(".launcher"),
          panel: pick(".panel"),
          message: pick(".msg.assistant"),
          input: pick("textarea"),
          title: pick("h2"),
          hostPosition: host.position,
          hostBottom: host.bottom,
        };
      });
    const before = await snapshot();
    const pageTextBefore = await page.evaluate(() => getComputedStyle(document.querySelector("header h1")!).fontSize);
    await page.addStyleTag({
      content:
        "* { color: red !important; font-size: 40px !important; font-family: serif !important; background: yellow !important; display: block !important; }",
    });
    const after = await snapshot();
    expect(after).toEqual(before);
    // The widget added no styles to the page itself.
    await page.evaluate(() => {
      for (const s of [...document.querySelectorAll("style")].slice(1)) s.remove();
    });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("header h1")!).fontSize)).toBe(pageTextBefore);
    await page.close();
  }, 30_000);

  it("is usable with the keyboard, announces replies, and takes screenshots at phone and desktop sizes", async () => {
    for (const [w, h] of [
      [390, 844],
      [1280, 800],
    ]) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(`${s.url}/`);
      await page.locator("#leasechat-root .launcher").focus();
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.querySelector("#leasechat-root")!.shadowRoot!.activeElement?.tagName)).toBe("TEXTAREA");
      await say(page, "any studios in Portland?");
      expect(await page.locator("#leasechat-root .sr[aria-live=polite]").textContent()).toMatch(/Hawthorne Bungalows/);
      const panel = await page.locator("#leasechat-root .panel").boundingBox();
      if (w === 390) expect(panel).toMatchObject({ x: 0, y: 0, width: 390 });
      await page.screenshot({ path: path.join(ARTIFACTS, `widget-${w}x${h}.png`) });
      await page.keyboard.press("Escape");
      expect(await page.locator("#leasechat-root .panel").isHidden()).toBe(true);
      expect(await page.evaluate(() => document.querySelector("#leasechat-root")!.shadowRoot!.activeElement?.className)).toBe("launcher");
      await page.close();
    }
    expect(fs.existsSync(path.join(ARTIFACTS, "widget-390x844.png"))).toBe(true);
    expect(fs.existsSync(path.join(ARTIFACTS, "widget-1280x800.png"))).toBe(true);
  }, 60_000);

  it("mounts once, whatever the page does, and adds no globals but LeaseChat", async () => {
    const page = await browser.newPage();
    const baseline = await (async () => {
      const p = await browser.newPage();
      await p.goto(`${s.url}/tours/unknown-token-000000000`);
      const keys = await p.evaluate(() => Object.keys(window));
      await p.close();
      return new Set(keys);
    })();
    await page.goto(`${s.url}/`);
    await page.locator("#leasechat-root .launcher").waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { LeaseChat: { mount: (o: { api: string }) => unknown } };
      w.LeaseChat.mount({ api: location.origin });
      w.LeaseChat.mount({ api: location.origin });
    });
    expect(await page.locator("#leasechat-root").count()).toBe(1);
    const added = (await page.evaluate(() => Object.keys(window))).filter((k) => !baseline.has(k));
    expect(added).toEqual(["LeaseChat"]);
    await page.close();
  }, 30_000);

  it("lets a person cancel a tour from the manage page", async () => {
    const slots = (await s.get("/api/properties/3/slots?from=2026-11-25&to=2026-11-25")).body.slots;
    const made = await s.post("/api/tours", { propertyId: 3, start: slots[0].start, name: "Robin Vale", email: "robin.vale@example.com" });
    const manageUrl: string = made.body.booking.manageUrl;
    const page = await browser.newPage();
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${s.url}${new URL(manageUrl).pathname}`);
    await expect.poll(() => page.locator("#tour").textContent()).toContain("Bluebonnet Flats");
    expect(await page.locator("#tour").textContent()).toContain("Wednesday, November 25 at 10:00 AM");
    await page.locator("#cancel").click();
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/cancelled/i);
    const token = manageUrl.split("/").pop();
    expect((await s.get(`/api/tours/${token}`)).body.booking.status).toBe("cancelled");
    await page.close();
  }, 30_000);
});
