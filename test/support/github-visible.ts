// The differential test's oracle: the text a person sees when GitHub shows a markdown document. Deliberately
// independent of the sanitiser under test: its own markdown-it configured like GitHub (GFM with footnotes and the
// markdown-it-task-lists plugin, where production uses a rule of its own), its own walk of the DOM, and visibility
// rules written from GitHub's documented sanitiser (github/markup: script
// tags, inline styles, class and id attributes removed; html-pipeline's allowlist) and a browser's user-agent
// stylesheet (head, style, template, title, rp, ... display nothing), not imported from src/.
// One shared policy: elements their author marked hidden (`hidden`, `aria-hidden`, `display:none`) count as hidden
// although GitHub strips those attributes (see src/core/visible-dom.ts for why).
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import taskLists from "markdown-it-task-lists";
import { parse, type DefaultTreeAdapterTypes } from "parse5";

const github = new MarkdownIt("default", { html: true, linkify: true }).use(footnote).use(taskLists);

// The HTML parser is parse5, as in production: a browser builds the tree by the HTML standard's algorithm (a stray
// `</div>` inside a table cell closes nothing), and htmlparser2, tried first, does not, so it disagreed with every
// browser rather than with the sanitiser.
type DomNode = DefaultTreeAdapterTypes.ChildNode;

const UNSEEN = new Set([
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
const BLOCKS = new Set([
  "p",
  "div",
  "li",
  "ul",
  "ol",
  "pre",
  "blockquote",
  "table",
  "tr",
  "td",
  "th",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "section",
  "details",
  "summary",
  "dl",
  "dt",
  "dd",
  "figure",
  "figcaption",
  "br",
]);
/** What a screen shows as nothing: format, private-use and unassigned characters, controls. */
const INVISIBLE =
  /[\p{Cf}\p{Co}\p{Cn}\u{E0000}-\u{E007F}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/gu;

function authorHid(attrs: ReadonlyArray<{ name: string; value: string }>): boolean {
  const get = (name: string): string | undefined => attrs.find((a) => a.name === name)?.value;
  return (
    get("hidden") !== undefined ||
    get("aria-hidden")?.trim().toLowerCase() === "true" ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(get("style") ?? "")
  );
}

function walk(nodes: readonly DomNode[], out: string[], mermaid: boolean): void {
  for (const node of nodes) {
    if (node.nodeName === "#text" && "value" in node) {
      const text = mermaid
        ? node.value
            .split("\n")
            .filter((line) => !/^\s*%%/.test(line))
            .join("\n")
        : node.value;
      out.push(text.replace(INVISIBLE, ""));
      continue;
    }
    if (!("tagName" in node)) continue; // comments (bogus ones too: processing instructions, CDATA), doctypes
    if (UNSEEN.has(node.tagName) || authorHid(node.attrs)) continue;
    const block = BLOCKS.has(node.tagName);
    if (block) out.push(" ");
    const className = node.attrs.find((a) => a.name === "class")?.value ?? "";
    const isMermaid = mermaid || (node.tagName === "code" && /\blanguage-mermaid\b/.test(className));
    walk(node.childNodes, out, isMermaid);
    if (block) out.push(" ");
  }
}

/** The visible text of a markdown document on GitHub, whitespace left as the DOM has it. */
export function githubVisibleText(markdown: string): string {
  const out: string[] = [];
  const body = parse(github.render(markdown)).childNodes.find((n) => n.nodeName === "html");
  walk(body && "childNodes" in body ? body.childNodes : [], out, false);
  return out.join("");
}

/** For comparing: no whitespace at all (layout is ours to choose), nothing else changed. */
export function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, "");
}
