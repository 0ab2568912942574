// What every flow needs, from either shell: the App (Probot's installation client) or the Action (@octokit/rest).
import type { HandoffConfig } from "../config/schema.js";
import type { GitHub, Log } from "../github/client.js";
import type { IsOurs } from "../github/comments.js";

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
}
