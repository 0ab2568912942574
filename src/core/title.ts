// The title, and the inline-markdown-to-text helper shared by headings, metadata keys and titles.
import { guardAll } from "./guarded.js";
import { MAX_TITLE_CHARS } from "./limits.js";
import type { Block } from "./markdown.js";

export const FALLBACK_TITLE = "Untitled handoff";

/** Inline text is cut to this length before any pattern runs: a title never needs more, and it bounds the work on a 1 MB line. */
const MAX_INLINE_SCAN = 4_096;

export const TITLE_PATTERNS = {
  htmlTag: /<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>\n]{0,500})?\/?>/g,
  atxOpen: /^#{1,6}(?:\s+|$)/,
  emphasis: /\*{1,3}|~~/g,
  whitespace: /\s+/g,
  // `Return handoff: …`, `Return: …`, `Handoff return — …`: a title that announces a return handoff.
  returnTitle: /^(?:handoff\s{1,10})?return(?:\s{1,10}handoff)?\s{0,10}(?:[:—–|-]|$)/i,
  sectionNumber: /^\d{1,3}\.\s+/,
  // What plainText's rules act on: markup characters, whitespace but a lone inner space. Text without any is plain.
  notPlain: /[[<#*~`_]|[^\S ]| {2}|^ | $/,
  // What collapsing whitespace would change: whitespace but a space, or two in a row.
  notCollapsed: /[^\S ]| {2}/,
} as const;

/** Every return title holds `return`: a title without it never compiles the pattern. */
export const TITLE_NEEDLES = { returnTitle: "return" } as const;
export const TITLE_SIGNS = guardAll(TITLE_PATTERNS, TITLE_NEEDLES);

/** One line of inline markdown as plain text: links become their text; emphasis, code ticks, tags and `#` go; whitespace collapses. */
export function plainText(markdown: string): string {
  // Most headings, labels and titles are plain already: returned as they are, without a copy per rule.
  return markdown.length <= MAX_INLINE_SCAN && !TITLE_PATTERNS.notPlain.test(markdown)
    ? markdown
    : plainTextByRules(markdown);
}

/** plainText without the shortcut for text that is plain already. */
export function plainTextByRules(markdown: string): string {
  const text = withoutClosingHashes(
    collapseWhitespace(linkTexts(markdown.slice(0, MAX_INLINE_SCAN)).replace(TITLE_PATTERNS.htmlTag, ""))
      .trim()
      .replace(TITLE_PATTERNS.atxOpen, ""),
  )
    .replace(TITLE_PATTERNS.emphasis, "")
    .replaceAll("`", "");
  return collapseWhitespace(stripUnderscoreEmphasis(text)).trim();
}

/** `text.replace(/\s+/g, " ")`, without a match per space and a copy when that would change nothing. */
export function collapseWhitespace(text: string): string {
  return TITLE_PATTERNS.notCollapsed.test(text) ? text.replace(TITLE_PATTERNS.whitespace, " ") : text;
}

// `[text](url)` and `![alt](url)` → their text. A scan rather than a pattern: an unanchored `\[([^\]]*)\]\(` is
// retried from every `[` and turns quadratic (recheck finds it).
function linkTexts(text: string): string {
  let out = "";
  let i = 0;
  let noParen = false;
  while (i < text.length) {
    const open = text.indexOf("[", i);
    if (open === -1) break;
    let close = open + 1;
    let start = open;
    // The innermost bracket wins, so every character is looked at once.
    while (close < text.length && text[close] !== "]" && text[close] !== "\n") {
      if (text[close] === "[") start = close;
      close++;
    }
    const end = text[close] === "]" && text[close + 1] === "(" && !noParen ? text.indexOf(")", close + 2) : -1;
    // With no `)` left, no later link can close either; remembering that keeps the scan linear.
    if (end === -1 && text[close + 1] === "(") noParen = true;
    if (end === -1 || text.slice(close + 2, end).includes("\n")) {
      out += text.slice(i, close);
      i = close;
      if (i === open) i++;
      continue;
    }
    const bang = start > i && text[start - 1] === "!" ? 1 : 0;
    out += text.slice(i, start - bang) + text.slice(start + 1, close);
    i = end + 1;
  }
  return out + text.slice(i);
}

/** `## Title ##` → `Title`: ATX headings may close with hashes after a space. */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === text.length || end === 0 || text[end - 1] !== " ") return text;
  return text.slice(0, end).trimEnd();
}

// `__bold__` and `_italic_` go, `snake_case` stays: an underscore run is emphasis only at a word's edge.
function stripUnderscoreEmphasis(text: string): string {
  if (!text.includes("_")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "_") {
      out += text[i];
      continue;
    }
    let j = i;
    while (text[j] === "_") j++;
    const before = i === 0 ? "" : (text[i - 1] as string);
    const after = j >= text.length ? "" : (text[j] as string);
    if (isWordChar(before) && isWordChar(after)) out += text.slice(i, j);
    i = j - 1;
  }
  return out;
}

function isWordChar(c: string): boolean {
  if (c === "") return false;
  if (c >= "0" && c <= "9") return true;
  return c.toLowerCase() !== c.toUpperCase();
}

/** At most `max` characters, cut at a word boundary with `…` when it is too long. */
export function clampTitle(text: string, max: number = MAX_TITLE_CHARS): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  // A single enormous word has no boundary worth keeping; cut it where it is.
  const cut = space >= max * 0.5 ? room.slice(0, space) : room;
  return `${cut.trimEnd()}…`;
}

export interface TitleInput {
  frontmatterTitle?: string | undefined;
  /** A frontmatter `name` (task trackers write `id:` and `name:`): the title when the body has no H1. */
  frontmatterName?: string | undefined;
  blocks: readonly Block[];
  /** Whether a body line (0-based) is a `Key: value` metadata line, which never becomes the title. */
  isMetadataLine: (bodyLine: number) => boolean;
}

/** Frontmatter `title`, else the first H1, else a frontmatter `name`, else the first meaningful line, else `Untitled handoff`. */
export function extractTitle(input: TitleInput): string {
  const fromFrontmatter = input.frontmatterTitle === undefined ? "" : plainText(input.frontmatterTitle);
  if (fromFrontmatter) return clampTitle(fromFrontmatter);
  const h1 = input.blocks.find(
    (b) => b.kind === "heading" && b.level === 1 && b.depth === 0 && plainText(b.content) !== "",
  );
  if (h1) return clampTitle(plainText(h1.content));
  const fromName = input.frontmatterName === undefined ? "" : plainText(input.frontmatterName);
  if (fromName) return clampTitle(fromName);
  const line = firstMeaningfulLine(input);
  return line ? clampTitle(line) : FALLBACK_TITLE;
}

function firstMeaningfulLine(input: TitleInput): string | null {
  for (const block of input.blocks) {
    if (block.kind === "heading") {
      // A numbered first heading (`## 1. Informe para …`) names the document without its number.
      const text = plainText(block.content).replace(TITLE_PATTERNS.sectionNumber, "");
      if (text) return text;
      continue;
    }
    if (block.kind !== "paragraph" && block.kind !== "cell") continue;
    const lines = block.content.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (input.isMetadataLine(block.start + i)) continue;
      const text = plainText(lines[i] as string);
      if (text) return text;
    }
  }
  return null;
}

/** Whether a title or first heading reads as a return handoff (`Return handoff: …`, `Return: …`). */
export function looksLikeReturn(title: string): boolean {
  return TITLE_SIGNS.returnTitle.test(plainText(title));
}
