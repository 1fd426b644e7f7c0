// Text sections beyond pflogsumm: postscreen actions, SASL authentication, TLS shares, delivery delay
// percentiles, and what became of the input lines (unrecognized lines per daemon with samples).

import { SECTION_TITLES as T } from '../report/labels.js';
import type { Histogram, Report } from '../report/model.js';
import { delaySummary } from '../report/percentiles.js';
import { count, duration, percent } from './format.js';
import { inputRows } from './cells.js';
import type { RenderOptions } from './options.js';
import { list, ranked, sum, table, type Block, type ListRow } from './text-kit.js';

/** postscreen: connections, distinct clients, and each verdict or test with its count. */
export function postscreen(r: Report, o: RenderOptions): Block {
  const p = r.postscreen;
  if (p.connections === 0 && Object.keys(p.actions).length === 0) return { title: T.postscreen, lines: [] };
  const rows: ListRow[] = [
    { count: count(p.connections), text: 'connections', depth: 1 },
    { count: count(p.clients.length), text: 'IP addresses', depth: 1 },
  ];
  const actions = ranked(p.actions);
  if (actions.length > 0) rows.push({ count: null, text: 'verdicts and tests', depth: 1 }, ...actions.map(([k, v]) => ({ count: count(v), text: k, depth: 2 })));
  return { title: T.postscreen, lines: list(rows, o) };
}

/** SASL: failures by client IP (-h rows) and by user (-u rows), successful logins by user. */
export function sasl(r: Report, o: RenderOptions): Block {
  const s = r.sasl;
  const parts: [string, Record<string, number>, number][] = [
    ['failures by client', s.failuresByIp, o.hostCount],
    ['failures by user', s.failuresByUser, o.userCount],
    ['logins by user', s.loginsByUser, o.userCount],
  ];
  const rows: ListRow[] = [];
  for (const [what, counts, limit] of parts) {
    const all = ranked(counts);
    if (all.length === 0 || limit === 0) continue;
    const cut = all.length > limit ? `, top ${limit} of ${all.length} shown` : '';
    rows.push({ count: null, text: what, suffix: ` (total: ${count(sum(counts))}${cut})`, depth: 1 });
    for (const [k, v] of all.slice(0, limit)) rows.push({ count: count(v), text: k, depth: 2 });
  }
  return { title: T.sasl, lines: list(rows, o) };
}

/** TLS: the share of inbound sessions and outbound deliveries that used it, and the protocol versions. */
export function tls(r: Report, o: RenderOptions): Block {
  const t = r.tls;
  if (t.inboundSessions === 0 && t.outboundDeliveries === 0 && Object.keys(t.protocols).length === 0) return { title: T.tls, lines: [] };
  const rows = [
    [count(t.inboundTls), 'of', count(t.inboundSessions), `inbound smtpd sessions (${percent(t.inboundTls, t.inboundSessions)})`],
    [count(t.outboundTls), 'of', count(t.outboundDeliveries), `outbound smtp/lmtp deliveries (${percent(t.outboundTls, t.outboundDeliveries)})`],
  ];
  const right = (head: string) => ({ head, align: 'right' as const });
  const lines = table([right(''), { head: '', align: 'left' }, right(''), { head: '', align: 'left' }], rows, o, { head: false, indent: 2 });
  const protocols = ranked(t.protocols);
  if (protocols.length > 0) {
    lines.push('', ...list([{ count: null, text: 'protocols', depth: 1 }, ...protocols.map(([k, v]) => ({ count: count(v), text: k, depth: 2 }))], o));
  }
  return { title: T.tls, lines };
}

/** Delay percentiles: delay= of delivered recipients, and the four stages of delays=a/b/c/d. */
export function delays(r: Report, o: RenderOptions): Block {
  const d = r.delays;
  if (d.total.count === 0) return { title: T.delays, lines: [] };
  const stages: [string, Histogram][] = [
    ['total (delay=)', d.total],
    ['before queue manager', d.beforeQmgr],
    ['in queue', d.inQueue],
    ['connection setup', d.connSetup],
    ['transmission', d.transmission],
  ];
  const shown = (s: number | null) => (s === null ? '-' : duration(s));
  const rows = stages.map(([name, h]) => {
    const s = delaySummary(h);
    return [name, count(s.count), shown(s.p50), shown(s.p90), shown(s.p99), shown(s.max)];
  });
  const right = (head: string) => ({ head, align: 'right' as const });
  return { title: T.delays, lines: table([{ head: 'stage', align: 'left' }, right('count'), right('p50'), right('p90'), right('p99'), right('max')], rows, o) };
}

/** How many samples of each daemon's unrecognized lines the report shows (the model keeps up to 20). */
const SAMPLES_SHOWN = 3;

/**
 * What the input lines became, so nothing is dropped silently: Postfix lines, other programs' lines, lines
 * without a usable header, cut lines, messages still open at the end; then unrecognized lines per daemon with
 * samples.
 */
export function input(r: Report, o: RenderOptions): Block {
  const i = r.input;
  const rows = inputRows(r);
  const lines = table([{ head: '', align: 'right' }, { head: '', align: 'left' }], rows, o, { head: false, indent: 2 });
  const nested: ListRow[] = [];
  for (const [daemon, n] of ranked(i.unrecognized)) {
    nested.push({ count: count(n), text: daemon, depth: 1 });
    for (const s of (i.samples[daemon] ?? []).slice(0, SAMPLES_SHOWN)) nested.push({ count: null, text: s, depth: 3 });
  }
  if (nested.length > 0) lines.push('', '  unrecognized lines by daemon, with samples:', ...list(nested, o));
  return { title: T.input, lines };
}

