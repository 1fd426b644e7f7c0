// The child side of the benchmark: `node case.js NAME FILE` runs one case in this fresh process and prints
// {"lines":…,"wall":seconds,"maxRssKiB":…} on stdout, so each case's peak memory is measured alone.

import { pathToFileURL } from 'node:url';
import { CASES } from './cases.js';

/** What one case run reports. */
export interface CaseReport {
  lines: number;
  /** seconds of the run itself (process start-up and module loading excluded) */
  wall: number;
  /** the process's peak resident set size, KiB (process.resourceUsage().maxRSS) */
  maxRssKiB: number;
}

async function runCase(name: string, file: string): Promise<CaseReport> {
  const c = CASES.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no case named '${name}'`);
  const t0 = performance.now();
  const lines = await c.run(file);
  const wall = (performance.now() - t0) / 1000;
  return { lines, wall, maxRssKiB: process.resourceUsage().maxRSS };
}

// run only as a program, and not when `node --test dist/test/` executes every file it finds
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.env.NODE_TEST_CONTEXT === undefined) {
  const [name, file] = process.argv.slice(2);
  if (name === undefined || file === undefined) {
    process.stderr.write('usage: node case.js CASE FILE\n');
    process.exitCode = 2;
  } else {
    runCase(name, file).then(
      (r) => process.stdout.write(JSON.stringify(r) + '\n'),
      (err: Error) => {
        process.stderr.write(`case ${name}: ${err.message}\n`);
        process.exitCode = 1;
      },
    );
  }
}
