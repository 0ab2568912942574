// A bound on every request to GitHub. Neither Octokit nor Node's fetch has a timeout of its own: a request
// GitHub never answers (a half-open connection, a stuck proxy) would hang the webhook handler or the agent's
// job forever, holding its lock and its claim. GitHub itself gives up on a request after 10 s (504), so 30 s
// only cuts off answers that are never coming. The bound is per attempt: the fetch is wrapped, so the retry
// plugin's next attempt gets a fresh 30 s, and a timeout surfaces as an ordinary request error (status 500)
// that the retry plugin retries and that finally fails the delivery or the step with a message naming the request.

export const REQUEST_TIMEOUT_MS = 30_000;

export const BOUNDED = Symbol.for("handoff.request-timeout");

type Fetch = typeof globalThis.fetch;

export function describeRequest(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = init?.method ?? (typeof input === "object" && "method" in input ? input.method : "GET");
  return `${method.toUpperCase()} ${url.replace(/\?.*$/, "")}`;
}

/** `inner` with every call aborted after `ms`; wrapping an already bounded fetch returns it unchanged. */
export function fetchWithTimeout(ms: number = REQUEST_TIMEOUT_MS, inner: Fetch = globalThis.fetch): Fetch {
  if ((inner as Fetch & { [BOUNDED]?: true })[BOUNDED]) return inner;
  const bounded = (async (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await inner(input, { ...init, signal });
    } catch (error) {
      // Only our own timer becomes a timeout message; a caller's abort stays what it was.
      if (timeout.aborted && !init?.signal?.aborted) {
        throw new Error(`GitHub did not answer ${describeRequest(input, init)} within ${ms / 1000} s`, {
          cause: error,
        });
      }
      throw error;
    }
  }) as Fetch & { [BOUNDED]?: true };
  bounded[BOUNDED] = true;
  return bounded;
}
