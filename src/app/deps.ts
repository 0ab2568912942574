// What the handlers share inside one process: caches that are safe to lose.
import type { KeyedMutex, RecentDeliveries } from "./delivery-guard.js";

export interface AppDeps {
  /** `<slug>[bot]`, from `GET /app` once per process. */
  botLogin: () => Promise<string>;
  deliveries: RecentDeliveries;
  mutex: KeyedMutex;
  /** Clock for the reaction lock's lease; tests pin it. */
  now?: () => number;
}
