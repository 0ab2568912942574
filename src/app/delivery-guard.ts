// The source lock of one process: deliveries about the same comment or push run one after another. Several
// replicas share src/redis/source-lock.ts instead. Neither is the guarantee against duplicates; the marker
// lookup and the 👀 lock are. (Repeated delivery ids are skipped by the webhook server: src/server/deliveries.ts.)
import type { SourceLock } from "./deps.js";

/** Runs tasks with the same key one at a time, in arrival order; different keys run freely. */
export class KeyedMutex implements SourceLock {
  readonly fleetWide = false;
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Keys with a task running or waiting; zero when idle, or the map would grow with every comment ever seen. */
  get size(): number {
    return this.tails.size;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.tails.set(key, current);
    try {
      return await current;
    } finally {
      // Only the last task in the chain may clear it, or a waiting task would lose its place.
      if (this.tails.get(key) === current) this.tails.delete(key);
    }
  }
}
