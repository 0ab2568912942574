// What the pickup prompt states as boundaries and checklist: the document's scope, what it puts out of scope, its
// acceptance criteria, the skills it names and the files it points to (as permalinks at one commit). Each is the
// document's words, read from the sanitised and redacted text, one line per item, and numbered (S1, O1, A1, K1, P1)
// so the prompt and the return can name an item without repeating its text outside the data fence.
import { oneLine } from "./card.js";
import { sectionItems } from "./items.js";
import { parseHandoff } from "./parse.js";
import { permalink } from "./pointers.js";
import { parseRenderedBody } from "./read-rendered.js";
import { redact, RedactionError } from "./redact/index.js";
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
  const files = at
    ? doc.pointers.slice(0, BRIEF_LIMITS.files).map((p) => ({ pointer: oneLine(p.raw, 300), url: permalink(p, at) }))
    : [];
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
 * The brief of a handoff issue's body, as an agent may read it. The document is taken from our regions (not the
 * header or card around it), redacted and parsed whole, so its frontmatter (`skills:`) still reads as frontmatter;
 * then every item is sanitised like everything else the agent sees, and redacted once more, since sanitising can
 * join what redaction saw apart (`AKIA…<!-- -->…`). Rejects with RedactionError when the text cannot be redacted.
 */
export async function agentBrief(issueBody: string, at?: PermalinkBase): Promise<Brief> {
  const document = parseRenderedBody(issueBody)?.document ?? issueBody;
  const { text } = await redact(document);
  const brief = readBrief(parseHandoff(text), at);
  const lists = [brief.scope, brief.outOfScope, brief.acceptance, brief.skills, brief.files.map((f) => f.pointer)];
  const sanitized = lists.map((list) =>
    list.map((item) => oneLine(sanitizeForAgent(item).text, BRIEF_LIMITS.itemChars)),
  );
  // One line per item, so the redacted text splits back item by item; a redaction that changed that fails closed.
  const joined = sanitized.flat().join("\n");
  const redacted = (await redact(joined)).text.split("\n");
  if (redacted.length !== sanitized.flat().length)
    throw new RedactionError("the brief's items could not be redacted one by one");
  let next = 0;
  const [scope, outOfScope, acceptance, skills, pointers] = sanitized.map((list) =>
    list.map(() => redacted[next++] as string),
  );
  const keep = (list: string[] | undefined): string[] => (list ?? []).filter((item) => item !== "");
  return {
    ...brief,
    scope: keep(scope),
    outOfScope: keep(outOfScope),
    acceptance: keep(acceptance),
    skills: keep(skills),
    files: brief.files
      .map((file, i) => ({ ...file, pointer: pointers?.[i] ?? "" }))
      .filter((file) => file.pointer !== ""),
  };
}

/** Whether a brief has anything to state. */
export function isEmptyBrief(brief: Brief): boolean {
  return (
    brief.scope.length +
      brief.outOfScope.length +
      brief.acceptance.length +
      brief.skills.length +
      brief.files.length ===
    0
  );
}
