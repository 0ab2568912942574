// push → the shared push flow (src/flows/on-push.ts). A push that cannot concern a handoff file is decided from
// the payload and costs zero requests; only then is the configuration read.
import type { Context } from "probot";
import { parsePushEvent } from "../flows/events.js";
import { identityOf } from "../flows/identity.js";
import { handlePush } from "../flows/on-push.js";
import { pushRelevance } from "../flows/push-changes.js";
import { readConfig } from "./config.js";
import type { AppDeps } from "./deps.js";
import { stepsAtDebug } from "./log.js";

export function onPush(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const push = parsePushEvent(context.payload);
    const relevance = pushRelevance(push);
    if (!relevance.relevant) {
      context.log.debug(`push ${push.after.slice(0, 7)} to ${push.repo.owner}/${push.repo.repo}: ${relevance.reason}`);
      return;
    }
    await deps.mutex.run(`${push.repo.owner}/${push.repo.repo}#push`, async () => {
      const ctx = {
        gh: context.octokit,
        identity: identityOf(await deps.botLogin()),
        loadConfig: () => readConfig(context),
        log: stepsAtDebug(context.log),
      };
      const result = await handlePush(ctx, push);
      if (result.failure) context.log.error(result.summary);
      else context.log.info(result.summary);
    });
  };
}
