// Shannon entropy tells a random secret (`q8Zr2Lx0vT...`, ~4 bits a character) from a word or a
// setting (`production`, `3600`, ~2–3 bits).

/** Bits of Shannon entropy per character of `value` (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
