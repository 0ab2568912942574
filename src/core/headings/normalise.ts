// A heading as the classifier compares it: one comparable key and its words, whatever the language or typography.
// `# 3. 🚧 **Open Questions** (for Bob)?`, `ＮＥＸＴ　ＳＴＥＰＳ：`, `¿Próximos pasos?` and `Nächste Schritte` all come
// out as plain lower-case words, so the lexicon is written once per spelling rather than once per typography.
import { trimChar } from "../trim-char.js";

/** A heading ready for matching. `words` keeps letters, digits and inner apostrophes; `compact` drops spaces for CJK. */
export interface NormalisedHeading {
  /** Lower case, NFKC (full-width forms folded), Latin diacritics removed, parentheticals and punctuation gone. */
  key: string;
  words: readonly string[];
  /** `key` without spaces: Korean and Chinese headings are written with and without them. */
  compact: string;
}

const MAX_HEADING_CHARS = 300;

export const NORMALISE_PATTERNS = {
  // Combining diacritical marks only: kana voicing marks and Hangul jamo are outside this block and survive NFD → NFC.
  latinMarks: /[\u0300-\u036f]/g,
  // Anything that is not a letter, a digit or an apostrophe separates words.
  separator: /[^\p{L}\p{N}']+/u,
  nonAscii: /[^\x00-\x7f]/,
  asciiSeparator: /[^A-Za-z0-9']+/,
} as const;

/**
 * The comparable form of a heading already cleaned of markdown, numbering and emoji (see `cleanHeading`).
 * Parentheticals are qualifiers (`What exists (state)`, `Next steps (priority order)`) and are dropped unless they are
 * all there is; a question mark, a leading `¿` and full-width punctuation are dropped like any other punctuation.
 */
export function normaliseHeading(cleaned: string): NormalisedHeading {
  const folded = foldHeading(cleaned.slice(0, MAX_HEADING_CHARS));
  const unqualified = withoutParentheticals(folded);
  // In ASCII, letters and digits are these: the Unicode classes cost more per match.
  const ascii = !NORMALISE_PATTERNS.nonAscii.test(folded);
  const words = (unqualified.trim() === "" ? folded : unqualified)
    .split(ascii ? NORMALISE_PATTERNS.asciiSeparator : NORMALISE_PATTERNS.separator)
    .map((w) => trimChar(w, "'"))
    .filter((w) => w !== "");
  const key = words.join(" ");
  return { key, words, compact: words.join("") };
}

/** Lower case, NFKC, `’` as `'`, `&` as `and`, without Latin marks. ASCII, which every Unicode step leaves alone, skips them. */
export function foldHeading(text: string): string {
  return NORMALISE_PATTERNS.nonAscii.test(text)
    ? foldHeadingByRules(text)
    : text.toLowerCase().replaceAll("&", " and ");
}

export function foldHeadingByRules(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replaceAll("’", "'")
    .replaceAll("&", " and ")
    .normalize("NFD")
    .replace(NORMALISE_PATTERNS.latinMarks, "")
    .normalize("NFC");
}

/** Lexicon terms go through the same folding, so `Próximos` in the lexicon and `PROXIMOS` in a heading meet. */
export function normaliseTerm(term: string): string {
  // Most lexicon words are already plain lower-case ASCII, which the folding leaves as they are; the full folding
  // (three Unicode normalisations) for each of the lexicon's words was most of the classifier's load time.
  if (PLAIN_WORD.test(term)) return term;
  return normaliseHeading(term).key;
}

/** A word every step of `normaliseHeading` returns unchanged (tested against it). */
const PLAIN_WORD = /^[a-z0-9]+$/;

// A scan, not a pattern: nested or unbalanced brackets in a 300-character heading need no backtracking.
function withoutParentheticals(text: string): string {
  if (!text.includes("(") && !text.includes("[")) return text;
  let out = "";
  let depth = 0;
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) {
      depth--;
      out += " ";
    } else if (depth === 0) out += ch;
  }
  return out;
}
