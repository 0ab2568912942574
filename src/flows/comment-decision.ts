// Step 1 of issue_comment (on-comment.ts): what a comment asks for, from the payload alone (no request). In a module
// of its own so that the Action's mode file can decide before it loads the handlers and the text pipeline they carry.
import type { CommentEvent } from "./events.js";
import { writtenByUs, type Identity } from "./identity.js";
import { looksLikeReturnDocument, parseCommand, type HandoffCommand } from "./parse-command.js";

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
  const command = parseCommand(body);
  const isBot = user?.type === "Bot";
  let decision: CommentDecision;
  if (command?.kind === "return") decision = { type: "return", text: command.document };
  else if (!command && looksLikeReturnDocument(body)) decision = { type: "return", text: body };
  else if (isBot) return { type: "none", reason: "comments by bots are ignored" };
  else if (!command) return { type: "none", reason: "no /handoff command" };
  else decision = { type: "file", command };
  if (isBot && writtenByUs(body, user, await identity()))
    return { type: "none", reason: "the comment was written by handoff" };
  return decision;
}
