// issue_comment.created / edited / deleted → the shared comment flow (src/flows/on-comment.ts). This adapter only
// parses the payload, skips on the payload alone (a comment without the command, a deleted comment and a bot's
// comment that is not a return cost zero requests), serialises deliveries about one comment, and logs the outcome.
import type { Context } from "probot";
import { parseCommentEvent } from "../flows/events.js";
import { identityOf } from "../flows/identity.js";
import { commentName, decideComment, handleComment } from "../flows/on-comment.js";
import { readConfig } from "./config.js";
import type { AppDeps } from "./deps.js";
import { stepsAtDebug } from "./log.js";

type CommentContext = Context<"issue_comment.created" | "issue_comment.edited" | "issue_comment.deleted">;

export function onComment(deps: AppDeps) {
  return async (context: CommentContext): Promise<void> => {
    const event = parseCommentEvent(context.payload);
    const identity = async () => identityOf(await deps.botLogin());
    const decision = await decideComment(event, identity);
    if (decision.type === "none") {
      context.log.debug(`${commentName(event)}: ${decision.reason}`);
      return;
    }
    // A repeated X-GitHub-Delivery is the webhook server's to skip (src/server/deliveries.ts); the lock makes a
    // second delivery about the same comment (an edit, another hook) wait, then find the first one's issue.
    await deps.mutex.run(`${event.repo.owner}/${event.repo.repo}#comment:${event.comment.id}`, async () => {
      const ctx = {
        gh: context.octokit,
        identity: await identity(),
        loadConfig: () => readConfig(context),
        log: stepsAtDebug(context.log),
        ...(deps.now ? { now: deps.now } : {}),
      };
      const result = await handleComment(ctx, event, decision);
      context.log.info(result.summary);
      // The return is settled and the thread has a reply; failing the delivery marks it for redelivery, which
      // relays again (the Action reports the same as a warning annotation instead).
      if (result.warning) throw new Error(result.summary);
    });
  };
}
