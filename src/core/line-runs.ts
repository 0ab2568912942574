// Texts of runs of a body's lines, for sections: one slice per run instead of a string per line.
import type { LineSpan } from "./line-breaks.js";

/**
 * Texts of runs of body lines, trimmed of blank lines at both ends as `trimBlankLines` trims them, each run sliced
 * from the body at once: a 1 MB preamble of unclosed fences was 500,000 line strings joined again.
 */
export function byRuns(body: string, spans: readonly LineSpan[]) {
  const blank = (i: number): boolean => body.slice(spans[i]!.start, spans[i]!.end).trim() === "";
  const clamp = (range: readonly [number, number]): [number, number] => [
    Math.max(0, range[0]),
    Math.min(range[1], spans.length),
  ];
  return {
    /** Lines of the ranges (in order, disjoint) joined and trimmed; `first` counts lines of the ranges before the first non-blank one (-1: none). */
    text(ranges: readonly (readonly [number, number])[]): { text: string; first: number } {
      const kept = ranges.map(clamp).filter(([a, b]) => a < b);
      let first = -1;
      let from = -1;
      let counted = 0;
      for (const [a, b] of kept) {
        for (let i = a; i < b && from === -1; i++) if (!blank(i)) from = i;
        if (from !== -1) {
          first = counted + from - a;
          break;
        }
        counted += b - a;
      }
      if (from === -1) return { text: "", first: -1 };
      let to = -1;
      for (let r = kept.length - 1; r >= 0 && to === -1; r--) {
        const [a, b] = kept[r]!;
        for (let i = b - 1; i >= a && to === -1; i--) if (!blank(i)) to = i;
      }
      const pieces: string[] = [];
      for (const [a, b] of kept) {
        const lo = Math.max(a, from);
        const hi = Math.min(b - 1, to);
        if (lo <= hi) pieces.push(body.slice(spans[lo]!.start, spans[hi]!.end));
      }
      return { text: pieces.join("\n"), first };
    },
    /** A section's text: the label's `rest` (if any) as its first line, then lines `from` to `to`, trimmed. */
    withRest(rest: string | undefined, from: number, to: number): string {
      if (!rest || rest.trim() === "") return this.text([[from, to]]).text;
      const [a, b] = clamp([from, to]);
      let last = b - 1;
      while (last >= a && blank(last)) last--;
      return last < a ? rest : `${rest}\n${body.slice(spans[a]!.start, spans[last]!.end)}`;
    },
  };
}

/** Lines joined with "\n", without the blank lines at both ends. */
export function trimBlankLines(lines: readonly string[]): string {
  let from = 0;
  let to = lines.length;
  while (from < to && (lines[from] as string).trim() === "") from++;
  while (to > from && (lines[to - 1] as string).trim() === "") to--;
  return lines.slice(from, to).join("\n");
}
