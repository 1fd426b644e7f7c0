// The benchmark's cases: each runs in a fresh child process (see case.ts) so its peak memory is its own.
// To add one (the full report, say), add a row here; bench.ts runs every row in order.

import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { runReport } from '../../src/cli/pipeline.js';
import { readInputs } from '../../src/input/source.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import { renderText } from '../../src/render/text.js';

/** Which copy of the log a case reads. */
export type Input = 'plain' | 'gz';

/** One benchmark case. */
export interface BenchCase {
  name: string;
  input: Input;
  /** the floor case: others report their time as a multiple of the floor's for the same input */
  floor?: boolean;
  /** does the work in-process and resolves with the number of lines it saw */
  run(file: string): Promise<number>;
}

export const CASES: readonly BenchCase[] = [
  { name: 'floor', input: 'plain', floor: true, run: countLines },
  { name: 'events --count', input: 'plain', run: (file) => runCli(['events', '--count', file]) },
  { name: 'floor .gz', input: 'gz', floor: true, run: countLines },
  { name: 'events --count .gz', input: 'gz', run: (file) => runCli(['events', '--count', file]) },
  { name: 'report (text)', input: 'plain', run: textReport },
  { name: 'report (text) .gz', input: 'gz', run: textReport },
];

/**
 * The full text report, every section (--smtpd-stats --pscrn-stats, -e off): what `postsumm FILE` does, run
 * through the same pipeline and renderer in-process so the report's line count can be checked.
 */
async function textReport(file: string): Promise<number> {
  const { report, input } = await runReport([file], {});
  if (input.errors.length > 0) throw new Error(`${file}: ${input.errors[0]!.message}`);
  const text = renderText(report, { ...DEFAULT_RENDER_OPTIONS, smtpdStats: true, pscrnStats: true });
  if (text.length === 0) throw new Error('empty report');
  return report.input.lines;
}

/** The input path alone: bytes → (gunzip) → UTF-8 → lines, and a counter. What no command can beat. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  const result = await readInputs([file], { begin() {}, line() { lines++; } });
  if (result.errors.length > 0) throw new Error(`${file}: ${result.errors[0]!.message}`);
  return lines;
}

/** The CLI as `postsumm ARGS` runs it, output to a sink that keeps only the last line (`--count` prints one). */
async function runCli(argv: string[]): Promise<number> {
  let last = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      last = String(chunk);
      done();
    },
  });
  const stderr = new Writable({ write(_chunk, _enc, done) { done(); } });
  const code = await main(argv, { stdout, stderr });
  if (code !== 0) throw new Error(`postsumm ${argv.join(' ')}: exit code ${code}`);
  const counts = JSON.parse(last) as { lines?: number };
  return counts.lines ?? 0;
}
