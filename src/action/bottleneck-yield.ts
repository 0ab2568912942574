// Bottleneck's in-process store yields to the event loop with `setTimeout(resolve, 0)` three times for every job it
// schedules (submit, register, free), and runs each job on one more `setTimeout(…, wait)`, wait 0 unless the limiter
// spaces or retries it. Each request passes three to five limiters (the retry plugin's; the throttling plugin's
// retries, all requests, writes, writes that notify), and Node holds every one of those timers for at least 1 ms:
// 15 to 20 ms of an idle process per request, most of a run's time between its requests. Zero waits yield on
// `setImmediate` instead, the same turn of the event loop without the clamp. Waits Bottleneck is asked for (minTime,
// a rate limit's `retry-after`, a job's expiration) still go through `setTimeout`. Bottleneck exports no hook for it:
// the store's class is reached through a limiter's `_store`, and a job's run is Bottleneck's own `_run` with its
// zero-delay timer made an immediate (one the Action never needs to cancel: it never stops a limiter). Imported for
// this effect by the Action's and the CLI's client. Should a Bottleneck release rename what is patched here, nothing
// is patched (only speed is lost, never a request): test/action-client-yields.test.ts counts the timers and fails.
import Bottleneck from "bottleneck/light.js";

interface LocalStore {
  yieldLoop(this: { Promise: PromiseConstructor }, wait?: number): Promise<void>;
}

interface Limiter {
  _run(index: unknown, job: unknown, wait: number): unknown;
}

const storeInstance = (new Bottleneck() as unknown as { _store?: object })._store;
const store = (storeInstance ? Object.getPrototypeOf(storeInstance) : {}) as Partial<LocalStore>;
if (typeof store.yieldLoop === "function") {
  store.yieldLoop = function (wait = 0) {
    return new this.Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  };
}

const limiter = Bottleneck.prototype as unknown as Partial<Limiter>;
const run = limiter._run;
if (run)
  limiter._run = function (index, job, wait) {
    if (wait > 0) return run.call(this, index, job, wait);
    const timer = globalThis.setTimeout;
    const immediateWhenZero = (callback: () => void, delay?: number) =>
      delay ? timer(callback, delay) : setImmediate(callback);
    globalThis.setTimeout = immediateWhenZero as unknown as typeof setTimeout;
    try {
      return run.call(this, index, job, wait);
    } finally {
      globalThis.setTimeout = timer;
    }
  };
