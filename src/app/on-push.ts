// push → `.handoffs/**/*.md` reconciled into issues. A push that cannot concern a handoff file is decided
// from the payload and costs zero requests; only then is the configuration read (its `directory` may differ
// from the default, so any Markdown path is enough to read it).
import type { Context } from "probot";
import type { FlowContext } from "../flows/context.js";
import { pushRelevance, type PushData } from "../flows/push-changes.js";
import { syncHandoffFiles } from "../flows/sync-files.js";
import { sameLogin } from "../github/app-identity.js";
import { readConfig } from "./config.js";
import type { AppDeps } from "./deps.js";

export function pushData(payload: Context<"push">["payload"]): PushData {
  const { repository } = payload;
  return {
    repo: { owner: repository.owner?.login ?? repository.owner?.name ?? "", repo: repository.name },
    htmlUrl: repository.html_url,
    ref: payload.ref,
    defaultBranch: repository.default_branch ?? repository.master_branch ?? "main",
    before: payload.before,
    after: payload.after,
    created: payload.created,
    deleted: payload.deleted,
    forced: payload.forced,
    commits: payload.commits.map((c) => ({ id: c.id, added: c.added ?? [], modified: c.modified ?? [], removed: c.removed ?? [] })),
  };
}

export function onPush(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const push = pushData(context.payload);
    const where = `push ${push.after.slice(0, 7)} to ${push.repo.owner}/${push.repo.repo}`;
    const relevance = pushRelevance(push);
    if (!relevance.relevant) {
      context.log.debug(`${where}: ${relevance.reason}`);
      return;
    }
    await deps.mutex.run(`${push.repo.owner}/${push.repo.repo}#push`, async () => {
      const loaded = await readConfig(context);
      if (!loaded.ok) {
        // A commit comment would need `contents: write`, and a push has no thread to reply in: the log is
        // where the App's operator sees it, and the next `/handoff` comment replies with the same message.
        context.log.error(`${where}: nothing synced. ${loaded.message}`);
        return;
      }
      const botLogin = await deps.botLogin();
      const ctx: FlowContext = {
        gh: context.octokit,
        config: loaded.config,
        log: context.log,
        botLogin,
        isOurs: (user) => sameLogin(user?.login, botLogin),
      };
      await syncHandoffFiles(ctx, push);
    });
  };
}
