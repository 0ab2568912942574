// The App's per-attempt bound on requests: request-timeout.ts's (the same 30 s per attempt, headers and body alike,
// the same message), with timers that end with the request. `AbortSignal.timeout` cannot be cancelled: every
// request's timer fired 30 s later, long after its answer, building a TimeoutError (a stack trace) and dispatching
// `abort` each time. A CPU profile of the App (bench section 2) put that at about a tenth of a millisecond per
// delivery. Here each attempt gets a timer that aborts its fetch when it fires, and `end()` clears them all once the
// request is over: Octokit has read every attempt's body by then (nothing here asks for `parseSuccessResponseBody:
// false`, the one way to get an unread body back; the guard keeps request-timeout.ts's bound for that).
import { BOUNDED, describeRequest } from "./request-timeout.js";

type Fetch = typeof globalThis.fetch;

export interface ScopedFetch {
  fetch: Fetch;
  /** Clears every attempt's timer: call it when the request, every attempt and its body, is over. */
  end(): void;
}

const NOTHING_TO_END = (): void => undefined;

/** `inner` with each call aborted after `ms` unless `end()` came first; an already bounded `inner` is kept as it is. */
export function scopedFetchWithTimeout(ms: number, inner: Fetch): ScopedFetch {
  if ((inner as Fetch & { [BOUNDED]?: true })[BOUNDED]) return { fetch: inner, end: NOTHING_TO_END };
  const timers: NodeJS.Timeout[] = [];
  const fetch: Fetch = async (input, init) => {
    const controller = new AbortController();
    // The reason AbortSignal.timeout gives, built only when the timer fires.
    const timer = setTimeout(
      () => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
      ms,
    );
    // Like AbortSignal.timeout's timer, it does not keep the process alive.
    timer.unref();
    timers.push(timer);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return await inner(input, { ...init, signal });
    } catch (error) {
      // Only our own timer becomes a timeout message; a caller's abort stays what it was.
      if (controller.signal.aborted && !init?.signal?.aborted) {
        throw new Error(`GitHub did not answer ${describeRequest(input, init)} within ${ms / 1000} s`, {
          cause: error,
        });
      }
      throw error;
    }
  };
  return {
    fetch,
    end: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.length = 0;
    },
  };
}
