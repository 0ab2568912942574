// Detectors overlap (secretlint and our GitHub pattern both see a `ghp_` token; a `ghs_` token
// contains a JWT). Merging first means placeholders never nest or split a value in two.

import type { Finding } from "./finding.js";

type Keep = readonly (readonly [number, number])[];

/**
 * Sorts findings and merges every group of overlapping ones into one finding spanning the union;
 * the widest member names the kind (on a tie, the earliest in the input, i.e. the earlier detector).
 * Findings that merely touch stay separate, so two adjacent tokens are counted as two.
 * A member's `keep` ranges survive only where no other member of the group overlaps them: what another
 * detector calls secret is never written back.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const valid = findings
    .map((finding, order) => ({ ...finding, order }))
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);

  const merged: Finding[] = [];
  let group: Finding[] = [];
  let current: { start: number; end: number; kind: string; width: number } | undefined;
  const flush = (): void => {
    if (!current) return;
    const keep = keptRanges(group);
    merged.push({ start: current.start, end: current.end, kind: current.kind, ...(keep.length > 0 ? { keep } : {}) });
  };
  for (const f of valid) {
    const width = f.end - f.start;
    if (current && f.start < current.end) {
      if (width > current.width) {
        current.kind = f.kind;
        current.width = width;
      }
      current.end = Math.max(current.end, f.end);
      group.push(f);
      continue;
    }
    flush();
    current = { start: f.start, end: f.end, kind: f.kind, width };
    group = [f];
  }
  flush();
  return merged;
}

/** The members' keep ranges that no other member overlaps; one sweep over both sorted lists. */
function keptRanges(group: readonly Finding[]): Keep {
  const owners = group.filter((f) => f.keep && f.keep.length > 0);
  if (owners.length === 0) return [];
  if (group.length === 1) return owners[0]?.keep ?? [];
  const kept: [number, number][] = [];
  for (const owner of owners) {
    // A same-kind finding inside the owner (secretlint's BEGIN-to-END match of an indented key) sees the
    // same secret without reading its layout: it does not veto the owner's reading of what is decoration.
    const others = group
      .filter((f) => f !== owner && !(f.kind === owner.kind && f.start >= owner.start && f.end <= owner.end))
      .sort((a, b) => a.start - b.start);
    let i = 0;
    let reach = -1;
    for (const [s, e] of owner.keep ?? []) {
      // `reach` is the furthest end of the others that start before this keep ends: they overlap it iff reach > s.
      while (i < others.length && (others[i]?.start ?? Infinity) < e) reach = Math.max(reach, others[i++]?.end ?? -1);
      if (reach <= s) kept.push([s, e]);
    }
  }
  return kept.sort((a, b) => a[0] - b[0]);
}
