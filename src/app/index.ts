// The Probot app: wires webhook events to handlers, nothing else. Stateless between deliveries; the only
// state is caches that are safe to lose (the bot login, a per-process source lock unless the fleet shares one).
import type { ApplicationFunction, Context, Probot } from "probot";
import { createBotLogin } from "../github/app-identity.js";
import { LOCK_LEASE_MS } from "../github/reaction-lock.js";
import { KeyedMutex } from "./delivery-guard.js";
import type { AppDeps, SourceLock } from "./deps.js";
import { onComment } from "./on-comment.js";
import { onPush } from "./on-push.js";
import { guardRequests, type RequestGuardOptions } from "./request-guard.js";

export interface HandoffAppOptions extends RequestGuardOptions {
  /** Deliveries about one source run one at a time: in this process by default, or across the fleet (Redis). */
  lock?: SourceLock;
}

/** The app with its request timeout and rate-limit waits; tests shrink both, production uses the defaults. */
export function createHandoffApp(options: HandoffAppOptions = {}): ApplicationFunction {
  return (app: Probot): void => {
    const lock = options.lock ?? new KeyedMutex();
    const deps: AppDeps = {
      // `GET /app` needs the App's JWT (`app.auth()` without an installation id), not an installation token.
      botLogin: createBotLogin(async () => {
        const octokit = guardRequests(await app.auth(), options);
        const { data } = await octokit.request("GET /app");
        if (!data?.slug) throw new Error("GET /app returned no slug");
        return { slug: data.slug };
      }),
      mutex: lock,
      // Under a fleet-wide lock nobody else is working on this source, so a 👀 found on it was left by a
      // delivery that died (a killed worker): take over at once instead of waiting out the 👀's lease.
      ...(lock.fleetWide ? { now: () => Date.now() + LOCK_LEASE_MS } : {}),
    };
    // Probot builds a fresh client per delivery: guarding it here covers `probot run` and src/server alike.
    const guarded =
      <C extends Pick<Context, "octokit">>(handler: (context: C) => Promise<void>) =>
      (context: C): Promise<void> => {
        guardRequests(context.octokit, options);
        return handler(context);
      };
    app.on(["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"], guarded(onComment(deps)));
    app.on("push", guarded(onPush(deps)));
  };
}

const handoffApp: ApplicationFunction = createHandoffApp();
export default handoffApp;
