// Hand-written: the regex way (`^-+|-+$`) is retried from every character of a run and turns quadratic on a long one.

/** `text` without the runs of `char` at its start and its end. */
export function trimChar(text: string, char: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && text[from] === char) from++;
  while (to > from && text[to - 1] === char) to--;
  return text.slice(from, to);
}
