// The benchmark's cases: each runs in a fresh child process (see case.ts) so its peak memory is its own.
// To add one (the full report, say), add a row here; bench.ts runs every row in order.

import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { readInputs } from '../../src/input/source.js';

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
];

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
