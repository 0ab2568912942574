// Where redaction changed a document, for `handoff lint`: line, column and kind, never the value.
// redact() returns the redacted text and counts, not positions (its findings stay inside src/core/redact), but it
// keeps the line count: a finding that spans lines becomes a placeholder and empty lines. So comparing the two
// texts line by line finds every change; the placeholders on a changed line name the kinds.
import { PLACEHOLDER_RE } from "../core/redact/patterns.js";

export interface RedactionSite {
  /** 1-based line and column of the first changed character. */
  line: number;
  column: number;
  /** The last line of a run of changed lines that one finding spans (a private key), else `line`. */
  endLine: number;
  kinds: string[];
}

function placeholderKinds(line: string): string[] {
  // `[redacted: kind]` → `kind`
  return [...line.matchAll(new RegExp(PLACEHOLDER_RE.source, "g"))].map((m) => m[0].slice("[redacted: ".length, -1));
}

/** Kinds in `after` that `before` did not already have (a placeholder pasted into the document is not a finding). */
function newKinds(before: string, after: string): string[] {
  const had = placeholderKinds(before);
  const added: string[] = [];
  for (const kind of placeholderKinds(after)) {
    const i = had.indexOf(kind);
    if (i === -1) added.push(kind);
    else had.splice(i, 1);
  }
  return added;
}

export function locateRedactions(original: string, redacted: string): RedactionSite[] {
  const before = original.split(/\r\n|\r|\n/);
  const after = redacted.split(/\r\n|\r|\n/);
  const sites: RedactionSite[] = [];
  for (let i = 0; i < before.length; i++) {
    const o = before[i]!;
    const r = after[i] ?? "";
    if (o === r) continue;
    const kinds = [...new Set(newKinds(o, r))];
    const previous = sites.at(-1);
    if (kinds.length === 0) {
      // A line emptied or decorated by a finding that began above it (the rest of a private key).
      if (previous && previous.endLine === i) previous.endLine = i + 1;
      continue;
    }
    let column = 0;
    while (column < o.length && o[column] === r[column]) column++;
    sites.push({ line: i + 1, column: column + 1, endLine: i + 1, kinds });
  }
  return sites;
}
