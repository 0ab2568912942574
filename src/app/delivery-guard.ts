// Caches that are safe to lose (the App is stateless between deliveries; several replicas may run):
// - RecentDeliveries: a redelivered `X-GitHub-Delivery` id that this process already handled is skipped.
// - KeyedMutex: deliveries about the same comment or push inside one process run one after another.
// Neither is the guarantee against duplicates across replicas; the marker lookup and the 👀 lock are.

/** The last `capacity` delivery ids that completed here, oldest evicted first. */
export class RecentDeliveries {
  private readonly ids = new Map<string, true>();

  constructor(private readonly capacity = 1000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** How many ids are remembered; never more than the capacity (the load test checks it stays bounded). */
  get size(): number {
    return this.ids.size;
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.set(id, true);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.keys().next().value!);
  }
}

/** Runs tasks with the same key one at a time, in arrival order; different keys run freely. */
export class KeyedMutex {
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
