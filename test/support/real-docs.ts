// Measures the parser against the real handoff documents in test/fixtures/real-docs/, whose expected title, kind and
// sections were written by reading each document (expected.jsonl), before the parser ran on it.
//
// An expected section names the canonical section a reader sees, or a list of readings a reader would accept
// (`["context", null]`: either is right). Recall counts the sections a reader is sure of (no `null` among the
// readings); precision counts every section the parser placed, and a placement is right when a reader accepts it.
// Sections are matched to expected ones by their cleaned heading's letters, in document order.
import { readFileSync } from "node:fs";
import { parseHandoff } from "../../src/core/parse.js";
import { cleanHeading } from "../../src/core/sections.js";
import { SECTION_NAMES, type HandoffKind, type SectionName } from "../../src/core/types.js";

export const REAL_DOCS = new URL("../fixtures/real-docs/", import.meta.url);

type Reading = SectionName | null;

export interface ExpectedDoc {
  file: string;
  lang: string;
  title: string;
  kind: HandoffKind;
  /**
   * `tune`: looked at while the classifier was written. `held-out` to `held-out-7`: gathered afterwards and measured
   * once before any change they prompted (docs/handoff-format.md reports both measurements).
   */
  split: "tune" | "held-out" | "held-out-2" | "held-out-3" | "held-out-4" | "held-out-5" | "held-out-6" | "held-out-7";
  sections: [heading: string, readings: Reading | Reading[]][];
}

export interface Tally {
  recallHits: number;
  recallTotal: number;
  precisionHits: number;
  precisionTotal: number;
}

export interface Measure {
  docs: number;
  kindRight: number;
  titleRight: number;
  overall: Tally;
  perSection: Record<SectionName, Tally>;
  /** Human-readable misses, for a person tuning the lexicon. */
  misses: string[];
}

export function loadExpected(): ExpectedDoc[] {
  return readFileSync(new URL("expected.jsonl", REAL_DOCS), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ExpectedDoc);
}

const letters = (text: string): string => (text.normalize("NFKC").toLowerCase().match(/\p{L}/gu) ?? []).join("");

function emptyTally(): Tally {
  return { recallHits: 0, recallTotal: 0, precisionHits: 0, precisionTotal: 0 };
}

export function measure(docs: readonly ExpectedDoc[]): Measure {
  const result: Measure = {
    docs: docs.length,
    kindRight: 0,
    titleRight: 0,
    overall: emptyTally(),
    perSection: Object.fromEntries(SECTION_NAMES.map((n) => [n, emptyTally()])) as Record<SectionName, Tally>,
    misses: [],
  };
  for (const doc of docs) {
    const parsed = parseHandoff(readFileSync(new URL(doc.file, REAL_DOCS), "utf8"));
    if (parsed.kind === doc.kind) result.kindRight++;
    else result.misses.push(`${doc.file}: kind ${parsed.kind}, expected ${doc.kind} (${parsed.kindReason ?? ""})`);
    if (parsed.title === doc.title) result.titleRight++;
    else result.misses.push(`${doc.file}: title "${parsed.title}", expected "${doc.title}"`);
    const expected = doc.sections.map(([heading, readings]) => ({
      heading,
      // Matched on the heading as the parser cleans it (numbering, emoji and markdown removed), letters only.
      key: letters(cleanHeading(heading)),
      readings: Array.isArray(readings) ? readings : [readings],
      matched: null as Reading | undefined | null,
      found: false,
    }));
    let next = 0;
    for (const section of parsed.sections) {
      if (section.heading === "") continue;
      const key = letters(section.heading);
      const at = key === "" ? -1 : expected.findIndex((e, i) => i >= next && e.key === key);
      const placed = section.canonical;
      if (at === -1) {
        if (placed !== null) {
          tallyPrecision(result, placed, false);
          result.misses.push(
            `${doc.file}: "${section.heading}" placed as ${placed} (${section.rule ?? ""}), not an expected section`,
          );
        }
        continue;
      }
      next = at + 1;
      const e = expected[at]!;
      e.found = true;
      e.matched = placed;
      if (placed !== null) {
        const right = e.readings.includes(placed);
        tallyPrecision(result, placed, right);
        if (!right)
          result.misses.push(
            `${doc.file}: "${e.heading}" placed as ${placed} (${section.rule ?? ""}), expected ${e.readings.join("|")}`,
          );
      }
    }
    for (const e of expected) {
      if (e.readings.includes(null)) continue;
      const right = e.found && e.matched !== null && e.readings.includes(e.matched as SectionName);
      for (const name of e.readings as SectionName[]) {
        // A section with several sure readings counts once overall, and once under the reading the parser chose.
        if (right ? name !== e.matched : name !== e.readings[0]) continue;
        result.perSection[name].recallTotal++;
        if (right) result.perSection[name].recallHits++;
      }
      result.overall.recallTotal++;
      if (right) result.overall.recallHits++;
      else
        result.misses.push(
          `${doc.file}: "${e.heading}" missed (${e.found ? `placed as ${e.matched}` : "not a section"}), expected ${e.readings.join("|")}`,
        );
    }
  }
  return result;
}

function tallyPrecision(result: Measure, placed: SectionName, right: boolean): void {
  result.overall.precisionTotal++;
  result.perSection[placed].precisionTotal++;
  if (right) {
    result.overall.precisionHits++;
    result.perSection[placed].precisionHits++;
  }
}

export const ratio = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);
