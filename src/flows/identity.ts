// Who we are on GitHub, and whose markers we believe: one answer for the App and every Action mode.
//
// A marker proves nothing by itself (anyone can paste one), so it counts only in text written by us: the login our
// writes appear under (`<slug>[bot]` for the App or an App token, `github-actions[bot]` for a workflow's
// GITHUB_TOKEN), and the bots a workflow says file for it (`trusted-bots`, e.g. the App next to the Action).
import { findMarker } from "../core/marker.js";
import { sameLogin } from "../github/app-identity.js";
import type { CommentAuthor, IsOurs } from "../github/comments.js";

/** The identity of a workflow's `GITHUB_TOKEN`: the Action's returns and replies carry our marker too. */
export const ACTIONS_BOT = "github-actions[bot]";

export interface Identity {
  /** The login our writes appear under; our issues are listed by this creator, our comments updated by it. */
  botLogin: string;
  /** Whether an author is us: only our own comments are updated in place. */
  isOurs: IsOurs;
  /** Whether an author's markers are believed: us, a workflow's token, or a bot the workflow lists. */
  isTrustedWriter: IsOurs;
}

/** `my-agent` or `My-Agent[bot]` → `my-agent[bot]`: lists of trusted bots name bots, never people. */
export function asBot(login: string): string {
  const lower = login.trim().toLowerCase();
  return lower.endsWith("[bot]") ? lower : `${lower}[bot]`;
}

export function isBot(author: CommentAuthor): boolean {
  return author.type === "Bot" || author.login.toLowerCase().endsWith("[bot]");
}

/** Our identity when we write as `botLogin`, believing also the markers of `trustedBots`. */
export function identityOf(botLogin: string, trustedBots: readonly string[] = []): Identity {
  const writers = new Set([botLogin, ACTIONS_BOT, ...trustedBots].map(asBot));
  return {
    botLogin,
    isOurs: (author) => sameLogin(author?.login, botLogin),
    isTrustedWriter: (author) => !!author?.login && isBot(author) && writers.has(author.login.toLowerCase()),
  };
}

/** The Action's identity: the App token's bot when `app-slug` is given, else the workflow token's. */
export function actionIdentity(inputs: {
  "trusted-bots": readonly string[];
  "app-slug"?: string | undefined;
}): Identity {
  return identityOf(inputs["app-slug"] ? `${inputs["app-slug"]}[bot]` : ACTIONS_BOT, inputs["trusted-bots"]);
}

/**
 * Whether we wrote the comment: a bot we believe whose comment carries our marker. Our replies, relays and the
 * Action's posted returns are never acted on (no loops). Only bots count: a person's comment that quotes a marker
 * is theirs, and the marker in it is just text.
 */
export function writtenByUs(body: string, author: CommentAuthor | null | undefined, identity: Identity): boolean {
  return author?.type === "Bot" && identity.isTrustedWriter(author) && findMarker(body) !== null;
}
