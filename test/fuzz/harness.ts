// Runs postsumm's real entry point (cli/main) on bytes written to a temporary file, and the fast-check settings every
// fuzz test shares: a fixed seed and a small number of runs under `npm test`, many under `npm run fuzz`.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../cli-run.js';

/**
 * fast-check's settings: the seed is fixed so a failure in CI is a failure on every machine (FUZZ_SEED overrides it
 * to explore), and a test runs `runs` cases unless FUZZ_RUNS asks for more (`npm run fuzz`: 50,000), divided by
 * `cost` for a test whose cases are that many times slower than a short log's. A failure names its seed, path and
 * shrunk counter-example; `FUZZ_SEED=<seed> FUZZ_PATH=<path> node --test --test-name-pattern <test> <file>` replays it.
 */
export function fuzzParameters(runs: number, cost = 1): { seed: number; numRuns: number; path?: string; includeErrorInReport: boolean } {
  const seed = Number(process.env.FUZZ_SEED ?? 20261125);
  const numRuns = process.env.FUZZ_RUNS === undefined ? runs : Math.max(runs, Math.round(Number(process.env.FUZZ_RUNS) / cost));
  // the assertion that failed goes in the report, not only the counter-example
  return { seed, numRuns, ...(process.env.FUZZ_PATH === undefined ? {} : { path: process.env.FUZZ_PATH }), includeErrorInReport: true };
}

/** What one run of main came to. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs main with `argv`, its output captured; the clock is fixed so no run depends on the day it runs. */
export function run(argv: readonly string[]): Promise<Run> {
  return runMain([...argv], { now: () => Date.UTC(2026, 10, 26, 12) });
}

/** A folder of temporary files, removed by `clean()`. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'postsumm-fuzz-'));
  private n = 0;

  /** Writes `data` to a new file; its mtime is fixed (the year of yearless stamps is inferred from it). */
  file(data: Uint8Array | string, name = `log${this.n++}.log`): string {
    const p = join(this.path, name);
    writeFileSync(p, data);
    const t = new Date(Date.UTC(2026, 10, 26, 12));
    utimesSync(p, t, t);
    return p;
  }

  clean(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Lines as the reader splits them: on LF or CR LF; a final line break ends the last line and makes none. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The bytes as UTF-8 text the way the reader decodes them: invalid bytes become U+FFFD. */
export function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
