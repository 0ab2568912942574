// Relayed text (an agent's return, posted back to the parent thread) must not trigger anything: no agent
// picks it up, nobody is pinged, no issue is closed.
//
// Every @-mention is made inert, not only the known agent triggers (@claude, @copilot, @codex, @gemini-cli,
// @openhands-agent, @cursor, @devin-ai-integration, @coderabbitai, @sweep-ai, ...): new agents appear every
// month, and relaying an agent's output must not ping people or teams either. Closing keywords (`fixes #12`)
// are made inert too, or a relayed comment could close issues.
//
// The technique is inline code: GitHub never treats code as a mention or a closing keyword, and an agent trigger
// that looks for `@name` after whitespace does not see one after a backtick. Zero-width characters are not an
// option: sanitising strips them from everything an agent reads. Inside raw HTML blocks backticks are literal,
// so there the same text is wrapped in `<code>` instead.
//
// GitHub decides mentions and closing keywords on the rendered text, so both are looked for in the decoded view
// (decoded-view.ts): `&#64;claude`, `&commat;claude` and `\@claude` ping like `@claude`. And the rendered text has
// no emphasis delimiters: `_@claude_` renders `<em>@claude</em>`, a live mention, so `_` does not count as a word
// character before a mention or a keyword (in naive `\w`-based patterns it does, and the mention stayed live).
//
// Limits, for the shells to know: text already in code is left alone (people see it literally), but a workflow
// filtering on `contains(body, '@claude')` still matches any occurrence, code included; such a workflow starts
// and relies on the agent's own, stricter trigger check.
import { findCodeRanges, type Range } from "./code-ranges.js";
import { replaceDecoded } from "./decoded-view.js";

/** `close`, `closes`, `closed`, `fix`, `fixes`, `fixed`, `resolve`, `resolves`, `resolved` + a reference. */
export const CLOSING_KEYWORD_PATTERN =
  /(?<![A-Za-z0-9])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?::[ \t]*|[ \t]+)(?:#\d{1,9}|GH-\d{1,9}|[\w.-]{1,100}\/[\w.-]{1,100}#\d{1,9}|https?:\/\/[^\s/]{1,253}\/[\w.-]{1,100}\/[\w.-]{1,100}\/issues\/\d{1,9})(?![A-Za-z0-9])(?:@[\w.-]+)*/gi;
/**
 * `@user`, `@org/team`, `@app[bot]`. Not after a letter or digit (an email address is not a mention) nor after
 * `/` (a URL path such as `https://medium.com/@someone` is a link, not a mention). Both patterns also take any
 * `@...` glued to their end: after our closing backtick, `@claude@codex` would otherwise start a live `@codex`.
 */
export const MENTION_PATTERN = /(?<![A-Za-z0-9/])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[\w-]+)?(?:\[bot\])?(?:@[\w.-]+)*/g;
/** Both at once, so that one replacement never runs inside the output of the other. */
export const TRIGGER_PATTERN = new RegExp(`${CLOSING_KEYWORD_PATTERN.source}|${MENTION_PATTERN.source}`, "gi");

export const BACKTICK_RUN_PATTERN = /`+/g;

export interface Neutralized {
  text: string;
  neutralized: number;
}

/** Where a stretch of prose sits: the characters just outside it, and the backtick run length our wraps use. */
interface ProseContext {
  previous: string;
  next: string;
  fence: string;
}

function neutralizeProse(prose: string, context: ProseContext, counter: { n: number }): string {
  return replaceDecoded(prose, TRIGGER_PATTERN, (match: string, offset: number, end: number) => {
    counter.n++;
    // A backtick right next to a code span would lengthen the span's run of backticks and merge the two;
    // a backslash right before ours would escape it.
    const previous = offset === 0 ? context.previous : prose.charAt(offset - 1);
    const before = previous === "`" || previous === "\\" ? " " : "";
    const after = (end === prose.length ? context.next : prose.charAt(end)) === "`" ? " " : "";
    return `${before}${context.fence}${match}${context.fence}${after}`;
  });
}

/**
 * The backtick run our wraps use. A stray, unmatched run of backticks in the prose would otherwise pair with the
 * first backtick we add and turn our wrap inside out (`` `see @x `` → `` `see `@x` ``, with the mention outside).
 * A span only closes on a run of the same length, so we use the shortest length no stray run has.
 */
function wrapFence(text: string, code: Range[]): string {
  const stray = new Set<number>();
  let at = 0;
  const collect = (from: number, to: number): void => {
    // A backslash before a run escapes its first backtick, leaving a run one shorter; count both lengths.
    for (const run of text.slice(from, to).matchAll(BACKTICK_RUN_PATTERN))
      stray.add(run[0].length).add(run[0].length - 1);
  };
  for (const range of code) {
    if (range.start < at) continue;
    collect(at, range.start);
    at = range.end;
  }
  collect(at, text.length);
  let length = 1;
  while (stray.has(length)) length++;
  return "`".repeat(length);
}

function neutralizeHtml(html: string, counter: { n: number }): string {
  return replaceDecoded(
    html,
    TRIGGER_PATTERN,
    (match: string, offset: number, end: number) => {
      const wrapped = html.endsWith("<code>", offset) && html.startsWith("</code>", end);
      if (wrapped) return match;
      counter.n++;
      return `<code>${match}</code>`;
    },
    "html",
  );
}

/**
 * Wraps every @-mention and closing-keyword reference outside code in inline code. Code is left alone; email
 * addresses are not mentions. Idempotent: what it wraps is code the next time. Never throws.
 */
export function neutralizeMentions(text: string): Neutralized {
  const counter = { n: 0 };
  const { code, html } = findCodeRanges(text);
  const fence = wrapFence(text, code);
  // Raw HTML blocks are edited in place; everything else outside code is prose.
  const skip: Range[] = [...code, ...html].sort((a, b) => a.start - b.start);
  const htmlStarts = new Set(html.map((r) => r.start));
  const prose = (from: number, to: number): string =>
    neutralizeProse(text.slice(from, to), { previous: text.charAt(from - 1), next: text.charAt(to), fence }, counter);
  let result = "";
  let at = 0;
  for (const range of skip) {
    if (range.start < at) continue;
    result += prose(at, range.start);
    const inside = text.slice(range.start, range.end);
    result += htmlStarts.has(range.start) ? neutralizeHtml(inside, counter) : inside;
    at = range.end;
  }
  result += prose(at, text.length);
  return { text: result, neutralized: counter.n };
}

/**
 * Agent trigger names. Workflows commonly start on `contains(github.event.comment.body, '@claude')`, a plain
 * substring test that matches inside code too; so in relayed text these get a WORD JOINER (U+2060) after the
 * `@`, in code as well. Readers see `@claude`; no substring filter does. Sanitising strips the joiner again
 * before any agent reads the text, which is harmless: reading a name triggers nothing.
 */
export const AGENT_TRIGGER_PATTERN =
  /@(?=(?:claude|copilot|codex|gemini-cli|gemini|openhands-agent|openhands|cursor|devin-ai-integration|devin|coderabbitai|sweep-ai|sweep|aider|jules|amp|handoff)(?![\w-]))/gi;

/** What the shells call on any text they relay from an agent to a thread. Idempotent. */
export function neutralizeForRelay(text: string): string {
  return neutralizeMentions(text).text.replace(AGENT_TRIGGER_PATTERN, "@\u2060");
}
