// classifyHeading: which canonical section a heading names, and the rule that decided it. In order:
//   1. an exact alias (aliases.ts): the sure hits; a dated log entry (`2026-04-14 – Rewrite`) is never a section;
//   2. keywords and stems per section (lexicon.ts), scored; where terms overlap the longest wins, so `in progress`
//      is not `progress` and `未完了` is not `完了`; a term right after a negation (`not done`, `No findings`) is ignored;
//   3. precedence: out-of-scope wording beats everything it qualifies, resolved wording the problem it qualifies
//      (`Issues found and fixed` is done), (`Out of scope (don't touch)`, `What was NOT
//      touched`), a problem noun at the end the topic before it (`Test Code Quality Issues`), and `next …` beats
//      the goal or task it qualifies (`Next mission`, `THE NEXT TASK`); a label for one value (`Implementation
//      Date`) is no section;
//   4. otherwise the best score, if it reaches MIN_SCORE; ties go to the term that comes first in the heading.
import { SECTION_NAMES, type SectionName } from "../types.js";
import { aliasOf } from "./aliases.js";
import { AUXILIARIES, LABEL_HEADS, LEXICON, MIN_SCORE, PROBLEM_HEADS, RESOLVED, WEIGHTS } from "./lexicon.js";
import { normaliseHeading, normaliseTerm } from "./normalise.js";

export interface HeadingClass {
  canonical: SectionName | null;
  /**
   * How much of the heading the placing words cover, 0 to 1 (1 for an alias): `### Next steps` is all section word,
   * `### 公開時刻を変更する` ("change the publish time") only contains one.
   */
  coverage?: number;
  /** Why, in words a person can check: `alias "next steps"`, `keywords "prochain* etape*"`, `no section word`. */
  rule: string;
}

interface Term {
  section: SectionName;
  weight: number;
  source: string;
  /** Latin terms: words in order, each exact or (ending in `*`) a prefix. */
  words?: readonly { text: string; prefix: boolean }[];
  /** CJK terms: matched as a substring of the heading with its spaces removed. */
  compact?: string;
  /** Latin terms: what every word matching the first word starts with, if that is sure (`leadOf`). */
  lead?: string;
}

interface Match {
  term: Term;
  start: number;
  end: number;
}

/** A word that turns the term after it around: `not done`, `No findings`, `nicht erledigt`. */
const NEGATORS = new Set([
  "not",
  "no",
  "non",
  "never",
  "none",
  "nicht",
  "kein",
  "keine",
  "pas",
  "aucun",
  "aucune",
  "niet",
  "geen",
  "sin",
  "sem",
  "senza",
  "nessun",
  "nenhum",
  "ningun",
  "nao",
]);
export const CLASSIFY_PATTERNS = {
  ascii: /^[\x00-\x7f]*$/,
  cjk: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u,
  spaces: /\s+/g,
  // `2026-09-20T08:20:00Z — agent — …`, `2025-12-03 – Harness initialisiert`, `03.10.2026: …`: a dated log entry.
  datedEntry: /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?Z?)?\s{0,3}(?:[—–|·:-]|$)/,
} as const;

/** The lexicon as matchable terms, built on first use: a process that classifies no heading never pays for it. */
let terms: readonly Term[] | undefined;
export function lexiconTerms(): readonly Term[] {
  terms ??= SECTION_NAMES.flatMap((section) =>
    (["strong", "medium", "weak"] as const).flatMap((strength) =>
      LEXICON[section][strength].map((source): Term => {
        const weight = WEIGHTS[strength];
        if (CLASSIFY_PATTERNS.cjk.test(source))
          return { section, weight, source, compact: source.replace(CLASSIFY_PATTERNS.spaces, "") };
        const words = source.split(" ").map((raw) => {
          const prefix = raw.endsWith("*");
          return { text: normaliseTerm(prefix ? raw.slice(0, -1) : raw), prefix };
        });
        return { section, weight, source, words, lead: leadOf(words[0]!.text) };
      }),
    ),
  );
  return terms;
}

/**
 * The first two characters a heading word must start with to be of this first word's family (see `sameFamily`), or
 * undefined when it need not: a long word also matches as the tail of a compound (`Nutzerentscheidung`).
 */
function leadOf(text: string): string | undefined {
  return text.length >= COMPOUND_HEAD || text === "" ? undefined : text.slice(0, 2);
}

/**
 * Classifications already made, by heading: the parser asks about the same headings twice (sections, then kind), and
 * a document repeats headings (`### Next steps` under every entry). Pure, so a cache changes no answer; bounded.
 */
const CLASSIFIED = new Map<string, HeadingClass>();
const CACHE_ENTRIES = 1_024;
const CACHE_HEADING_CHARS = 256;

/** The canonical section a heading (already cleaned of markdown, numbering and emoji) names, and why. */
export function classifyHeading(cleaned: string): HeadingClass {
  const known = CLASSIFIED.get(cleaned);
  if (known) return { ...known };
  const found = classifyUncached(cleaned);
  if (cleaned.length <= CACHE_HEADING_CHARS) {
    if (CLASSIFIED.size >= CACHE_ENTRIES) CLASSIFIED.clear();
    CLASSIFIED.set(cleaned, { ...found });
  }
  return found;
}

function classifyUncached(cleaned: string): HeadingClass {
  const alias = aliasOf(cleaned);
  if (alias) return { canonical: alias, rule: `alias "${cleaned.toLowerCase()}"`, coverage: 1 };
  if (CLASSIFY_PATTERNS.datedEntry.test(cleaned)) return { canonical: null, rule: "a dated entry, not a section" };
  const heading = normaliseHeading(cleaned);
  if (heading.words.length === 0) return { canonical: null, rule: "no words" };
  // `Implementation Date`, `Review owner`: a label for one value, whatever the words before it.
  if (heading.words.length <= 3 && LABEL_HEADS.has(heading.words[heading.words.length - 1]!))
    return { canonical: null, rule: "a label for one value, not a section" };
  const matches = longestFirst(findMatches(heading.words));
  const scores = new Map<SectionName, { score: number; first: number; terms: string[]; covered: number }>();
  for (const m of matches) {
    const entry = scores.get(m.term.section) ?? { score: 0, first: m.start, terms: [], covered: 0 };
    entry.score += m.term.weight;
    entry.covered += m.end - m.start;
    entry.first = Math.min(entry.first, m.start);
    entry.terms.push(m.term.source);
    scores.set(m.term.section, entry);
  }
  const letters = heading.words.join("").length;
  const explain = (name: SectionName, why: string): HeadingClass => ({
    canonical: name,
    coverage: letters === 0 ? 0 : scores.get(name)!.covered / letters,
    rule: `${why}: ${scores
      .get(name)!
      .terms.map((t) => `"${t}"`)
      .join(", ")}`,
  });
  const outOfScope = scores.get("out-of-scope");
  if (outOfScope && outOfScope.score >= MIN_SCORE) {
    return explain("out-of-scope", scores.size > 1 ? "out-of-scope wording beats what it qualifies" : "keywords");
  }
  const done = scores.get("done");
  if (scores.has("open-questions") && done?.terms.some((t) => RESOLVED.has(t))) {
    return explain("done", "resolved wording beats the problem it qualifies");
  }
  const last = heading.words[heading.words.length - 1]!;
  if (heading.words.length > 1 && PROBLEM_HEADS.has(last) && scores.has("open-questions")) {
    return explain("open-questions", "a problem noun at the end beats the topic it qualifies");
  }
  const ranked = [...scores.entries()].sort(
    ([a, x], [b, y]) => y.score - x.score || x.first - y.first || SECTION_NAMES.indexOf(a) - SECTION_NAMES.indexOf(b),
  );
  const best = ranked[0];
  if (!best || best[1].score < MIN_SCORE)
    return { canonical: null, rule: best ? `too weak: "${best[1].terms.join('", "')}"` : "no section word" };
  if ((best[0] === "reason" || best[0] === "scope") && scores.has("next-steps")) {
    return explain("next-steps", `"next …" beats the ${best[0] === "reason" ? "goal" : "task"} it qualifies`);
  }
  return explain(best[0], "keywords");
}

/** Every lexicon term found in the heading's words; `screen: false` skips the first test (for the test that proves it). */
export function findMatches(words: readonly string[], screen = true): Match[] {
  // Character offsets of each word in the space-free heading, so Latin and CJK matches share one coordinate.
  const offsets: number[] = [];
  let at = 0;
  for (const w of words) {
    offsets.push(at);
    at += w.length;
  }
  const compact = words.join("");
  // A cheap first test, in the lexicon's order so matches come out as before: most terms' first word cannot be of the
  // family of any heading word, seen from its first two characters, and a CJK term is never in an ASCII heading.
  const leads = new Set<string>();
  for (const w of words) leads.add(w.slice(0, 1)).add(w.slice(0, 2));
  const ascii = CLASSIFY_PATTERNS.ascii.test(compact);
  const matches: Match[] = [];
  for (const term of lexiconTerms()) {
    if (screen && term.lead !== undefined && !leads.has(term.lead)) continue;
    if (term.compact) {
      if (screen && ascii) continue;
      for (let i = compact.indexOf(term.compact); i !== -1; i = compact.indexOf(term.compact, i + 1)) {
        matches.push({ term, start: i, end: i + term.compact.length });
      }
      continue;
    }
    const tw = term.words!;
    for (let i = 0; i + tw.length <= words.length; i++) {
      if (!tw.every((t, k) => sameFamily(t, words[i + k]!))) continue;
      if (negated(words, i)) continue;
      const last = i + tw.length - 1;
      matches.push({ term, start: offsets[i]!, end: offsets[last]! + words[last]!.length });
    }
  }
  return matches;
}

/** Whether the word at `i` follows a negation, directly or across one auxiliary. */
function negated(words: readonly string[], i: number): boolean {
  if (i > 0 && NEGATORS.has(words[i - 1]!)) return true;
  return i > 1 && AUXILIARIES.has(words[i - 1]!) && NEGATORS.has(words[i - 2]!);
}

/** Endings that make a plural of a word (`verification`/`verifications`, `risk`/`risks`). */
const PLURAL_ENDINGS = ["s", "es"] as const;
/** A term long enough to head a German or Dutch compound (`Verifikation` in `Verifikationsstand`), or end one. */
const COMPOUND_HEAD = 9;
/** Endings of the last part of a compound (`Nutzerentscheidungen` ends in `entscheidung` + `en`). */
const COMPOUND_ENDINGS = ["", "s", "es", "e", "n", "en"] as const;

/**
 * A heading word of the term word's family: the word itself, its prefix (`objective*`), its plural
 * (`Vérifications` for `verification`), or, for a long term, the head of a compound
 * (`Verifikationsstand`). Stems beat a list of every inflection in ten languages.
 */
function sameFamily(term: { text: string; prefix: boolean }, word: string): boolean {
  if (term.text.length >= COMPOUND_HEAD && word.length > term.text.length) {
    // German and Dutch put the compound's head last: a `Nutzerentscheidung` is an `Entscheidung`.
    if (COMPOUND_ENDINGS.some((e) => word.endsWith(term.text + e))) return true;
  }
  if (term.prefix || term.text.length >= COMPOUND_HEAD) return word.startsWith(term.text);
  if (word === term.text) return true;
  // Only the heading's word inflected, never the term's: `agents` and `issues` are in the lexicon as plurals on purpose.
  if (term.text.length < 4 || !word.startsWith(term.text)) return false;
  return (PLURAL_ENDINGS as readonly string[]).includes(word.slice(term.text.length));
}

/** Overlapping matches resolved in favour of the longest (then the heaviest): `in progress` over `progress`. */
function longestFirst(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || b.term.weight - a.term.weight);
  const kept: Match[] = [];
  for (const m of sorted) {
    if (kept.every((k) => m.end <= k.start || m.start >= k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
