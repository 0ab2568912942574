// Over 250 lines: one list of hand-written detectors sharing their scan helpers; most of the length is the
// private-key scan, whose edge cases (no END line, decorations) belong together.
//
// Hand-written secret detectors for what secretlint misses (FACTS.md): variable-length GitHub
// installation tokens, JWTs, Authorization values, credentials in any URL scheme, and private
// keys without an END line or in PKCS#8/Ed25519 form.

import { isExampleValue } from "./context/gate.js";
import type { Detector, Finding } from "./finding.js";
import {
  AUTHORIZATION_WORD_RE,
  AUTH_SCHEME_RE,
  GITHUB_TOKEN_RE,
  JWT_RE,
  PRIVATE_KEY_BASE64_RE,
  PRIVATE_KEY_BEGIN_RE,
  PRIVATE_KEY_END_RE,
  PRIVATE_KEY_ESCAPED_BODY_RE,
  PRIVATE_KEY_HEADER_RE,
  PRIVATE_KEY_LINE_LEAD_RE,
  PRIVATE_KEY_LINE_PREFIX_RE,
  PLACEHOLDER_VALUE_RE,
  URL_CREDENTIALS_RE,
} from "./patterns.js";

/** What every URL_CREDENTIALS_RE match holds. */
export const URL_CREDENTIALS_NEEDLE = "://";

/** Whole-match findings of a global regex. A fresh copy keeps `lastIndex` state local. */
export function matchAllFindings(text: string, regex: RegExp, kind: string): Finding[] {
  return [...text.matchAll(new RegExp(regex.source, regex.flags))].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind,
  }));
}

/** Findings for one capture group (the regex carries the `d` flag). */
export function groupFindings(text: string, regex: RegExp, group: number, kind: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(regex.source, regex.flags))) {
    const span = m.indices?.[group];
    if (span) found.push({ start: span[0], end: span[1], kind });
  }
  return found;
}

export const findGitHubTokens: Detector = (text) => matchAllFindings(text, GITHUB_TOKEN_RE, "github-token");

export const findJwts: Detector = (text) => matchAllFindings(text, JWT_RE, "jwt");

/**
 * Keeps scheme and host readable; only `user:password` goes. Documentation's `https://abc:xyz@example.com`,
 * `redis://:secret@…` and `https://a:b@…` are examples, not credentials: a password of three characters or fewer,
 * or one that is a placeholder word, is left.
 */
export const findUrlCredentials: Detector = (text) => {
  // Every match holds `://`: text without one is not scanned (the pattern is tried at every word start).
  if (!text.includes(URL_CREDENTIALS_NEEDLE)) return [];
  return groupFindings(text, URL_CREDENTIALS_RE, 2, "url-credentials").filter((f) => {
    const password = text.slice(f.start, f.end).replace(/^[^:]*:/, "");
    return !(
      password.length <= 3 ||
      PLACEHOLDER_VALUE_RE.test(password) ||
      /^x+y?z?$/i.test(password) ||
      isExampleValue(password)
    );
  });
};

/**
 * `Bearer`/`Basic`/`token` values. After an `Authorization` header (or curl's `-H`) on the same
 * line any value counts; elsewhere the words are common prose ("the token expires"), so only a
 * value that mixes letters and digits and is long enough to be a credential counts.
 */
export const findAuthorizationValues: Detector = (text) => {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(AUTH_SCHEME_RE.source, AUTH_SCHEME_RE.flags))) {
    const span = m.indices?.[2];
    const scheme = (m[1] ?? "").toLowerCase();
    const value = m[2] ?? "";
    if (!span) continue;
    // Only the last 200 characters of the line: bounded, so a megabyte line stays linear.
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const afterHeader = AUTHORIZATION_WORD_RE.test(before.slice(before.lastIndexOf("\n") + 1));
    const credentialShaped = value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
    if (!afterHeader && !credentialShaped) continue;
    if (isExampleValue(value) || (scheme === "basic" && isExampleValue(decodedBasic(value)))) continue;
    found.push({ start: span[0], end: span[1], kind: scheme === "basic" ? "basic-auth" : "bearer-token" });
  }
  return found;
};

/** The `user:password` a Basic value encodes, or "" when it is not base64 of text. */
function decodedBasic(value: string): string {
  try {
    return atob(value);
  } catch {
    return "";
  }
}

/**
 * From each BEGIN line to its END line; or, when the paste was cut off, to the end of the run of
 * key-shaped lines (base64, PEM headers such as `Proc-Type:`, one blank line as in PGP). A line is
 * judged once its decoration is stripped (table pipes, `> `, list markers, indentation, `#`/`//`
 * comments, quotes, a trailing `|` or `\`): the decoration is kept, the key material replaced.
 * Each line is read once and a key's search ends where its run ends, so a megabyte stays linear.
 */
export const findPrivateKeys: Detector = (text) => {
  const found: Finding[] = [];
  const begin = new RegExp(PRIVATE_KEY_BEGIN_RE.source, "g");
  const scan: KeyScan = {
    text,
    newlineAfter: cachedForwardSearch((from) => text.indexOf("\n", from)),
    endMarkerAfter: cachedForwardSearch((from) => {
      const end = new RegExp(PRIVATE_KEY_END_RE.source, "g");
      end.lastIndex = from;
      return end.exec(text)?.index ?? -1;
    }),
  };
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    const key = keyFrom(scan, m.index, m.index + m[0].length);
    // A BEGIN line with no key material after it is a mention (`if (key === "-----BEGIN …-----")`), not a key.
    if (key.end - (m.index + m[0].length) < MIN_KEY_MATERIAL) continue;
    found.push(key);
    begin.lastIndex = Math.max(begin.lastIndex, key.end);
  }
  return found;
};

/**
 * A search for the first hit at or after `from` that reuses its last answer while `from` has not passed
 * it: a megabyte line of repeated BEGIN markers asks for the same newline 40,000 times.
 */
function cachedForwardSearch(find: (from: number) => number): (from: number) => number {
  let searchedFrom = Number.POSITIVE_INFINITY;
  let found = -1;
  return (from) => {
    if (!(from >= searchedFrom && (found === -1 || from <= found))) {
      searchedFrom = from;
      found = find(from);
    }
    return found;
  };
}

interface KeyScan {
  text: string;
  newlineAfter: (from: number) => number;
  /** Where the next END marker starts, at or after `from`; -1 when there is none. */
  endMarkerAfter: (from: number) => number;
}

interface Line {
  start: number;
  /** Where the content ends: before `\r\n` or `\n`. */
  contentEnd: number;
  /** Where the next line starts, or -1 after the last line. */
  next: number;
}

function lineAt(scan: KeyScan, start: number): Line {
  const { text } = scan;
  const newline = scan.newlineAfter(start);
  const end = newline === -1 ? text.length : newline;
  const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  return { start, contentEnd, next: newline === -1 ? -1 : newline + 1 };
}

/** The key whose BEGIN marker is `[start, markerEnd)`. */
function keyFrom(scan: KeyScan, start: number, markerEnd: number): Finding {
  const { text } = scan;
  const kind = "private-key";
  // A key carried in a JSON string has `\n` escapes, not line breaks: its body is on the BEGIN line.
  const escaped = new RegExp(PRIVATE_KEY_ESCAPED_BODY_RE.source, "y");
  escaped.lastIndex = markerEnd;
  escaped.exec(text);
  const bodyEnd = escaped.lastIndex;
  const first = lineAt(scan, markerEnd);
  const endOnLine = scan.endMarkerAfter(bodyEnd);
  if (endOnLine !== -1 && endOnLine < first.contentEnd) {
    const end = new RegExp(PRIVATE_KEY_END_RE.source, "y");
    end.lastIndex = endOnLine;
    if (end.test(text)) return { start, end: end.lastIndex, kind };
  }
  // Anything but decoration after the marker means the key (if any) ends on this line.
  if (first.next === -1 || decorationEnd(text, markerEnd, first.contentEnd) !== first.contentEnd)
    return { start, end: bodyEnd, kind };

  const keep: [number, number][] = [];
  // Decoration seen since the last key material: kept only if more key material follows.
  let pending: [number, number][] = markerEnd < first.contentEnd ? [[markerEnd, first.contentEnd]] : [];
  let end = markerEnd;
  let blankRun = 0;
  const take = (prefixEnd: number, lineStart: number, materialEnd: number): void => {
    keep.push(...pending);
    if (prefixEnd > lineStart) keep.push([lineStart, prefixEnd]);
    pending = [];
    end = materialEnd;
  };
  for (let at = first.next; at !== -1;) {
    const line = lineAt(scan, at);
    const prefix = new RegExp(PRIVATE_KEY_LINE_PREFIX_RE.source, "y");
    prefix.lastIndex = line.start;
    prefix.exec(text);
    const prefixEnd = Math.min(prefix.lastIndex, line.contentEnd);
    const closing = endMarkerEnd(text, prefixEnd, line.contentEnd);
    if (closing !== -1) {
      take(prefixEnd, line.start, closing);
      break;
    }
    const coreEnd = decorationSuffixStart(text, prefixEnd, line.contentEnd);
    const core = text.slice(prefixEnd, coreEnd);
    if (core === "") {
      blankRun += 1;
      if (blankRun > 1) break;
      if (line.contentEnd > line.start) pending.push([line.start, line.contentEnd]);
    } else if (PRIVATE_KEY_BASE64_RE.test(core) || PRIVATE_KEY_HEADER_RE.test(core)) {
      blankRun = 0;
      take(prefixEnd, line.start, coreEnd);
      if (coreEnd < line.contentEnd) pending.push([coreEnd, line.contentEnd]);
    } else {
      // A body line followed by other text still starts with key material; 16 characters rule out words.
      const lead = new RegExp(PRIVATE_KEY_LINE_LEAD_RE.source, "y");
      lead.lastIndex = prefixEnd;
      const m = lead.exec(text);
      if (m && (m[1]?.length ?? 0) >= 16) take(prefixEnd, line.start, prefixEnd + m[0].length);
      break;
    }
    at = line.next;
  }
  return { start, end, kind, ...(keep.length > 0 ? { keep } : {}) };
}

/** The end of an END marker within `[from, to)` of one line, or -1. Bounded by the line, so linear. */
function endMarkerEnd(text: string, from: number, to: number): number {
  const line = text.slice(from, to);
  if (!line.includes("-----END")) return -1;
  const m = new RegExp(PRIVATE_KEY_END_RE.source).exec(line);
  return m ? from + m.index + m[0].length : -1;
}

/** Where the decoration that starts at `from` ends, scanning forward (at most to `to`). */
function decorationEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (
      c === " " ||
      c === "\t" ||
      c === "|" ||
      c === '"' ||
      c === "'" ||
      c === "`" ||
      c === "," ||
      c === ";" ||
      c === ")" ||
      c === "+"
    )
      i += 1;
    else if (c === "\\") i += text[i + 1] === "n" || text[i + 1] === "r" ? 2 : 1;
    else break;
  }
  return Math.min(i, to);
}

/**
 * Where a line's trailing decoration starts (scanning back from `to`, not before `from`): spaces,
 * table pipes, a line-continuation `\`, closing quotes, `,`/`;`, a `\n` escape, a ` +` concatenation.
 */
function decorationSuffixStart(text: string, from: number, to: number): number {
  let i = to;
  while (i > from) {
    const c = text[i - 1];
    if (
      c === " " ||
      c === "\t" ||
      c === "|" ||
      c === "\\" ||
      c === '"' ||
      c === "'" ||
      c === "`" ||
      c === "," ||
      c === ";" ||
      c === ")"
    ) {
      i -= 1;
    } else if ((c === "n" || c === "r") && i - 2 >= from && text[i - 2] === "\\") {
      i -= 2;
    } else if (c === "+" && i - 2 >= from && (text[i - 2] === " " || text[i - 2] === "\t" || text[i - 2] === '"')) {
      i -= 1;
    } else {
      break;
    }
  }
  return i;
}

/** Fewer characters than this after a BEGIN line are not key material (an Ed25519 key body is 64). */
const MIN_KEY_MATERIAL = 16;

export const SECRET_DETECTORS: readonly Detector[] = [
  findPrivateKeys,
  findGitHubTokens,
  findJwts,
  findAuthorizationValues,
  findUrlCredentials,
];
