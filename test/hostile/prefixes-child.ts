// The child process of prefixes.test.ts: parses every prefix of every seed line (a line cut anywhere) and prints
// how many parsed to a record, a foreign line or a malformed one, as JSON. A process of its own, so that a parser
// that never returns is killed by the test rather than hanging the run.
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { SEED_LINES } from '../fuzz/seeds.js';

const clock = new StampClock(Date.UTC(2026, 10, 26));
const counts: Record<string, number> = { record: 0, foreign: 0, malformed: 0 };
for (const line of SEED_LINES) {
  for (let k = 0; k <= line.length; k++) {
    const r = parseLine(line.slice(0, k), clock);
    counts[typeof r === 'string' ? r : 'record']!++;
  }
}
process.stdout.write(JSON.stringify(counts));
