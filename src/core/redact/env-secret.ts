// Layer 2 (context): a secret-like name and a value. Assignments in every common syntax live here (`.env`, YAML and
// its block scalars, JSON, TOML, INI, Go `:=`, keyword arguments, `=>`), URL query parameters too; flags, netrc,
// curl, Kubernetes pairs, attribute pairs, labels and tables in context/syntaxes.ts. The name says whether the value
// is sensitive (context/gate.ts); the value's shape says whether it is real, so code stays (`password: string`).

import { isSecretValue, nameStrength, type NameStrength } from "./context/gate.js";
import { BLOCK_SCALAR_RE, NAME_THEN_SEPARATOR_RE, SEPARATOR_LINE_RE, TERNARY_BEFORE_RE } from "./context/patterns.js";
import {
  findAttributePairs,
  findCommandLineCredentials,
  findFlagSecrets,
  findLabelledCodeSpans,
  findNameValuePairs,
  findTableSecrets,
} from "./context/syntaxes.js";
import type { Detector, Finding } from "./finding.js";
import { ASSIGNMENT_RE, BARE_VALUE_TAIL_RE, LABEL_NAME_RE, QUERY_PARAMETER_RE } from "./patterns.js";

/** Random secrets sit near 4 bits a character; words and settings well below. */
export const ENV_SECRET_MIN_ENTROPY = 3.0;
/** Shorter values of merely secret-named keys are flags and ids, not secrets. */
export const ENV_SECRET_MIN_LENGTH = 8;

const KIND = "env-secret";
/** A block scalar's lines are read up to this many: a key is a few lines, a megabyte of YAML is not one value. */
const MAX_BLOCK_LINES = 64;

/**
 * `KEY=value` and its kin, everywhere in `text`. A match lies within one line and holds `:` or `=`, so the pattern (which
 * is tried at every word start) starts only on lines holding one; `skipLines: false` runs it on every line.
 */
export function findAssignments(text: string, skipLines = true): Finding[] {
  const found: Finding[] = [];
  const assignment = new RegExp(ASSIGNMENT_RE.source, ASSIGNMENT_RE.flags);
  const nextLine = new RegExp(SEPARATOR_LINE_RE.source, "g");
  const exec = (): RegExpExecArray | null => {
    if (skipLines) {
      nextLine.lastIndex = assignment.lastIndex;
      const next = nextLine.exec(text);
      if (!next) return null;
      if (next[0].length > 1) assignment.lastIndex = next.index + 1;
    }
    return assignment.exec(text);
  };
  for (let m = exec(); m; m = exec()) {
    const name = m[1] ?? "";
    const strength = nameStrength(name);
    const group = [2, 3, 4, 5].find((g) => m?.[g] !== undefined) ?? 5;
    const span = m.indices?.[group];
    const nameEnd = m.indices?.[1]?.[1];
    if (!span || nameEnd === undefined) continue;
    // A bare value that is itself a name (`Cookie: sessionid=…`): read on from it. Only a name and its separator,
    // so a run like `a:a:a:…` is not re-read 512 characters at a time.
    if (group === 5 && NAME_THEN_SEPARATOR_RE.test(m[5] ?? "") && !/^[\s,;]?$/.test(text[span[1]] ?? "")) {
      assignment.lastIndex = span[0];
    }
    // A quoted value or code span may hold an assignment of its own (`run: "PASSWORD=…"`): unless it is the secret,
    // read on from inside it. Each character is re-read at most once per kind of quote, so this stays linear.
    if (group !== 5 && span[1] > span[0]) assignment.lastIndex = span[0];
    if (!strength) continue;
    // `cond ? state.auth : state.global` is a ternary, not a `name: value` pair.
    if (TERNARY_BEFORE_RE.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    const value = m[group] ?? "";
    if (group === 5 && BLOCK_SCALAR_RE.test(value)) {
      found.push(...blockScalar(text, m.index, span[1], strength));
      continue;
    }
    // `Password: see the vault` is a label and prose; `DB_PASSWORD=…` or `db_password: …` is config.
    const label = !text.slice(nameEnd, span[0]).includes("=") && LABEL_NAME_RE.test(name);
    if (strength === "password" && label && group === 5 && !BARE_VALUE_TAIL_RE.test(text.slice(span[1], span[1] + 512)))
      continue;
    const quoted = group === 2 || group === 3;
    if (!isSecretValue(strength, value, { quoted, after: text.slice(span[1], span[1] + 40) })) continue;
    let end = span[1];
    if (!quoted) while (end > span[0] && ")]}>:;,.".includes(text[end - 1] ?? "")) end -= 1;
    found.push({ start: span[0], end, kind: KIND });
    assignment.lastIndex = Math.max(assignment.lastIndex, span[1]);
  }
  // `url: https://h/x?access_token=…` hides a second assignment inside the first one's value,
  // which the scan above has already stepped over; query parameters get their own pass.
  for (const m of text.matchAll(new RegExp(QUERY_PARAMETER_RE.source, QUERY_PARAMETER_RE.flags))) {
    const strength = nameStrength(m[1] ?? "");
    const span = m.indices?.[2];
    if (!span || !strength) continue;
    if (!isSecretValue(strength, m[2] ?? "", { quoted: true, after: "" })) continue;
    found.push({ start: span[0], end: span[1], kind: KIND });
  }
  return found;
}

/**
 * `password: >-` or `token: |` followed by more-indented lines: those lines are the value. Each line's content is
 * redacted; the indentation stays, so the YAML still parses.
 */
function blockScalar(text: string, keyAt: number, headerEnd: number, strength: NameStrength): Finding[] {
  const keyLineStart = text.lastIndexOf("\n", keyAt - 1) + 1;
  const keyIndent = indentOf(text, keyLineStart);
  const lines: [number, number][] = [];
  let at = text.indexOf("\n", headerEnd);
  for (let n = 0; at !== -1 && n < MAX_BLOCK_LINES; n += 1) {
    const start = at + 1;
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const indent = indentOf(text, start);
    const blank = start + indent >= end || text.slice(start + indent, end).trim() === "";
    if (!blank && indent <= keyIndent) break;
    if (!blank) lines.push([start + indent, text[end - 1] === "\r" ? end - 1 : end]);
    at = newline;
  }
  const value = lines.map(([s, e]) => text.slice(s, e)).join("");
  if (lines.length === 0 || !isSecretValue(strength, value, { quoted: true, after: "" })) return [];
  return lines.map(([start, end]) => ({ start, end, kind: KIND }));
}

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === " " || text[i] === "\t") i += 1;
  return i - lineStart;
}

/** Every context-layer finding: a secret-like name and a value in any of the common syntaxes. */
export const findEnvSecrets: Detector = (text) => [
  ...findAssignments(text),
  ...findFlagSecrets(text),
  ...findCommandLineCredentials(text),
  ...findNameValuePairs(text),
  ...findAttributePairs(text),
  ...findLabelledCodeSpans(text),
  ...findTableSecrets(text),
];
