// Hidden HTML: comment-like markup, elements GitHub drops or hides, and attributes nobody sees.
//
// Comment-like markup: HTML comments, and what GitHub's HTML parser turns into "bogus comments" that nobody sees:
// processing instructions `<?…>`, CDATA sections and declarations `<!DOCTYPE …>`. By the HTML spec's bogus
// comment state, a bogus comment ends at the first `>` (not at `?>`), so that is where we end `<?` and `<!X`; a
// CDATA section ends at `]]>`, which removes at least what the browser hides. Unclosed, any of them hides the rest
// of its paragraph; at the start of a block it opens an HTML block that runs to the end of the document, and the
// browser then hides everything up to the end, so we remove up to the end too.
//
// Attributes are an allowlist: a person sees an element's text, never its attribute values (tooltips, alt text,
// `class`, `lang`, `value`, anything made up), so only the link targets a reader can follow are kept.
import type { Range } from "./code-ranges.js";
import { count, insideAny, type Counts } from "./sanitize-counts.js";

/** An HTML start or end tag with its attributes; quoted values may hold `>`. */
export const TAG_PATTERN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[\s/](?:[^<>"']|"[^"]*"|'[^']*')*)?)>/g;
/** A `style` value that hides its element. */
export const HIDING_STYLE_PATTERN = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** What starts a comment-like construct: a comment, a CDATA section, a declaration (`<!` and a letter, as CommonMark has it) or a processing instruction. */
export const COMMENT_OPENER_PATTERN = /^<(?:!--|!\[CDATA\[|![A-Za-z]|\?)/;

/** The one attribute per element whose value a reader can follow: a link's or a media element's target. */
const VISIBLE_ATTRIBUTE: ReadonlyMap<string, string> = new Map([
  ["a", "href"],
  ["area", "href"],
  ["img", "src"],
  ["source", "src"],
  ["video", "src"],
  ["audio", "src"],
]);

/** Elements GitHub's sanitiser drops together with their content. */
const DROPPED_ELEMENTS = new Set(["script", "style", "template"]);

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

interface Opener {
  kind: string;
  /** Characters of the opener before the search for its end starts (`<!-->` is a whole, empty comment). */
  length: number;
  close: string;
}

/** The comment-like construct `head` (up to nine characters from a `<`) starts, if any. */
function classifyOpener(head: string): Opener | undefined {
  const opener = COMMENT_OPENER_PATTERN.exec(head)?.[0];
  if (opener === undefined) return undefined;
  if (opener === "<!--") return { kind: "html-comment", length: 2, close: "-->" };
  if (opener === "<![CDATA[") return { kind: "cdata-section", length: 9, close: "]]>" };
  if (opener === "<?") return { kind: "processing-instruction", length: 2, close: ">" };
  return { kind: "declaration", length: 2, close: ">" };
}

/** `text.indexOf(needle, from)` for calls whose `from` mostly grows: each stretch of text is searched once, so many unclosed openers stay linear. */
function finder(text: string, needle: string): (from: number) => number {
  let searchedFrom = Infinity;
  let found = -1;
  return (from) => {
    if (from < searchedFrom || (found >= 0 && found < from)) {
      searchedFrom = from;
      found = text.indexOf(needle, from);
    }
    return found;
  };
}

/**
 * The text kept so far, as parts: reading or trimming the end of one growing string would copy it each time
 * (V8 flattens a concatenated string to read from it), which made many removals quadratic.
 */
class Kept {
  readonly parts: string[] = [];

  push(part: string): void {
    if (part !== "") this.parts.push(part);
  }

  /** The last `n` characters (fewer if there are fewer). */
  tail(n: number): string {
    let tail = "";
    for (let p = this.parts.length - 1; p >= 0 && tail.length < n; p--) tail = (this.parts[p] ?? "") + tail;
    return tail.slice(-n);
  }

  drop(n: number): void {
    let left = n;
    while (left > 0) {
      const last = this.parts.pop() ?? "";
      if (last.length > left) this.parts.push(last.slice(0, last.length - left));
      left -= Math.min(left, last.length);
      if (last === "") break;
    }
  }

  /** Whether the end is the start of a line, up to indentation and quote or list markers: where an HTML block starts. */
  atBlockStart(): boolean {
    for (let p = this.parts.length - 1; p >= 0; p--) {
      const part = this.parts[p] ?? "";
      for (let k = part.length - 1; k >= 0; k--) {
        const c = part[k] ?? "";
        if (c === "\n" || c === "\r") return true;
        if (!" \t>*+-.)0123456789".includes(c)) return false;
      }
    }
    return true;
  }
}

/**
 * Removes comment-like markup outside code spans (`<!--` inside a code span is literal). Text around a removed
 * construct can join into a new opener (`<!<!-- x -->-- y -->`): that opener is taken too, so none survives.
 */
export function removeComments(text: string, spans: Range[], removed: Counts): string {
  const finders = new Map<string, (from: number) => number>();
  const find = (needle: string, from: number): number => {
    const f = finders.get(needle) ?? finder(text, needle);
    finders.set(needle, f);
    return f(from);
  };
  const out = new Kept();
  let i = 0;
  let cursor = 0;
  // Characters taken back from the end of `out` because, with the text after a removal, they open a construct.
  let carried = "";
  while (i < text.length || carried !== "") {
    if (carried === "") {
      const lt = text.indexOf("<", i);
      if (lt < 0) break;
      const span = insideAny(spans, cursor, lt);
      cursor = span.cursor;
      if (span.inside) {
        const end = Math.max(spans[cursor]?.end ?? 0, lt + 1);
        out.push(text.slice(i, end));
        i = end;
        continue;
      }
      out.push(text.slice(i, lt));
      i = lt;
    }
    const head = carried + text.slice(i, i + 9);
    const opener = classifyOpener(head);
    if (opener === undefined) {
      out.push(text.slice(i, i + 1));
      i++;
      continue;
    }
    const local = head.indexOf(opener.close, opener.length);
    let end: number;
    if (local >= 0 && local < carried.length) end = i + local + opener.close.length - carried.length;
    else {
      const close = find(opener.close, i + Math.max(0, opener.length - carried.length));
      const paragraphEnd = find("\n\n", i + Math.max(0, opener.length - carried.length));
      end = close >= 0 ? close + opener.close.length : out.atBlockStart() ? text.length : paragraphEnd >= 0 ? paragraphEnd : text.length;
    }
    count(removed, opener.kind);
    i = Math.max(i, end);
    carried = "";
    const tail = out.tail(8);
    const q = tail.lastIndexOf("<");
    if (q >= 0 && classifyOpener(tail.slice(q) + text.slice(i, i + 9)) !== undefined) {
      carried = tail.slice(q);
      out.drop(carried.length);
    }
  }
  return out.parts.join("") + text.slice(i);
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

export function removeHiddenElements(text: string, removed: Counts, code: Range[]): string {
  const { tags, endOf } = scanTags(text);
  let out = "";
  let at = 0;
  let c = 0;
  tags.forEach((tag, t) => {
    if (tag.index < at) return;
    const tagEnd = tag.index + tag.length;
    if (tag.closing) {
      // An end tag's attributes are ignored by the browser, so whatever they say is seen by nobody.
      const hiddenCount = readAttributes(tag.attributes).length;
      if (hiddenCount === 0) return;
      count(removed, "hidden-attribute", hiddenCount);
      out += text.slice(at, tag.index) + `</${tag.rawName}>`;
      at = tagEnd;
      return;
    }
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
    const visible = VISIBLE_ATTRIBUTE.get(tag.name);
    const kept = attributes.filter((a) => {
      if (a.name === visible) return true;
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
