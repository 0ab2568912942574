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
const VOID = /^(?:br|hr|img)$/;
// Where each tag may open, as `parent>tag` ("" is the fragment): list items in lists, table parts in order, blocks
// in the fragment, quotes, items and the footnotes' section; inline tags anywhere else but in lists and table parts
// (and text the same), where parse5 would foster-parent or re-nest them.
const CONTAINERS = "(?:|blockquote|section|[ou]l|table|thead|tbody|tr)>";
const PLACED = new RegExp(
  `^(?:[ou]l>li|table>t(?:head|body)|t(?:head|body)>tr|tr>t[hd]|(?:|blockquote|li|section)>(?:p|h[1-6]|blockquote|[ou]l|pre|table|hr|section)|(?!${CONTAINERS})[^>]*>(?:em|strong|s|code|a|img|br|sup))$`,
);
const TEXT_PLACED = new RegExp(`^(?!${CONTAINERS})|^[^>]*>[ \\t\\n\\f\\r]*$`);
const TAG = /<(\/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"]*")*)>|<!--([\s\S]*?)-->/y;
const ATTRIBUTE = / ([a-z-]+)="([^"]*)"/g;
const ENTITY = /&(?:(amp)|(lt)|(gt)|quot);/g;

/** Text with only markdown-it's four entities decoded, or undefined for any other `&`. */
function decoded(text: string): string | undefined {
  return text.replace(ENTITY, "").includes("&")
    ? undefined
    : text.replace(ENTITY, (_, amp, lt, gt) => (amp ? "&" : lt ? "<" : gt ? ">" : '"'));
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
      if (text === undefined || !TEXT_PLACED.test(`${within}>${text}`)) return undefined;
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
      !PLACED.test(`${within}>${name}`) ||
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
    if (!VOID.test(name)) {
      open.push(element);
      tags.push(name);
    }
  }
  return open.length === 1 ? fragment : undefined;
}
