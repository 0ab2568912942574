// Step one of reading a document as GitHub shows it: markdown to the HTML GitHub's renderer would produce, and that
// HTML to a DOM, through the shared markdown-it (markdown.ts) and a spec-conformant HTML parser (parse5, or for the
// well-formed subset markdown-it writes, visible-html.ts, which builds the tree parse5 would). Which text
// is visible is then a question about the DOM (visible-markdown.ts), never about the raw markdown: a link title, a
// reference definition, an unreferenced footnote or a table cell past the header's count simply has no text node.
//
// What the token stream hides that a default renderer would still write, removed here before rendering:
// - a fence's info string (GitHub uses its first word for highlighting only; the rest is never shown);
// - `%%` comment lines and `%%{…}%%` directives in a mermaid fence, which GitHub draws as a diagram;
// - the `[ ]` / `[x]` of a task list item, which GitHub draws as a checkbox. Done here rather than with the
//   markdown-it-task-lists plugin on the shared instance: that plugin rewrites the inline tokens' `content`, which
//   sections and the command parser key their positions on (the differential test checks this rule against it).
import type { Env } from "markdown-it";
import { parseFragment, type DefaultTreeAdapterTypes } from "parse5";
import { markdown, type Token } from "./markdown.js";
import { count, type Counts } from "./sanitize-counts.js";
import { simpleFragment } from "./visible-html.js";

export type Fragment = DefaultTreeAdapterTypes.DocumentFragment;

/** The attribute our renderer puts on a task list item: `x` when checked, a space when not. */
export const TASK_ATTRIBUTE = "data-handoff-task";

const TASK_MARKER = /^\[([ xX])\] /;
const MERMAID_COMMENT = /^[ \t]*%%/;

/** What markdown-it and its footnote plugin leave in the env: definitions by label, footnote refs by `:label`. */
interface ParseEnv {
  footnotes?: { refs?: Record<string, number> };
  references?: Record<string, unknown>;
}

function hideFenceExtras(token: Token, removed: Counts): void {
  if (token.info.trim() === "") return;
  const language = token.info.trim().split(/\s/, 1)[0]?.toLowerCase();
  count(removed, "code-fence-info");
  token.info = "";
  if (language !== "mermaid") return;
  const lines = token.content.split("\n");
  const kept = lines.filter((line) => !MERMAID_COMMENT.test(line));
  if (kept.length < lines.length) count(removed, "mermaid-comment", lines.length - kept.length);
  token.content = kept.join("\n");
}

/** A list item whose first paragraph starts `[ ] ` or `[x] ` is a task: the marker becomes an attribute. */
function markTask(tokens: Token[], i: number): void {
  const inline = tokens[i];
  const item = tokens[i - 2];
  if (!inline || !item || tokens[i - 1]?.type !== "paragraph_open" || item.type !== "list_item_open") return;
  const first = inline.children?.[0];
  const marker = TASK_MARKER.exec(inline.content);
  // The marker's space may end the line (`[ ] ` then a break): the first text token then holds only `[ ]`.
  if (!marker || first?.type !== "text" || !/^\[[ xX]\]/.test(first.content)) return;
  first.content = first.content.slice(3);
  item.attrSet(TASK_ATTRIBUTE, marker[1] === " " ? " " : "x");
}

/** The document as a DOM, with what the token stream hides already gone and counted. */
export function renderVisibleDom(text: string, removed: Counts): Fragment {
  const env: Env = {};
  const tokens = markdown.parse(text, env);
  tokens.forEach((token, i) => {
    if (token.type === "fence") hideFenceExtras(token, removed);
    else if (token.type === "inline" && i >= 2) markTask(tokens, i);
  });
  // Reference definitions and footnotes nothing refers to never render; count them so the caller's log says so.
  const read = env as ParseEnv;
  const definitions = Object.keys(read.references ?? {}).length;
  if (definitions > 0) count(removed, "reference-definition", definitions);
  const unreferenced = Object.values(read.footnotes?.refs ?? {}).filter((index) => index < 0).length;
  if (unreferenced > 0) count(removed, "footnote", unreferenced);
  const html = markdown.renderer.render(tokens, markdown.options, env);
  return simpleFragment(html) ?? parseFragment(html);
}
