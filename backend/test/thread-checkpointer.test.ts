import path from "node:path";
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { type Checkpoint, type CheckpointTuple, emptyCheckpoint } from "@langchain/langgraph";
import { afterEach, describe, expect, it } from "vitest";
import { STORED_TURNS, trimStoredThread } from "../src/agent/context-window";
import { type Db, openDatabase } from "../src/db/database";
import { ThreadCheckpointer } from "../src/db/thread-checkpointer";
import { tempDir } from "./support/temp-dir";

function checkpoint(id: string, messages: BaseMessage[]): Checkpoint {
  return { ...emptyCheckpoint(), id, channel_values: { messages }, channel_versions: { messages: Number(id) } };
}

/** The messages of a stored checkpoint (none when there is no checkpoint). */
const messagesOf = (t: CheckpointTuple | undefined) => (t?.checkpoint.channel_values.messages ?? []) as BaseMessage[];

const config = (thread: string, parent?: string) => ({ configurable: { thread_id: thread, checkpoint_ns: "", ...(parent ? { checkpoint_id: parent } : {}) } });

describe("thread checkpointer", () => {
  const open: Db[] = [];
  const db = (file: string) => {
    const d = openDatabase(file);
    open.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of open.splice(0)) d.close();
  });

  it("keeps only each thread's latest checkpoint in SQLite, and it survives a restart", async () => {
    const file = path.join(tempDir(), "cp.db");
    const a = new ThreadCheckpointer(db(file));
    await a.put(config("t1"), checkpoint("0001", [new HumanMessage({ content: "hi", id: "h1" })]), { source: "loop", step: 1, parents: {} });
    await a.put(config("t1", "0001"), checkpoint("0002", [new HumanMessage({ content: "hi", id: "h1" }), new AIMessage({ content: "hello", id: "a1" })]), {
      source: "loop",
      step: 2,
      parents: {},
    });
    await a.put(config("t2"), checkpoint("0003", [new HumanMessage({ content: "other", id: "h9" })]), { source: "loop", step: 1, parents: {} });

    const rows = open[0].prepare("SELECT thread_id, checkpoint_id FROM checkpoints ORDER BY thread_id").all();
    expect(rows).toEqual([
      { thread_id: "t1", checkpoint_id: "0002" },
      { thread_id: "t2", checkpoint_id: "0003" },
    ]);

    // A new process reads the state back from the file, as real message objects.
    const restarted = new ThreadCheckpointer(db(file));
    const t = await restarted.getTuple(config("t1"));
    expect(t?.config.configurable?.checkpoint_id).toBe("0002");
    expect(t?.parentConfig?.configurable?.checkpoint_id).toBe("0001");
    const messages = t?.checkpoint.channel_values.messages as BaseMessage[];
    expect(messages.map((m) => [m.getType(), m.content])).toEqual([
      ["human", "hi"],
      ["ai", "hello"],
    ]);
  });

  it("reads what another connection wrote last (a mail worker in its own process)", async () => {
    const file = path.join(tempDir(), "cp.db");
    const a = new ThreadCheckpointer(db(file));
    const b = new ThreadCheckpointer(db(file));
    await a.put(config("t"), checkpoint("0001", [new HumanMessage({ content: "from a", id: "h1" })]), { source: "loop", step: 1, parents: {} });
    expect((await a.getTuple(config("t")))?.checkpoint.id).toBe("0001");

    await b.put(config("t", "0001"), checkpoint("0002", [new HumanMessage({ content: "from b", id: "h2" })]), { source: "loop", step: 2, parents: {} });
    const seen = await a.getTuple(config("t"));
    expect(seen?.checkpoint.id).toBe("0002");
    expect(messagesOf(seen)[0].content).toBe("from b");
  });

  it("stores only the recent turns of a long thread (the agent's trim)", async () => {
    const file = path.join(tempDir(), "cp.db");
    const a = new ThreadCheckpointer(db(file), trimStoredThread);
    const messages: BaseMessage[] = [];
    for (let turn = 1; turn <= 6; turn++)
      messages.push(new HumanMessage({ content: `q${turn}`, id: `h${turn}` }), new AIMessage({ content: `a${turn}`, id: `a${turn}` }));
    await a.put(config("t"), checkpoint("0001", messages), { source: "loop", step: 1, parents: {} });
    const kept = ["q4", "a4", "q5", "a5", "q6", "a6"];
    expect(STORED_TURNS).toBe(3);
    expect(messagesOf(await a.getTuple(config("t"))).map((m) => m.content)).toEqual(kept);
    const fromFile = await new ThreadCheckpointer(db(file)).getTuple(config("t"));
    expect(messagesOf(fromFile).map((m) => m.content)).toEqual(kept);
  });
});
