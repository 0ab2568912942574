// Shannon entropy tells a random secret (`q8Zr2Lx0vT...`, ~4 bits a character) from a word or a
// setting (`production`, `3600`, ~2–3 bits).

/** Bits of Shannon entropy per character (code point) of `value` (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // Counted by code point number, not by a one-character string per character; the map keeps first-seen order,
  // so the sum below adds the same terms in the same order as ever (the same bits, to the last one).
  const counts = new Map<number, number>();
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const cp = value.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    counts.set(cp, (counts.get(cp) ?? 0) + 1);
    length++;
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
