// Finds the `/handoff` command in a comment. Pure: no GitHub, no I/O.
//
// The command counts only at the start of a line (up to three spaces, as markdown allows), outside fenced
// code and block quotes: someone quoting or showing `/handoff` is citing it, not asking for it. The match
// is ASCII and case-sensitive, so `/hаndoff` with a Cyrillic `а`, or a full-width `／handoff`, is plain text.

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
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const QUOTE_RE = /^ {0,3}>/;

function parseArguments(text: string): Pick<HandoffCommand, "kind" | "title" | "dryRun"> {
  const words = text.trim().split(/[ \t]+/).filter((w) => w !== "");
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

/** The first `/handoff` command in the comment, or null when there is none. */
export function parseCommand(body: string): HandoffCommand | null {
  const lines = body.split(/\r?\n/);
  let fence: { char: string; length: number } | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fenceMatch = FENCE_RE.exec(line);
    if (fence) {
      // A closing fence uses the same character, at least as many, and nothing after it.
      if (fenceMatch && fenceMatch[1]![0] === fence.char && fenceMatch[1]!.length >= fence.length && fenceMatch[2]!.trim() === "") {
        fence = null;
      }
      continue;
    }
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      // A backtick fence's info string may not contain backticks; otherwise it is inline code, not a fence.
      if (!(marker[0] === "`" && fenceMatch[2]!.includes("`"))) {
        fence = { char: marker[0]!, length: marker.length };
        continue;
      }
    }
    if (QUOTE_RE.test(line)) continue;
    const match = COMMAND_RE.exec(line);
    if (!match) continue;
    return { ...parseArguments(match[1] ?? ""), document: trimBlankLines(lines.slice(index + 1)), line: index + 1 };
  }
  return null;
}

/**
 * Whether a comment is a return handoff without the command: a document whose frontmatter says
 * `kind: return`. A cheap textual check on the payload, so a bot's comment that is not a return costs nothing.
 */
export function looksLikeReturnDocument(body: string): boolean {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(body.trimStart());
  return match !== null && /^kind:[ \t]*["']?return["']?[ \t]*(?:#.*)?$/m.test(match[1]!);
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
