// The tally every sanitising step adds to: kind → how many were removed. Shared so each concern can live in its
// own file and still report into the one `removed` record the agent's caller logs.
import type { Range } from "./code-ranges.js";

export type Counts = Record<string, number>;

export function count(removed: Counts, kind: string, n = 1): void {
  removed[kind] = (removed[kind] ?? 0) + n;
}

/** Whether `index` lies in one of the sorted `ranges`; `from` is a cursor that only moves forward, keeping scans linear. */
export function insideAny(ranges: Range[], from: number, index: number): { cursor: number; inside: boolean } {
  let cursor = from;
  while (cursor < ranges.length && (ranges[cursor]?.end ?? 0) <= index) cursor++;
  const range = ranges[cursor];
  return { cursor, inside: range !== undefined && range.start <= index };
}
