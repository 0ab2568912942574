// Layer 3: secrets that are encoded or split by markup. GitHub renders `ghp_abc<!-- -->def` as one token, a URL
// carries `ghp%5F…` and `dana%40example.com`, HTML carries `&#95;` and `&commat;`; base64 carries a whole PEM
// (`client-key-data`, `*_B64=`). Each changed line is decoded into a view that remembers, for every character, the
// original range it came from; the plain detectors run on the view, and their findings are mapped back, so the
// placeholder covers exactly the encoded text. A base64 word whose decoded text holds a secret is redacted whole.

import type { Detector, Finding } from "./finding.js";
import { BASE64_RUN_RE, ENCODING_HINT_RE, HTML_ENTITY_RE, MARKUP_SPLIT_RE, PERCENT_ESCAPE_RE } from "./patterns.js";

/**
 * Text decoded from the original, and for each of its characters the original range it stands for (`to` is the
 * last original character, inclusive). The original itself is a view with no arrays: each character stands for
 * itself, so a document with nothing to decode never allocates two numbers per character.
 */
interface View {
  text: string;
  from: number[] | null;
  to: number[] | null;
}

/** A view that decoding produced: it always carries its arrays. */
interface Decoded extends View {
  from: number[];
  to: number[];
}

function fromOf(view: View, i: number): number | undefined {
  return view.from === null ? (i >= 0 && i < view.text.length ? i : undefined) : view.from[i];
}

function toOf(view: View, i: number): number | undefined {
  return view.to === null ? (i >= 0 && i < view.text.length ? i : undefined) : view.to[i];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  commat: "@",
  lowbar: "_",
  UnderBar: "_",
  sol: "/",
  period: ".",
  colon: ":",
  equals: "=",
  plus: "+",
  hyphen: "-",
  dash: "-",
  num: "#",
  percnt: "%",
  excl: "!",
  nbsp: " ",
};

/** Base64 words longer than this are data (images, archives), not a pasted credential: not decoded. */
const MAX_BASE64_RUN = 65_536;

/** `[A-Za-z0-9_-]`; undefined (past either end) is not. */
function isTokenChar(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || c === "_" || c === "-"
  );
}

// Sticky copies compiled once: decodeAt runs at every `&`, `<` and `*` of a line, and resets them before each use.
const ENTITY_AT = new RegExp(HTML_ENTITY_RE.source, "y");
const MARKUP_AT = new RegExp(MARKUP_SPLIT_RE.source, "y");

/** One decoding step at `i` of `s` (not reading past `end`): what it decodes to and how many characters it used. */
function decodeAt(s: string, i: number, end: number): { out: string; used: number } | undefined {
  const c = s[i];
  if (c === "%") {
    if (i + 3 <= end && PERCENT_ESCAPE_RE.test(s.slice(i, i + 3))) {
      return { out: String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16)), used: 3 };
    }
  } else if (c === "&") {
    ENTITY_AT.lastIndex = 0;
    const m = ENTITY_AT.exec(s.slice(i, Math.min(end, i + 40)));
    const body = m?.[1];
    if (m && body) {
      const hex = body.startsWith("#x") || body.startsWith("#X");
      const code = hex ? parseInt(body.slice(2), 16) : body.startsWith("#") ? Number(body.slice(1)) : -1;
      // Own names only: `&constructor;` must not read Object.prototype's (it made redaction throw, failing closed).
      const named = Object.hasOwn(NAMED_ENTITIES, body) ? NAMED_ENTITIES[body] : undefined;
      const out = code >= 0 ? (code <= 0x10ffff ? String.fromCodePoint(code) : undefined) : named;
      if (out !== undefined) return { out, used: m[0].length };
    }
  } else if ((c === "<" || c === "*" || c === "\\") && isTokenChar(s[i - 1])) {
    // Markup that GitHub renders as nothing (a run of it: `<span></span>`), between two characters of a token.
    const window = s.slice(i, Math.min(end, i + 1024));
    const markup = MARKUP_AT;
    let used = 0;
    for (let n = 0; n < 8; n += 1) {
      markup.lastIndex = used;
      if (window.startsWith("<!--", used)) {
        const close = window.indexOf("-->", used + 4);
        if (close === -1 || close - used > 256) break;
        used = close + 3;
      } else if (markup.exec(window)) used = markup.lastIndex;
      else break;
    }
    if (used > 0 && isTokenChar(s[i + used])) return { out: "", used };
  }
  return undefined;
}

/** Decodes `[start, end)` of `source` (a view, or the original) into `into`; every character keeps its origin. */
function decodeRange(source: View, start: number, end: number, into: Decoded): boolean {
  let changed = false;
  const s = source.text;
  for (let i = start; i < end;) {
    const step = decodeAt(s, i, end);
    if (step) {
      const from = fromOf(source, i) ?? 0;
      const to = toOf(source, i + step.used - 1) ?? from;
      for (const ch of step.out) {
        into.text += ch;
        into.from.push(from);
        into.to.push(to);
      }
      i += step.used;
      changed = true;
    } else {
      // This character and the plain ones after it, up to the next that could start a decoding, copied at once.
      let next = i + 1;
      while (next < end && !DECODE_STARTS.has(s.charCodeAt(next))) next++;
      into.text += s.slice(i, next);
      for (let k = i; k < next; k++) {
        into.from.push(fromOf(source, k) ?? 0);
        into.to.push(toOf(source, k) ?? 0);
      }
      i = next;
    }
  }
  return changed;
}

const DECODE_STARTS = new Set([0x25, 0x26, 0x3c, 0x2a, 0x5c]); // what decodeAt decodes from: % & < * \

/** A view of `source` holding only its lines that decoding changes, joined by line breaks. */
function decodedLines(source: View): Decoded | undefined {
  const out: Decoded = { text: "", from: [], to: [] };
  let any = false;
  const s = source.text;
  for (let start = 0; start < s.length;) {
    let newline = s.indexOf("\n", start);
    // A line that ends in a backslash continues on the next one (a shell continuation).
    while (newline !== -1 && s[newline - 1] === "\\" && newline + 1 < s.length) newline = s.indexOf("\n", newline + 1);
    const end = newline === -1 ? s.length : newline;
    const line = s.slice(start, end);
    if (ENCODING_HINT_RE.test(line)) {
      const before = out.text.length;
      const save = { from: out.from.length };
      if (decodeRange(source, start, end, out)) {
        any = true;
        out.text += "\n";
        out.from.push(fromOf(source, end - 1) ?? 0);
        out.to.push(toOf(source, end - 1) ?? 0);
      } else {
        out.text = out.text.slice(0, before);
        out.from.length = save.from;
        out.to.length = save.from;
      }
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return any ? out : undefined;
}

function mapBack(view: View, f: Finding): Finding {
  return { start: fromOf(view, f.start) ?? 0, end: (toOf(view, f.end - 1) ?? 0) + 1, kind: f.kind };
}

/** Findings of `detectors` in text that only decoding reveals, mapped back to the original text. */
export function findEncodedSecrets(text: string, detectors: readonly Detector[], skipUnhinted = true): Finding[] {
  const runs = [...text.matchAll(new RegExp(BASE64_RUN_RE.source, "g"))];
  const hinted = !skipUnhinted || ENCODING_HINT_RE.test(text); // a line decoding changes holds a hint: so does the text
  if (runs.length === 0 && !hinted) return [];
  const found: Finding[] = [];
  // Twice: `%252B` is `%2B` once decoded, and `+` the second time (a SAS URL encoded into another URL).
  let view: View | undefined = hinted ? { text, from: null, to: null } : undefined;
  for (let pass = 0; pass < 2 && view; pass += 1) {
    view = decodedLines(view);
    if (!view) break;
    const v = view;
    for (const detect of detectors) for (const f of detect(v.text)) found.push(mapBack(v, f));
  }
  found.push(...findBase64Secrets(runs, detectors));
  return found;
}

/**
 * A base64 word whose decoded text holds a secret (a PEM, a `.env`, `user:token`) is redacted whole. The decoded
 * words are scanned together, one per paragraph, so ten thousand words cost one pass of the detectors, not ten
 * thousand.
 */
function findBase64Secrets(words: readonly RegExpExecArray[], detectors: readonly Detector[]): Finding[] {
  const runs: { start: number; end: number; at: number }[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const m of words) {
    if (m[0].length > MAX_BASE64_RUN) continue;
    const decoded = decodeBase64Text(m[0]);
    if (!decoded) continue;
    runs.push({ start: m.index, end: m.index + m[0].length, at });
    parts.push(decoded, "\n\n\n");
    at += decoded.length + 3;
  }
  if (runs.length === 0) return [];
  const joined = parts.join("");
  const widest = new Map<number, Finding>();
  for (const f of detectors.flatMap((detect) => detect(joined))) {
    // The run a finding starts in: the last whose decoded text starts at or before it.
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((runs[mid]?.at ?? 0) <= f.start) lo = mid;
      else hi = mid - 1;
    }
    // The widest finding inside a run names its kind (a PEM's private-key over an e-mail in its comment).
    const best = widest.get(lo);
    if (!best || f.end - f.start > best.end - best.start) widest.set(lo, f);
  }
  return [...widest].flatMap(([i, f]) => {
    const run = runs[i];
    return run ? [{ start: run.start, end: run.end, kind: f.kind }] : [];
  });
}

/** The decoded text, when `run` is base64 of mostly printable text; undefined for binary data. */
function decodeBase64Text(run: string): string | undefined {
  let decoded: string;
  try {
    decoded = atob(run.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return undefined;
  }
  let printable = 0;
  for (let i = 0; i < decoded.length; i += 1) {
    const c = decoded.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)) printable += 1;
  }
  return printable >= decoded.length * 0.95 ? decoded : undefined;
}
