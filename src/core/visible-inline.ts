// The inline half of writing the visible DOM back as markdown: text, code, links, images, emphasis and breaks.
// Output is a list of segments, each visible text, code, or markup we add; escaping is decided over the whole run
// afterwards (escape-text.ts), because whether `_` or `1.` means something depends on the characters around it,
// which may sit in a neighbouring segment. Links keep their target and images their source, the one attribute a
// reader can follow; every other attribute (title, alt, class, data-*, ...) is gone, and counted.
import { markdown } from "./markdown.js";
import { count, type Counts } from "./sanitize-counts.js";
import {
  attribute,
  BLOCK_ELEMENTS,
  isElement,
  plainText,
  skipUnseen,
  stripInvisible,
  type Element,
  type Node,
} from "./visible-dom.js";

export type Segment = { kind: "text" | "code" | "markup"; value: string };

export interface InlineWalk {
  removed: Counts;
  /** Every piece of visible text, in document order: what the differential test compares with a browser's. */
  visible: string[];
}

/** Attributes our own renderer writes (footnotes, tables, lists): not the author's, so not counted as removed. */
const GENERATED: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "id", "class"],
  img: ["src"],
  li: ["id", "class", "data-handoff-task"],
  ol: ["start", "class"],
  ul: ["class"],
  sup: ["class"],
  hr: ["class"],
  section: ["class"],
  th: ["style"],
  td: ["style"],
};

/** Schemes GitHub's sanitiser lets through on a link (`a` href) or an image (`img` src); relative targets pass. */
const LINK_SCHEME = /^(?:https?|mailto):/i;
const IMAGE_SCHEME = /^https?:/i;
const ANY_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]{0,31}:/;

const MARKERS: Readonly<Record<string, string>> = {
  em: "*",
  i: "*",
  strong: "**",
  b: "**",
  del: "~~",
  s: "~~",
  strike: "~~",
};
/** Emphasis markers hold only around text that starts and ends with a letter or digit, whatever stands outside. */
const WORDLIKE_EDGES = /^[\p{L}\p{N}](?:[\s\S]*[\p{L}\p{N}])?$/u;

export function countAttributes(element: Element, removed: Counts): void {
  const generated = GENERATED[element.tagName] ?? [];
  for (const { name, value } of element.attrs) {
    if (name === "alt") {
      if (value.trim() !== "") count(removed, "image-alt-text");
    } else if (name === "title") count(removed, "link-title");
    else if (!generated.includes(name)) count(removed, "hidden-attribute");
  }
}

function allowedTarget(target: string, scheme: RegExp): boolean {
  return target !== "" && (scheme.test(target) || !ANY_SCHEME.test(target));
}

/** A link destination that reads back as itself: bare when it can be, else in `<>`, with what breaks either encoded. */
export function destination(url: string): string {
  // Character references are decoded in a destination too: `&#64;` must stay the four characters it is.
  const clean = url
    .replace(/[\s<>|\\]/g, (c) => encodeURIComponent(c))
    .replace(/&(?=#[xX]?[0-9a-fA-F]{1,7};|[A-Za-z][A-Za-z0-9]{1,31};)/g, "\\&");
  return /[()]/.test(clean) ? `<${clean}>` : clean;
}

function code(text: string): Segment {
  const content = text.replace(/\r?\n/g, " ");
  let longest = 0;
  for (const run of content.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = "`".repeat(longest + 1);
  const pad = content.startsWith("`") || content.endsWith("`") || /^ .*[^ ].* $/s.test(content) ? " " : "";
  return { kind: "code", value: `${fence}${pad}${content}${pad}${fence}` };
}

function lastChar(segments: readonly Segment[]): string {
  for (let i = segments.length - 1; i >= 0; i--) {
    const value = segments[i]?.value ?? "";
    if (value !== "") return value.slice(-1);
  }
  return "";
}

function text(value: string, walk: InlineWalk, out: Segment[]): void {
  const collapsed = stripInvisible(value, walk.removed)
    .replace(/[ \t\r\f]*\n[ \t\n\r\f]*/g, "\n")
    .replace(/[ \t\r\f]+/g, " ");
  if (collapsed === "") return;
  walk.visible.push(collapsed);
  out.push({ kind: "text", value: collapsed });
}

/** Whether `<shown>` reads back as an autolink: asked of the parser, since GFM's linkify takes addresses (`u@x1.~~`)
 * that CommonMark's autolink grammar does not, and those, put in `<>`, would read back as text in brackets. */
function readsAsAutolink(shown: string): boolean {
  const first = markdown.parseInline(`<${shown}>`, {})[0]?.children?.[0];
  return first?.type === "link_open" && first.markup === "autolink";
}

/** `[text](href)`, or `<href>` when the text is the address itself, as an autolink reads back. */
function link(inner: Segment[], shown: string, href: string): Segment[] {
  const autolink = /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/.test(shown) && href === markdown.normalizeLink(shown);
  const email = /^[^\s<>@]+@[^\s<>@]+$/.test(shown) && href === `mailto:${shown}`;
  if ((autolink || email) && readsAsAutolink(shown))
    return [
      { kind: "markup", value: "<" },
      { kind: "code", value: shown },
      { kind: "markup", value: ">" },
    ];
  return [{ kind: "markup", value: "[" }, ...inner, { kind: "markup", value: `](${destination(href)})` }];
}

function element(el: Element, walk: InlineWalk, out: Segment[], inLink: boolean, depth: number): void {
  countAttributes(el, walk.removed);
  const tag = el.tagName;
  if (tag === "br") {
    out.push({ kind: "markup", value: "\n" });
    return;
  }
  if (tag === "code") {
    const content = plainText(el.childNodes, walk.removed);
    walk.visible.push(content);
    // An empty span (its only characters were invisible) would read back as literal backticks.
    if (content !== "") out.push(code(content));
    return;
  }
  if (tag === "img") {
    const src = stripInvisible(attribute(el, "src") ?? "", {});
    if (allowedTarget(src, IMAGE_SCHEME)) out.push({ kind: "markup", value: `![](${destination(src)})` });
    return;
  }
  const href = tag === "a" ? stripInvisible(attribute(el, "href") ?? "", {}) : "";
  if (tag === "a" && !inLink && !href.startsWith("#") && allowedTarget(href, LINK_SCHEME)) {
    const inner: Segment[] = [];
    inlineNodes(el.childNodes, walk, inner, true, depth + 1);
    const shown = inner.length === 1 && inner[0]?.kind === "text" ? inner[0].value : "";
    out.push(...link(inner, shown, href));
    return;
  }
  const marker = MARKERS[tag];
  const block = BLOCK_ELEMENTS.has(tag);
  if (block) out.push({ kind: "markup", value: "\n" });
  const inner: Segment[] = [];
  inlineNodes(el.childNodes, walk, inner, inLink, depth + 1);
  const written = inner.map((s) => s.value).join("");
  const wraps = marker !== undefined && WORDLIKE_EDGES.test(written) && !lastChar(out).endsWith(marker.charAt(0));
  if (wraps) out.push({ kind: "markup", value: marker });
  out.push(...inner);
  if (wraps) out.push({ kind: "markup", value: marker });
  if (block) out.push({ kind: "markup", value: "\n" });
}

/** Appends the segments of `nodes` to `out`. Past a sane depth, what is left is read as plain text. */
export function inlineNodes(
  nodes: readonly Node[],
  walk: InlineWalk,
  out: Segment[],
  inLink: boolean,
  depth: number,
): void {
  if (depth > 64) {
    text(plainText(nodes, walk.removed), walk, out);
    return;
  }
  for (const node of nodes) {
    if (skipUnseen(node, walk.removed)) continue;
    if (node.nodeName === "#text" && "value" in node) text(node.value, walk, out);
    else if (isElement(node)) element(node, walk, out, inLink, depth);
  }
}
