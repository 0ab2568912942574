// What can be read from a comment without a markdown or YAML parse: where `/handoff` lines are, the command when it
// is on the first line, and whether the comment could open with frontmatter. parse-command.ts answers the rest with
// markdown-it and yaml. In a module of its own so that deciding on a comment (comment-decision.ts) loads those two
// only for a comment that needs them: in the Action's mode file they are most of what would otherwise be evaluated
// before the run's first request. Pure: no GitHub, no I/O.
import { LINE_BREAK_PATTERN } from "../core/line-breaks.js";

export interface HandoffCommand {
  kind: "handoff" | "return";
  /** Text after `/handoff` (without flags): the title or reason. Empty when there is none. */
  title: string;
  dryRun: boolean;
  /** The lines after the command line, without leading and trailing blank lines. */
  document: string;
  /** 1-based line of the command in the comment. */
  line: number;
}

const COMMAND_RE = /^ {0,3}\/handoff(?=[ \t]|$)(.*)$/;

/**
 * `none`: no line is a command. `command`: the command on the first line. `hidden?`: the first command line is
 * below the first line, and only a markdown parse says whether GitHub shows it (parse-command.ts).
 */
export type CommandScan =
  | { found: "none" }
  | { found: "command"; command: HandoffCommand }
  | { found: "hidden?"; lines: string[]; candidates: number[] };

function parseArguments(text: string): Pick<HandoffCommand, "kind" | "title" | "dryRun"> {
  const words = text
    .trim()
    .split(/[ \t]+/)
    .filter((w) => w !== "");
  const dryRun = words.includes("--dry-run");
  const rest = words.filter((w) => w !== "--dry-run");
  const kind = rest[0] === "return" ? "return" : "handoff";
  if (kind === "return") rest.shift();
  return { kind, title: rest.join(" "), dryRun };
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return lines.slice(start, end).join("\n");
}

/** The command on line `index` (0-based, markdown-it's line breaks), which the caller knows to be a shown command. */
export function commandAt(body: string, lines: readonly string[], index: number): HandoffCommand {
  const match = COMMAND_RE.exec(lines[index]!)!;
  const next = [...body.matchAll(LINE_BREAK_PATTERN)][index];
  const rest = next ? body.slice(next.index + next[0].length) : "";
  return { ...parseArguments(match[1] ?? ""), document: trimBlankLines(rest.split(/\r?\n/)), line: index + 1 };
}

/** The `/handoff` lines of a comment, and the command itself when no markdown parse is needed to trust it. */
export function scanCommand(body: string): CommandScan {
  // markdown-it's line breaks (`\r\n`, `\r`, `\n`), so its line numbers are ours.
  const lines = body.split(LINE_BREAK_PATTERN);
  const candidates = lines.flatMap((line, index) => (COMMAND_RE.test(line) ? [index] : []));
  // Most comments carry no command: they cost one pass of a regex, not a markdown parse.
  if (candidates.length === 0) return { found: "none" };
  // A command on the first line is always shown: nothing comes before it to open a code span or a comment, and a
  // line the command pattern matches cannot itself open a fence, an indented code block, raw HTML or a quote. The
  // usual comment (`/handoff Title` then the document) so costs no markdown parse here; the core parses it anyway.
  if (candidates[0] === 0) return { found: "command", command: commandAt(body, lines, 0) };
  return { found: "hidden?", lines, candidates };
}

/** Whether the comment opens with a frontmatter fence, the only way it can be a return document without the command. */
export function opensWithFrontmatter(body: string): boolean {
  const text = body.trimStart();
  return text.startsWith("---") || text.startsWith("\uFEFF---");
}
