import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { Db } from "./database";

/** What of a checkpoint's channel values is kept when it is saved (e.g. only recent messages). */
export type CheckpointTrim = (values: Record<string, unknown>) => Record<string, unknown>;

/**
 * The agent's thread store. Each conversation keeps only its latest checkpoint (the agent never
 * travels back in time, so older ones would only grow the file): saving a checkpoint and removing
 * the thread's older checkpoints and writes commit together.
 */
export class ThreadCheckpointer extends SqliteSaver {
  private save: ((row: unknown[]) => void) | undefined;

  constructor(
    db: Db,
    private readonly trim?: CheckpointTrim,
  ) {
    super(db);
  }

  private saveStatement(): (row: unknown[]) => void {
    if (this.save) return this.save;
    this.setup();
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const pruneCheckpoints = this.db.prepare("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id <> ?");
    const pruneWrites = this.db.prepare("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id <> ?");
    const tx = this.db.transaction((row: unknown[]) => {
      const [thread, ns, id] = row as [string, string, string];
      insert.run(...row);
      pruneCheckpoints.run(thread, ns, id);
      pruneWrites.run(thread, ns, id);
    });
    this.save = (row) => tx.immediate(row);
    return this.save;
  }

  override async put(config: RunnableConfig, saved: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const checkpoint = this.trim ? { ...saved, channel_values: this.trim(saved.channel_values) } : saved;
    const thread = config.configurable?.thread_id as string | undefined;
    if (!thread) throw new Error('Missing "thread_id" field in passed "config.configurable".');
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const parent = config.configurable?.checkpoint_id as string | undefined;
    const [[type, serialized], [, serializedMetadata]] = await Promise.all([this.serde.dumpsTyped(checkpoint), this.serde.dumpsTyped(metadata)]);
    this.saveStatement()([thread, ns, checkpoint.id, parent, type, serialized, serializedMetadata]);
    return { configurable: { thread_id: thread, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }
}
