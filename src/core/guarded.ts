// V8 compiles a regular expression the first time it runs, 0.1–0.6 ms for each large pattern of the kind reader,
// and an Action pickup pays it for every pattern it runs once. Most text holds none of the words such a pattern
// needs, so a substring check first means the pattern never compiles for that text. Hand-written: a guard on our
// own patterns, which no library offers.

/** A pattern behind the check that the text holds one of its needles. */
export interface Guarded {
  readonly pattern: RegExp;
  /** Strings every match contains, lower case for an `i` pattern; null for a pattern with no guard. */
  readonly needles: readonly string[] | null;
  test(text: string): boolean;
  exec(text: string): RegExpExecArray | null;
}

/**
 * `pattern.test` and `pattern.exec`, with the same answers, run only on text that holds one of `needles`. For an `i`
 * pattern the text is lower-cased first: without the `u` flag, an ASCII letter matches only itself in either case,
 * and the other characters a needle may hold (ASCII ones, kana, CJK, Hangul) have no case at all.
 */
export function guarded(pattern: RegExp, needles: readonly string[] | null): Guarded {
  if (needles === null)
    return { pattern, needles, test: (text) => pattern.test(text), exec: (text) => pattern.exec(text) };
  // A `g` or `y` pattern keeps state from call to call, so skipping a call would change later answers.
  if (pattern.global || pattern.sticky) throw new Error(`a guarded pattern cannot be g or y: ${pattern}`);
  const fold = pattern.ignoreCase;
  if (fold && (pattern.flags.includes("u") || pattern.flags.includes("v")))
    throw new Error(`u folds more than lower case: ${pattern}`);
  if (needles.length === 0 || (fold && !needles.every(caseless)))
    throw new Error(`needles of an i pattern must be lower case, ASCII, kana, CJK or Hangul: ${pattern}`);
  const mayMatch = (text: string): boolean => {
    const folded = fold ? lowerCase(text) : text;
    for (const needle of needles) if (folded.includes(needle)) return true;
    return false;
  };
  return {
    pattern,
    needles,
    test: (text) => mayMatch(text) && pattern.test(text),
    exec: (text) => (mayMatch(text) ? pattern.exec(text) : null),
  };
}

/** Guards for every pattern of a set, its needles written `a|b|c`; a pattern without needles runs as it is. */
export function guardAll<K extends string>(
  patterns: Readonly<Record<K, RegExp>>,
  needles: { readonly [P in K]?: string },
): Readonly<Record<K, Guarded>> {
  const out = {} as Record<K, Guarded>;
  for (const name of Object.keys(patterns) as K[])
    out[name] = guarded(patterns[name], needles[name]?.split("|") ?? null);
  return out;
}

// The kind reader asks a dozen patterns about one title or heading in a row: the last text's lower case is kept.
let lastText = "";
let lastLower = "";

function lowerCase(text: string): string {
  if (text !== lastText) {
    lastLower = text.toLowerCase();
    lastText = text;
  }
  return lastLower;
}

function caseless(needle: string): boolean {
  for (let i = 0; i < needle.length; i++) {
    const c = needle.charCodeAt(i);
    const ascii = c < 0x80 && !(c >= 0x41 && c <= 0x5a);
    // Kana and CJK (U+3040–U+9FFF), Hangul syllables (U+AC00–U+D7AF): no case mappings in or out.
    if (!ascii && !(c >= 0x3040 && c <= 0x9fff) && !(c >= 0xac00 && c <= 0xd7af)) return false;
  }
  return needle !== "";
}
