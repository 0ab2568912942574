// What a person sees of a DOM node, by the rules GitHub's renderer and a browser apply. Shared by the block and
// inline walks (visible-markdown.ts, visible-inline.ts).
//
// GitHub's HTML sanitiser keeps a short list of elements and attributes; everything else is stripped. We follow it,
// with one deliberate deviation towards hiding: an element its author marked hidden (`hidden`, `aria-hidden="true"`,
// `display: none`, `visibility: hidden`) is removed with its content, although GitHub strips those attributes and
// then shows the text. The author meant it unseen, and other renderers (mail clients, mirrors) honour it.
import type { DefaultTreeAdapterTypes } from "parse5";
import { count, type Counts } from "./sanitize-counts.js";

export type Node = DefaultTreeAdapterTypes.ChildNode;
export type Element = DefaultTreeAdapterTypes.Element;

/** Invisible and format characters. `\p{Cf}` covers bidi controls, zero-width characters, U+FEFF and most tags. */
export const INVISIBLE_PATTERN = /[\p{Cf}\p{Co}\p{Cn}\u{E0000}-\u{E007F}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
/** C0 and C1 control characters other than tab, LF and CR: invisible on GitHub. */
export const CONTROL_CHARACTER_PATTERN = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;
/** A `style` value that hides its element. */
export const HIDING_STYLE_PATTERN = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * Elements nobody sees, dropped with their content: what GitHub's sanitiser removes whole (`script`), and what a
 * browser never displays (`style`, `template`, `title`, `noscript`, `rp`, ...).
 */
export const HIDDEN_ELEMENTS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "template",
  "title",
  "head",
  "noscript",
  "noembed",
  "noframes",
  "iframe",
  "rp",
  "datalist",
]);

/** Elements that start a block of their own: a line break before and after in any text flattened from them. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "details",
  "dialog",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
  "ul",
]);

export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

export function isElement(node: Node): node is Element {
  return "tagName" in node;
}

/** Whether the element's author hid it (see the deviation above). */
export function markedHidden(element: Element): boolean {
  return element.attrs.some(
    (a) =>
      a.name === "hidden" ||
      (a.name === "aria-hidden" && a.value.trim().toLowerCase() === "true") ||
      (a.name === "style" && HIDING_STYLE_PATTERN.test(a.value)),
  );
}

function invisibleKind(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0xe0000 && cp <= 0xe007f) return "tag-character";
  if (
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x061c
  ) {
    return "bidi-control";
  }
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff) return "zero-width";
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return "variation-selector";
  if (/\p{Co}/u.test(char)) return "private-use";
  if (/\p{Cn}/u.test(char)) return "unassigned";
  return "format-character";
}

/** Text with invisible and control characters removed, each counted by kind. They arrive raw or as references. */
export function stripInvisible(text: string, removed: Counts): string {
  return text
    .replace(INVISIBLE_PATTERN, (char) => {
      count(removed, invisibleKind(char));
      return "";
    })
    .replace(CONTROL_CHARACTER_PATTERN, () => {
      count(removed, "control-character");
      return "";
    });
}

/** Counts why a node shows nothing; true when it is to be skipped. */
export function skipUnseen(node: Node, removed: Counts): boolean {
  if (node.nodeName === "#comment") {
    const data = "data" in node ? node.data : "";
    count(
      removed,
      data.startsWith("?") ? "processing-instruction" : data.startsWith("[CDATA[") ? "cdata-section" : "html-comment",
    );
    return true;
  }
  if (node.nodeName === "#documentType") {
    count(removed, "declaration");
    return true;
  }
  if (!isElement(node)) return false;
  if (HIDDEN_ELEMENTS.has(node.tagName)) {
    count(removed, `${node.tagName}-element`);
    return true;
  }
  if (markedHidden(node)) {
    count(removed, "hidden-html");
    return true;
  }
  return false;
}

/**
 * The visible text of some nodes, as it stands (no whitespace collapsing): for code, and for whatever is nested
 * too deep to walk as structure. Iterative, so a document nested ten thousand deep costs no stack.
 */
export function plainText(nodes: readonly Node[], removed: Counts): string {
  let out = "";
  const stack: Array<Node | string> = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (typeof node === "string") {
      out += node;
      continue;
    }
    if (skipUnseen(node, removed)) continue;
    if (node.nodeName === "#text" && "value" in node) out += stripInvisible(node.value, removed);
    if (!isElement(node)) continue;
    if (node.tagName === "br") out += "\n";
    const block = BLOCK_ELEMENTS.has(node.tagName);
    if (block) stack.push("\n");
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
    if (block) stack.push("\n");
  }
  return out;
}
