// Hand-written secret detectors for what secretlint misses (FACTS.md): variable-length GitHub
// installation tokens, JWTs, Authorization values, credentials in any URL scheme, and private
// keys without an END line or in PKCS#8/Ed25519 form.

import type { Detector, Finding } from "./finding.js";
import {
  AUTHORIZATION_WORD_RE,
  AUTH_SCHEME_RE,
  GITHUB_TOKEN_RE,
  JWT_RE,
  PRIVATE_KEY_BEGIN_RE,
  PRIVATE_KEY_BLANK_LINE_RE,
  PRIVATE_KEY_END_RE,
  PRIVATE_KEY_ESCAPED_BODY_RE,
  PRIVATE_KEY_LINE_LEAD_RE,
  PRIVATE_KEY_LINE_RE,
  PRIVATE_KEY_REST_OF_LINE_RE,
  URL_CREDENTIALS_RE,
} from "./patterns.js";

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

/** Keeps scheme and host readable; only `user:password` goes. */
export const findUrlCredentials: Detector = (text) => groupFindings(text, URL_CREDENTIALS_RE, 2, "url-credentials");

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
    found.push({ start: span[0], end: span[1], kind: scheme === "basic" ? "basic-auth" : "bearer-token" });
  }
  return found;
};

/**
 * From each BEGIN line to its END line; or, when the paste was cut off, to the end of the run
 * of key-shaped lines (base64, PEM headers such as `Proc-Type:`, one blank line as in PGP).
 * The END and newline searches resume where the previous ones stopped, so a megabyte of
 * repeated BEGIN lines stays linear.
 */
export const findPrivateKeys: Detector = (text) => {
  const found: Finding[] = [];
  const begin = new RegExp(PRIVATE_KEY_BEGIN_RE.source, "g");
  const end = new RegExp(PRIVATE_KEY_END_RE.source, "g");
  const newlineAfter = cachedNewlineSearch(text);
  let nextEnd: RegExpExecArray | null | undefined;
  for (let m = begin.exec(text); m; m = begin.exec(text)) {
    const bodyStart = m.index + m[0].length;
    if (nextEnd !== null && (nextEnd === undefined || nextEnd.index < bodyStart)) {
      end.lastIndex = bodyStart;
      nextEnd = end.exec(text);
    }
    const run = endOfKeyRun(text, bodyStart, newlineAfter);
    const stop = nextEnd && nextEnd.index <= run.reach ? nextEnd.index + nextEnd[0].length : run.end;
    found.push({ start: m.index, end: stop, kind: "private-key" });
    begin.lastIndex = Math.max(begin.lastIndex, stop);
  }
  return found;
};

/** `indexOf("\n", at)` that reuses its last answer while `at` has not passed it. */
function cachedNewlineSearch(text: string): (at: number) => number {
  let searchedFrom = Number.POSITIVE_INFINITY;
  let found = -1;
  return (at) => {
    const stillValid = at >= searchedFrom && (found === -1 || at <= found);
    if (!stillValid) {
      searchedFrom = at;
      found = text.indexOf("\n", at);
    }
    return found;
  };
}

/**
 * Where the key body that starts at `from` ends (`end`), and how far an END line may sit and
 * still belong to it (`reach`: the start of the first line that is not key-shaped).
 */
function endOfKeyRun(text: string, from: number, newlineAfter: (from: number) => number): { end: number; reach: number } {
  const escaped = new RegExp(PRIVATE_KEY_ESCAPED_BODY_RE.source, "y");
  escaped.lastIndex = from;
  escaped.exec(text);
  let end = escaped.lastIndex;
  let lineEnd = newlineAfter(from);
  const restOfLine = new RegExp(PRIVATE_KEY_REST_OF_LINE_RE.source, "y");
  restOfLine.lastIndex = end;
  // Anything else after the body on the BEGIN line means the key (if any) ends on this line.
  if (lineEnd === -1 || !restOfLine.test(text)) return { end, reach: lineEnd === -1 ? text.length : lineEnd };
  let blankRun = 0;
  while (lineEnd !== -1) {
    const lineStart = lineEnd + 1;
    const next = text.indexOf("\n", lineStart);
    const stop = next === -1 ? text.length : next;
    const line = text.slice(lineStart, stop);
    if (line.includes("-----END")) return { end, reach: stop };
    if (!PRIVATE_KEY_LINE_RE.test(line)) return { end: base64Lead(text, lineStart, end), reach: lineStart };
    const blank = PRIVATE_KEY_BLANK_LINE_RE.test(line);
    blankRun = blank ? blankRun + 1 : 0;
    if (blankRun > 1) return { end, reach: lineStart };
    if (!blank) end = stop - (line.endsWith("\r") ? 1 : 0);
    lineEnd = next;
  }
  return { end, reach: text.length };
}

/**
 * A body line followed by something else (` |` when pasted into a table cell) still starts with
 * key material: take that leading run too. 16 characters rule out ordinary words.
 */
function base64Lead(text: string, lineStart: number, end: number): number {
  const lead = new RegExp(PRIVATE_KEY_LINE_LEAD_RE.source, "y");
  lead.lastIndex = lineStart;
  const m = lead.exec(text);
  return m && (m[1]?.length ?? 0) >= 16 ? lineStart + m[0].length : end;
}

export const SECRET_DETECTORS: readonly Detector[] = [
  findPrivateKeys,
  findGitHubTokens,
  findJwts,
  findAuthorizationValues,
  findUrlCredentials,
];
