// Bottleneck's in-process store yields to the event loop with `setTimeout(resolve, 0)` three times for every job it
// schedules (submit, register, free), and each request passes three to five limiters (the retry plugin's; the
// throttling plugin's retries, all requests, writes, writes that notify). Node holds each of those timers for at
// least 1 ms: 12 to 15 ms of an idle process per request, most of a run's time between its requests. A zero wait
// yields on `setImmediate` instead, the same turn of the event loop without the clamp. Waits Bottleneck is asked for
// (minTime, a rate limit's `retry-after`) still go through `setTimeout`. Bottleneck exports no hook for it, so the
// store's class is reached through a limiter's `_store`; imported for this effect by the Action's and the CLI's client.
import Bottleneck from "bottleneck/light.js";

interface LocalStore {
  yieldLoop(this: { Promise: PromiseConstructor }, wait?: number): Promise<void>;
}

const store = Object.getPrototypeOf((new Bottleneck() as unknown as { _store: object })._store) as LocalStore;
store.yieldLoop = function (wait = 0) {
  return new this.Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
};
