// Text an agent will read: nothing a person reviewing the issue cannot see may reach the agent. Hidden
// instructions ride in HTML comments, invisible Unicode (tag characters, bidi controls, zero-width characters),
// image alt text, link titles and hidden HTML; all of it is removed, and what was removed is counted by kind.
//
// Code blocks are kept verbatim apart from invisible characters: people see code literally, so nothing in it
// is hidden. Inline code is kept too, except that text which looks like hidden HTML or alt text is removed even
// there: a code span we might misjudge must never shield hidden text, so we fail towards removing.
//
// Also removed: C0/C1 control characters and ANSI escape sequences (a terminal or an Actions log can conceal text
// with them), `<script>`, `<style>` and `<template>` elements with their content (GitHub drops them), and link
// reference definitions whose label is never shown (GitHub renders no definition; `[Ignore …]: https://x` would
// reach only the agent). A full reference `[text][label]` shows no label either: it is inlined as `[text](url)`.
//
// Known costs: removing U+200D breaks emoji ZWJ sequences into their parts (👨‍👩‍👧 becomes 👨👩👧) and removing
// variation selectors turns some emoji into their text form; both are acceptable for text an agent reads.
// Characters unassigned in Node's Unicode version (`\p{Cn}`) are removed, so emoji newer than it are lost.
import { findCodeRanges, type Range } from "./code-ranges.js";

export interface Sanitized {
  text: string;
  /** kind → how many were removed, e.g. `{ "html-comment": 1, "zero-width": 3 }`. */
  removed: Record<string, number>;
}

/** Invisible and format characters. `\p{Cf}` covers bidi controls, zero-width characters, U+FEFF and most tags. */
export const INVISIBLE_PATTERN = /[\p{Cf}\p{Co}\p{Cn}\u{E0000}-\u{E007F}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
/**
 * C0 and C1 control characters other than tab, LF and CR, and whole ANSI sequences: CSI (`ESC [ … letter`, such as
 * SGR 8, conceal) and OSC (`ESC ] … BEL`, such as a terminal hyperlink). Bounded, so an unterminated one costs little.
 */
export const CONTROL_PATTERN = /\x1B\[[0-?]{0,64}[ -/]{0,16}[@-~]|\x1B\][^\x07\x1B]{0,2048}(?:\x07|\x1B\\)|[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;
/** A link reference definition on its own line(s) once titles are gone: `[label]: url`; a `>` quote prefix is group 1. */
export const REFERENCE_DEFINITION_PATTERN =
  /^([ \t]{0,3}(?:>[ \t]{0,4}){0,8})\[([^[\]\r\n]{1,999})\]:[ \t]{0,16}(?:\r?\n[ \t]{0,16})?(<[^<>\r\n]{0,2048}>|[^\s<]\S{0,2047})[ \t]*$/gm;
/** Bracketed text: a link's text, a shortcut reference, or (right after `]`) a full reference's label. */
export const BRACKETED_PATTERN = /\[([^[\]\r\n]{1,999})\]/g;
/** `![alt](` or `![alt][`: alt text is invisible unless the image fails to load. One level of nested brackets. */
export const IMAGE_ALT_PATTERN = /!\[(?:[^[\]]|\[[^[\]]*\])+\](?=[([])/g;
/** `](url "title")`: the title shows only on hover. The URL may be `<...>`. */
export const LINK_TITLE_PATTERN = /\]\((<[^<>\n]{0,2048}>|[^\s()<>]{0,2048})[ \t\n]{1,16}(?:"[^"]{0,1000}"|'[^']{0,1000}'|\([^()]{0,1000}\))[ \t\n]{0,16}\)/g;
/** `[ref]: url "title"` on one line. */
export const REFERENCE_TITLE_PATTERN = /^( {0,3}\[[^[\]\r\n]{1,999}\]:[ \t]{0,16}(?:<[^<>\r\n]{0,2048}>|[^\s<]\S{0,2047}))[ \t]{1,16}(?:"[^"\r\n]{0,1000}"|'[^'\r\n]{0,1000}'|\([^()\r\n]{0,1000}\))[ \t]*$/gm;
/** An HTML start or end tag with its attributes; quoted values may hold `>`. */
export const TAG_PATTERN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[\s/](?:[^<>"']|"[^"]*"|'[^']*')*)?)>/g;
/** A `style` value that hides its element. */
export const HIDING_STYLE_PATTERN = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Attributes whose value a person never sees: tooltips, alt text, data and accessibility labels. */
const HIDDEN_TEXT_ATTRIBUTE = (name: string): boolean =>
  name === "title" || name === "alt" || name === "aria-label" || name === "aria-description" || name.startsWith("data-");

/** Elements GitHub's sanitiser drops together with their content. */
const DROPPED_ELEMENTS = new Set(["script", "style", "template"]);

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

function invisibleKind(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0xe0000 && cp <= 0xe007f) return "tag-character";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) {
    return "bidi-control";
  }
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff) return "zero-width";
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return "variation-selector";
  if (/\p{Co}/u.test(char)) return "private-use";
  if (/\p{Cn}/u.test(char)) return "unassigned";
  return "format-character";
}

type Counts = Record<string, number>;

function count(removed: Counts, kind: string, n = 1): void {
  removed[kind] = (removed[kind] ?? 0) + n;
}

function insideAny(ranges: Range[], from: number, index: number): { cursor: number; inside: boolean } {
  let cursor = from;
  while (cursor < ranges.length && (ranges[cursor]?.end ?? 0) <= index) cursor++;
  const range = ranges[cursor];
  return { cursor, inside: range !== undefined && range.start <= index };
}

/**
 * HTML comments, `<!--` to `-->` (also the empty `<!-->` and `<!--->`). An unclosed comment hides the rest of
 * its block when rendered, so it is removed to the end of the paragraph. `<!--` inside a code span is literal.
 * Text around a removed comment can join into a new opener (`<!<!-- x -->-- y -->`): that opener is taken as
 * a comment too, so the result never holds one.
 */
function removeComments(text: string, spans: Range[], removed: Counts): string {
  let out = "";
  let i = 0;
  let cursor = 0;
  while (i < text.length) {
    const open = text.indexOf("<!--", i);
    if (open < 0) break;
    const span = insideAny(spans, cursor, open);
    cursor = span.cursor;
    if (span.inside) {
      const end = Math.max(spans[cursor]?.end ?? 0, open + 4);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    out += text.slice(i, open);
    let openerEnd = open + 4;
    for (;;) {
      const close = text.indexOf("-->", Math.max(i, openerEnd - 2));
      const paragraphEnd = text.indexOf("\n\n", openerEnd);
      i = close >= 0 ? close + 3 : paragraphEnd >= 0 ? paragraphEnd : text.length;
      count(removed, "html-comment");
      const tail = out.slice(-3);
      const at = (tail + text.slice(i, i + 3)).indexOf("<!--");
      if (at < 0 || at >= tail.length) break;
      out = out.slice(0, out.length - (tail.length - at));
      openerEnd = i + 4 - (tail.length - at);
    }
  }
  return out + text.slice(i);
}

interface Tag {
  index: number;
  length: number;
  closing: boolean;
  name: string;
  rawName: string;
  attributes: string;
}

/** Every start and end tag, each start tag paired with where its element ends (one pass, a stack per name). */
function scanTags(text: string): { tags: Tag[]; endOf: Map<number, number> } {
  const tags: Tag[] = [];
  const endOf = new Map<number, number>();
  const open = new Map<string, number[]>();
  for (const m of text.matchAll(TAG_PATTERN)) {
    const [whole, slash = "", rawName = "", attributes = ""] = m;
    const tag = { index: m.index, length: whole.length, closing: slash === "/", name: rawName.toLowerCase(), rawName, attributes };
    tags.push(tag);
    const stack = open.get(tag.name) ?? [];
    open.set(tag.name, stack);
    if (!tag.closing && !VOID_ELEMENTS.has(tag.name) && !attributes.endsWith("/")) stack.push(tags.length - 1);
    else if (tag.closing) {
      const opener = stack.pop();
      if (opener !== undefined) endOf.set(opener, m.index + whole.length);
    }
  }
  return { tags, endOf };
}

interface Attribute {
  name: string;
  value: string;
  /** The attribute as written, with the whitespace before it. */
  raw: string;
}

/** Attributes of a start tag, by hand: regexes over quoted values backtrack quadratically on unclosed quotes. */
function readAttributes(text: string): Attribute[] {
  const attributes: Attribute[] = [];
  let i = 0;
  const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
  while (i < text.length) {
    const start = i;
    while (i < text.length && (isSpace(text[i]) || text[i] === "/")) i++;
    const nameStart = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== "/" && text[i] !== "=") i++;
    const name = text.slice(nameStart, i).toLowerCase();
    let value = "";
    let j = i;
    while (j < text.length && isSpace(text[j])) j++;
    if (text[j] === "=") {
      j++;
      while (j < text.length && isSpace(text[j])) j++;
      const quote = text[j];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, j + 1);
        const end = close < 0 ? text.length : close;
        value = text.slice(j + 1, end);
        i = Math.min(end + 1, text.length);
      } else {
        const valueStart = j;
        while (j < text.length && !isSpace(text[j])) j++;
        value = text.slice(valueStart, j);
        i = j;
      }
    }
    if (i === start) i++;
    if (name !== "") attributes.push({ name, value, raw: text.slice(start, i) });
  }
  return attributes;
}

function hides(attributes: Attribute[]): boolean {
  return attributes.some(
    (a) =>
      a.name === "hidden" ||
      (a.name === "aria-hidden" && a.value.trim().toLowerCase() === "true") ||
      (a.name === "style" && HIDING_STYLE_PATTERN.test(a.value)),
  );
}

/**
 * Where a dropped element (`<script>`, `<style>`, `<template>`) opened by tag `t` ends: its paired end tag, else the
 * first end tag of its name after it (`<script />` is not self-closing in HTML), else the end of the text, as in a
 * browser, where an unclosed `<script>` swallows the rest of the page.
 */
function droppedElementEnd(tags: Tag[], endOf: Map<number, number>, t: number, textLength: number): number {
  const paired = endOf.get(t);
  if (paired !== undefined) return paired;
  const name = tags[t]?.name;
  for (let u = t + 1; u < tags.length; u++) {
    const tag = tags[u];
    if (tag?.closing && tag.name === name) return tag.index + tag.length;
  }
  return textLength;
}

function removeHiddenElements(text: string, removed: Counts, code: Range[]): string {
  const { tags, endOf } = scanTags(text);
  let out = "";
  let at = 0;
  let c = 0;
  tags.forEach((tag, t) => {
    if (tag.index < at || tag.closing) return;
    const tagEnd = tag.index + tag.length;
    const inCode = insideAny(code, c, tag.index);
    c = inCode.cursor;
    // `<style>` written in inline code is the word, not an element: dropping to the end of the text would be costly.
    if (DROPPED_ELEMENTS.has(tag.name) && !inCode.inside) {
      out += text.slice(at, tag.index);
      count(removed, `${tag.name}-element`);
      at = droppedElementEnd(tags, endOf, t, text.length);
      return;
    }
    const attributes = readAttributes(tag.attributes);
    if (hides(attributes)) {
      out += text.slice(at, tag.index);
      count(removed, "hidden-html");
      const selfContained = VOID_ELEMENTS.has(tag.name) || tag.attributes.endsWith("/");
      const paragraphEnd = text.indexOf("\n\n", tagEnd);
      at = selfContained ? tagEnd : (endOf.get(t) ?? (paragraphEnd >= 0 ? paragraphEnd : text.length));
      return;
    }
    const kept = attributes.filter((a) => {
      if (!HIDDEN_TEXT_ATTRIBUTE(a.name)) return true;
      count(removed, tag.name === "img" && a.name === "alt" ? "image-alt-text" : "hidden-attribute");
      return false;
    });
    if (kept.length === attributes.length) {
      out += text.slice(at, tagEnd);
    } else {
      const slash = tag.attributes.trimEnd().endsWith("/") ? " /" : "";
      out += text.slice(at, tag.index) + `<${tag.rawName}${kept.map((a) => a.raw).join("")}${slash}>`;
    }
    at = tagEnd;
  });
  return out + text.slice(at);
}

function sanitizeProse(text: string, spans: Range[], removed: Counts): string {
  let result = removeComments(text, spans, removed);
  // Removing comments moved the code spans: find them again in what is left.
  result = removeHiddenElements(result, removed, findCodeRanges(result).code);
  result = result.replace(IMAGE_ALT_PATTERN, () => {
    count(removed, "image-alt-text");
    return "![]";
  });
  result = result.replace(LINK_TITLE_PATTERN, (_m: string, url: string) => {
    count(removed, "link-title");
    return `](${url})`;
  });
  return result.replace(REFERENCE_TITLE_PATTERN, (_m: string, definition: string) => {
    count(removed, "link-title");
    return definition;
  });
}

/** CommonMark matches labels case-insensitively with runs of whitespace collapsed. */
function normalizeLabel(label: string): string {
  return label.trim().replace(/[ \t\r\n]+/g, " ").toLowerCase();
}

/** A definition's destination written inline: `(` and `)` must be wrapped in `<>` or escaped. */
function inlineDestination(url: string): string {
  if (url.startsWith("<") || !/[()]/.test(url)) return url;
  return /[<>]/.test(url) ? url.replace(/[()]/g, "\\$&") : `<${url}>`;
}

/**
 * Link reference definitions across all prose of a document (a definition may sit on the other side of a code
 * block from its use). Full references are inlined, then every definition whose label is never shown is removed.
 */
function resolveReferences(proses: string[], removed: Counts): string[] {
  const definitions = new Map<string, string>();
  for (const prose of proses) {
    for (const m of prose.matchAll(REFERENCE_DEFINITION_PATTERN)) {
      const label = normalizeLabel(m[2] ?? "");
      if (!definitions.has(label)) definitions.set(label, m[3] ?? "");
    }
  }
  if (definitions.size === 0) return proses;
  const inlined = proses.map((prose) =>
    prose.replace(BRACKETED_PATTERN, (whole: string, label: string, offset: number) => {
      const url = prose[offset - 1] === "]" ? definitions.get(normalizeLabel(label)) : undefined;
      if (url === undefined) return whole;
      count(removed, "reference-label");
      return `(${inlineDestination(url)})`;
    }),
  );
  const shown = new Set<string>();
  for (const prose of inlined) {
    const outside = prose.replace(REFERENCE_DEFINITION_PATTERN, "");
    for (const m of outside.matchAll(BRACKETED_PATTERN)) if (outside[m.index - 1] !== "]") shown.add(normalizeLabel(m[1] ?? ""));
  }
  return inlined.map((prose) =>
    prose.replace(REFERENCE_DEFINITION_PATTERN, (whole: string, prefix: string, label: string) => {
      if (shown.has(normalizeLabel(label))) return whole;
      count(removed, "reference-definition");
      return prefix.trimEnd();
    }),
  );
}

function sanitizeOnce(text: string, removed: Counts, codeBlind: boolean): string {
  const visible = text
    .replace(CONTROL_PATTERN, (match) => {
      count(removed, match.length > 1 ? "ansi-escape" : "control-character");
      return "";
    })
    .replace(INVISIBLE_PATTERN, (char) => {
      count(removed, invisibleKind(char));
      return "";
    });
  const { blocks, spans } = codeBlind ? { blocks: [], spans: [] } : findCodeRanges(visible);
  let result = "";
  let at = 0;
  let s = 0;
  const prose = (end: number): string => {
    const local: Range[] = [];
    for (; s < spans.length && (spans[s]?.start ?? end) < end; s++) {
      const span = spans[s];
      if (span && span.start >= at) local.push({ start: span.start - at, end: Math.min(span.end, end) - at });
    }
    return sanitizeProse(visible.slice(at, end), local, removed);
  };
  const proses: string[] = [];
  const codes: string[] = [];
  for (const block of blocks) {
    if (block.start < at) continue;
    proses.push(prose(block.start));
    codes.push(visible.slice(block.start, block.end));
    at = block.end;
  }
  proses.push(prose(visible.length));
  const resolved = resolveReferences(proses, removed);
  resolved.forEach((p, i) => {
    result += p + (codes[i] ?? "");
  });
  return result;
}

/**
 * Removes everything hidden from people but readable by an agent, and counts it by kind. Never throws.
 * Idempotent: removing text can change where code blocks are (a comment's removal can turn a line into a fence),
 * so it runs until nothing changes; after a few rounds it stops respecting code at all, which is a fixed point.
 */
export function sanitizeForAgent(text: string): Sanitized {
  const removed: Counts = {};
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = sanitizeOnce(current, removed, false);
    if (next === current) return { text: current, removed };
    current = next;
  }
  return { text: sanitizeOnce(current, removed, true), removed };
}
