// Shared by the live-mode tests: the sample log's lines (lab lines, in the repo), and a runner that feeds lines
// through the parser and the correlator to any live consumer, as live mode does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Correlator } from '../../src/correlate/index.js';
import type { Fact } from '../../src/correlate/facts.js';
import type { LogRecord } from '../../src/parse/events.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { projectRoot } from '../corpus.js';

/** The sample log's lines, oldest first (mail.log.1.gz then mail.log), as the batch reader reads them. */
export function sampleLines(): string[] {
  const dir = join(projectRoot(), 'samples');
  const older = gunzipSync(readFileSync(join(dir, 'mail.log.1.gz'))).toString('utf8');
  const newer = readFileSync(join(dir, 'mail.log'), 'utf8');
  return [...older.split('\n'), ...newer.split('\n')].filter((l) => l !== '');
}

/** Something fed like a report section. */
export interface Fed {
  fact?(f: Fact): void;
  record?(r: LogRecord): void;
}

/** Feeds `lines` through parseLine and a Correlator to `consumers`; the year of classic stamps is 2026. */
export function feed(lines: readonly string[], consumers: readonly Fed[], finish = true): { facts: Fact[]; records: LogRecord[] } {
  const facts: Fact[] = [];
  const records: LogRecord[] = [];
  const correlator = new Correlator((f) => {
    facts.push(f);
    for (const c of consumers) c.fact?.(f);
  }, { horizonMs: 6 * 24 * 3600 * 1000 });
  const clock = new StampClock(Date.UTC(2026, 11, 31), 2026);
  for (const line of lines) {
    const r = parseLine(line, clock);
    if (typeof r === 'string') continue;
    records.push(r);
    correlator.process(r);
    for (const c of consumers) c.record?.(r);
  }
  if (finish) correlator.finish();
  return { facts, records };
}
