// Delivery dedupe, in one place: the webhook server asks the ledger before any handler runs. A delivery is
// claimed ("running"), then marked "done", or released when it failed so that a person's redelivery (same
// X-GitHub-Delivery) runs again. In one process a bounded map is enough; several replicas share the Redis
// ledger (src/redis/delivery-ledger.ts). Neither is the guarantee against duplicate issues: the handlers find
// their earlier issue or comment by marker before writing. The ledger saves the requests that would cost.

export type DeliveryState = "running" | "done";

export interface DeliveryLedger {
  /** Claims the delivery: null when this call claimed it, else the state another copy has reached. */
  claim(id: string): Promise<DeliveryState | null>;
  done(id: string): Promise<void>;
  /** Forgets a failed delivery, so that its redelivery runs. */
  release(id: string): Promise<void>;
}

/** The last `capacity` deliveries of this process, oldest evicted first (Map keeps insertion order). */
export class MemoryLedger implements DeliveryLedger {
  private readonly states = new Map<string, DeliveryState>();
  constructor(private readonly capacity = 10_000) {}

  get size(): number {
    return this.states.size;
  }

  claim(id: string): Promise<DeliveryState | null> {
    const seen = this.states.get(id);
    if (seen) return Promise.resolve(seen);
    this.set(id, "running");
    return Promise.resolve(null);
  }

  done(id: string): Promise<void> {
    this.set(id, "done");
    return Promise.resolve();
  }

  release(id: string): Promise<void> {
    this.states.delete(id);
    return Promise.resolve();
  }

  private set(id: string, state: DeliveryState): void {
    this.states.delete(id);
    this.states.set(id, state);
    while (this.states.size > this.capacity) {
      const oldest = this.states.keys().next();
      if (oldest.done) break;
      this.states.delete(oldest.value);
    }
  }
}
