// Which comments on a handoff issue are returns that `handoff wait` may hand to an agent. Pure.
//
// A return counts when it is written by:
//   1. the App's bot (the author, when that is a bot: the App filed it), carrying our return marker;
//   2. github-actions[bot] (the Action's `mode: return` with a workflow token), carrying our return marker;
//   3. an identity the user trusts: `--trusted` logins as written, `.github/handoff.yml`'s `trusted` read as the
//      App reads it (bots: `claude` means `claude[bot]`). Their comment is a return document: `/handoff return`
//      followed by it, or one whose frontmatter says `kind: return`; a trusted bot's marked return counts too.
// Markers count only in bots' comments: anyone can paste a copy of a marker into their own.
// Anything else that looks like a return is ignored, and the caller says so on stderr.
import { findMarker, type HandoffMarker } from "../core/marker.js";
import { parseHandoff } from "../core/parse.js";
import { joinRenderedBodies } from "../core/render.js";
import { looksLikeReturnDocument, parseCommand } from "../flows/parse-command.js";
import { sameLogin } from "../github/app-identity.js";
import type { PolledComment } from "./comment-poller.js";

/** The Action's identity with a workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = "github-actions[bot]";

export interface ReturnPolicy {
  /** The App's bot login, when the App filed the issue. */
  appBot: string | null;
  /** Logins trusted exactly as written (`--trusted`). */
  trusted: readonly string[];
  /** `.github/handoff.yml` `trusted`: bot names, `x` read as `x[bot]`. */
  trustedBots: readonly string[];
}

export type ReturnVerdict =
  | { kind: "return"; status: string; text: string; comment: PolledComment; author: string }
  | { kind: "ignored"; comment: PolledComment; author: string }
  | { kind: "other" };

const asBot = (login: string): string => (login.toLowerCase().endsWith("[bot]") ? login : `${login}[bot]`);

function isBot(user: PolledComment["user"]): boolean {
  return user?.type === "Bot" || (user?.login.endsWith("[bot]") ?? false);
}

export function isTrusted(login: string, policy: ReturnPolicy): boolean {
  return (
    sameLogin(login, policy.appBot) ||
    sameLogin(login, ACTIONS_BOT) ||
    policy.trusted.some((t) => sameLogin(t, login)) ||
    policy.trustedBots.some((t) => sameLogin(asBot(t), login))
  );
}

function statusOf(text: string): string {
  const document = parseHandoff(text);
  return (document.status ?? document.metadata["status"] ?? "").trim().toLowerCase();
}

/** The return a bot marked: its document read back from the rendered regions (with its overflow parts). */
function markedReturn(
  comment: PolledComment,
  marker: HandoffMarker,
  all: readonly PolledComment[],
): { status: string; text: string } {
  if (marker.role === "failure") return { status: "failed", text: comment.body };
  const parts = all.filter((c) => {
    if (c.id === comment.id || !sameLogin(c.user?.login, comment.user?.login)) return false;
    const m = findMarker(c.body);
    return m?.kind === "return" && m.role === "overflow" && m.returnKey === marker.returnKey;
  });
  const text = joinRenderedBodies([comment.body, ...parts.map((p) => p.body)]) ?? comment.body;
  return { status: statusOf(text), text };
}

/** Decides one comment; `all` is every comment seen so far (for a marked return's overflow parts). */
export function classifyComment(
  comment: PolledComment,
  policy: ReturnPolicy,
  all: readonly PolledComment[],
): ReturnVerdict {
  const author = comment.user?.login ?? "(a deleted account)";
  const marker = isBot(comment.user) ? findMarker(comment.body) : null;
  const marked = marker?.kind === "return" && (marker.role === "return" || marker.role === "failure");
  const command = marked ? null : parseCommand(comment.body);
  const document =
    command?.kind === "return"
      ? command.document
      : !marked && looksLikeReturnDocument(comment.body)
        ? comment.body
        : null;
  if (!marked && document === null) return { kind: "other" };
  if (!comment.user || !isTrusted(comment.user.login, policy)) return { kind: "ignored", comment, author };
  if (marked) return { kind: "return", comment, author, ...markedReturn(comment, marker, all) };
  return { kind: "return", comment, author, status: statusOf(document!), text: document! };
}

/** 0 when the return says done; 3 for anything else (partial, blocked, failed, or no status). */
export function exitCodeFor(status: string): 0 | 3 {
  return status === "done" ? 0 : 3;
}
