// Cutting markdown into pieces that fit GitHub's body limit, at clean boundaries: after a blank line if we can,
// else at a line end, never inside a code fence when that can be helped. When it cannot (one fence larger than a
// whole piece), the piece closes the fence and the next reopens it: both synthetic lines are reported separately
// from the text, so the renderer can mark them and joining the pieces gives back the text exactly.
// Fences are found by a line scan: a misjudged fence can only make a cut less pretty, never lose text.

/** One piece of the text, and the synthetic fence lines to show around it. */
export interface Piece {
  text: string;
  /** A fence opener to show before the text, because the cut before it fell inside a fence. */
  reopen: string | null;
  /** A fence closer to show after the text, because the cut after it falls inside a fence. */
  close: string | null;
}

/** Synthetic fence lines are for display only; long info strings and prefixes are cut to keep them small. */
const MAX_PREFIX = 40;
const MAX_INFO = 100;
/** The most a synthetic opener or closer can add to a piece, newlines included. */
export const MAX_SYNTHETIC_FENCE_CHARS = 2 * (MAX_PREFIX + MAX_INFO + 64);

interface Fence {
  char: string;
  length: number;
  opener: string;
  closer: string;
}

/** An opening or closing fence line: optional indentation or blockquote markers, then 3+ backticks or tildes. */
function fenceOf(line: string): { prefix: string; fence: string; info: string } | null {
  // Scanned by hand: a regex with a run of backticks followed by "anything" backtracks quadratically.
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t" || line[i] === ">")) i++;
  const char = line[i];
  if (char !== "`" && char !== "~") return null;
  let j = i;
  while (j < line.length && line[j] === char) j++;
  if (j - i < 3) return null;
  const info = line.slice(j);
  // A backtick fence's info string cannot hold a backtick: "```js```" is inline code, not a fence.
  if (char === "`" && info.includes("`")) return null;
  return { prefix: line.slice(0, i), fence: line.slice(i, j), info };
}

/** The fence state after one line, given the state before it. */
function nextFence(line: string, open: Fence | null): Fence | null {
  const found = fenceOf(line.endsWith("\r") ? line.slice(0, -1) : line);
  if (open) {
    const closes =
      found !== null && found.fence[0] === open.char && found.fence.length >= open.length && found.info.trim() === "";
    return closes ? null : open;
  }
  if (!found) return null;
  const prefix = found.prefix.slice(0, MAX_PREFIX);
  const char = found.fence[0] ?? "`";
  const fence = found.fence.slice(0, 64);
  return {
    char,
    length: found.fence.length,
    opener: `${prefix}${fence}${cutCodePoints(found.info, MAX_INFO)}`,
    closer: `${prefix}${char.repeat(fence.length)}`,
  };
}

/** At most `max` UTF-16 units of `text`, never ending between the halves of a surrogate pair. */
export function cutCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, safeCut(text, max));
}

/** `at`, or one less when `at` would split a surrogate pair. */
export function safeCut(text: string, at: number): number {
  const before = text.charCodeAt(at - 1);
  return at > 0 && before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

interface Candidate {
  end: number;
  fence: Fence | null;
}

/**
 * The next piece of `text` from `start`, costing at most `budget` characters once its synthetic fence lines and
 * one line break are added. `fences: false` treats the text as code already (no fence tracking).
 */
function takePiece(
  text: string,
  start: number,
  budget: number,
  open: Fence | null,
  fences: boolean,
): { piece: Piece; end: number; fence: Fence | null } {
  const reopen = open ? open.opener : null;
  const fixed = (reopen ? reopen.length + 1 : 0) + 1;
  const cost = (end: number, fence: Fence | null): number =>
    end - start + fixed + (fence ? fence.closer.length + 1 : 0);
  const finish = (end: number, fence: Fence | null): { piece: Piece; end: number; fence: Fence | null } => ({
    piece: { text: text.slice(start, end), reopen, close: fence ? fence.closer : null },
    end,
    fence,
  });

  let fence = open;
  let blank: Candidate | null = null;
  let outside: Candidate | null = null;
  let any: Candidate | null = null;
  let at = start;
  while (at < text.length) {
    const newline = text.indexOf("\n", at);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const line = text.slice(at, newline < 0 ? text.length : newline);
    const after = fences ? nextFence(line, fence) : null;
    if (cost(lineEnd, after) > budget) break;
    const candidate = { end: lineEnd, fence: after };
    any = candidate;
    if (!after) outside = candidate;
    if (!after && !fence && line.trim() === "") blank = candidate;
    fence = after;
    at = lineEnd;
  }
  if (at >= text.length) return finish(text.length, fence);
  // Prefer the cleanest boundary that still fills at least half the piece; a tiny piece would waste a comment.
  const half = start + (budget - fixed) / 2;
  for (const candidate of [blank, outside, any]) {
    if (candidate && candidate.end >= half) return finish(candidate.end, candidate.fence);
  }
  if (any && any.end > start) return finish(any.end, any.fence);
  // A single line longer than the whole budget: cut it mid-line, between code points.
  const closeLength = fence ? fence.closer.length + 1 : 0;
  const end = safeCut(text, Math.max(start + 1, start + budget - fixed - closeLength));
  return finish(Math.max(end, start + 1), fence);
}

/** Hands out consecutive pieces of one text, each to its own budget. */
export interface Cutter {
  /** Whether the whole text has been handed out. */
  done(): boolean;
  /** The next piece, costing at most `budget` characters with its synthetic fence lines and one line break. */
  take(budget: number): Piece;
}

/** `fences: false` is for text that is all code already (a YAML block): no fence is tracked or reopened. */
export function cutter(text: string, fences = true): Cutter {
  let start = 0;
  let fence: Fence | null = null;
  let started = false;
  return {
    done: () => started && start >= text.length,
    take(budget) {
      started = true;
      const taken = takePiece(text, start, budget, fence, fences);
      start = Math.max(taken.end, start);
      fence = taken.fence;
      return taken.piece;
    },
  };
}

/** Cuts `text` into pieces of at most `budget` each (see Cutter). Joining their `text` gives back `text`. */
export function cutMarkdown(text: string, budget: number, fences = true): Piece[] {
  const cut = cutter(text, fences);
  const pieces: Piece[] = [];
  while (!cut.done()) pieces.push(cut.take(budget));
  return pieces;
}
