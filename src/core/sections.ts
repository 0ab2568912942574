// The body's sections: markdown-it block tokens (with their line maps) split at headings, bold labels and labelled
// bullets, each heading placed in a canonical section by the classifier (headings/classify.ts).
import { lineSpans } from "./line-breaks.js";
import { byRuns, trimBlankLines } from "./line-runs.js";
import { classifyHeading } from "./headings/classify.js";
import { WORK_CONTENT } from "./headings/lexicon.js";
import { SECTION_PATTERNS, cleanHeading } from "./headings/clean.js";
import { pseudoHeading, readLabel, type Label } from "./headings/labels.js";
import type { Block } from "./markdown.js";
import type { HandoffDocument, Section, SectionName } from "./types.js";

// Blocks come from the one markdown-it (core/markdown.ts); re-exported for the parser's convenience.
export { readBlocks, type Block } from "./markdown.js";
export { SECTION_ALIASES } from "./headings/aliases.js";
export { SECTION_PATTERNS, cleanHeading } from "./headings/clean.js";

/** The canonical section a heading names, or null when it is not one we recognise. */
export function canonicalSection(heading: string): SectionName | null {
  return classifyHeading(cleanHeading(heading)).canonical;
}

interface SectionStart {
  canonical: SectionName | null;
  heading: string;
  rule: string;
  /** Body line of the heading (or label). */
  line: number;
  /** First body line of the section's text. */
  textStart: number;
  /** Text on the label's own line, after the label. */
  rest?: string;
}

/**
 * Split the body into sections. Section headings are the top level below the title heading (a lone `# Title`, or a
 * first heading above all the others); deeper headings stay in their section, except that a recognised deeper heading
 * short enough to be a label inside an unrecognised section (a dated log entry with a `### Next steps`) starts its own, and so do its siblings
 * after it. Bold labels start a section anywhere; lists of labelled bullets (`- **done:** …`) only inside an
 * unrecognised section, where they are the entry's structure.
 */
/**
 * The sections of a return, with headings that name the work without a direction (`## 作業内容`) read as the work
 * done rather than the work to do.
 */
export function asReported(sections: readonly Section[]): Section[] {
  return sections.map((s) => {
    if (s.canonical !== "scope") return s;
    const compact = cleanHeading(s.heading).replace(SECTION_PATTERNS.whitespace, "");
    if (!WORK_CONTENT.some((term) => compact.includes(term))) return s;
    return { ...s, canonical: "done", rule: `in a return, the work it names is the work done (${s.rule ?? ""})` };
  });
}

/** `byLine: true` builds texts line by line, the plain definition `byRuns` is tested against. */
export function splitSections(body: string, bodyLine: number, blocks: readonly Block[], byLine = false): Section[] {
  const spans = lineSpans(body);
  const lineText = (i: number): string => {
    const span = spans[i];
    return span ? body.slice(span.start, span.end) : "";
  };
  // Runs of lines sliced whole equal their lines joined with "\n" unless a line ends in `\r`.
  const runs = !byLine && !body.includes("\r") ? byRuns(body, spans) : null;
  const headings = blocks.filter((b) => b.kind === "heading" && b.depth === 0);
  const title = titleHeading(headings, blocks[0]);
  let sectionLevel = 7;
  for (const h of headings) if (h !== title && h.level < sectionLevel) sectionLevel = h.level;
  const starts: SectionStart[] = [];
  let currentLevel = sectionLevel;
  const labelLists = labelledLists(blocks, lineText);
  // The canonical section of the heading the blocks are under ("preamble" before the first).
  let enclosing: SectionName | null | "preamble" = "preamble";
  // Under a deeper heading of a recognised section (`### 1. Test classes` in `## 作業内容`), a bold label such as
  // `**目的：**` is that item's detail, not a new section.
  let inItem = false;
  for (const block of blocks) {
    if (block === title) continue;
    if (block.kind === "paragraph") {
      const recognised = enclosing !== null && enclosing !== "preamble";
      const label =
        block.depth !== 0
          ? enclosing === null
            ? labelLists.get(block)
            : undefined
          : inItem && recognised
            ? null
            : labelStart(block, enclosing);
      if (label) starts.push(label);
      continue;
    }
    if (block.kind !== "heading" || block.depth !== 0) continue;
    const heading = cleanHeading(block.content);
    const { canonical, rule, coverage } = classifyHeading(heading);
    const current = starts[starts.length - 1];
    const promoted = currentLevel > sectionLevel;
    if (block.level <= sectionLevel) currentLevel = sectionLevel;
    else if (promoted && block.level <= currentLevel) currentLevel = Math.max(currentLevel, block.level);
    else if (
      canonical !== null &&
      (current === undefined || current.canonical === null) &&
      labelLike(heading) &&
      (coverage ?? 0) >= 0.5
    )
      currentLevel = block.level;
    else {
      inItem = true;
      continue;
    }
    starts.push({ canonical, heading, rule, line: block.start, textStart: block.end });
    enclosing = canonical;
    inItem = false;
  }
  const sections: Section[] = [];
  const firstStart = starts[0]?.line ?? spans.length;
  const preambleRanges: [number, number][] = title
    ? [
        [0, Math.min(title.start, firstStart)],
        [title.end, firstStart],
      ]
    : [[0, firstStart]];
  let preambleText: string;
  let preambleOffset: number;
  if (runs) ({ text: preambleText, first: preambleOffset } = runs.text(preambleRanges));
  else {
    const preamble: string[] = [];
    for (let i = 0; i < firstStart; i++) if (!title || i < title.start || i >= title.end) preamble.push(lineText(i));
    preambleOffset = preamble.findIndex((l) => l.trim() !== "");
    preambleText = trimBlankLines(preamble);
  }
  if (preambleOffset !== -1) {
    const firstLine =
      title && title.start <= preambleOffset ? preambleOffset + (title.end - title.start) : preambleOffset;
    sections.push({ canonical: null, heading: "", text: preambleText, line: bodyLine + firstLine });
  }
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.line ?? spans.length;
    let text: string;
    if (runs) text = runs.withRest(start.rest, start.textStart, end);
    else {
      const lines: string[] = start.rest ? [start.rest] : [];
      for (let i = start.textStart; i < end; i++) lines.push(lineText(i));
      text = trimBlankLines(lines);
    }
    sections.push({
      canonical: start.canonical,
      heading: start.heading,
      text,
      line: bodyLine + start.line,
      rule: start.rule,
    });
  });
  return sections;
}

const LABEL = {
  chars: 40,
  words: 6,
  cjk: 12,
  cjkChar: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu,
};

/**
 * A deeper heading short enough to be a label (`### Next steps`, `### 検証`), not a sentence that happens to contain a
 * section word (`### 1. The alternative verifier's scope collides with the gate`): only a label starts its own section
 * inside an unrecognised one.
 */
function labelLike(heading: string): boolean {
  const cjk = heading.match(LABEL.cjkChar)?.length ?? 0;
  return heading.length <= LABEL.chars && heading.split(/\s+/).length <= LABEL.words && cjk <= LABEL.cjk;
}

/**
 * The heading that names the document rather than a section: a lone H1, or a first block that is a heading shallower
 * than every other (`## Test Audit Report` above `###` sections).
 */
function titleHeading(headings: readonly Block[], firstBlock: Block | undefined): Block | null {
  const first = headings[0];
  if (!first) return null;
  if (first.level === 1 && headings.filter((h) => h.level === 1).length === 1) return first;
  const rest = headings.slice(1);
  return first === firstBlock && rest.length >= 2 && rest.every((h) => h.level > first.level) ? first : null;
}

/**
 * A bold label standing alone, or opening a paragraph with a sure name. Inside a recognised section only a sure name
 * splits it (`**理由**:` under `## 決定事項` is part of the decision), and never a label repeating its own section.
 */
function labelStart(block: Block, enclosing: SectionName | null | "preamble"): SectionStart | null {
  const pseudo = pseudoHeading(block.content);
  if (!pseudo || pseudo.canonical === enclosing) return null;
  if (enclosing !== null && enclosing !== "preamble" && !pseudo.rule.startsWith("alias")) return null;
  const rule = `bold label, ${pseudo.rule}`;
  return {
    canonical: pseudo.canonical,
    heading: pseudo.label,
    rule,
    line: block.start,
    textStart: block.start + 1,
    rest: pseudo.rest,
  };
}

/**
 * Labelled bullets that structure an entry (`- **done:** …`, `- **red:** …`, `- **next:** …`): a top-level list whose
 * every item opens with a label, two or more of which name sections with more than a number after them. Lists of
 * metrics (`- **Duration:** 3 min`) and lists with some labelled items stay lists. Keyed by the item's paragraph.
 */
function labelledLists(blocks: readonly Block[], lineText: (line: number) => string): Map<Block, SectionStart> {
  const items = new Map<number, { block: Block; label: Label | null }[]>();
  for (const block of blocks) {
    // list → item → paragraph is depth 2; only an item's own first line counts.
    if (block.kind !== "paragraph" || block.depth !== 2 || block.list === undefined) continue;
    if (!SECTION_PATTERNS.listItem.test(lineText(block.start))) continue;
    const entry = items.get(block.list) ?? [];
    entry.push({ block, label: readLabel(block.content) });
    items.set(block.list, entry);
  }
  const starts = new Map<Block, SectionStart>();
  for (const list of items.values()) {
    if (!list.every((i) => i.label !== null)) continue;
    const named = list.filter((i) => i.label!.canonical !== null && !i.label!.metadata && i.label!.substantive);
    if (named.length < 2) continue;
    for (const { block, label } of list) {
      if (label!.metadata) continue;
      const rule = `bullet label, ${label!.rule}`;
      starts.set(block, {
        canonical: label!.canonical,
        heading: label!.label,
        rule,
        line: block.start,
        textStart: block.start + 1,
        rest: label!.rest,
      });
    }
  }
  return starts;
}

/** The text of a canonical section, joined with a blank line when the document has it more than once; "" when absent. */
export function sectionText(doc: Pick<HandoffDocument, "sections">, name: SectionName): string {
  return doc.sections
    .filter((s) => s.canonical === name)
    .map((s) => s.text)
    .filter((t) => t !== "")
    .join("\n\n");
}
