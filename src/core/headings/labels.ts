// Labels that act as headings without being headings: a bold label standing alone on a line (`**Next steps:**`,
// `**Prochaines étapes**`), and a labelled bullet (`- **done:** …`, `- Evidence: …`) in a list of them.
// Metadata (`**Status:** READY`, `- **Branch:** main`) stays metadata, whatever a heading of the same word would mean.
import { METADATA_KEYS } from "../metadata.js";
import type { SectionName } from "../types.js";
import { classifyHeading } from "./classify.js";
import { cleanHeading } from "./clean.js";

export interface Label {
  /** The label as a person reads it, without markdown or its colon. */
  label: string;
  canonical: SectionName | null;
  rule: string;
  /** Text on the label's own line, after the label. */
  rest: string;
  bold: boolean;
  /** A metadata key (`Status`, `Branch`, `Date`): never a section. */
  metadata: boolean;
  /** Not led by a number or a date: `**Duration:** 3 min` is a metric, not a section. */
  substantive: boolean;
}

export const LABEL_PATTERNS = {
  colon: /[:：]/,
  // Markdown inside a plain label means it is prose, not a label.
  notLabelChar: /[`[\]()*_<>]/,
  whitespace: /\s+/,
  // `44 issues`, `Requirement 1`, `Step 2a`: counted or numbered, so one of many rather than a section's name.
  countOrNumbered: /^\d|\s\d{1,3}[a-z]?$/i,
  // A value led by a number or a date (`3 min`, `2026-02-17T13:43:24Z`, `4 (a.py, b.py)`) is a metric.
  numberLed: /^\**\s{0,2}[~≈<>]?\d/,
} as const;

/** Status words in the languages of the lexicon: a label of one of these is metadata, not a section. */
const STATUS_WORDS = new Set([
  "status",
  "state",
  "summary",
  "estado",
  "statut",
  "stato",
  "stand",
  "zustand",
  "状态",
  "状態",
  "상태",
]);
const MAX_LABEL_CHARS = 120;
/** A plain `Label:` longer than this is a sentence with a colon in it, not a label. */
const MAX_PLAIN_LABEL_WORDS = 3;
/** A bold line longer than this is an emphasised sentence, not a label. */
const MAX_BOLD_LABEL_WORDS = 6;

/**
 * The label at the start of a paragraph's first line, bold (`**Label:** rest`, `**Label**: rest`) or plain
 * (`Label: rest`); null when it has none. A bold sentence (`**Ready for review.**`), a count (`**44 issues**:`) and a
 * numbered label (`Requirement 1:`) are not labels.
 */
export function readLabel(paragraph: string): Label | null {
  const lineEnd = paragraph.indexOf("\n");
  const first = (lineEnd === -1 ? paragraph : paragraph.slice(0, lineEnd)).trim();
  const split = boldSplit(first) ?? plainSplit(first);
  if (!split) return null;
  const raw = split.label.trim();
  if (split.bold && raw.split(LABEL_PATTERNS.whitespace).length > MAX_BOLD_LABEL_WORDS) return null;
  if (raw.endsWith(".") || raw.endsWith("。") || raw.endsWith("!") || LABEL_PATTERNS.countOrNumbered.test(raw))
    return null;
  const label = cleanHeading(raw);
  if (label === "") return null;
  const key = label.toLowerCase();
  const metadata = STATUS_WORDS.has(key) || METADATA_KEYS.has(key);
  const { canonical, rule } = classifyHeading(label);
  const substantive = !LABEL_PATTERNS.numberLed.test(split.rest);
  return { label, canonical, rule, rest: split.rest, bold: split.bold, metadata, substantive };
}

/**
 * A paragraph that opens with a bold label naming a section: standing alone on its line, any wording the classifier
 * recognises; followed by text on the same line (`**Next steps:** ship it`), only a sure alias, since `**File:** a.ts`
 * is a detail, not a section. Status labels stay metadata.
 */
export function pseudoHeading(paragraph: string): (Label & { canonical: SectionName }) | null {
  const found = readLabel(paragraph);
  if (!found || !found.bold || found.canonical === null || STATUS_WORDS.has(found.label.toLowerCase())) return null;
  if (found.rest !== "" && !found.rule.startsWith("alias")) return null;
  return { ...found, canonical: found.canonical };
}

function boldSplit(line: string): { label: string; rest: string; bold: true } | null {
  const delimiter = line.startsWith("**") ? "**" : line.startsWith("__") ? "__" : null;
  if (!delimiter) return null;
  const close = line.indexOf(delimiter, 2);
  if (close <= 2 || close > MAX_LABEL_CHARS) return null;
  let label = line.slice(2, close).trim();
  let rest = line.slice(close + 2).trim();
  if (label.endsWith(":") || label.endsWith("：")) label = label.slice(0, -1);
  else if (rest.startsWith(":") || rest.startsWith("：")) rest = rest.slice(1).trim();
  else if (rest !== "") return null;
  return { label, rest, bold: true };
}

// `Evidence: 161 unit tests green`: a short label, a colon, a space. `https://…` and `12:30` never qualify.
function plainSplit(line: string): { label: string; rest: string; bold: false } | null {
  const colon = line.search(LABEL_PATTERNS.colon);
  if (colon <= 0 || colon > MAX_LABEL_CHARS) return null;
  const label = line.slice(0, colon);
  const after = line.slice(colon + 1);
  if (after !== "" && !after.startsWith(" ") && line[colon] === ":") return null;
  if (
    LABEL_PATTERNS.notLabelChar.test(label) ||
    label.trim().split(LABEL_PATTERNS.whitespace).length > MAX_PLAIN_LABEL_WORDS
  )
    return null;
  return { label, rest: after.trim(), bold: false };
}
