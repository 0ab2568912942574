// Private keys without their BEGIN line: a paste that lost it, a body copied alone, a PuTTY `.ppk` file. The DER of
// a private key starts with its version, 0 (`30 82 LL LL 02 01 00`, base64 `MII??IBA…`), where a certificate starts
// with another SEQUENCE (`MII??zCC…`); EC, Ed25519 and OpenSSH keys have fixed openings of their own. From such an
// opening, or back from a private key's END line, every line of base64 is key material. PuTTY keys mark theirs with
// `Private-Lines: N`. Decoration (indentation, `> `, quotes, table pipes) stays; only the material is replaced.

import type { Detector, Finding } from "./finding.js";
import {
  KEY_BODY_LINE_RE,
  KEY_OPENING_RE,
  PRIVATE_KEY_END_RE,
  PUTTY_MAC_RE,
  PUTTY_PRIVATE_LINES_RE,
} from "./patterns.js";

const KIND = "private-key";
/** A key is at most a few dozen lines (RSA 4096: 51); more is not one key. */
const MAX_KEY_LINES = 128;

interface Line {
  start: number;
  end: number;
  /** The base64 core, decoration stripped; undefined when the line is not key material. */
  core?: [number, number];
}

function lineAt(text: string, start: number): Line & { next: number } {
  const newline = text.indexOf("\n", start);
  let end = newline === -1 ? text.length : newline;
  if (end > start && text[end - 1] === "\r") end -= 1;
  const m = new RegExp(KEY_BODY_LINE_RE.source, "d").exec(text.slice(start, end));
  const span = m?.indices?.[1];
  return {
    start,
    end,
    next: newline === -1 ? -1 : newline + 1,
    ...(span ? { core: [start + span[0], start + span[1]] } : {}),
  };
}

/** Key-material lines from `start` on, at most `max` of them. */
function bodyFrom(text: string, start: number, max: number): Finding[] {
  const found: Finding[] = [];
  for (let at = start, n = 0; at !== -1 && n < max; n += 1) {
    const line = lineAt(text, at);
    if (!line.core) break;
    found.push({ start: line.core[0], end: line.core[1], kind: KIND });
    at = line.next;
  }
  return found;
}

/** From an opening such as `MIIEpAIBAAK…`, `MHcCAQEE…` or `b3BlbnNzaC1rZXktdjE…` at the start of a line. */
function fromOpenings(text: string): Finding[] {
  const found: Finding[] = [];
  let reach = 0;
  for (const m of text.matchAll(new RegExp(KEY_OPENING_RE.source, KEY_OPENING_RE.flags))) {
    const lineStart = text.lastIndexOf("\n", m.index - 1) + 1;
    if (lineStart < reach) continue;
    const body = bodyFrom(text, lineStart, MAX_KEY_LINES);
    found.push(...body);
    reach = body[body.length - 1]?.end ?? reach;
  }
  return found;
}

/** Back from a private key's END line whose BEGIN line is missing: the base64 lines just above it. */
function beforeEndLines(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(PRIVATE_KEY_END_RE.source, "g"))) {
    const lines: Finding[] = [];
    let end = text.lastIndexOf("\n", m.index - 1);
    for (let n = 0; end > 0 && n < MAX_KEY_LINES; n += 1) {
      const start = text.lastIndexOf("\n", end - 1) + 1;
      const line = lineAt(text, start);
      if (!line.core) break;
      lines.push({ start: line.core[0], end: line.core[1], kind: KIND });
      end = start - 1;
    }
    found.push(...lines);
  }
  return found;
}

/** PuTTY `.ppk`: the N lines after `Private-Lines: N`, and the MAC that authenticates them. */
function puttyKeys(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(PUTTY_PRIVATE_LINES_RE.source, PUTTY_PRIVATE_LINES_RE.flags))) {
    const count = Math.min(Number(m[1]), MAX_KEY_LINES);
    const next = text.indexOf("\n", m.index);
    if (next !== -1) found.push(...bodyFrom(text, next + 1, count));
  }
  for (const m of text.matchAll(new RegExp(PUTTY_MAC_RE.source, PUTTY_MAC_RE.flags))) {
    const span = m.indices?.[1];
    if (span) found.push({ start: span[0], end: span[1], kind: KIND });
  }
  return found;
}

export const findArmourlessKeys: Detector = (text) => [
  ...fromOpenings(text),
  ...beforeEndLines(text),
  ...puttyKeys(text),
];
