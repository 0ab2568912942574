// Small statistics for noisy machines: medians of several runs, and ratios, which survive noise better
// than bare times (both sides of a ratio are measured in the same conditions, interleaved).

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.POSITIVE_INFINITY : numerator / denominator;
}

/** `1.23×` */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "∞";
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function bytes(value: number): string {
  if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(2)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${value} B`;
}

/** Wall-clock milliseconds of one call. */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await task();
  return { ms: performance.now() - start, value };
}

/** The q-quantile (0–1) by linear interpolation between the sorted values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** The middle half of the runs: the first and third quartiles. */
export function spread(values: readonly number[]): { low: number; high: number } {
  return { low: quantile(values, 0.25), high: quantile(values, 0.75) };
}

/** `1.20 ms (1.10–1.31)`: the median with the interquartile range of the runs. */
export function msSpread(values: readonly number[]): string {
  const { low, high } = spread(values);
  return `${ms(median(values))} (${ms(low).replace(" ms", "")}–${ms(high)})`;
}

/**
 * The ratio of two sets of runs, with an interval: the interquartile range of every pairwise ratio a[i] / b[j].
 * Pairing every run with every other keeps the machine's noise in the interval instead of hiding it in two medians.
 */
export function ratioSpread(a: readonly number[], b: readonly number[]): { ratio: number; low: number; high: number } {
  const pairs = a.flatMap((x) => b.map((y) => ratio(x, y)));
  return { ratio: ratio(median(a), median(b)), low: quantile(pairs, 0.25), high: quantile(pairs, 0.75) };
}

/** `1.23× (1.10–1.40)` */
export function timesSpread(r: { ratio: number; low: number; high: number }): string {
  return `${times(r.ratio)} (${times(r.low).replace("×", "")}–${times(r.high)})`;
}
