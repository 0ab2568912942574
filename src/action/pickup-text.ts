// What pickup hands the agent: the title, the document and its brief, sanitised and redacted, and the prompt.
// A module of its own because it holds the heavy text pipeline (markdown-it, parse5, secretlint), which pickup
// imports once its first request is in flight rather than before it (a chunk of its own in the bundle).
import { agentBrief, type Brief } from "../core/brief.js";
import { textForAgent, type AgentText, type OwnText } from "../core/agent-text.js";
import type { HandoffMarker } from "../core/marker.js";
import { redact, RedactionError } from "../core/redact/index.js";
import { sanitizeForAgent, sanitizeTitleForAgent } from "../core/sanitize.js";
import type { Log } from "../github/client.js";
import type { ActionContext } from "./context.js";
import type { ThreadComment } from "./thread.js";

export { renderPrompt, suggestBranch } from "./prompt.js";

/**
 * The document's boundaries and checklist for the prompt, with its pointers linked at the commit it was filed from
 * (a file's), else at the commit this run is at. Redaction failing here only loses the extras, never leaks text.
 */
export async function briefOf(
  body: string,
  marker: HandoffMarker,
  context: ActionContext,
  log: Log,
): Promise<Brief | undefined> {
  const ref = (marker.source.type === "file" ? marker.source.commit : undefined) ?? context.sha;
  try {
    return await agentBrief(body, { serverUrl: context.serverUrl, ...context.repo, ref });
  } catch (error) {
    if (!(error instanceof RedactionError)) throw error;
    log.info(`the document's boundaries and checklist were left out of the prompt: ${error.message}`);
    return undefined;
  }
}

/**
 * GitHub shows a title as plain text, so it is sanitised as text, not markdown. A secret split by markup in it
 * (`ghp_…<!-- -->…`) is still a secret: when the title read as markdown holds more of them, that reading is used.
 */
export async function titleForAgent(raw: string): Promise<string> {
  const plainText = sanitizeTitleForAgent(raw).text;
  const joinedText = sanitizeForAgent(raw).text.trim();
  const plain = await redact(plainText);
  // Most titles read the same both ways, and redaction is a function of its text (test/redact-properties.test.ts):
  // the second reading would give the same answer, so it is not redacted again.
  if (joinedText === plainText) return plain.text;
  const joined = await redact(joinedText);
  return joined.report.total > plain.report.total ? joined.text : plain.text;
}

/** The issue body, then each trusted comment under its own heading; sanitised, then redacted, for the agent. */
export async function composeDocument(
  body: string,
  comments: readonly ThreadComment[],
  name: string,
): Promise<AgentText> {
  const pieces: Array<string | OwnText> = [body];
  if (comments.length > 0) pieces.push({ ours: "\n\n---\n\n## Comments on the handoff issue\n" });
  for (const comment of comments)
    pieces.push({ ours: `\n### @${comment.author}, ${comment.createdAt}\n\n` }, comment.body);
  try {
    return await textForAgent(pieces);
  } catch (error) {
    if (!(error instanceof RedactionError)) throw error;
    throw new Error(`${name} could not be prepared for the agent: ${error.message}. Nothing was claimed or written.`);
  }
}
