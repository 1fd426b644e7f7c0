// Checks that a function's time grows linearly with its input, as a ratio measured on this machine rather
// than an absolute time: catastrophic regex backtracking is quadratic or worse, linear growth is not.

import assert from 'node:assert/strict';

/** Best-of-five time of `fn(input)` in ms, repeating the call until each sample lasts at least 5 ms. */
function timeOf(fn: (s: string) => unknown, input: string): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn(input);
    if (performance.now() - t0 >= 5) break;
    reps *= 2;
  }
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn(input);
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

/**
 * Asserts that `fn` on `make(100_000)` takes at most 30 times as long as on `make(10_000)`: a linear parser takes
 * about 10 times as long, a quadratic one about 100 times.
 */
export function assertLinear(fn: (s: string) => unknown, make: (n: number) => string, what: string): void {
  const small = timeOf(fn, make(10_000));
  const large = timeOf(fn, make(100_000));
  const ratio = large / Math.max(small, 1e-6);
  assert.ok(ratio < 30, `${what}: 10× the input took ${ratio.toFixed(1)}× the time`);
}
