// The body's sections: markdown-it block tokens (with their line maps) split at headings and at bold
// pseudo-headings, and each heading mapped to a canonical name through the alias table below.
import { lineSpans } from "./frontmatter.js";
import type { Block } from "./markdown.js";
import { plainText } from "./title.js";
import type { HandoffDocument, Section, SectionName } from "./types.js";

// Blocks come from the one markdown-it (core/markdown.ts); re-exported for the parser's convenience.
export { readBlocks, type Block } from "./markdown.js";

/**
 * Headings people write, by the canonical section they mean. Compared after normalising: lower case, no markdown,
 * numbering, emoji, trailing colon or trailing `(…)`, `&` read as `and`. Add new spellings here; docs/handoff-format.md
 * must list them too (test/sections.test.ts checks).
 */
export const SECTION_ALIASES: Readonly<Record<SectionName, readonly string[]>> = {
  reason: ["reason", "reason for handoff", "handoff reason", "why", "why this handoff", "purpose", "goal", "goals", "objective", "objectives", "mission", "motivation", "intent", "the ask", "ask", "problem", "problem statement", "grund", "ziel", "目的"],
  context: ["context", "background", "current state", "current status", "current situation", "situation", "status", "state of play", "where we are", "where things stand", "summary", "session summary", "executive summary", "overview", "tl;dr", "tldr", "what's working", "important context", "technical context", "kontext", "hintergrund", "aktueller stand", "背景", "現状"],
  scope: ["scope", "in scope", "what to do", "task", "tasks", "the task", "your task", "assignment", "work items", "deliverables", "requirements", "what needs to be done", "plan", "umfang", "aufgabe", "aufgaben", "作業範囲", "タスク"],
  "out-of-scope": ["out of scope", "not in scope", "non-goals", "non goals", "what not to do", "do not", "don't", "dont", "don'ts", "do not repeat", "avoid", "things to avoid", "mistakes to avoid", "pitfalls", "lessons and don'ts", "noise to ignore", "deliberately not in scope", "exclusions", "nicht im umfang", "対象外"],
  pointers: ["pointers", "files", "key files", "relevant files", "important files", "files that matter", "files that matter most", "files changed", "files modified", "references", "sources of truth", "source of truth", "links", "resources", "key code locations", "code locations", "where to find things", "where to look", "reading list", "entry points", "dateien", "relevante dateien", "参考", "関連ファイル"],
  decisions: ["decisions", "decisions made", "decisions already made", "key decisions", "design decisions", "architecture decisions", "decision log", "choices made", "trade-offs", "tradeoffs", "rationale", "entscheidungen", "決定事項"],
  "open-questions": ["open questions", "questions", "unresolved questions", "unknowns", "blockers", "blocked", "blocked on", "blocked items", "risks", "risks and blockers", "blockers and risks", "concerns", "open issues", "known issues", "issues encountered", "caveats", "open items", "offene fragen", "risiken", "未解決の問題", "課題"],
  "next-steps": ["next steps", "next step", "next", "next up", "up next", "next action", "next actions", "exact next action", "next work item", "next session", "next session should", "where to start", "where to start next", "restart point", "pending", "pending tasks", "todo", "todos", "to do", "to-do", "remaining work", "still to do", "what's next", "what is next", "follow-ups", "follow-up", "follow ups", "specific todos", "nächste schritte", "次のステップ", "今後の作業"],
  done: ["done", "completed", "complete", "what was done", "what was just completed", "progress", "accomplished", "accomplishments", "changes made", "changes", "what changed", "work completed", "completed work", "work done", "what happened", "what happened this session", "what we did", "what i did", "results", "outcome", "shipped", "erledigt", "fortschritt", "完了", "実施内容"],
  acceptance: ["acceptance", "acceptance criteria", "definition of done", "done when", "verification", "how to verify", "how to test", "testing", "tests", "test plan", "success criteria", "exit criteria", "validation", "abnahmekriterien", "受け入れ条件"],
  skills: ["skills", "suggested skills", "required skills", "tools", "tooling", "suggested tools", "fähigkeiten", "スキル"],
};

/** Words in front of an alias that do not change its meaning (`Immediate next steps`, `Key decisions`). */
const LEADING_FILLERS = ["the", "key", "immediate", "current", "recommended", "suggested", "important", "main", "relevant", "critical", "proposed", "remaining", "my", "our", "your"];
/** Phrases after an alias that do not change its meaning (`Next steps for the next agent`). */
const TRAILING_FILLERS = ["for next session", "for the next session", "for next agent", "for the next agent", "this session", "so far", "for the child", "for the parent"];

/** Bold labels that are metadata (`**Status:** READY`) even where the same word as a heading names a section. */
const METADATA_LABELS = new Set(["status", "state", "summary"]);

export const SECTION_PATTERNS = {
  emoji: /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0F}\u{200D}\u{20E3}]/gu,
  // `1.`, `2)`, `3:`, `1.2`, `§4`, `Step 3:`, `Phase 2 -`
  numbering: /^(?:(?:step|phase|part|section|stage|schritt|teil)\s{1,5})?[§#]?\d{1,4}(?:\.\d{1,4}){0,4}[.):]?(?:\s{1,20}|$)/i,
  letterNumbering: /^[A-Za-z][.)]\s{1,20}/,
  romanNumbering: /^(?:i{1,3}|iv|v|vi{1,3}|ix|x)[.)]\s{1,20}/i,
  whitespace: /\s+/g,
} as const;

const ALIAS_INDEX: ReadonlyMap<string, SectionName> = new Map(
  (Object.entries(SECTION_ALIASES) as [SectionName, readonly string[]][]).flatMap(([name, aliases]) => [
    [name.replaceAll("-", " "), name] as const,
    ...aliases.map((alias) => [alias, name] as const),
  ]),
);

/** A heading as a person reads it: markdown, leading numbering, emoji and trailing punctuation removed. */
export function cleanHeading(raw: string): string {
  const text = trimChars(plainText(raw).replace(SECTION_PATTERNS.emoji, "").replace(SECTION_PATTERNS.whitespace, " "), " ");
  const unnumbered = trimChars(
    text.replace(SECTION_PATTERNS.numbering, "").replace(SECTION_PATTERNS.letterNumbering, "").replace(SECTION_PATTERNS.romanNumbering, ""),
    " :|·•>»–—-",
  );
  return trimEndChars(unnumbered || text, " :：.!?–—-");
}

/** The canonical section a heading names, or null when it is not one we recognise. */
export function canonicalSection(heading: string): SectionName | null {
  return canonicalOfCleaned(cleanHeading(heading));
}

function canonicalOfCleaned(cleaned: string): SectionName | null {
  let key = cleaned.normalize("NFKC").toLowerCase().replaceAll("’", "'").replaceAll("&", " and ");
  if (key.endsWith(")") && key.lastIndexOf("(") > 0) key = key.slice(0, key.lastIndexOf("("));
  key = trimEndChars(key.replace(SECTION_PATTERNS.whitespace, " "), " :.!?–—-").trim();
  const exact = ALIAS_INDEX.get(key);
  if (exact) return exact;
  for (const phrase of TRAILING_FILLERS) {
    if (key.endsWith(` ${phrase}`)) key = key.slice(0, -phrase.length - 1);
  }
  for (let words = key.split(" "); words.length > 0; words = words.slice(1)) {
    const found = ALIAS_INDEX.get(words.join(" "));
    if (found) return found;
    if (!LEADING_FILLERS.includes(words[0] as string)) break;
  }
  return null;
}

/** A paragraph that opens with a bold recognised label (`**Next steps:** …`): the label and the rest of its first line. */
export function pseudoHeading(paragraph: string): { label: string; canonical: SectionName; rest: string } | null {
  const delimiter = paragraph.startsWith("**") ? "**" : paragraph.startsWith("__") ? "__" : null;
  if (!delimiter) return null;
  const lineEnd = paragraph.indexOf("\n");
  const first = lineEnd === -1 ? paragraph : paragraph.slice(0, lineEnd);
  const close = first.indexOf(delimiter, 2);
  if (close <= 2 || close > 120) return null;
  let label = first.slice(2, close).trim();
  let rest = first.slice(close + 2).trim();
  if (label.endsWith(":") || label.endsWith("：")) label = label.slice(0, -1);
  else if (rest.startsWith(":") || rest.startsWith("：")) rest = rest.slice(1).trim();
  else if (rest !== "") return null;
  const cleaned = cleanHeading(label);
  const canonical = canonicalOfCleaned(cleaned);
  if (!canonical || METADATA_LABELS.has(cleaned.toLowerCase())) return null;
  return { label: cleaned, canonical, rest };
}

interface SectionStart {
  canonical: SectionName | null;
  heading: string;
  /** Body line of the heading (or pseudo-heading paragraph). */
  line: number;
  /** First body line of the section's text. */
  textStart: number;
  /** Text on the pseudo-heading's own line, after its label. */
  rest?: string;
}

/**
 * Split the body into sections. Section headings are the top level below a lone `# Title`; deeper headings stay in
 * their section, except that a recognised deeper heading inside an unrecognised section (a dated log entry with a
 * `### Next steps`) starts its own, and so do its siblings after it.
 */
export function splitSections(body: string, bodyLine: number, blocks: readonly Block[]): Section[] {
  const spans = lineSpans(body);
  const lineText = (i: number): string => {
    const span = spans[i];
    return span ? body.slice(span.start, span.end) : "";
  };
  const headings = blocks.filter((b) => b.kind === "heading" && b.depth === 0);
  const first = headings[0];
  const title = first && first.level === 1 && headings.filter((h) => h.level === 1).length === 1 ? first : null;
  let sectionLevel = 7;
  for (const h of headings) if (h !== title && h.level < sectionLevel) sectionLevel = h.level;
  const starts: SectionStart[] = [];
  let currentLevel = sectionLevel;
  for (const block of blocks) {
    if (block.depth !== 0 || block === title) continue;
    if (block.kind === "paragraph") {
      const pseudo = pseudoHeading(block.content);
      if (pseudo) starts.push({ canonical: pseudo.canonical, heading: pseudo.label, line: block.start, textStart: block.start + 1, rest: pseudo.rest });
      continue;
    }
    if (block.kind !== "heading") continue;
    const heading = cleanHeading(block.content);
    const canonical = canonicalOfCleaned(heading);
    const current = starts[starts.length - 1];
    const promoted = currentLevel > sectionLevel;
    if (block.level <= sectionLevel) currentLevel = sectionLevel;
    else if (promoted && block.level <= currentLevel) currentLevel = Math.max(currentLevel, block.level);
    else if (canonical !== null && (current === undefined || current.canonical === null)) currentLevel = block.level;
    else continue;
    starts.push({ canonical, heading, line: block.start, textStart: block.end });
  }
  const sections: Section[] = [];
  const firstStart = starts[0]?.line ?? spans.length;
  const preamble: string[] = [];
  for (let i = 0; i < firstStart; i++) if (!title || i < title.start || i >= title.end) preamble.push(lineText(i));
  const preambleOffset = preamble.findIndex((l) => l.trim() !== "");
  if (preambleOffset !== -1) {
    const firstLine = title && title.start <= preambleOffset ? preambleOffset + (title.end - title.start) : preambleOffset;
    sections.push({ canonical: null, heading: "", text: trimBlankLines(preamble), line: bodyLine + firstLine });
  }
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.line ?? spans.length;
    const lines: string[] = start.rest ? [start.rest] : [];
    for (let i = start.textStart; i < end; i++) lines.push(lineText(i));
    sections.push({ canonical: start.canonical, heading: start.heading, text: trimBlankLines(lines), line: bodyLine + start.line });
  });
  return sections;
}

/** The text of a canonical section, joined with a blank line when the document has it more than once; "" when absent. */
export function sectionText(doc: Pick<HandoffDocument, "sections">, name: SectionName): string {
  return doc.sections
    .filter((s) => s.canonical === name)
    .map((s) => s.text)
    .filter((t) => t !== "")
    .join("\n\n");
}

function trimBlankLines(lines: readonly string[]): string {
  let from = 0;
  let to = lines.length;
  while (from < to && (lines[from] as string).trim() === "") from++;
  while (to > from && (lines[to - 1] as string).trim() === "") to--;
  return lines.slice(from, to).join("\n");
}

// Hand-written trims: a `[set]+$` pattern rescans from every position and is quadratic on long runs.
function trimChars(text: string, chars: string): string {
  let from = 0;
  while (from < text.length && chars.includes(text[from] as string)) from++;
  return trimEndChars(text.slice(from), chars);
}

function trimEndChars(text: string, chars: string): string {
  let to = text.length;
  while (to > 0 && chars.includes(text[to - 1] as string)) to--;
  return text.slice(0, to);
}
