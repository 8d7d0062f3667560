/**
 * Summaries of per-round figures. The machine's speed drifts by tens of percent within minutes, so a run measures
 * every server in several interleaved rounds: the median of the rounds is the figure reported, and their min–max
 * shows how far the rounds disagreed.
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many rounds it summarises (a round a server did not measure is left out). */
  rounds: number;
}

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('the median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/** Median and range of the values that exist; `undefined` when there are none. */
export function spreadOf(values: readonly (number | null | undefined)[]): Spread | undefined {
  const known = values.filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  );
  if (known.length === 0) return undefined;
  return { median: median(known), min: Math.min(...known), max: Math.max(...known), rounds: known.length };
}
