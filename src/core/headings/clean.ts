// A heading as a person reads it: markdown, leading numbering, emoji and trailing punctuation removed, case kept.
// Shared by the sections (headings, bold labels, bullet labels) and the preview's explanation of each.
import { collapseWhitespace, plainText } from "../title.js";

export const SECTION_PATTERNS = {
  emoji: /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0F}\u{200D}\u{20E3}]/gu,
  // `1.`, `2)`, `3:`, `1.2`, `§4`, `Step 3:`, `Phase 2 -`
  numbering:
    /^(?:(?:step|phase|part|section|stage|schritt|teil)\s{1,5})?[§#]?\d{1,4}(?:\.\d{1,4}){0,4}[.):]?(?:\s{1,20}|$)/i,
  letterNumbering: /^[A-Za-z][.)]\s{1,20}/,
  romanNumbering: /^(?:i{1,3}|iv|v|vi{1,3}|ix|x)[.)]\s{1,20}/i,
  whitespace: /\s+/g,
  // A list item's own line: `- `, `* `, `+ `, `1. `, `2) `.
  listItem: /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s/,
} as const;

/** A heading as a person reads it: markdown, leading numbering, emoji and trailing punctuation removed. */
export function cleanHeading(raw: string): string {
  const text = trimChars(collapseWhitespace(plainText(raw).replace(SECTION_PATTERNS.emoji, "")), " ");
  const unnumbered = trimChars(
    text
      .replace(SECTION_PATTERNS.numbering, "")
      .replace(SECTION_PATTERNS.letterNumbering, "")
      .replace(SECTION_PATTERNS.romanNumbering, ""),
    " :|·•>»–—-¿",
  );
  return trimEndChars(unnumbered || text, " :：.!?？–—-");
}

// Hand-written trims: a `[set]+$` pattern rescans from every position and is quadratic on long runs.
function trimChars(text: string, chars: string): string {
  let from = 0;
  while (from < text.length && chars.includes(text[from] as string)) from++;
  return trimEndChars(text.slice(from), chars);
}

function trimEndChars(text: string, chars: string): string {
  let to = text.length;
  while (to > 0 && chars.includes(text[to - 1] as string)) to--;
  return text.slice(0, to);
}
