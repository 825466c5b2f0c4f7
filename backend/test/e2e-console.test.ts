import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "./support/browser";
import { requireTool } from "./support/mail-fixtures";
import { adminHeaders, startTestServer, type TestServer } from "./support/test-app";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const run = requireTool(chromiumAvailable(), "Chromium (browser tests)", "apt-get install -y chromium");

const STAFF_EMAIL = "morgan.lee@leasing.test";
const STAFF_PASSWORD = "console-e2e-password-42";
const WAITING = "A member of our team will reply here.";
const W = "#leasechat-root";

// ---------- the prospect's side: the chat widget ----------

/** Text of the widget's status line, and of every bubble of a kind (read from its shadow root). */
function widgetState(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector("#leasechat-root")!.shadowRoot!;
    const texts = (sel: string) => [...root.querySelectorAll(sel)].map((e) => e.textContent ?? "");
    return {
      status: root.querySelector(".status")?.textContent ?? "",
      user: texts(".msg.user"),
      assistant: texts(".msg.assistant"),
      staff: texts(".msg.staff"),
    };
  });
}

async function openWidget(page: Page) {
  await page.locator(`${W} .launcher`).click();
  await page.locator(`${W} textarea`).waitFor({ state: "visible" });
  await expect.poll(() => page.locator(`${W} .msg.assistant`).first().textContent()).toMatch(/automated/i);
}

/** Types a message and presses Enter; resolves once the widget shows it as sent. */
async function type(page: Page, text: string) {
  const users = await page.locator(`${W} .msg.user`).count();
  await page.locator(`${W} textarea`).fill(text);
  await page.locator(`${W} textarea`).press("Enter");
  await page.waitForFunction((n) => (document.querySelector("#leasechat-root")?.shadowRoot?.querySelectorAll(".msg.user").length ?? 0) > n, users);
}

/**
 * Sends a message the assistant answers; returns the answer once it has finished streaming and
 * the status line reads `status` ("" while the assistant is in charge, WAITING after a hand-off).
 */
async function askAssistant(page: Page, text: string, status = "") {
  const before = await page.locator(`${W} .msg.assistant`).count();
  await type(page, text);
  await page.waitForFunction(
    ([n, want]) => {
      const root = document.querySelector("#leasechat-root")?.shadowRoot;
      return (root?.querySelectorAll(".msg.assistant").length ?? 0) > n && root?.querySelector(".status")?.textContent === want;
    },
    [before, status] as const,
  );
  return (await page.locator(`${W} .msg.assistant`).last().textContent()) ?? "";
}

// ---------- the staff side: the console ----------

const conversationButton = (page: Page, id: string) => page.locator(`#conversations button.conv[data-id="${id}"]`);
const transcript = (page: Page, role: string) => page.locator(`#transcript li.m.${role}`);

describe.runIf(run)("staff console and chat widget, live, in a real Chromium", () => {
  let s: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    s = await startTestServer({
      env: { STAFF_ADMIN_EMAIL: STAFF_EMAIL, STAFF_ADMIN_PASSWORD: STAFF_PASSWORD },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await s?.close();
  });

  it("escalation reaches the inbox live; staff reply, take-over and hand-back work across both UIs", async () => {
    // Two separate browser profiles: the prospect's (widget) and the staff member's (console).
    const prospectCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const staffCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(prospectCtx, staffCtx);
    const widget = await prospectCtx.newPage();
    const consolePage = await staffCtx.newPage();
    const problems: string[] = [];
    for (const [name, p] of [
      ["widget", widget],
      ["console", consolePage],
    ] as const) {
      p.on("pageerror", (e) => problems.push(`${name}: ${e.message}`));
      p.on("dialog", (d) => {
        problems.push(`${name} dialog: ${d.message()}`);
        void d.dismiss();
      });
    }

    // --- The console is open and signed in before anything happens.
    await consolePage.goto(`${s.url}/console`);
    await consolePage.locator("#email").fill(STAFF_EMAIL);
    await consolePage.locator("#password").fill(STAFF_PASSWORD);
    const liveFeed = consolePage.waitForResponse((r) => new URL(r.url()).pathname === "/api/admin/events");
    await consolePage.locator("form.login button[type=submit]").click();
    await expect.poll(() => consolePage.locator("header .who").textContent()).toBe(STAFF_EMAIL);
    expect((await liveFeed).status()).toBe(200); // subscribed to /api/admin/events before the prospect writes
    await expect.poll(() => consolePage.locator("#conversations").textContent()).toContain("No conversations match.");
    await consolePage.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const stillSamePage = () => consolePage.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

    // --- 1. The prospect asks for a person: the assistant hands off, and says so.
    await widget.goto(`${s.url}/`);
    await openWidget(widget);
    const ask = "Can I talk to a real person please?";
    const handoff = await askAssistant(widget, ask, WAITING);
    expect(handoff).toMatch(/member of our leasing team to join this chat/);
    const sessionId = await widget.evaluate(() => Object.entries(localStorage).find(([k]) => /^leasechat:.*:session$/.test(k))?.[1] ?? "");
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect((await s.get(`/api/chat/${sessionId}/messages`)).body).toMatchObject({
      mode: "human",
      messages: [
        { role: "user", text: ask },
        { role: "assistant", text: handoff },
      ],
    });

    // --- 2. The inbox shows the escalated conversation without a reload.
    const conv = conversationButton(consolePage, sessionId);
    await conv.waitFor();
    await expect.poll(() => conv.locator(".esc").textContent()).toBe("Escalated: Asked to talk to a person");
    expect(await conv.locator(".badge.human").textContent()).toBe("human");
    expect(await stillSamePage()).toBe(true);
    // Nothing more from the assistant.
    const afterHandoff = await widgetState(widget);
    expect(afterHandoff.assistant).toHaveLength(2); // the greeting and the hand-off
    await conv.click();
    await expect.poll(() => transcript(consolePage, "user").allTextContents()).toEqual([expect.stringContaining(ask)]);
    expect(await consolePage.locator("#conversation .esc").textContent()).toMatch(/^Escalated: Asked to talk to a person/);
    expect(await consolePage.locator("#mode-toggle").textContent()).toBe("Hand back to AI");
    expect(await consolePage.locator("label[for=reply-text]").textContent()).toBe("Reply as staff");

    // --- 3. Staff replies from the console...
    const staffReply = "Hi, this is Morgan from the leasing office. Happy to help — what are you looking for?";
    await consolePage.locator("#reply-text").fill(staffReply);
    await consolePage.locator("#reply-send").click();
    await expect.poll(() => consolePage.locator(".flash").textContent()).toBe("Reply sent.");
    await expect.poll(() => transcript(consolePage, "staff").allTextContents()).toEqual([expect.stringContaining(staffReply)]);
    expect(await consolePage.locator("#reply-text").inputValue()).toBe("");

    // --- 4. ...and the prospect sees it live, as a staff bubble.
    await expect.poll(async () => (await widgetState(widget)).staff).toEqual([`Leasing team${staffReply}`]);
    expect(await widget.locator(`${W} .msg.staff .who`).textContent()).toBe("Leasing team");

    // --- 5. In human mode the assistant stays quiet; the console sees the message live and
    //        keeps what the staff member was drafting.
    const draft = "Let me check which two-bedrooms";
    await consolePage.locator("#reply-text").fill(draft);
    const question = "Do you have 2 bedrooms in Denver?";
    const assistantBefore = (await widgetState(widget)).assistant.length;
    await type(widget, question);
    await expect.poll(async () => (await widgetState(widget)).status).toBe(WAITING);
    expect((await widgetState(widget)).assistant).toHaveLength(assistantBefore);
    const history = (await s.get(`/api/chat/${sessionId}/messages`)).body.messages;
    expect(history.at(-1)).toMatchObject({ role: "user", text: question });
    expect(history.filter((m: { role: string }) => m.role === "assistant")).toHaveLength(1);
    await expect.poll(() => transcript(consolePage, "user").allTextContents()).toEqual([expect.stringContaining(ask), expect.stringContaining(question)]);
    expect(await consolePage.locator("#reply-text").inputValue()).toBe(draft);
    expect(await consolePage.evaluate(() => document.activeElement?.id)).toBe("reply-text");
    await consolePage.locator("#reply-text").fill("");
    expect(await stillSamePage()).toBe(true);
    await consolePage.screenshot({ path: path.join(ARTIFACTS, "console-human-mode.png"), fullPage: true });
    // Still nothing from the assistant after the console has caught up.
    expect((await widgetState(widget)).assistant).toHaveLength(assistantBefore);

    // --- 6. Staff hands the conversation back to the assistant.
    await consolePage.locator("#mode-toggle").click();
    await expect.poll(() => consolePage.locator(".flash").textContent()).toBe("Handed back to the assistant.");
    await expect.poll(() => consolePage.locator("#mode-toggle").textContent()).toBe("Take over");
    await expect.poll(() => conv.locator(".badge").first().textContent()).toBe("AI");
    expect(await consolePage.locator("label[for=reply-text]").textContent()).toBe("Reply (this takes the conversation over)");
    await expect.poll(async () => (await widgetState(widget)).status).toBe(""); // the widget heard the mode change

    // --- 7. The assistant answers again, and the console sees that live too.
    const answer = await askAssistant(widget, question);
    expect(answer).toContain("Highland Row");
    expect((await widgetState(widget)).assistant).toHaveLength(assistantBefore + 1);
    await expect.poll(() => transcript(consolePage, "assistant").last().textContent()).toContain("Highland Row");

    // --- 8. A staff reply while the assistant is in charge takes the conversation over.
    const takeOverReply = "Morgan again: Highland Row has a 2-bedroom open, and I can hold a tour for you.";
    await consolePage.locator("#reply-text").fill(takeOverReply);
    await consolePage.locator("#reply-send").click();
    await expect.poll(() => consolePage.locator("#mode-toggle").textContent()).toBe("Hand back to AI");
    await expect.poll(() => conv.locator(".badge").first().textContent()).toBe("human");
    await expect.poll(async () => (await widgetState(widget)).staff).toEqual([`Leasing team${staffReply}`, `Leasing team${takeOverReply}`]);
    await expect.poll(() => transcript(consolePage, "staff").count()).toBe(2);
    expect(await consolePage.locator("#reply-text").inputValue()).toBe("");
    expect((await s.get(`/api/chat/${sessionId}/messages`)).body.mode).toBe("human");
    await consolePage.screenshot({ path: path.join(ARTIFACTS, "console-conversation.png"), fullPage: true });
    await widget.screenshot({ path: path.join(ARTIFACTS, "widget-with-staff-replies.png") });
    expect(fs.existsSync(path.join(ARTIFACTS, "console-conversation.png"))).toBe(true);
    expect(await stillSamePage()).toBe(true);

    // Every staff action was audited, in order, as the signed-in staff member.
    const entries: Array<{ actor: string; action: string; target: string | null; details: Record<string, unknown> }> = (
      await s.get("/api/admin/audit", adminHeaders)
    ).body.entries;
    const mine = entries
      .filter((e) => e.actor === STAFF_EMAIL)
      .reverse()
      .map((e) => ({ action: e.action, target: e.target, details: e.details }));
    expect(mine).toEqual([
      { action: "login", target: null, details: {} },
      { action: "conversation.reply", target: sessionId, details: { length: staffReply.length } },
      { action: "conversation.hand_back", target: sessionId, details: {} },
      { action: "conversation.take_over", target: sessionId, details: { via: "reply" } },
      { action: "conversation.reply", target: sessionId, details: { length: takeOverReply.length } },
    ]);
    expect(entries.filter((e) => e.actor !== STAFF_EMAIL)).toEqual([]);

    expect(problems).toEqual([]);
  }, 90_000);
});
