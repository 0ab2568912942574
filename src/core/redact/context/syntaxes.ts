// Layer 2 beyond `name = value`: command-line flags, curl's `-u`, `.netrc`, Kubernetes/ECS `name:`/`value:` pairs,
// XML attribute pairs, code spans after a label (`**API key:** `…``), and markdown tables whose column or row is
// named for a secret. Each finds a candidate value next to a name and leaves the verdict to gate.ts.

import type { Finding } from "../finding.js";
import { isSecretValue, looksRandom, nameStrength, type NameStrength } from "./gate.js";
import {
  ATTRIBUTE_PAIR_RE,
  CODE_SPAN_RE,
  CURL_USER_RE,
  FLAG_RE,
  HTTP_CLIENT_RE,
  LABEL_WORD_RE,
  MYSQL_COMMAND_RE,
  MYSQL_PASSWORD_RE,
  NAME_FIELD_RE,
  NETRC_CONTEXT_RE,
  NETRC_PASSWORD_RE,
  TABLE_DELIMITER_CELL_RE,
  VALUE_FIELD_RE,
} from "./patterns.js";

const KIND = "env-secret";

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** The text before `at` on its line, at most `max` characters: bounded, so a megabyte line stays linear. */
function lineBefore(text: string, at: number, max = 200): string {
  const from = Math.max(lineStart(text, at), at - max);
  return text.slice(from, at);
}

function firstGroup(
  m: RegExpExecArray,
  groups: readonly number[],
): { span: [number, number]; group: number } | undefined {
  for (const g of groups) {
    const span = m.indices?.[g];
    if (span && m[g] !== undefined) return { span: [span[0], span[1]], group: g };
  }
  return undefined;
}

function accept(text: string, found: Finding[], strength: NameStrength, span: [number, number], quoted: boolean): void {
  const value = text.slice(span[0], span[1]);
  if (!isSecretValue(strength, value, { quoted, after: text.slice(span[1], span[1] + 40) })) return;
  // A bare value's trailing code punctuation (`)`, `;`) stays.
  let end = span[1];
  if (!quoted) while (end > span[0] && ")]}>:;,.".includes(text[end - 1] ?? "")) end -= 1;
  found.push({ start: span[0], end, kind: KIND });
}

/** `--token=…`, `--password …`, `--api-key "…"`; mysql's glued `-p…`. */
export function findFlagSecrets(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(FLAG_RE.source, FLAG_RE.flags))) {
    const strength = nameStrength(m[1] ?? "");
    const value = firstGroup(m, [2, 3, 4]);
    if (strength && value) accept(text, found, strength, value.span, value.group !== 4);
  }
  for (const m of text.matchAll(new RegExp(MYSQL_PASSWORD_RE.source, MYSQL_PASSWORD_RE.flags))) {
    const span = m.indices?.[1];
    if (span && MYSQL_COMMAND_RE.test(lineBefore(text, m.index)))
      accept(text, found, "password", [span[0], span[1]], true);
  }
  return found;
}

/** `curl -u user:password`; `.netrc`'s `machine h login u password p`. */
export function findCommandLineCredentials(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(CURL_USER_RE.source, CURL_USER_RE.flags))) {
    const span = m.indices?.[2];
    if (span && HTTP_CLIENT_RE.test(lineBefore(text, m.index)))
      accept(text, found, "password", [span[0], span[1]], true);
  }
  for (const m of text.matchAll(new RegExp(NETRC_PASSWORD_RE.source, NETRC_PASSWORD_RE.flags))) {
    const span = m.indices?.[1];
    if (span && NETRC_CONTEXT_RE.test(text.slice(Math.max(0, m.index - 300), m.index))) {
      accept(text, found, "password", [span[0], span[1]], true);
    }
  }
  return found;
}

/**
 * Kubernetes `- name: DB_PASSWORD` / `value: …` and ECS `{ "name": …, "value": … }`: the value field is looked
 * for after the name (up to the next `name` field, at most 300 characters) or before it on the same line.
 */
export function findNameValuePairs(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(NAME_FIELD_RE.source, NAME_FIELD_RE.flags))) {
    const strength = nameStrength(m[1] ?? "");
    if (!strength) continue;
    const end = m.index + m[0].length;
    const next = text.slice(end, end + 300).search(/["']?name["']?[ \t]*[:=]/);
    const after = valueField(text, end, next === -1 ? end + 300 : end + next);
    const before = after ?? valueField(text, lineStart(text, m.index), m.index);
    if (before) accept(text, found, strength, before.span, before.quoted);
  }
  return found;
}

function valueField(text: string, from: number, to: number): { span: [number, number]; quoted: boolean } | undefined {
  const window = text.slice(from, Math.min(to, text.length));
  const m = new RegExp(VALUE_FIELD_RE.source, "dg").exec(window);
  const value = m && firstGroup(m, [1, 2, 3]);
  if (!value) return undefined;
  return { span: [from + value.span[0], from + value.span[1]], quoted: value.group !== 3 };
}

/** `<add key="Password" value="…" />` and other name/value attribute pairs. */
export function findAttributePairs(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(ATTRIBUTE_PAIR_RE.source, ATTRIBUTE_PAIR_RE.flags))) {
    const strength = nameStrength(m[1] ?? "");
    const span = m.indices?.[2];
    if (strength && span) accept(text, found, strength, [span[0], span[1]], true);
  }
  return found;
}

/** A code span after a secret word on its line: `**API key:** `…``, "the staging token is `…`". */
export function findLabelledCodeSpans(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(CODE_SPAN_RE.source, CODE_SPAN_RE.flags))) {
    const span = m.indices?.[1];
    const label = LABEL_WORD_RE.exec(lineBefore(text, m.index, 80));
    // A struct tag (`json:"api_key"`) or a snippet of code is not a credential: those have quotes or spaces.
    if (!span || !label || /[\s"']/.test(m[1] ?? "")) continue;
    const strength = nameStrength(label[0].replace(/[^A-Za-z ]+.*$/, "").trim()) ?? "strong";
    // Prose names code in spans all the time (`@probot/get-private-key`): past a label, only a password may be
    // plain; anything else must look random.
    if (strength !== "password" && !looksRandom(m[1] ?? "")) continue;
    accept(text, found, strength, [span[0], span[1]], false);
  }
  return found;
}

/** Markdown tables: cells under a secret-named header, and the cell after a secret-named row label. */
export function findTableSecrets(text: string): Finding[] {
  const found: Finding[] = [];
  let header: { strength: NameStrength | null }[] | undefined;
  let previous: { start: number; end: number } | undefined;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    if (!line.includes("|")) header = undefined;
    else if (previous && line.includes("-") && isDelimiterRow(line)) {
      header = cells(text, previous.start, previous.end).map((c) => ({ strength: nameStrength(cellText(text, c)) }));
    } else if (header) {
      const row = cells(text, start, end);
      const label = row[0] ? nameStrength(cellText(text, row[0])) : null;
      row.forEach((cell, i) => {
        const strength = header?.[i]?.strength ?? (i === 1 ? label : null);
        if (strength) accept(text, found, strength, innerCell(text, cell), false);
      });
    }
    previous = { start, end };
    if (newline === -1) break;
    start = newline + 1;
  }
  return found;
}

/** `| --- | :---: |`: every cell dashes, with optional colons. */
function isDelimiterRow(line: string): boolean {
  const parts = line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|");
  return parts.length > 0 && parts.every((p) => TABLE_DELIMITER_CELL_RE.test(p.trim()));
}

/** The cells of a table row as ranges, without the outer pipes. */
function cells(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  while (from < end && (text[from] === " " || text[from] === "\t")) from += 1;
  if (text[from] === "|") from += 1;
  for (let i = from; i <= end; i += 1) {
    if (i === end || (text[i] === "|" && text[i - 1] !== "\\")) {
      if (i > from || i < end) out.push([from, i]);
      from = i + 1;
    }
  }
  if (out.length > 0 && text.slice(out[out.length - 1]?.[0] ?? 0, end).trim() === "") out.pop();
  return out;
}

function cellText(text: string, cell: [number, number]): string {
  return text.slice(cell[0], cell[1]).replace(/[`*_]/g, "").trim();
}

/** A cell's content without surrounding spaces, backticks and emphasis. */
function innerCell(text: string, cell: [number, number]): [number, number] {
  let [s, e] = cell;
  while (s < e && " \t`*".includes(text[s] ?? "")) s += 1;
  while (e > s && " \t`*".includes(text[e - 1] ?? "")) e -= 1;
  return [s, e];
}
