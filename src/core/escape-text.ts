// Visible text written back as markdown must read back as the same text, or the agent would get a different
// document than people see (and sanitising would not be idempotent). A backslash escapes any ASCII punctuation in
// CommonMark, so each character that could start markup gets one; characters that can mean something only in
// some places (`_` between letters, `#` or `1.` at the start of a line, `<` before a letter) get one only there,
// so the text stays readable.
import type { Segment } from "./visible-inline.js";

const ALWAYS = new Set(["\\", "`", "*", "[", "]", "|"]);
const AT_LINE_START = new Set(["#", ">", "-", "+", "="]);
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const REFERENCE_AHEAD = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/;
const ORDERED_MARKER_AHEAD = /^[0-9]{1,9}[.)]/;
/** Characters that never need a backslash: most text takes the fast path. */
const PLAIN = /[^\\`*[\]|_~:@!<&#>+=\-0-9]/;
/** For the linearity check (test/patterns-render.test.ts). */
export const ESCAPE_PATTERNS = { ALPHANUMERIC, REFERENCE_AHEAD, ORDERED_MARKER_AHEAD, PLAIN } as const;

function escapeChar(c: string, before: string, next: string, ahead: string, lineStart: boolean): string {
  const previous = before.slice(-1);
  if (ALWAYS.has(c)) return `\\${c}`;
  if (c === "_") return ALPHANUMERIC.test(previous) && ALPHANUMERIC.test(next) ? c : "\\_";
  if (c === "~") return previous === "~" || next === "~" ? "\\~" : c;
  // Text that GitHub did not turn into a link (raw HTML, a link's own text) must not become one when read back.
  if (c === ":") return ahead.startsWith("://") || /mailto$/i.test(before) ? "\\:" : c;
  if (c === "@") return /[\w.%+-]$/.test(before) && /^@[A-Za-z0-9-]+\./.test(ahead) ? "\\@" : c;
  if (c === "!") return next === "[" ? "\\!" : c;
  if (c === "<") return /[A-Za-z/!?]/.test(next) ? "\\<" : c;
  if (c === "&") return REFERENCE_AHEAD.test(ahead) ? "\\&" : c;
  if (lineStart && AT_LINE_START.has(c)) return `\\${c}`;
  return c;
}

/**
 * One line-broken run of inline segments as markdown. Text is escaped and its lines trimmed; code and markup go
 * out as they are. Whitespace at the start and end of the run is dropped, as HTML drops it.
 */
export function writeInline(segments: readonly Segment[]): string {
  const parts: string[] = [];
  let lineStart = true;
  const trimLineEnd = (): void => {
    while (parts.length > 0 && (parts[parts.length - 1] === " " || parts[parts.length - 1] === "\t")) parts.pop();
  };
  // The unescaped stream, to look at neighbours across segments.
  const stream = segments.map((s) => s.value).join("");
  let position = 0;
  let orderedMarkerEnd = -1;
  for (const segment of segments) {
    if (segment.kind !== "text") {
      if (segment.value === "\n") trimLineEnd();
      parts.push(segment.value);
      position += segment.value.length;
      if (segment.value !== "") lineStart = segment.value.endsWith("\n");
      continue;
    }
    for (let i = 0; i < segment.value.length; i++, position++) {
      const c = segment.value.charAt(i);
      if (c === "\n") {
        trimLineEnd();
        parts.push("\n");
        lineStart = true;
        continue;
      }
      if ((c === " " || c === "\t") && (lineStart || parts[parts.length - 1] === " ")) continue;
      if (PLAIN.test(c) && position !== orderedMarkerEnd) {
        parts.push(c);
        lineStart = false;
        continue;
      }
      const ahead = stream.slice(position, position + 40);
      if (lineStart && ORDERED_MARKER_AHEAD.test(ahead))
        orderedMarkerEnd = position + (ORDERED_MARKER_AHEAD.exec(ahead)?.[0].length ?? 0) - 1;
      const before = stream.slice(Math.max(0, position - 8), position);
      const next = stream.charAt(position + 1);
      parts.push(position === orderedMarkerEnd ? `\\${c}` : escapeChar(c, before, next, ahead, lineStart));
      lineStart = false;
    }
  }
  return parts
    .join("")
    .replace(/^\n+/, "")
    .trimEnd()
    .replace(/\n{3,}/g, "\n\n");
}
