// What the handlers share inside one process: caches that are safe to lose.

/** Runs tasks with the same key one at a time: in this process (KeyedMutex) or across the fleet (Redis). */
export interface SourceLock {
  /** True when every replica and worker shares the lock, so a holder is never alive elsewhere. */
  readonly fleetWide: boolean;
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export interface AppDeps {
  /** `<slug>[bot]`, from `GET /app` once per process. */
  botLogin: () => Promise<string>;
  mutex: SourceLock;
  /** Clock for the reaction lock's lease; tests pin it. */
  now?: () => number;
}
