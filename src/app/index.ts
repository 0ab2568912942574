// The Probot app: wires webhook events to handlers, nothing else. Stateless between deliveries; the only
// state is caches that are safe to lose (the bot login, recent delivery ids, a per-process mutex).
import type { Probot } from "probot";
import { createBotLogin } from "../github/app-identity.js";
import { KeyedMutex, RecentDeliveries } from "./delivery-guard.js";
import type { AppDeps } from "./deps.js";
import { onComment } from "./on-comment.js";
import { onPush } from "./on-push.js";

export default function handoffApp(app: Probot): void {
  const deps: AppDeps = {
    // `GET /app` needs the App's JWT (`app.auth()` without an installation id), not an installation token.
    botLogin: createBotLogin(async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data?.slug) throw new Error("GET /app returned no slug");
      return { slug: data.slug };
    }),
    deliveries: new RecentDeliveries(),
    mutex: new KeyedMutex(),
  };
  app.on(["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"], onComment(deps));
  app.on("push", onPush(deps));
}
