// Percentiles from a fixed-bucket Histogram (report model), for renderers: p50, p90, p99 and max.

import type { Histogram } from './model.js';

/** What renderers print for one histogram; null values when it counted nothing. */
export interface DelaySummary {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * The q-quantile (0 < q ≤ 1) of the readings a histogram counted, in seconds: the bucket that holds the reading of
 * rank ⌈q·count⌉, interpolated linearly inside it, never above the largest reading; null when it is empty.
 * Exact to the bucket: a reading is known only to lie between its bucket's bounds.
 */
export function percentile(h: Histogram, q: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * h.count));
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const n = h.counts[i]!;
    if (n === 0 || seen + n < rank) {
      seen += n;
      continue;
    }
    const lower = i === 0 ? 0 : h.bounds[i - 1]!;
    // the last bucket is open above: its readings lie between the last bound and the largest reading
    const upper = i < h.bounds.length ? Math.min(h.bounds[i]!, h.max) : h.max;
    const value = lower + (upper - lower) * ((rank - seen) / n);
    return Math.min(Math.max(value, lower), h.max);
  }
  return h.max;
}

/** p50, p90, p99 and max of a histogram. */
export function delaySummary(h: Histogram): DelaySummary {
  if (h.count === 0) return { count: 0, p50: null, p90: null, p99: null, max: null };
  return { count: h.count, p50: percentile(h, 0.5), p90: percentile(h, 0.9), p99: percentile(h, 0.99), max: h.max };
}
