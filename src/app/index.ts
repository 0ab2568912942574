// The Probot app: wires webhook events to handlers, nothing else. Stateless between deliveries; the only
// state is caches that are safe to lose (the bot login, recent delivery ids, a per-process mutex).
import type { ApplicationFunction, Context, Probot } from "probot";
import { createBotLogin } from "../github/app-identity.js";
import { KeyedMutex, RecentDeliveries } from "./delivery-guard.js";
import type { AppDeps } from "./deps.js";
import { onComment } from "./on-comment.js";
import { onPush } from "./on-push.js";
import { guardRequests, type RequestGuardOptions } from "./request-guard.js";

export interface HandoffAppOptions extends RequestGuardOptions {
  /** The in-process caches, to share or to inspect (the load test checks they stay bounded); fresh by default. */
  caches?: { deliveries?: RecentDeliveries; mutex?: KeyedMutex };
}

/** The app with its request timeout and rate-limit waits; tests shrink both, production uses the defaults. */
export function createHandoffApp(options: HandoffAppOptions = {}): ApplicationFunction {
  return (app: Probot): void => {
    const deps: AppDeps = {
      // `GET /app` needs the App's JWT (`app.auth()` without an installation id), not an installation token.
      botLogin: createBotLogin(async () => {
        const octokit = guardRequests(await app.auth(), options);
        const { data } = await octokit.rest.apps.getAuthenticated();
        if (!data?.slug) throw new Error("GET /app returned no slug");
        return { slug: data.slug };
      }),
      deliveries: options.caches?.deliveries ?? new RecentDeliveries(),
      mutex: options.caches?.mutex ?? new KeyedMutex(),
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
