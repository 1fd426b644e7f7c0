// A line cut anywhere (a truncated write, a file rotated mid-line) is parsed at once to a record, a foreign line or
// a malformed one. Found by the fuzz tests: a line cut right after its stamp's fraction (`…T06:26:05.40471`) made the
// stamp reader loop forever (charCodeAt past the end is NaN, and `NaN < 0 || NaN > 9` is false).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { SEED_LINES } from '../fuzz/seeds.js';

/**
 * A watchdog, not a measurement: the child needs well under a second; a parser that loops forever never ends, and
 * the child is killed after this long so that the run fails instead of hanging.
 */
const WATCHDOG_MS = 60_000;

test('every prefix of every real line parses, none hangs', async () => {
  // the child's own file: .js when built; .ts when run from source, with tsx loaded in the child too
  const ts = import.meta.url.endsWith('.ts');
  const child = fileURLToPath(new URL(ts ? './prefixes-child.ts' : './prefixes-child.js', import.meta.url));
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [...(ts ? ['--import', 'tsx'] : []), child], { timeout: WATCHDOG_MS }, (err, stdout) => {
      if (err) reject(err.killed ? new Error(`a prefix did not parse within ${WATCHDOG_MS / 1000} s: a parser loops`) : err);
      else resolve(stdout);
    });
  });
  const counts = JSON.parse(out) as Record<string, number>;
  const total = SEED_LINES.reduce((n, l) => n + l.length + 1, 0);
  assert.equal(counts.record! + counts.foreign! + counts.malformed!, total);
  // most prefixes keep their header, and a message cut short is still a Postfix record (unrecognized, mostly)
  assert.ok(counts.record! > total / 2, JSON.stringify(counts));
});
