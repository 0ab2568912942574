// Which of several issues for the same source or path is "the" issue: an open one wins over closed ones (a closed
// one may be an earlier, finished round), then the newest.

export function openFirstThenNewest(
  a: { state: string; number: number },
  b: { state: string; number: number },
): number {
  if (a.state === b.state) return b.number - a.number;
  return a.state === "open" ? -1 : 1;
}
