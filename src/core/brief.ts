// What the pickup prompt states as boundaries and checklist: the document's scope, what it puts out of scope, its
// acceptance criteria, the skills it names and the files it points to (as permalinks at one commit). Each is the
// document's words, read from the sanitised and redacted text, one line per item, and numbered (S1, O1, A1, K1, P1)
// so the prompt and the return can name an item without repeating its text outside the data fence.
import { oneLine } from "./card.js";
import { sectionItems } from "./items.js";
import { parseHandoff } from "./parse.js";
import { permalink } from "./pointers.js";
import { parseRenderedBody } from "./read-rendered.js";
import { redact } from "./redact/index.js";
import { sanitizeForAgent } from "./sanitize.js";
import { sectionText } from "./sections.js";
import { plainText } from "./title.js";
import type { HandoffDocument } from "./types.js";

export interface Brief {
  scope: string[];
  outOfScope: string[];
  acceptance: string[];
  skills: string[];
  /** The document's file pointers as permalinks at `commit`. */
  files: { pointer: string; url: string }[];
  commit?: string;
}

export interface PermalinkBase {
  serverUrl?: string;
  owner: string;
  repo: string;
  /** A commit SHA, so every link shows the file as it was when the work was handed over. */
  ref: string;
}

/** A prompt is read by a model with a context budget: these bound what the document can add to it. */
export const BRIEF_LIMITS = { items: 20, itemChars: 300, skills: 20, skillChars: 100, files: 30 } as const;

function lines(doc: HandoffDocument, name: Parameters<typeof sectionText>[1]): string[] {
  return sectionItems(sectionText(doc, name))
    .slice(0, BRIEF_LIMITS.items)
    .map((item) => oneLine(item.text, BRIEF_LIMITS.itemChars));
}

/** `skills:` in the frontmatter, then the items of a skills section; de-duplicated ignoring case. */
function skillsOf(doc: HandoffDocument): string[] {
  const named = [...doc.skills, ...sectionItems(sectionText(doc, "skills")).map((item) => plainText(item.text))];
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const raw of named) {
    const skill = oneLine(raw, BRIEF_LIMITS.skillChars);
    const key = skill.toLowerCase();
    if (skill === "" || seen.has(key)) continue;
    seen.add(key);
    skills.push(skill);
  }
  return skills.slice(0, BRIEF_LIMITS.skills);
}

/** The brief of a parsed document. Pure; never throws. */
export function readBrief(doc: HandoffDocument, at?: PermalinkBase): Brief {
  const files = at ? doc.pointers.slice(0, BRIEF_LIMITS.files).map((p) => ({ pointer: oneLine(p.raw, 300), url: permalink(p, at) })) : [];
  return {
    scope: lines(doc, "scope"),
    outOfScope: lines(doc, "out-of-scope"),
    acceptance: lines(doc, "acceptance"),
    skills: skillsOf(doc),
    files,
    ...(at && files.length > 0 ? { commit: at.ref } : {}),
  };
}

/**
 * The brief of a handoff issue's body, as an agent may read it: the document is taken from our regions (not the
 * header or card around it), sanitised and redacted like everything else the agent sees, and then parsed.
 * Rejects with RedactionError when the text cannot be redacted, like the document itself.
 */
export async function agentBrief(issueBody: string, at?: PermalinkBase): Promise<Brief> {
  const document = parseRenderedBody(issueBody)?.document ?? issueBody;
  const { text } = await redact(sanitizeForAgent(document).text);
  return readBrief(parseHandoff(text), at);
}

/** Whether a brief has anything to state. */
export function isEmptyBrief(brief: Brief): boolean {
  return brief.scope.length + brief.outOfScope.length + brief.acceptance.length + brief.skills.length + brief.files.length === 0;
}
