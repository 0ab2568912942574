// The placeholder `[redacted: kind]` holds `: ` and starts with `[` (a flow indicator), so written into a plain
// YAML scalar it breaks the frontmatter (`title: Deploy with [redacted: github-token]` is a nested mapping), and
// every field of the document is lost. The placeholder is the documented, user-visible form, so instead the
// values it lands in are quoted: inside the frontmatter only, a plain scalar (a `key: value` value, a `- item`,
// or a key) that holds a placeholder becomes a double-quoted scalar. JSON.stringify's output is a valid YAML
// double-quoted scalar. Quoted values, block scalars' content and multi-line flow collections are left alone:
// there the placeholder is already just text. One line in, one line out; idempotent (a quoted value is skipped).

import { splitFrontmatter } from "../frontmatter.js";
import { lineSpans } from "../line-breaks.js";
import { PLACEHOLDER_RE } from "./patterns.js";

const PLACEHOLDER_START = "[redacted: ";

/** `text` with every plain frontmatter scalar that holds a placeholder rewritten as a double-quoted one. */
export function quotePlaceholdersInFrontmatter(text: string): string {
  if (!text.includes(PLACEHOLDER_START)) return text;
  const split = splitFrontmatter(text);
  if (split.yaml === null || !split.yaml.includes(PLACEHOLDER_START)) return text;
  // The YAML starts on the second line (a byte-order mark holds no line break) and runs for its own line count.
  const spans = lineSpans(text);
  const last = Math.min(lineSpans(split.yaml).length, spans.length - 1);
  const parts: string[] = [];
  let cursor = 0;
  let blockIndent = -1;
  let flowDepth = 0;
  for (let i = 1; i <= last; i++) {
    const span = spans[i];
    if (!span) break;
    const line = text.slice(span.start, span.end);
    const indent = leadingBlanks(line, 0);
    if (blockIndent >= 0 && (indent === line.length || indent > blockIndent)) continue;
    blockIndent = -1;
    if (flowDepth > 0) {
      flowDepth = Math.max(0, flowDepth + bracketBalance(line, 0));
      continue;
    }
    const read = readLine(line, indent);
    if (read.blockScalarIndent !== undefined) blockIndent = read.blockScalarIndent;
    if (read.flowStart !== undefined) flowDepth = Math.max(0, bracketBalance(line, read.flowStart));
    if (read.text !== line) {
      parts.push(text.slice(cursor, span.start), read.text);
      cursor = span.end;
    }
  }
  if (cursor === 0) return text;
  parts.push(text.slice(cursor));
  return parts.join("");
}

interface ReadLine {
  /** The line, with its key and value quoted where they held a placeholder. */
  text: string;
  /** Set when the value is a block scalar header (`|`, `>-`): lines indented more than this are its content. */
  blockScalarIndent?: number;
  /** Set when the value opens a flow collection (`[`, `{`): where, to follow it across lines. */
  flowStart?: number;
}

function readLine(line: string, indent: number): ReadLine {
  // `- ` sequence entries, possibly nested on one line (`- - item`).
  let i = indent;
  let column = indent;
  while (line[i] === "-" && (i + 1 === line.length || isBlank(line[i + 1]))) {
    column = i;
    i = leadingBlanks(line, i + 1);
  }
  if (i >= line.length || line[i] === "#") return { text: line };

  let out = line.slice(0, i);
  let at = i;
  const colon = keyColon(line, i);
  if (colon !== -1) {
    column = i;
    const key = line.slice(i, colon).trimEnd();
    const plainKey = line[i] !== '"' && line[i] !== "'";
    out +=
      plainKey && holdsPlaceholder(key)
        ? JSON.stringify(key) + line.slice(i + key.length, colon + 1)
        : line.slice(i, colon + 1);
    at = colon + 1;
  }
  const valueStart = leadingBlanks(line, at);
  out += line.slice(at, valueStart);
  const first = line[valueStart];
  if (valueStart >= line.length || first === "#") return { text: out + line.slice(valueStart) };
  if (first === "|" || first === ">") return { text: out + line.slice(valueStart), blockScalarIndent: column };
  const atPlaceholder = line.startsWith(PLACEHOLDER_START, valueStart);
  if ((first === "[" || first === "{") && !atPlaceholder)
    return { text: out + line.slice(valueStart), flowStart: valueStart };
  // Quoted already, an alias, an anchor or a tag: left as written.
  if (first === '"' || first === "'" || first === "*" || first === "&" || first === "!")
    return { text: out + line.slice(valueStart) };

  const commentStart = plainScalarEnd(line, valueStart);
  const valueEnd = valueStart + line.slice(valueStart, commentStart).trimEnd().length;
  const value = line.slice(valueStart, valueEnd);
  if (!holdsPlaceholder(value)) return { text: out + line.slice(valueStart) };
  return { text: out + JSON.stringify(value) + line.slice(valueEnd) };
}

/** A non-global copy: `test` on the shared global pattern would carry `lastIndex` between calls. */
function holdsPlaceholder(s: string): boolean {
  return new RegExp(PLACEHOLDER_RE.source).test(s);
}

/**
 * The `:` that ends a mapping key starting at `from` (followed by a blank or the line's end), or -1. A key
 * may itself be a placeholder (whose own `: ` is skipped) or quoted; a plain scalar with ` #` has a comment.
 */
function keyColon(line: string, from: number): number {
  const first = line[from];
  if (first === '"' || first === "'") {
    const close = closingQuote(line, from);
    if (close === -1) return -1;
    const after = leadingBlanks(line, close + 1);
    return line[after] === ":" && (after + 1 === line.length || isBlank(line[after + 1])) ? after : -1;
  }
  if ((first === "[" || first === "{") && !line.startsWith(PLACEHOLDER_START, from)) return -1;
  for (let j = from; j < line.length; j++) {
    if (line.startsWith(PLACEHOLDER_START, j)) {
      const close = line.indexOf("]", j);
      if (close === -1) return -1;
      j = close;
      continue;
    }
    const c = line[j];
    if (c === "#" && j > from && isBlank(line[j - 1])) return -1;
    if (c === ":" && (j + 1 === line.length || isBlank(line[j + 1]))) return j;
  }
  return -1;
}

/** The end of a quoted scalar starting at `from` (`''` escapes a single quote, `\` a double one), or -1. */
function closingQuote(line: string, from: number): number {
  const quote = line[from];
  for (let j = from + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === "\\") j++;
    else if (line[j] === quote) {
      if (quote === "'" && line[j + 1] === "'") j++;
      else return j;
    }
  }
  return -1;
}

/** Where a plain scalar starting at `from` ends: at a ` #` comment, or the end of the line. */
function plainScalarEnd(line: string, from: number): number {
  for (let j = from + 1; j < line.length; j++) if (line[j] === "#" && isBlank(line[j - 1])) return j;
  return line.length;
}

/** Opening minus closing brackets from `from`, outside quotes: how deep a flow collection is left open. */
function bracketBalance(line: string, from: number): number {
  let depth = 0;
  for (let j = from; j < line.length; j++) {
    const c = line[j];
    if (c === '"' || c === "'") {
      const close = closingQuote(line, j);
      if (close === -1) break;
      j = close;
    } else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "#" && (j === 0 || isBlank(line[j - 1]))) break;
  }
  return depth;
}

function leadingBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length && isBlank(line[i])) i++;
  return i;
}

function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t";
}
