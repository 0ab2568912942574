// Finds the `/handoff` command in a comment. Pure: no GitHub, no I/O.
//
// The command counts only at the start of a line (up to three spaces, as markdown allows) that GitHub shows as
// the commenter's own prose: not in code (blocks or spans), not in raw HTML (blocks, or comments and tags inside
// a paragraph, which GitHub hides), not in a block quote (lazy continuation lines included). Someone quoting or
// showing `/handoff` is citing it, and a hidden line is not a request anyone can see. Which lines those are is
// markdown-it's decision (CommonMark, as GitHub renders), not hand-written rules, which missed lazy quotes and
// multi-line comments. The match is ASCII and case-sensitive, so `/hаndoff` with a Cyrillic `а`, or a full-width
// `／handoff`, is plain text.
import { frontmatterFields } from "../core/frontmatter.js";
import { parseWithPositions, type InlineRange } from "../core/markdown.js";
import { commandAt, opensWithFrontmatter, scanCommand, type HandoffCommand } from "./command-scan.js";

export type { HandoffCommand } from "./command-scan.js";

/** Block tokens whose lines are not the commenter's own prose: code, raw HTML, quotes (with lazy lines). */
const HIDING_BLOCKS = new Set(["fence", "code_block", "html_block", "blockquote_open"]);
/** Inline tokens that may span lines and hide or quote what they cover: code spans, and raw HTML (comments). */
const HIDING_INLINE = new Set(["code_inline", "html_inline"]);

/** Lines covered by an inline code span or inline HTML that started on an earlier line of the same inline text. */
function hideInline(content: string, firstLine: number, ranges: InlineRange[], shown: boolean[]): void {
  // A comment opened mid-paragraph (`Note <!--`) hides every line it runs over, as a code span quotes them.
  const sorted = ranges.filter((range) => HIDING_INLINE.has(range.type)).sort((a, b) => a.start - b.start);
  let r = 0;
  let offset = 0;
  // Inline text keeps one line per source line (markers and indentation removed), so its n-th line break
  // starts source line firstLine + n.
  for (let line = firstLine + 1; ; line++) {
    offset = content.indexOf("\n", offset) + 1;
    if (offset === 0) return;
    while (r < sorted.length && sorted[r]!.end <= offset) r++;
    if (r < sorted.length && sorted[r]!.start < offset) shown[line] = false;
  }
}

/** For each line (markdown-it's line breaks): whether GitHub shows it as the commenter's own prose. */
export function shownLines(body: string, lineCount: number): boolean[] {
  const shown = new Array<boolean>(lineCount).fill(true);
  const { tokens, env } = parseWithPositions(body);
  for (const token of tokens) {
    if (!token.map) continue;
    const [from, to] = token.map;
    if (HIDING_BLOCKS.has(token.type)) shown.fill(false, from, to);
    else if (token.type === "inline") hideInline(token.content, from, env.inline.get(token.content) ?? [], shown);
  }
  return shown;
}

function firstShown(body: string, lineCount: number, candidates: readonly number[]): number | undefined {
  const shown = shownLines(body, lineCount);
  return candidates.find((i) => shown[i]);
}

/** The first `/handoff` command in the comment, or null when there is none. */
export function parseCommand(body: string): HandoffCommand | null {
  const scan = scanCommand(body);
  if (scan.found === "none") return null;
  if (scan.found === "command") return scan.command;
  const index = firstShown(body, scan.lines.length, scan.candidates);
  return index === undefined ? null : commandAt(body, scan.lines, index);
}

/**
 * Whether a comment is a return handoff without the command: a document whose frontmatter says
 * `kind: return`, read by the one frontmatter reader. Decided on the payload alone: it costs no request.
 */
export function looksLikeReturnDocument(body: string): boolean {
  // Most comments do not open with a fence: they cost one comparison, not a YAML parse.
  if (!opensWithFrontmatter(body)) return false;
  return frontmatterFields(body.trimStart()).kind === "return";
}

/** The reply to a bare `/handoff`: how to use it. */
export const USAGE = [
  "To file a handoff, put the document under the command:",
  "",
  "```markdown",
  "/handoff Fix the flaky login test",
  "## Context",
  "...",
  "## Next steps",
  "...",
  "```",
  "",
  "`/handoff --dry-run` replies with a preview instead of filing; `/handoff return` on a handoff issue returns it.",
].join("\n");
