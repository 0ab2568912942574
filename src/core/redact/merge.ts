// Detectors overlap (secretlint and our GitHub pattern both see a `ghp_` token; a `ghs_` token
// contains a JWT). Merging first means placeholders never nest or split a value in two.

import type { Finding } from "./finding.js";

/**
 * Sorts findings and merges every group of overlapping ones into one finding spanning the union;
 * the widest member names the kind (on a tie, the earliest in the input, i.e. the earlier detector).
 * Findings that merely touch stay separate, so two adjacent tokens are counted as two.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const valid = findings
    .map((finding, order) => ({ ...finding, order }))
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);

  const merged: Finding[] = [];
  let current: { start: number; end: number; kind: string; width: number } | undefined;
  for (const f of valid) {
    const width = f.end - f.start;
    if (current && f.start < current.end) {
      if (width > current.width) {
        current.kind = f.kind;
        current.width = width;
      }
      current.end = Math.max(current.end, f.end);
      continue;
    }
    if (current) merged.push({ start: current.start, end: current.end, kind: current.kind });
    current = { start: f.start, end: f.end, kind: f.kind, width };
  }
  if (current) merged.push({ start: current.start, end: current.end, kind: current.kind });
  return merged;
}
