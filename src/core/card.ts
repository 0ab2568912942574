// The header card at the top of a filed issue: why it was handed off, the first next step, when it is done and
// what is out of scope, each only when the document says so; then the next steps as a GitHub task list, so the
// issue shows "n of m" as they are ticked. The card is our text, outside the document's regions: ticking a box
// edits the card, never the document, and reading the document back never sees the card.
//
// Its text comes from the document, so it is kept inert where it sits: one line per item, and no `<` outside
// code (a `<!-- handoff:body …` there would read as a region of ours, a `<details>` would swallow the rest).
import { findCodeRanges, mapOutside } from "./code-ranges.js";
import { sectionItems, type Item } from "./items.js";
import { sectionText } from "./sections.js";
import { collapseWhitespace } from "./title.js";
import { cutCodePoints } from "./truncate.js";
import type { HandoffDocument } from "./types.js";

/** How much of each kind the card shows: it is a summary, the document follows in full. */
export const CARD_LIMITS = { lineChars: 300, listed: 5, tasks: 50, taskListChars: 6_000 } as const;

/** Every pattern the card runs on the document's text, exported so test/patterns-render.test.ts proves them linear. */
export const CARD_PATTERNS = { lt: /</g, commentOpener: /<!--/g } as const;
/** Text is cut to this before any pattern runs on it: a frontmatter `reason` may be any length. */
const MAX_SCAN = 4_096;

/** Text on one line, cut to `max` characters (the last one `…` when cut). */
export function oneLine(text: string, max: number = CARD_LIMITS.lineChars): string {
  const line = collapseWhitespace(cutCodePoints(text, MAX_SCAN)).trim();
  return [...line].length > max ? `${cutCodePoints(line, max - 1).trimEnd()}…` : line;
}

/** One line of the document's markdown, safe to stand outside its regions: cut, on one line, no live `<`. */
export function inlineLine(text: string, max: number = CARD_LIMITS.lineChars): string {
  const cut = oneLine(text, max);
  // Inside a code span `<` is literal and harmless, except as the opener of what would read as our delimiter.
  // Without a backtick there is no code span, whatever the line's block structure: skip the markdown parse.
  const ranges = cut.includes("`") ? findCodeRanges(cut).spans : [];
  const escaped = mapOutside(cut, ranges, (prose) => prose.replace(CARD_PATTERNS.lt, "&lt;"));
  return escaped.replace(CARD_PATTERNS.commentOpener, "&lt;!--");
}

export interface Card {
  why?: string;
  firstStep?: string;
  doneWhen: string[];
  outOfScope: string[];
  /** The next steps, for the task list; empty when the document already tracks them as a task list. */
  tasks: Item[];
}

/** What the card shows for a document, before any markdown is written. */
export function readCard(doc: HandoffDocument): Card {
  const reason = doc.reason ?? sectionItems(sectionText(doc, "reason"))[0]?.text;
  const steps = sectionItems(sectionText(doc, "next-steps"));
  // A document whose next steps are already `- [ ]` items is counted by GitHub there; a second list would double it.
  const tracked = steps.length > 0 && steps.every((step) => step.task);
  const first = steps.find((step) => !step.checked) ?? steps[0];
  return {
    ...(reason ? { why: reason } : {}),
    ...(first ? { firstStep: first.text } : {}),
    doneWhen: sectionItems(sectionText(doc, "acceptance")).map((item) => item.text),
    outOfScope: sectionItems(sectionText(doc, "out-of-scope")).map((item) => item.text),
    tasks: tracked ? [] : steps,
  };
}

function listed(label: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  if (items.length === 1) return [`- **${label}:** ${inlineLine(items[0] as string)}`];
  const shown = items.slice(0, CARD_LIMITS.listed).map((item) => `  - ${inlineLine(item)}`);
  const more = items.length - CARD_LIMITS.listed;
  return [`- **${label}:**`, ...shown, ...(more > 0 ? [`  - … and ${more} more in the document below`] : [])];
}

function taskList(tasks: readonly Item[]): string[] {
  if (tasks.length === 0) return [];
  const lines: string[] = [];
  let size = 0;
  for (const [i, task] of tasks.entries()) {
    const line = `- [${task.checked ? "x" : " "}] ${inlineLine(task.text)}`;
    if (i >= CARD_LIMITS.tasks || size + line.length > CARD_LIMITS.taskListChars) {
      lines.push(`\n… and ${tasks.length - i} more in the document below.`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return ["**Next steps**", "", ...lines];
}

/** The card's markdown, or "" when the document states none of what it shows. Pure; never throws. */
export function renderCard(doc: HandoffDocument): string {
  const card = readCard(doc);
  const summary = [
    ...(card.why ? [`- **Why handed off:** ${inlineLine(card.why)}`] : []),
    ...(card.firstStep ? [`- **First next step:** ${inlineLine(card.firstStep)}`] : []),
    ...listed("Done when", card.doneWhen),
    ...listed("Out of scope", card.outOfScope),
  ];
  const tasks = taskList(card.tasks);
  return [summary.join("\n"), tasks.join("\n")].filter((part) => part !== "").join("\n\n");
}
