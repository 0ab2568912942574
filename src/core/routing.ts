// Routing across agents: a handoff is plain markdown, so any agent can take it; the document says which one with
// `agent:` (frontmatter or a metadata line), and filing turns that into the label `agent:<name>`, which the example
// workflows filter on. `.github/handoff.yml`'s `agents` maps the names people write to the label's name.
import { LABELS } from "./labels.js";
import { trimChar } from "./trim-char.js";
import { cutCodePoints } from "./truncate.js";
import type { HandoffDocument } from "./types.js";

export const AGENT_LABEL_PREFIX = "agent:";
/** GitHub's limit on a label's name. */
const MAX_LABEL_CHARS = 50;
const MAX_NAME_SCAN = 200;

/** Exported so test/patterns-render.test.ts proves them linear. */
export const ROUTING_PATTERNS = { separators: /[\s_-]+/g, notNameChar: /[^a-z0-9.-]/g } as const;

/** `Claude Code`, `claude_code` and `claude-code` are one agent: lower case, separators as one hyphen. */
export function agentKey(name: string): string {
  const folded = cutCodePoints(name, MAX_NAME_SCAN)
    .normalize("NFKD")
    .toLowerCase()
    .replace(ROUTING_PATTERNS.separators, "-");
  return trimChar(folded.replace(ROUTING_PATTERNS.notNameChar, ""), "-");
}

/** The label for the agent a document names, through the configured mapping; null when it names none. */
export function agentLabel(agent: string | undefined, agents: Readonly<Record<string, string>>): string | null {
  if (agent === undefined) return null;
  const key = agentKey(agent);
  if (key === "") return null;
  const mapped = Object.entries(agents).find(([from]) => agentKey(from) === key)?.[1];
  const name = mapped === undefined ? key : agentKey(mapped);
  if (name === "") return null;
  return `${AGENT_LABEL_PREFIX}${trimChar(name.slice(0, MAX_LABEL_CHARS - AGENT_LABEL_PREFIX.length), "-")}`;
}

export interface RoutingPolicy {
  agents: Readonly<Record<string, string>>;
  ready_on_file: boolean;
}

/** Labels a new issue gets from routing: the agent's, and the ready label when the configuration asks for it. */
export function filingLabels(doc: Pick<HandoffDocument, "agent">, policy: RoutingPolicy): string[] {
  const agent = agentLabel(doc.agent, policy.agents);
  return [...(agent ? [agent] : []), ...(policy.ready_on_file ? [LABELS.ready] : [])];
}
