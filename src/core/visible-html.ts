// The DOM of markdown-it's HTML without parse5, when that HTML is the small, well-formed subset markdown-it writes
// for markdown (and HTML comments): known tags, each where markdown-it puts it, closed in order, attributes in
// double quotes, text escaped with its four entities. On that subset a spec parser builds exactly the tree below
// (no implied tags, no adoption, no foster parenting), so the rest of parse5 is never run. Anything else (raw
// HTML, a link inside a link, an odd comment) returns undefined and parse5 reads it. test/visible-html.test.ts
// holds the two trees equal on generated documents and on every corpus. Hand-written: no parser offers a subset.
import type { DefaultTreeAdapterTypes } from "parse5";

type Parent = DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;
type Child = DefaultTreeAdapterTypes.ChildNode;

const HTML_NS = "http://www.w3.org/1999/xhtml" as Element["namespaceURI"];
const VOID = new Set(["br", "hr", "img"]);
// Where each tag may open: its parents' tags ("" is the fragment). Blocks in the fragment, quotes, items and the
// footnotes' section; list items in lists; table parts in order. Inline tags, and text other than whitespace, open
// anywhere but in these containers, where parse5 would foster-parent or re-nest them. Sets and maps, not patterns:
// this runs for every tag, and a pattern's first runs (compiling it) cost more than the whole walk.
const CONTAINERS = new Set(["", "blockquote", "section", "ul", "ol", "table", "thead", "tbody", "tr"]);
const INLINE = new Set(["em", "strong", "s", "code", "a", "img", "br", "sup"]);
const BLOCK_PARENTS = new Set(["", "blockquote", "li", "section"]);
const PARENTS = new Map<string, ReadonlySet<string>>([
  ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre", "table", "hr", "section"].map(
    (tag) => [tag, BLOCK_PARENTS] as const,
  ),
  ["li", new Set(["ul", "ol"])],
  ["thead", new Set(["table"])],
  ["tbody", new Set(["table"])],
  ["tr", new Set(["thead", "tbody"])],
  ["th", new Set(["tr"])],
  ["td", new Set(["tr"])],
]);
const TAG = /<(\/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"]*")*)>|<!--([\s\S]*?)-->/y;
const ATTRIBUTE = / ([a-z-]+)="([^"]*)"/g;
const REFERENCE = /&(?:(amp)|(lt)|(gt)|(quot));|&/g;

/** Text with only markdown-it's four entities decoded, or undefined for any other `&`. */
function decoded(text: string): string | undefined {
  if (!text.includes("&")) return text;
  let known = true;
  const out = text.replace(REFERENCE, (_, amp, lt, gt, quot) => {
    known &&= Boolean(amp || lt || gt || quot);
    return amp ? "&" : lt ? "<" : gt ? ">" : '"';
  });
  return known ? out : undefined;
}

/** parse5's default tree adapter's `appendChild` and `insertText` (text joins a text node before it). Not imported
 * from parse5, which the bundle loads only when a document needs it (scripts/bundle.mjs, lazyHtml). */
function append(parent: Parent, node: Child | string): void {
  const last = parent.childNodes.at(-1);
  if (typeof node !== "string") parent.childNodes.push(node);
  else if (last && "value" in last) last.value += node;
  else parent.childNodes.push({ nodeName: "#text", value: node, parentNode: parent });
}

/** The fragment parse5's `parseFragment` would build from `html`, or undefined when `html` is outside the subset. */
export function simpleFragment(html: string): DefaultTreeAdapterTypes.DocumentFragment | undefined {
  // parse5's input stream turns CR and CRLF into LF and NUL into U+FFFD (or drops it from text): left to it.
  // markdown-it's own normalisation removes both from what it renders, so this costs the common case two scans.
  if (html.includes("\r") || html.includes("\0")) return undefined;
  const fragment: DefaultTreeAdapterTypes.DocumentFragment = { nodeName: "#document-fragment", childNodes: [] };
  const open: Parent[] = [fragment];
  const tags = [""];
  let at = 0;
  while (at < html.length) {
    const parent = open[open.length - 1]!;
    const within = tags[tags.length - 1]!;
    const lt = html.indexOf("<", at);
    if (lt !== at) {
      const text = decoded(html.slice(at, lt < 0 ? undefined : lt));
      if (text === undefined || (CONTAINERS.has(within) && /[^ \t\n\f\r]/.test(text))) return undefined;
      append(parent, text);
      if (lt < 0) break;
    }
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (!match) return undefined;
    at = TAG.lastIndex;
    const [, close, name = "", attributes = "", comment] = match;
    if (comment !== undefined) {
      // parse5 reads `<!-->`, `<!--->`, `--!>` and a trailing `-` its own way: left to it.
      if (/^-?>|--!|<!-|-$/.test(comment)) return undefined;
      append(parent, { nodeName: "#comment", data: comment, parentNode: parent });
      continue;
    }
    if (close) {
      if (within !== name) return undefined;
      open.pop();
      tags.pop();
      continue;
    }
    // parse5 drops a newline straight after `<pre>`; a second `<a>` closes the first.
    if (
      !(PARENTS.get(name)?.has(within) ?? (INLINE.has(name) && !CONTAINERS.has(within))) ||
      (name === "a" && tags.includes("a")) ||
      (name === "pre" && html[at] === "\n")
    )
      return undefined;
    const attrs: Element["attrs"] = [];
    for (const [, key = "", raw = ""] of attributes.matchAll(ATTRIBUTE)) {
      const value = decoded(raw);
      if (value === undefined || attrs.some((a) => a.name === key)) return undefined;
      attrs.push({ name: key, value });
    }
    const element: Element = {
      nodeName: name,
      tagName: name,
      attrs,
      namespaceURI: HTML_NS,
      childNodes: [],
      parentNode: parent,
    };
    append(parent, element);
    if (!VOID.has(name)) {
      open.push(element);
      tags.push(name);
    }
  }
  return open.length === 1 ? fragment : undefined;
}
