import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata, CheckpointTuple } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { Db } from "./database";

export interface ThreadCheckpointerOptions {
  /** Threads whose latest checkpoint stays in memory, ready to use without reading SQLite. */
  liveThreads?: number;
  /** What of a checkpoint's channel values is kept when it is saved (e.g. only recent messages). */
  trim?: (values: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The agent's thread store. Each conversation keeps only its latest checkpoint in SQLite (the
 * agent never travels back in time, so older ones would only grow the file), and the most
 * recently used threads keep that checkpoint in memory as well: a turn then resumes without
 * reading and re-building its messages. Every checkpoint is written to SQLite before `put`
 * returns, so a restart loses nothing.
 *
 * A thread's cached checkpoint is only trusted while this connection wrote it last: any other
 * writer (another thread or process) moves the row's `checkpoint_id`, which is compared on
 * every read.
 */
export class ThreadCheckpointer extends SqliteSaver {
  private readonly live = new Map<string, CheckpointTuple>();
  private readonly liveThreads: number;
  private readonly trim?: (values: Record<string, unknown>) => Record<string, unknown>;
  private statements:
    | {
        latestId: { get(thread: string, ns: string): string | undefined };
        save: { immediate(row: unknown[]): void };
      }
    | undefined;

  constructor(db: Db, o: ThreadCheckpointerOptions = {}) {
    super(db);
    this.liveThreads = o.liveThreads ?? 2000;
    this.trim = o.trim;
  }

  private sql() {
    if (this.statements) return this.statements;
    this.setup();
    const latestId = this.db.prepare<[string, string], string>("SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1").pluck();
    const insert = this.db.prepare(
      "INSERT OR REPLACE INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const pruneCheckpoints = this.db.prepare("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id <> ?");
    const pruneWrites = this.db.prepare("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id <> ?");
    // The new checkpoint and the removal of the thread's older ones commit together.
    const save = this.db.transaction((row: unknown[]) => {
      const [thread, ns, id] = row as [string, string, string];
      insert.run(...row);
      pruneCheckpoints.run(thread, ns, id);
      pruneWrites.run(thread, ns, id);
    });
    this.statements = { latestId: { get: (thread, ns) => latestId.get(thread, ns) }, save };
    return this.statements;
  }

  private remember(thread: string, tuple: CheckpointTuple): void {
    this.live.delete(thread);
    this.live.set(thread, tuple);
    if (this.live.size > this.liveThreads) this.live.delete(this.live.keys().next().value!);
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const thread = config.configurable?.thread_id as string | undefined;
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const wanted = config.configurable?.checkpoint_id as string | undefined;
    if (thread && ns === "") {
      const hit = this.live.get(thread);
      const hitId = hit?.config.configurable?.checkpoint_id as string | undefined;
      if (hit && (!wanted || wanted === hitId) && this.sql().latestId.get(thread, ns) === hitId) {
        this.remember(thread, hit);
        return hit;
      }
      this.live.delete(thread);
    }
    const tuple = await super.getTuple(config);
    if (tuple && thread && ns === "" && !wanted && !tuple.pendingWrites?.length) this.remember(thread, tuple);
    return tuple;
  }

  override async put(config: RunnableConfig, saved: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const checkpoint = this.trim ? { ...saved, channel_values: this.trim(saved.channel_values) } : saved;
    const thread = config.configurable?.thread_id as string | undefined;
    if (!thread) throw new Error('Missing "thread_id" field in passed "config.configurable".');
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const parent = config.configurable?.checkpoint_id as string | undefined;
    const [[type, serialized], [, serializedMetadata]] = await Promise.all([this.serde.dumpsTyped(checkpoint), this.serde.dumpsTyped(metadata)]);
    this.sql().save.immediate([thread, ns, checkpoint.id, parent, type, serialized, serializedMetadata]);
    const next = { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
    if (ns === "") {
      this.remember(thread, {
        config: next,
        checkpoint,
        metadata,
        parentConfig: parent ? { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: parent } } : undefined,
        pendingWrites: [],
      });
    }
    return next;
  }

  override async putWrites(config: RunnableConfig, writes: Parameters<SqliteSaver["putWrites"]>[1], taskId: string): Promise<void> {
    const thread = config.configurable?.thread_id as string | undefined;
    if (thread) this.live.delete(thread);
    return super.putWrites(config, writes, taskId);
  }

  override async deleteThread(threadId: string): Promise<void> {
    this.live.delete(threadId);
    return super.deleteThread(threadId);
  }
}
