// What every flow needs, from either shell: the App (Probot's installation client) or the Action (@octokit/rest).
import type { ConfigResult } from "../config/load.js";
import type { HandoffConfig } from "../config/schema.js";
import type { GitHub, Log } from "../github/client.js";
import type { IsOurs } from "../github/comments.js";
import type { Identity } from "./identity.js";

/** The capabilities an event handler is given: nothing in it knows which shell it runs in. */
export interface EventContext {
  gh: GitHub;
  identity: Identity;
  /** Reads and validates `.github/handoff.yml`; called only once an event is worth it. */
  loadConfig: () => Promise<ConfigResult>;
  log: Log;
  /** Clock for the reaction lock's lease; tests pin it. */
  now?: () => number;
  /** Bots the workflow trusts besides the configuration's `trusted` (the Action's `trusted-bots`). */
  trustedBots?: readonly string[];
  /** Forces a dry run whatever the configuration says (the Action's `dry-run` input). */
  dryRun?: boolean;
}

/** What a comment's outcome was, for the shell to log or report. */
export interface CommentResult {
  summary: string;
  /** Something the person who can fix it must see (the Action: a warning annotation and the summary). */
  warning?: string;
  /** What made the event fail (the Action fails its step with it). */
  failure?: string;
}

/** An event's context once the configuration is read. */
export interface FlowContext {
  gh: GitHub;
  config: HandoffConfig;
  log: Log;
  /** `<slug>[bot]` for the App, the token's identity for the Action: our issues are listed by this creator. */
  botLogin: string;
  /** Whether a comment's author is us; markers only count in our own comments. */
  isOurs: IsOurs;
  /** Clock for the reaction lock's lease; tests pin it. */
  now?: () => number;
  /** Bots the workflow trusts besides the configuration's `trusted`. */
  trustedBots?: readonly string[];
}

/** The flow context for a configuration that loaded. */
export function flowContext(ctx: EventContext, config: HandoffConfig): FlowContext {
  return {
    gh: ctx.gh,
    config: ctx.dryRun ? { ...config, dry_run: true } : config,
    log: ctx.log,
    botLogin: ctx.identity.botLogin,
    isOurs: ctx.identity.isOurs,
    ...(ctx.now ? { now: ctx.now } : {}),
    ...(ctx.trustedBots ? { trustedBots: ctx.trustedBots } : {}),
  };
}
