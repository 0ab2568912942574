// What a relay leads with: the return's done, open questions and next steps, in that order, one line an item, and a
// visible note when the return leaves acceptance criteria of the handoff unanswered. The status goes before all of
// it, in the flow's head line. Everything here comes from documents, so the result is neutralised for relaying.
import { inlineLine } from "./card.js";
import { sectionItems, type Item } from "./items.js";
import { neutralizeForRelay } from "./neutralize.js";
import { parseHandoff } from "./parse.js";
import { parseRenderedBody } from "./read-rendered.js";
import { sectionText } from "./sections.js";
import { plainText } from "./title.js";
import type { HandoffDocument, SectionName } from "./types.js";

/** The sections a relay leads with, in the order a reader of the parent thread wants them. */
export const RELAY_ORDER: readonly { name: SectionName; label: string }[] = [
  { name: "done", label: "Done" },
  { name: "open-questions", label: "Open questions" },
  { name: "next-steps", label: "Next steps" },
];
export const RELAY_LIMITS = { items: 10, itemChars: 300 } as const;

/** Exported so test/patterns-render.test.ts proves them linear. */
export const RELAY_PATTERNS = {
  // `A2: met …`, `A2. met`, `A2 — not met`: the number the prompt gave the criterion.
  label: /^A(\d{1,3})(?![\p{L}\p{N}])/iu,
  // The prompt's template line left as it was: no answer was given.
  placeholder: /met \| not met \| not checked/i,
  separator: /^[\s:.)—–-]+/,
} as const;

/** The handoff document a handoff issue carries in its regions (the first body only), or null when it has none. */
export function handoffOfIssueBody(body: string): HandoffDocument | null {
  const read = parseRenderedBody(body);
  return read ? parseHandoff(read.document) : null;
}

function items(doc: HandoffDocument, name: SectionName): Item[] {
  return sectionItems(sectionText(doc, name));
}

/**
 * Which of the handoff's acceptance criteria (1-based) the return leaves unanswered. An answer is an item of the
 * return's acceptance section that names the criterion (`A2: met, see test/x.test.ts`) with more than the template's
 * placeholder; a return that numbers none of its answers is read in order, its first item answering A1.
 */
export function unansweredCriteria(
  handoff: HandoffDocument,
  ret: HandoffDocument,
): { total: number; unanswered: number[] } {
  const total = items(handoff, "acceptance").length;
  const answers = items(ret, "acceptance").map((item) => plainText(item.text));
  const labelled = answers.map((answer) => RELAY_PATTERNS.label.exec(answer));
  const answered = new Set<number>();
  if (labelled.some((match) => match !== null)) {
    labelled.forEach((match, i) => {
      const rest = match ? (answers[i] as string).slice(match[0].length).replace(RELAY_PATTERNS.separator, "") : "";
      if (match && rest !== "" && !RELAY_PATTERNS.placeholder.test(rest)) answered.add(Number(match[1]));
    });
  } else {
    answers.forEach((answer, i) => {
      if (!RELAY_PATTERNS.placeholder.test(answer)) answered.add(i + 1);
    });
  }
  const unanswered = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !answered.has(n));
  return { total, unanswered };
}

/** The visible note for a return that leaves criteria unanswered, or "". Neutralised. */
export function acceptanceNote(handoff: HandoffDocument | null, ret: HandoffDocument): string {
  if (!handoff) return "";
  const { total, unanswered } = unansweredCriteria(handoff, ret);
  if (unanswered.length === 0) return "";
  const criteria = items(handoff, "acceptance");
  const listed = unanswered
    .slice(0, RELAY_LIMITS.items)
    .map((n) => `> - A${n}: ${inlineLine(criteria[n - 1]?.text ?? "", RELAY_LIMITS.itemChars)}`);
  const more = unanswered.length - listed.length;
  const count = unanswered.length === total ? `any of the ${total}` : `${unanswered.length} of the ${total}`;
  return neutralizeForRelay(
    [
      "> [!WARNING]",
      `> This return does not answer ${count} acceptance criteria of the handoff:`,
      ...listed,
      ...(more > 0 ? [`> - … and ${more} more`] : []),
    ].join("\n"),
  );
}

/** The relay's lead after its status line: done, open questions, next steps, then the acceptance note. Neutralised. */
export function relayLead(ret: HandoffDocument, handoff: HandoffDocument | null): string {
  const parts: string[] = [];
  for (const { name, label } of RELAY_ORDER) {
    const found = items(ret, name);
    if (found.length === 0) continue;
    const shown = found
      .slice(0, RELAY_LIMITS.items)
      .map(
        (item) =>
          `- ${item.task ? `[${item.checked ? "x" : " "}] ` : ""}${inlineLine(item.text, RELAY_LIMITS.itemChars)}`,
      );
    const more = found.length - shown.length;
    parts.push(
      [`**${label}**`, "", ...shown, ...(more > 0 ? [`- … and ${more} more in the return below`] : [])].join("\n"),
    );
  }
  const lead = parts.length > 0 ? neutralizeForRelay(parts.join("\n\n")) : "";
  return [lead, acceptanceNote(handoff, ret)].filter((part) => part !== "").join("\n\n");
}

/** The whole return, after a lead: folded away, since the lead already shows its main parts. */
export function foldedReturn(regions: string): string {
  return `<details><summary>The whole return</summary>\n\n${regions}\n\n</details>`;
}
