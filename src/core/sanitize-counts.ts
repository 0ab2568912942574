// The tally every sanitising step adds to: kind → how many were removed. Shared so each concern can live in its
// own file and still report into the one `removed` record the agent's caller logs.
export type Counts = Record<string, number>;

export function count(removed: Counts, kind: string, n = 1): void {
  removed[kind] = (removed[kind] ?? 0) + n;
}
