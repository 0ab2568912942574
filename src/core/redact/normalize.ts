// Sanitising removes invisible characters before an agent reads a document, so a secret split by one
// (`AKIA…\u00AD…`) would pass every detector here and then be re-joined for the agent. Before detection,
// runs of such characters (and ANSI escape sequences, which the sanitiser also removes) are removed where
// they sit inside a token, between two characters of `[A-Za-z0-9+/=_.-]`; the text that is redacted and
// posted is this normalised text. Between words or emoji (a ZWJ sequence) they are left for the sanitiser.
// Not reported: they are not secrets. A scan, not one regex: a lookbehind-anchored run is polynomial in recheck.

import { ESCAPE_SEQUENCE_RE, INVISIBLE_CHAR_RE } from "./patterns.js";

// Compiled once: both functions are synchronous, so the stateful (`g`, `y`) ones are reset before each use.
// Every invisible character lies outside printable ASCII, so a plain (non-Unicode) class finds the few places
// worth asking the Unicode-property pattern about: most documents are nearly all ASCII.
const SUSPECT = /[^\t\n\r\x20-\x7E]/g;
const ONE = new RegExp(INVISIBLE_CHAR_RE.source, "u");
const SEQUENCE = new RegExp(ESCAPE_SEQUENCE_RE.source, "y");

/** `text` without invisible characters and escape sequences between two token characters. */
export function joinSplitTokens(text: string): string {
  const hit = SUSPECT;
  hit.lastIndex = 0;
  const parts: string[] = [];
  let cursor = 0;
  for (let m = hit.exec(text); m; m = hit.exec(text)) {
    const start = m.index;
    const cp = text.codePointAt(start) ?? 0;
    if (!ONE.test(String.fromCodePoint(cp))) {
      hit.lastIndex = start + (cp > 0xffff ? 2 : 1);
      continue;
    }
    const end = runEnd(text, start);
    hit.lastIndex = end;
    if (start > 0 && isTokenChar(text.charCodeAt(start - 1)) && isTokenChar(text.charCodeAt(end))) {
      parts.push(text.slice(cursor, start));
      cursor = end;
    }
  }
  if (cursor === 0) return text;
  parts.push(text.slice(cursor));
  return parts.join("");
}

/** Where the run of invisible characters and escape sequences starting at `from` (which is one) ends. */
function runEnd(text: string, from: number): number {
  const one = ONE;
  const sequence = SEQUENCE;
  let at = from;
  for (;;) {
    if (text.charCodeAt(at) === 0x1b) {
      sequence.lastIndex = at;
      if (sequence.exec(text)) {
        at = sequence.lastIndex;
        continue;
      }
    }
    const cp = text.codePointAt(at);
    if (cp === undefined) return at;
    const char = String.fromCodePoint(cp);
    if (!one.test(char)) return at;
    at += char.length;
  }
}

/** `[A-Za-z0-9+/=_.-]`: what API keys, tokens and base64 are made of. NaN (past the end) is not. */
export function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 /* + */ ||
    c === 47 /* / */ ||
    c === 61 /* = */ ||
    c === 95 /* _ */ ||
    c === 46 /* . */ ||
    c === 45 /* - */
  );
}
