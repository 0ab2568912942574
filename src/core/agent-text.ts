// What an agent may read of text that others wrote: every hidden piece removed (sanitizeForAgent), then redacted
// once more, because sanitising can join what redaction saw apart (`AKIA…<!-- -->…`). One function, so the
// Action's pickup and the CLI's `handoff wait` hand an agent exactly the same kind of text.
import { redact } from "./redact/index.js";
import { sanitizeForAgent } from "./sanitize.js";

export interface AgentText {
  text: string;
  /** Hidden or invisible pieces removed. */
  removed: number;
  /** Secrets and personal data replaced. */
  redacted: number;
}

/** A piece we wrote ourselves (a heading with a login and a date): joined as it is, not sanitised. */
export interface OwnText {
  ours: string;
}

/**
 * Sanitises each piece written by others, joins them with ours, trims, and redacts the whole. Rejects with
 * RedactionError (fail closed) when redaction cannot be completed.
 */
export async function textForAgent(pieces: ReadonlyArray<string | OwnText>): Promise<AgentText> {
  let removed = 0;
  const parts = pieces.map((piece) => {
    if (typeof piece !== "string") return piece.ours;
    const sanitized = sanitizeForAgent(piece);
    removed += Object.values(sanitized.removed).reduce((sum, count) => sum + count, 0);
    return sanitized.text;
  });
  const { text, report } = await redact(`${parts.join("").trim()}\n`);
  return { text, removed, redacted: report.total };
}
