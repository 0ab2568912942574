// Where a markdown text holds code, as GitHub will render it: fenced and indented code blocks, and inline code
// spans. Sanitising and neutralising leave code alone (people see it literally), so both need the same answer,
// and a wrong answer is a bypass: text we took for code but GitHub renders as prose keeps its live @-mentions.
// Block structure therefore comes from markdown-it (CommonMark, linear time); inline code spans, whose
// positions markdown-it does not report, are found here by CommonMark's own rule, within one block at a time.
import { LINE_BREAK_PATTERN } from "./line-breaks.js";
import { parseBlockTokens } from "./markdown.js";

/** A half-open range of UTF-16 offsets: [start, end). */
export interface Range {
  start: number;
  end: number;
}

export interface CodeRanges {
  /** Code blocks and code spans, sorted and disjoint. */
  code: Range[];
  /** Fenced and indented code blocks only (whole lines), sorted. */
  blocks: Range[];
  /** Inline code spans only, sorted. */
  spans: Range[];
  /** Raw HTML blocks, where markdown (backticks included) is not interpreted. */
  html: Range[];
}

export { LINE_BREAK_PATTERN };

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK_PATTERN)) starts.push(match.index + match[0].length);
  return starts;
}

interface Run {
  start: number;
  length: number;
}

function backtickRuns(text: string, start: number, end: number): Run[] {
  const runs: Run[] = [];
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== 0x60) {
      i++;
      continue;
    }
    const runStart = i;
    while (i < end && text.charCodeAt(i) === 0x60) i++;
    runs.push({ start: runStart, length: i - runStart });
  }
  return runs;
}

/**
 * CommonMark code spans within one block: a backtick run opens a span closed by the next run of exactly the same
 * length; with none, the run is literal. A backslash escapes a backtick only outside a span.
 * Each length keeps a forward-only cursor over the runs, so the whole scan stays linear.
 */
function codeSpans(text: string, start: number, end: number, out: Range[]): void {
  const runs = backtickRuns(text, start, end);
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const list = byLength.get(run.length);
    if (list) list.push(index);
    else byLength.set(run.length, [index]);
  });
  const cursors = new Map<number, number>();
  let scannedTo = start;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    if (!run || run.start < scannedTo) continue;
    let backslashes = 0;
    for (let k = run.start - 1; k >= scannedTo && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    const escaped = backslashes % 2 === 1;
    const openStart = escaped ? run.start + 1 : run.start;
    const length = escaped ? run.length - 1 : run.length;
    if (length === 0) continue;
    const candidates = byLength.get(length) ?? [];
    let cursor = cursors.get(length) ?? 0;
    while (cursor < candidates.length && (candidates[cursor] ?? Infinity) <= r) cursor++;
    cursors.set(length, cursor);
    const closer = candidates[cursor];
    const closing = closer === undefined ? undefined : runs[closer];
    if (closing === undefined || closer === undefined) continue;
    out.push({ start: openStart, end: closing.start + closing.length });
    scannedTo = closing.start + closing.length;
    r = closer;
  }
}

/** The code and raw-HTML ranges of a markdown text. Never throws. */
export function findCodeRanges(text: string): CodeRanges {
  const starts = lineStarts(text);
  const offset = (line: number): number => starts[line] ?? text.length;
  const lineCount = starts.length;
  // For each line: -1 inside a code block, -2 inside raw HTML (where backticks are literal), otherwise the id of
  // the block whose inline text it belongs to; lines outside any inline block are each their own group.
  const group = new Array<number>(lineCount).fill(0).map((_, i) => i + 1);
  const blocks: Range[] = [];
  const spans: Range[] = [];
  const html: Range[] = [];
  let nextGroup = lineCount + 1;
  for (const token of parseBlockTokens(text)) {
    if (!token.map) continue;
    const [from, to] = token.map;
    if (token.type === "fence" || token.type === "code_block") {
      blocks.push({ start: offset(from), end: Math.min(offset(to), text.length) });
      for (let l = from; l < to; l++) group[l] = -1;
    } else if (token.type === "html_block") {
      html.push({ start: offset(from), end: Math.min(offset(to), text.length) });
      for (let l = from; l < to; l++) group[l] = -2;
    } else if (token.type === "inline") {
      const id = nextGroup++;
      for (let l = from; l < to; l++) if ((group[l] ?? 0) > 0) group[l] = id;
    }
  }
  let line = 0;
  while (line < lineCount) {
    const id = group[line];
    let last = line;
    while (last + 1 < lineCount && group[last + 1] === id) last++;
    if (id !== undefined && id > 0) codeSpans(text, offset(line), offset(last + 1), spans);
    line = last + 1;
  }
  blocks.sort((a, b) => a.start - b.start);
  spans.sort((a, b) => a.start - b.start);
  const code = [...blocks, ...spans].sort((a, b) => a.start - b.start);
  return { code, blocks, spans, html };
}

/** Which sides of a stretch of prose touch a code range, so an edit can keep its own backticks from merging. */
export interface Touching {
  before: boolean;
  after: boolean;
}

/** Calls `edit` on each stretch of text outside the given sorted ranges, keeping the ranges themselves verbatim. */
export function mapOutside(text: string, ranges: Range[], edit: (prose: string, touching: Touching) => string): string {
  let result = "";
  let at = 0;
  for (const range of ranges) {
    if (range.start < at) continue;
    result += edit(text.slice(at, range.start), { before: at > 0, after: true }) + text.slice(range.start, range.end);
    at = range.end;
  }
  return result + edit(text.slice(at), { before: at > 0, after: false });
}
