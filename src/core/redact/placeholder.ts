// The placeholder shape is part of the contract: `[redacted: kind]` must never match any detector,
// so redacting redacted text changes nothing.

import type { Finding } from "./finding.js";
import { PLACEHOLDER_RE } from "./patterns.js";

/** The typed placeholder that replaces one finding. */
export function placeholder(kind: string): string {
  return `[redacted: ${kind}]`;
}

/** Ranges of placeholders already in the text (from an earlier redaction). */
export function placeholderRanges(text: string): Finding[] {
  return [...text.matchAll(new RegExp(PLACEHOLDER_RE.source, "g"))].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: "placeholder",
  }));
}

/**
 * Replaces each finding (sorted, non-overlapping) with its placeholder followed by the line breaks
 * the finding spanned, so the document keeps its line count and later diagnostics still point at
 * the right line: a multi-line private key becomes one placeholder line and empty lines. A finding's
 * `keep` ranges (a table's pipes, a quote's `>`) are written back in place among those line breaks.
 */
export function applyFindings(text: string, findings: readonly Finding[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const f of findings) {
    parts.push(text.slice(cursor, f.start), placeholder(f.kind));
    let at = f.start;
    for (const [keepStart, keepEnd] of f.keep ?? []) {
      parts.push(lineBreaksIn(text, at, keepStart), text.slice(keepStart, keepEnd));
      at = keepEnd;
    }
    parts.push(lineBreaksIn(text, at, f.end));
    cursor = f.end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

/** Scans only the finding itself: `indexOf` would run to the next newline, maybe a megabyte away. */
function lineBreaksIn(text: string, start: number, end: number): string {
  let breaks = "";
  for (let i = start; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) breaks += i > start && text.charCodeAt(i - 1) === 13 ? "\r\n" : "\n";
  }
  return breaks;
}
