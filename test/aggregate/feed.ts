// Shared by the section tests: real lines parsed into records, small Messages and Sessions, and a runner that
// feeds one section facts and records in order and returns the report it wrote.

import type { Fact, Message, Session } from '../../src/correlate/facts.js';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions, type SectionFactory } from '../../src/aggregate/section.js';
import type { LogRecord } from '../../src/parse/events.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { emptyReport } from '../../src/report/empty.js';
import type { Report } from '../../src/report/model.js';

/** A whole log line (with its syslog header) parsed as the pipeline does; yearless stamps are read as 2026. */
export function rec(line: string): LogRecord {
  const r = parseLine(line, new StampClock(Date.UTC(2026, 11, 31), 2026));
  if (typeof r === 'string') throw new Error(`not a Postfix record (${r}): ${line}`);
  return r;
}

/** A message as the correlator would hand it over: the fields a test names, plain defaults for the rest. */
export function message(f: Partial<Message> = {}): Message {
  return {
    queueId: 'ABC77160389', parentId: null, instance: 'postfix', host: 'mx', origin: 'smtpd', client: null,
    saslUsername: null, from: null, size: null, nrcpt: null, messageId: null, firstSeen: 0, lastSeen: 0,
    received: true, ...f,
  };
}

/** An smtpd session with the fields a test names. */
export function session(f: Partial<Session> & Pick<Session, 'client'>): Session {
  return { host: 'mx', instance: 'postfix', service: '', pid: null, start: null, end: null, tls: false, queueIds: [], rejects: 0, ...f };
}

/** Feeds a section facts and records in the order given and returns the report it writes. */
export function run(factory: SectionFactory, items: readonly (Fact | LogRecord)[], options: Partial<AggregateOptions> = {}): Report {
  const section = factory({ ...DEFAULT_AGGREGATE_OPTIONS, ...options });
  for (const x of items) {
    if ('event' in x) section.record?.(x);
    else section.fact?.(x);
  }
  const report = emptyReport('test');
  section.write(report);
  return report;
}
