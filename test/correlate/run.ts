// Shared by the correlator and totals tests: runs whole log lines through parse → correlate (→ Grand Totals) and
// tells each fact in one short line, so a row of a table can name the facts it expects in order.
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_AGGREGATE_OPTIONS } from '../../src/aggregate/section.js';
import { totalsSection } from '../../src/aggregate/totals.js';
import type { Fact, Message } from '../../src/correlate/facts.js';
import { Correlator } from '../../src/correlate/index.js';
import type { LogRecord } from '../../src/parse/events.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { emptyReport } from '../../src/report/empty.js';
import type { Totals } from '../../src/report/model.js';

/** Postfix's default maximal_queue_lifetime plus a day, as the pipeline's default horizon. */
export const SIX_DAYS = 6 * 24 * 3600 * 1000;

/** Correlates the lines (classic stamps are read as 2026), returning every fact in order, finish() included. */
export function correlate(lines: readonly string[], horizonMs = SIX_DAYS): Fact[] {
  const facts: Fact[] = [];
  const c = new Correlator((f) => facts.push(f), { horizonMs });
  const clock = new StampClock(Date.UTC(2026, 11, 31), 2026);
  for (const line of lines) {
    const r = parseLine(line, clock);
    if (typeof r === 'string') throw new Error(`not a Postfix record (${r}): ${line}`);
    c.process(r);
  }
  c.finish();
  return facts;
}

/**
 * A fact in one line: its kind, the queue ID of its line, what it is about, and the message it counts for when
 * that is another one (`as ROOT`): `delivered 45A081600B7 bob@lab.example as 2FFDB1600B2`.
 */
export function tell(f: Fact): string {
  switch (f.kind) {
    case 'received':
      return `received ${f.message.queueId} from=<${f.message.from ?? '?'}> size=${f.message.size ?? '?'}`;
    case 'delivered':
    case 'deferred':
    case 'bounced': {
      const e = f.record.event;
      const to = e.kind === 'delivery-status' ? e.to : '?';
      const extra = f.kind === 'delivered' ? (f.forwarded ? ' forwarded' : '') : f.kind === 'deferred' ? (f.firstForMessage ? ' first' : '') : '';
      return `${f.kind} ${f.record.queueId} ${to}${as(f.record.queueId, f.message)}${extra}`;
    }
    case 'expired':
      return `expired ${f.record.queueId} [${f.recipients.join(' ')}]${as(f.record.queueId, f.message)}`;
    case 'rejected':
      return `${f.warnOnly ? 'warned' : 'rejected'} ${f.record.queueId ?? 'NOQUEUE'}${f.temporary ? ' 4xx' : ''}${f.session === null ? '' : ` in session ${f.session.pid}`}`;
    case 'held':
    case 'discarded':
      return `${f.kind} ${f.record.queueId ?? 'NOQUEUE'}${f.message === null ? '' : ` message ${f.message.queueId}`}`;
    case 'session-end': {
      const s = f.session;
      return `session-end ${s.pid} ${s.client.ip} ${s.start === null ? 'no-start' : 'start'} ${s.end === null ? 'no-end' : 'end'} rejects=${s.rejects} tls=${s.tls} [${s.queueIds.join(' ')}]`;
    }
    case 'incomplete':
      return `incomplete ${f.message.queueId} ${f.reason}`;
  }
}

function as(queueId: string | null, m: Message | null): string {
  return m === null || m.queueId === queueId ? '' : ` as ${m.queueId}`;
}

/** Every fact told. */
export function tellAll(lines: readonly string[], horizonMs = SIX_DAYS): string[] {
  return correlate(lines, horizonMs).map(tell);
}

/** The public fields of a Message (the correlator's own bookkeeping left out), for whole-object comparisons. */
export function messageView(m: Message): Message {
  return {
    queueId: m.queueId, parentId: m.parentId, instance: m.instance, host: m.host, origin: m.origin, client: m.client,
    saslUsername: m.saslUsername, from: m.from, size: m.size, nrcpt: m.nrcpt, messageId: m.messageId,
    firstSeen: m.firstSeen, lastSeen: m.lastSeen, received: m.received,
  };
}

/** Parses a whole log file and runs it through the correlator and the Grand Totals section. */
export function totalsOf(path: string): { records: LogRecord[]; totals: Totals; left: number } {
  const clock = new StampClock(statSync(path).mtimeMs);
  const records: LogRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const r = parseLine(line, clock);
    if (typeof r !== 'string') records.push(r);
  }
  const section = totalsSection(DEFAULT_AGGREGATE_OPTIONS);
  const c = new Correlator((f) => section.fact!(f), { horizonMs: SIX_DAYS });
  for (const r of records) {
    c.process(r);
    section.record!(r);
  }
  c.finish();
  const report = emptyReport('test');
  section.write(report);
  const s = c.sizes();
  return { records, totals: report.totals, left: s.messages + s.sessions + s.settling };
}
