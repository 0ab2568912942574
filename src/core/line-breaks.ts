// markdown-it's own line breaks (`\r\n`, a lone `\r`, `\n`), in a module of their own so that code which only
// splits lines (the `/handoff` command's first-line fast path, frontmatter, sections, pointers) does not load
// markdown-it, and every line walk of the core breaks lines by the same rule.

/** markdown-it's own line breaks: it normalises `\r\n` and a lone `\r` to `\n` before counting lines. */
export const LINE_BREAK_PATTERN = /\r\n?|\n/g;

/** A line of text: [start, end) excludes the line break; `next` is where the following line starts. */
export interface LineSpan {
  start: number;
  end: number;
  next: number;
}

/** Lines of `text`, breaking at `\r\n`, `\r` or `\n` (markdown-it's own definition, so line numbers agree). */
export function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    spans.push({ start, end: i, next });
    start = next;
    i = next - 1;
  }
  spans.push({ start, end: text.length, next: text.length });
  return spans;
}

/** The line of `text` starting at `start`, by lineSpans' rules. */
export function lineAt(text: string, start: number): LineSpan {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return { start, end: i, next: i + 1 };
    if (c === 13) return { start, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
  return { start, end: text.length, next: text.length };
}

/**
 * The lines of `text` as `text.split(/\r\n|\r|\n/)` gives them, one at a time: a 1 MB body of short lines is not
 * held as an array of 500,000 strings. Text without `\r`, the common case, is walked with indexOf, the fastest.
 */
export function forEachLine(text: string, visit: (line: string, index: number) => void): void {
  let index = 0;
  if (!text.includes("\r")) {
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      visit(text.slice(start, end), index++);
      start = end + 1;
    }
    visit(text.slice(start), index);
    return;
  }
  for (let span = lineAt(text, 0); ; span = lineAt(text, span.next)) {
    visit(text.slice(span.start, span.end), index++);
    if (span.end === text.length) return;
  }
}
