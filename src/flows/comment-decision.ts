// Step 1 of issue_comment (on-comment.ts): what a comment asks for, from the payload alone (no request). In a module
// of its own so that the Action's mode file can decide before it loads the handlers and the text pipeline they carry.
// The markdown and YAML readers (parse-command.ts: markdown-it, yaml) are imported only for a comment whose answer
// needs them: a `/handoff` line below the first line, or a comment opening with a frontmatter fence. The usual ones
// (no command; the command on the first line) are decided by command-scan.ts alone, with the very same answer.
import { opensWithFrontmatter, scanCommand, type HandoffCommand } from "./command-scan.js";
import type { CommentEvent } from "./events.js";
import { writtenByUs, type Identity } from "./identity.js";

export type CommentDecision =
  { type: "none"; reason: string } | { type: "file"; command: HandoffCommand } | { type: "return"; text: string };

/** Where a comment is, for log lines. */
export function commentName(event: CommentEvent): string {
  return `comment ${event.comment.id} on ${event.repo.owner}/${event.repo.repo}#${event.issue.number}`;
}

/**
 * What the comment asks for, from its text and author alone. Bots may only return (a trusted agent's identity),
 * never file. Our own comments (replies, relays, posted returns) are never acted on; only a bot's comment can be
 * ours, so `identity` is asked for (the App's costs `GET /app` once per process) only then.
 */
export async function decideComment(event: CommentEvent, identity: () => Promise<Identity>): Promise<CommentDecision> {
  if (event.action === "deleted")
    return { type: "none", reason: "it was deleted; an issue filed from it stays as it is" };
  const { body, user } = event.comment;
  const scan = scanCommand(body);
  const command =
    scan.found === "none"
      ? null
      : scan.found === "command"
        ? scan.command
        : (await import("./parse-command.js")).parseCommand(body);
  const isBot = user?.type === "Bot";
  let decision: CommentDecision;
  if (command?.kind === "return") decision = { type: "return", text: command.document };
  else if (!command && (await isReturnDocument(body))) decision = { type: "return", text: body };
  else if (isBot) return { type: "none", reason: "comments by bots are ignored" };
  else if (!command) return { type: "none", reason: "no /handoff command" };
  else decision = { type: "file", command };
  if (isBot && writtenByUs(body, user, await identity()))
    return { type: "none", reason: "the comment was written by handoff" };
  return decision;
}

/** parse-command.ts's `looksLikeReturnDocument`, with yaml loaded only for a comment that opens with a fence. */
async function isReturnDocument(body: string): Promise<boolean> {
  if (!opensWithFrontmatter(body)) return false;
  return (await import("./parse-command.js")).looksLikeReturnDocument(body);
}
