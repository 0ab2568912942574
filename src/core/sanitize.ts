// Text an agent will read: nothing a person reviewing the issue cannot see may reach the agent. Hidden
// instructions ride in HTML comments, invisible Unicode (tag characters, bidi controls, zero-width characters),
// image alt text, link titles, comment-like markup (processing instructions, CDATA, declarations), hidden HTML
// elements and every attribute but a link's target; all of it is removed, and what was removed is counted by kind.
// Each concern lives in its own file: sanitize-html.ts (markup), sanitize-references.ts (reference definitions).
//
// Code blocks are kept verbatim apart from invisible characters: people see code literally, so nothing in it
// is hidden. Inline code is kept too, except that text which looks like hidden HTML or alt text is removed even
// there: a code span we might misjudge must never shield hidden text, so we fail towards removing.
//
// Also removed: C0/C1 control characters and ANSI escape sequences (a terminal or an Actions log can conceal text
// with them), `<script>`, `<style>` and `<template>` elements with their content (GitHub drops them), and link
// reference definitions whose label is never shown (GitHub renders no definition; `[Ignore …]: https://x` would
// reach only the agent). A full reference `[text][label]` shows no label either: it is inlined as `[text](url)`.
// Attributes go even inside inline code, so `<input type="checkbox">` in a code span reads `<input>`: the cost of
// never letting a misjudged code span carry an attribute nobody sees.
//
// Known costs: removing U+200D breaks emoji ZWJ sequences into their parts (👨‍👩‍👧 becomes 👨👩👧) and removing
// variation selectors turns some emoji into their text form; both are acceptable for text an agent reads.
// Characters unassigned in Node's Unicode version (`\p{Cn}`) are removed, so emoji newer than it are lost.
import { findCodeRanges, type Range } from "./code-ranges.js";
import { count, type Counts } from "./sanitize-counts.js";
import { removeComments, removeHiddenElements } from "./sanitize-html.js";
import { resolveReferences } from "./sanitize-references.js";

// The patterns live with their concern; they are re-exported here, the one module callers and tests import.
export { COMMENT_OPENER_PATTERN, HIDING_STYLE_PATTERN, TAG_PATTERN } from "./sanitize-html.js";
export { BRACKETED_PATTERN, REFERENCE_DEFINITION_PATTERN } from "./sanitize-references.js";

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
/** `![alt](` or `![alt][`: alt text is invisible unless the image fails to load. One level of nested brackets. */
export const IMAGE_ALT_PATTERN = /!\[(?:[^[\]]|\[[^[\]]*\])+\](?=[([])/g;
/** `](url "title")`: the title shows only on hover. The URL may be `<...>`. */
export const LINK_TITLE_PATTERN = /\]\((<[^<>\n]{0,2048}>|[^\s()<>]{0,2048})[ \t\n]{1,16}(?:"[^"]{0,1000}"|'[^']{0,1000}'|\([^()]{0,1000}\))[ \t\n]{0,16}\)/g;
/** `[ref]: url "title"` on one line. */
export const REFERENCE_TITLE_PATTERN = /^( {0,3}\[[^[\]\r\n]{1,999}\]:[ \t]{0,16}(?:<[^<>\r\n]{0,2048}>|[^\s<]\S{0,2047}))[ \t]{1,16}(?:"[^"\r\n]{0,1000}"|'[^'\r\n]{0,1000}'|\([^()\r\n]{0,1000}\))[ \t]*$/gm;

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
