// The visible DOM written back as markdown, block by block: headings, paragraphs, lists, quotes, code blocks and
// tables keep their shape, so the agent reads a document, not a flattened string; no HTML is written at all, so no
// attribute, comment or hidden element can ride along. Sibling blocks are always separated by a blank line and
// lists alternate their markers, so the output reads back as the same blocks (sanitising is idempotent).
import { writeInline } from "./escape-text.js";
import { TASK_ATTRIBUTE } from "./visible-render.js";
import { attribute, BLOCK_ELEMENTS, isElement, plainText, skipUnseen, type Element, type Node } from "./visible-dom.js";
import { countAttributes, inlineNodes, type InlineWalk, type Segment } from "./visible-inline.js";

/** Past this nesting, a subtree is written as one paragraph of its plain text: deep HTML costs no stack. */
const MAX_DEPTH = 48;
/** A block we write that is not a paragraph (text never starts so: escaping sees to it). */
const BLOCK_START = /^(?:[-*>#|`]|[0-9]{1,9}[.)])/;

interface Block {
  text: string;
  /** The bullet or delimiter a list used, so that the next list differs and does not merge with it. */
  list?: string;
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first + line : line === "" ? "" : rest + line))
    .join("\n");
}

function paragraph(nodes: readonly Node[], walk: InlineWalk): string {
  const segments: Segment[] = [];
  inlineNodes(nodes, walk, segments, false, 0);
  return writeInline(segments);
}

/** Past the depth limit: the subtree's plain text as one paragraph (iterative, no recursion). */
function flatParagraph(nodes: readonly Node[], walk: InlineWalk): string {
  const segments: Segment[] = [];
  inlineNodes(nodes, walk, segments, false, Number.POSITIVE_INFINITY);
  return writeInline(segments);
}

function codeBlock(el: Element, walk: InlineWalk): string {
  const content = plainText(el.childNodes, walk.removed).replace(/\n$/, "");
  walk.visible.push(content);
  let longest = 0;
  for (const run of content.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}\n${content}${content === "" ? "" : "\n"}${fence}`;
}

/** Inline content on one line (a heading, a table cell): breaks become spaces, as text, so that they collapse. */
function oneLine(nodes: readonly Node[], walk: InlineWalk, inCell: boolean): string {
  const segments: Segment[] = [];
  inlineNodes(nodes, walk, segments, false, 0);
  const flat = segments.map((s): Segment => {
    // A pipe in code would still split a table cell.
    if (s.kind === "code") return inCell ? { ...s, value: s.value.replaceAll("|", "\\|") } : s;
    return s.value === "\n" || s.kind === "text" ? { kind: "text", value: s.value.replace(/\n/g, " ") } : s;
  });
  return writeInline(flat);
}

function cell(el: Element, walk: InlineWalk): string {
  return oneLine(el.childNodes, walk, true);
}

function table(el: Element, walk: InlineWalk): string {
  const rows: string[][] = [];
  const collect = (node: Element): void => {
    for (const child of node.childNodes) {
      if (!isElement(child) || skipUnseen(child, walk.removed)) continue;
      if (child.tagName === "tr")
        rows.push(
          child.childNodes
            .filter(isElement)
            .filter((c) => !skipUnseen(c, walk.removed))
            .map((c) => cell(c, walk)),
        );
      else if (["thead", "tbody", "tfoot"].includes(child.tagName)) collect(child);
    }
  };
  collect(el);
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) return "";
  const line = (cells: string[]): string =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
  const [head = [], ...body] = rows;
  return [line(head), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...body.map(line)].join("\n");
}

function list(el: Element, walk: InlineWalk, depth: number, previous: string | undefined): Block {
  const ordered = el.tagName === "ol";
  const marker = ordered ? (previous === "." ? ")" : ".") : previous === "-" ? "*" : "-";
  const start = Number.parseInt(attribute(el, "start") ?? "1", 10);
  let n = Number.isSafeInteger(start) && start >= 0 && start < 1e8 ? start : 1;
  const items: string[] = [];
  for (const child of el.childNodes) {
    if (skipUnseen(child, walk.removed)) continue;
    if (!isElement(child) && !("value" in child && child.value.trim() !== "")) continue;
    const nodes = isElement(child) && child.tagName === "li" ? child.childNodes : [child];
    if (isElement(child)) countAttributes(child, walk.removed);
    const bullet = ordered ? `${n++}${marker}` : marker;
    const task = isElement(child) ? attribute(child, TASK_ATTRIBUTE) : undefined;
    const content = blocks(nodes, walk, depth + 1);
    const checkbox = task === undefined ? "" : task === "x" ? "[x] " : "[ ] ";
    const pad = " ".repeat(bullet.length + 1);
    // A nested list, table, heading, quote or code block starts on the next line (`- - -` on one line would read
    // back as a thematic break). A checkbox has no text and cannot stand alone on that line: it is dropped there.
    if (BLOCK_START.test(content)) items.push(`${bullet}\n${indent(content, pad, pad)}`);
    else items.push(content === "" ? bullet : indent(checkbox + content, `${bullet} `, pad));
  }
  return { text: items.join("\n"), list: marker };
}

function heading(el: Element, walk: InlineWalk): string {
  const level = Number(el.tagName.slice(1));
  // A trailing run of `#` after a space would read as the heading's closing sequence.
  const text = oneLine(el.childNodes, walk, false).replace(/(^|\s)(#+)$/, "$1\\$2");
  return `${"#".repeat(level)}${text === "" ? "" : ` ${text}`}`;
}

function block(el: Element, walk: InlineWalk, depth: number, previous: string | undefined): Block {
  countAttributes(el, walk.removed);
  const tag = el.tagName;
  if (depth > MAX_DEPTH) return { text: flatParagraph(el.childNodes, walk) };
  if (/^h[1-6]$/.test(tag)) return { text: heading(el, walk) };
  if (tag === "pre") return { text: codeBlock(el, walk) };
  if (tag === "table") return { text: table(el, walk) };
  if (tag === "hr") return { text: "---" };
  if (tag === "ul" || tag === "ol") return list(el, walk, depth, previous);
  if (tag === "blockquote") {
    const inner = blocks(el.childNodes, walk, depth + 1);
    return {
      text: inner
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n"),
    };
  }
  // Any other container (a stray `<li>`, a `<div>`) is transparent: its first list must differ from the list
  // before it, and the list after it from its last one, or the two would read back as one list.
  return blockRun(el.childNodes, walk, depth + 1, previous);
}

/** The nodes as blocks separated by blank lines; runs of inline nodes between blocks become paragraphs. */
export function blocks(nodes: readonly Node[], walk: InlineWalk, depth: number): string {
  return blockRun(nodes, walk, depth, undefined).text;
}

/** As `blocks`, after a list that used `previous`, and saying which marker its own last list used. */
function blockRun(nodes: readonly Node[], walk: InlineWalk, depth: number, previous: string | undefined): Block {
  const out: Block[] = [];
  let run: Node[] = [];
  const flush = (): void => {
    const text = run.length > 0 ? paragraph(run, walk) : "";
    if (text !== "") out.push({ text });
    run = [];
  };
  for (const node of nodes) {
    if (isElement(node) && BLOCK_ELEMENTS.has(node.tagName)) {
      flush();
      if (skipUnseen(node, walk.removed)) continue;
      const written = block(node, walk, depth, out.length > 0 ? out[out.length - 1]?.list : previous);
      if (written.text !== "") out.push(written);
    } else run.push(node);
  }
  flush();
  return { text: out.map((b) => b.text).join("\n\n"), list: out[out.length - 1]?.list };
}
