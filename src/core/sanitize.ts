// Text an agent will read: nothing a person reviewing the issue cannot see may reach the agent, and nothing a
// person sees may be kept from it. What is visible is decided from the document's structure, never from patterns
// over the raw text: the document is rendered as GitHub renders it (the shared markdown-it, GFM with footnotes),
// the HTML is parsed by a spec-conformant parser, and only the text a reader sees is written back as markdown.
//   1. ANSI escape sequences go first: they are terminal markup, and their printable tail (`[8m`) is noise. YAML
//      frontmatter is kept as it is (less invisible characters): our issue body shows it as a YAML block.
//   2. visible-render.ts: markdown → token stream → HTML → DOM; fence info strings, mermaid `%%` comments and
//      task markers handled on the tokens; reference definitions and unreferenced footnotes never render. The DOM
//      is parse5's, or, for the well-formed HTML markdown-it writes, the same tree built by visible-html.ts.
//   3. visible-markdown.ts + visible-inline.ts: the DOM → markdown, keeping only visible text (comments, hidden
//      elements, alt text, titles and every attribute but a link's target or an image's source are gone), with
//      invisible characters removed whether they came raw or as character references (`&#xE0041;`).
//   4. escape-text.ts: the text escaped so that it reads back as itself.
// What was removed is counted by kind. test/sanitize-differential.test.ts checks, for every red-team case, that
// the text kept equals the visible text a browser-grade parser extracts from GitHub-style HTML.
//
// Known costs: the agent gets markdown we wrote, not the author's: emphasis may be dropped where it would not read
// back, escapes appear before punctuation that could start markup, raw HTML becomes its text. Removing U+200D
// breaks emoji ZWJ sequences into their parts; removing variation selectors turns some emoji into text form.
import { splitFrontmatter } from "./frontmatter.js";
import { count, type Counts } from "./sanitize-counts.js";
import { stripInvisible } from "./visible-dom.js";
import { renderVisibleDom } from "./visible-render.js";
import { blocks } from "./visible-markdown.js";

export { CONTROL_CHARACTER_PATTERN, HIDING_STYLE_PATTERN, INVISIBLE_PATTERN } from "./visible-dom.js";

export interface Sanitized {
  text: string;
  /** kind → how many were removed, e.g. `{ "html-comment": 1, "zero-width": 3 }`. */
  removed: Record<string, number>;
}

/**
 * Whole ANSI sequences: CSI (`ESC [ … letter`, such as SGR 8, conceal) and OSC (`ESC ] … BEL`, such as a terminal
 * hyperlink). Bounded, so an unterminated one costs little.
 */
export const ANSI_PATTERN = /\x1B\[[0-?]{0,64}[ -/]{0,16}[@-~]|\x1B\][^\x07\x1B]{0,2048}(?:\x07|\x1B\\)/g;

function sanitizeOnce(text: string, removed: Counts, visible: string[]): string {
  const plain = text.replace(ANSI_PATTERN, () => {
    count(removed, "ansi-escape");
    return "";
  });
  // Frontmatter is data the reader sees (our issue shows it as a YAML block): kept as it is, less invisible characters.
  const { yaml, body } = splitFrontmatter(plain);
  const unmarked = plain.startsWith("\uFEFF") ? plain.slice(1) : plain;
  const head = yaml === null ? "" : stripInvisible(unmarked.slice(0, unmarked.length - body.length), removed);
  if (head !== "") visible.push(head);
  const dom = renderVisibleDom(yaml === null ? plain : body, removed);
  const written = blocks(dom.childNodes, { removed, visible }, 0);
  const tail = written === "" ? "" : `${written}\n`;
  return head === "" ? tail : `${head}${head.endsWith("\n") ? "" : "\n"}${tail === "" ? "" : "\n"}${tail}`;
}

/** The visible text of a document as markdown, with what was removed counted, and the visible pieces in order. */
export function readVisible(text: string): Sanitized & { visible: string[] } {
  const removed: Counts = {};
  const visible: string[] = [];
  return { text: sanitizeOnce(text, removed, visible), removed, visible };
}

/**
 * Removes everything hidden from people but readable by an agent, and counts it by kind. Never throws on any
 * string. Idempotent: the markdown it writes reads back as the same visible text.
 */
export function sanitizeForAgent(text: string): Sanitized {
  const { text: out, removed } = readVisible(text);
  return { text: out, removed };
}

/**
 * An issue title as an agent may read it. GitHub shows a title as plain text (no markdown, no HTML), so only what
 * is invisible in any text is removed: format, private-use and unassigned characters, controls, ANSI sequences.
 */
export function sanitizeTitleForAgent(title: string): Sanitized {
  const removed: Counts = {};
  const plain = title.replace(ANSI_PATTERN, () => {
    count(removed, "ansi-escape");
    return "";
  });
  return { text: stripInvisible(plain, removed), removed };
}
