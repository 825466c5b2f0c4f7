import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../../config/config";
import type { ConversationListener } from "../../domain/conversations/conversation-service";
import { buildApp, newConversationId } from "../../main";
import { errorFields } from "../../shared/app-error";
import { poolRandomValues } from "../../shared/pooled-random";
import type { ChatEvent } from "./chat-events";
import { threadOfSession, type FromChatThreadOne, type ToChatThread } from "./chat-thread-protocol";

/**
 * Runs in a chat thread: its own database connection, services and agent, answering the chat
 * turns the server hands it. Everything a turn changes is written to SQLite as usual; what
 * the server's listeners (console, widget streams) need to hear is posted back as events, and
 * the server's takeovers and persona edits are posted in.
 */
poolRandomValues();
const port = parentPort!;
// Events (conversation changes, a streamed turn's tokens) wait until the end of this
// event-loop turn and leave together, in one message with whatever else is posted meanwhile;
// anything else (a result, mail queued) is posted at once, after the events made before it.
// Each postMessage costs both threads a fixed amount, and a turn makes several events.
let waiting: FromChatThreadOne[] = [];
let flushScheduled = false;
function flush(): void {
  flushScheduled = false;
  if (waiting.length === 0) return;
  const messages = waiting;
  waiting = [];
  port.postMessage(messages.length === 1 ? messages[0] : { type: "batch", messages });
}
function post(m: FromChatThreadOne): void {
  waiting.push(m);
  if (m.type === "event" || m.type === "chat-event") {
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  } else {
    flush();
  }
}
const { config, thread, threads } = workerData as { config: Config; thread: number; threads: number };
const app = buildApp(config, {
  mailQueued: () => post({ type: "mail-queued" }),
  // A session started here gets an id that the server routes back here for its next turns.
  newConversationId: () => {
    for (;;) {
      const id = newConversationId();
      if (threadOfSession(id, threads) === thread) return id;
    }
  },
});
const { conversations, chat, persona } = app.services;

// Events from the server are re-told to this thread's listeners (a takeover aborts a running
// turn); they are not posted back.
let relaying = false;
conversations.subscribe((event) => {
  if (!relaying) post({ type: "event", event });
});
function relay(event: Parameters<ConversationListener>[0]): void {
  relaying = true;
  try {
    conversations.publish(event);
  } finally {
    relaying = false;
  }
}

let running = 0;
let closing: (() => void) | undefined;

port.on("message", (m: ToChatThread) => {
  if (m.type === "event") return relay(m.event);
  if (m.type === "persona") return persona.forget();
  if (m.type === "close") {
    const finish = () => {
      void app.close().finally(() => post({ type: "closed" }));
    };
    if (running === 0) finish();
    else closing = finish;
    return;
  }
  running++;
  const emit = m.stream ? (event: ChatEvent) => post({ type: "chat-event", seq: m.seq, event }) : undefined;
  chat
    .send(m.input, emit)
    .then(
      (result) => post({ type: "result", seq: m.seq, ok: true, result }),
      (err: unknown) => post({ type: "result", seq: m.seq, ok: false, ...errorFields(err) }),
    )
    .finally(() => {
      running--;
      if (running === 0) closing?.();
    });
});

post({ type: "ready" });
