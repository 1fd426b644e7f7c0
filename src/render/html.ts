// The HTML report: one self-contained page (inline styles, table layout, inline SVG; nothing loaded, no script)
// that reads alike in a browser and in Gmail, Outlook and Thunderbird. It leads with the period's figures, then
// the problems, then the traffic, then the rest: every section of the text report, titles from report/labels.ts.

import { rejectClassLabel, rejectClassRank, SECTION_TITLES as T } from '../report/labels.js';
import type { Histogram, Report, Totals, Traffic } from '../report/model.js';
import { delaySummary } from '../report/percentiles.js';
import { count, day, duration, hourRange, longDay, percent, size, stamp } from './format.js';
import { CONNECTION_HEADS, connectionCells, inputRows, messageRows, postscreenRows, rejectClassDetail, rejectClassRows, smtpdRows, volumeRows } from './cells.js';
import { barList, delayChart, groupedBars, type Series } from './html-charts.js';
import { COLOR, countRows, detailTable, escapeHtml, frame, listTable, MONO, page, part, subhead, table, textTable, type HtmlBlock, type HtmlColumn } from './html-kit.js';
import type { PreviousPeriod, RenderOptions, Renderer, RowLimits } from './options.js';
import { dateSpan, dayCount, detailLeftOut, ranked, rankedBy, sum, topNote, treeTotal, type ListRow, type Tree } from './text-kit.js';

type Section = readonly [key: keyof typeof T, render: (r: Report, o: RenderOptions) => HtmlBlock];

const N = (head: string): HtmlColumn => ({ head, kind: 'num' });
/** A figure column beside a text column that should get the room (totals, rankings). */
const F = (head: string): HtmlColumn => ({ head, kind: 'num', narrow: true });
const X = (head: string): HtmlColumn => ({ head, kind: 'text' });
/** A short label that never wraps: a date, an hour. */
const L = (head: string): HtmlColumn => ({ head, kind: 'label' });
const A = (head: string): HtmlColumn => ({ head, kind: 'addr' });

/**
 * A detail section: left out when its limit is 0 (`--*-detail 0`), else its tree, `limit` rows a group and
 * `detailGroups` groups a level, with a line saying what that leaves out.
 */
function detail(title: string, tree: Tree, key: keyof RowLimits, o: RenderOptions): HtmlBlock {
  const limit = rowLimit(o, key);
  if (limit === 0) return null;
  if (Object.keys(tree).length === 0) return { title, html: '' };
  return { title, html: detailTable(tree, limit, o.detailGroups) + more([(l) => detailLeftOut(tree, rowLimit(l, key), l.detailGroups)], o) };
}

/** A row limit as it applies (the class detail lists follow --reject-detail unless set apart). */
function rowLimit(limits: RowLimits, key: keyof RowLimits): number {
  return key === 'classDetail' ? limits.classDetail ?? limits.rejectDetail : limits[key];
}

/** The rows of one list (or table) the limits leave out, at any limits: the page's, or the attached report's. */
type LeftOut = (limits: RowLimits) => number;

/**
 * Under a cut table, how many rows it leaves out and, in a mail, how many of them the attached full report holds
 * (`12 more rows in the attached full report`; the page's header names the file once). Nothing when nothing is cut.
 * The section title's `(top 10 of 254)` says it too; this line says where the rest is.
 */
function more(lists: readonly LeftOut[], o: RenderOptions): string {
  let rows = 0;
  let attached = 0;
  for (const leftAt of lists) {
    const left = leftAt(o);
    rows += left;
    if (o.fullReport !== null) attached += left - leftAt(o.fullReport.limits);
  }
  if (rows === 0) return '';
  const n = `${count(rows)} more ${rows === 1 ? 'row' : 'rows'}`;
  const text = attached === 0 ? `${n} not shown` : attached === rows ? `${n} in the attached full report` : `${n}, ${count(attached)} of them in the attached full report`;
  return `\n<p data-more="${rows}"${attached === 0 ? '' : ` data-attached="${attached}"`} style="margin:4px 0 0;font-size:12px;color:${COLOR.muted}">${text}</p>`;
}

/** Whether a page of renderHtml() sends its reader to the attached full report (a mail attaches it only then). */
export function sendsToFullReport(page: string): boolean {
  return page.includes(' data-attached="');
}

/** The rows of a list of `total` past its limit `key`. */
const past = (total: number, key: keyof RowLimits): LeftOut => (l) => Math.max(0, total - rowLimit(l, key));

/** The traffic series of the charts: what an admin compares first, each with its own pattern. */
const TRAFFIC_SERIES: readonly (readonly [keyof Traffic, Omit<Series, 'values' | 'name'>])[] = [
  ['received', { fill: 'solid', color: COLOR.accent }],
  ['delivered', { fill: 'hatch', color: COLOR.good }],
  ['rejected', { fill: 'dots', color: COLOR.bad }],
  ['deferred', { fill: 'stripes', color: COLOR.warn }],
];
const trafficSeries = (rows: readonly Traffic[], divide: number): Series[] =>
  TRAFFIC_SERIES.map(([k, s]) => ({ name: k, ...s, values: rows.map((t) => t[k] / divide) }));
const TRAFFIC_COLUMNS = [N('received'), N('delivered'), N('deferred'), N('bounced'), N('rejected')];
const trafficCells = (t: Traffic, divide = 1): string[] =>
  [t.received, t.delivered, t.deferred, t.bounced, t.rejected].map((v) => count(v / divide, divide === 1 ? 0 : 1));
const ZERO: Traffic = { received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 };

/** The problems: what needs attention first. */
const PROBLEMS: readonly Section[] = [
  ['bounces', (r, o) => detail(T.bounces, r.bounces, 'bounceDetail', o)],
  ['deferrals', (r, o) => detail(T.deferrals, r.deferrals, 'deferralDetail', o)],
  ['expiries', (r, o) => detail(T.expiries, r.expiries, 'bounceDetail', o)],
  ['rejectClasses', rejectClasses],
  ['rejects', (r, o) => detail(T.rejects, r.rejects, 'rejectDetail', o)],
  ['rejectWarnings', (r, o) => detail(T.rejectWarnings, r.rejectWarnings, 'rejectDetail', o)],
  ['holds', (r, o) => detail(T.holds, r.holds, 'rejectDetail', o)],
  ['discards', (r, o) => detail(T.discards, r.discards, 'rejectDetail', o)],
  ['smtpFailures', (r, o) => detail(T.smtpFailures, r.smtpFailures, 'smtpDetail', o)],
  ['fatals', (r, o) => detail(T.fatals, r.fatals, 'warningDetail', o)],
  ['panics', (r, o) => detail(T.panics, r.panics, 'warningDetail', o)],
  ['errors', (r, o) => detail(T.errors, r.errors, 'warningDetail', o)],
  ['warnings', (r, o) => detail(T.warnings, r.warnings, 'warningDetail', o)],
];

/** The traffic: totals, over time, by domain and address (pflogsumm's blocks 1 to 8). */
const TRAFFIC: readonly Section[] = [
  ['grandTotals', grandTotals],
  ['instances', instances],
  ['perDay', perDay],
  ['perHour', perHour],
  ['deliveryDomains', deliveryDomains],
  ['receiptDomains', receiptDomains],
  ['smtpdPerDay', smtpdPerDay],
  ['smtpdPerHour', smtpdPerHour],
  ['smtpdPerDomain', smtpdPerDomain],
  ['sendersByCount', (r, o) => addresses(T.sendersByCount, r.senders, 'count', o)],
  ['recipientsByCount', (r, o) => addresses(T.recipientsByCount, r.recipients, 'count', o)],
  ['sendersBySize', (r, o) => addresses(T.sendersBySize, r.senders, 'bytes', o)],
  ['recipientsBySize', (r, o) => addresses(T.recipientsBySize, r.recipients, 'bytes', o)],
  ['noSize', noSize],
];

/** The server: lifecycle, postscreen, SASL, TLS, delays, and what became of the input lines. */
const SERVER: readonly Section[] = [
  ['master', (r) => ({ title: T.master, html: Object.keys(r.master).length === 0 ? '' : detailTable(r.master, Infinity) })],
  ['postscreen', postscreen],
  ['sasl', sasl],
  ['tls', tls],
  ['delays', delays],
  ['input', input],
];

/**
 * The report as one HTML page. It always leads with the problems (so --problems-first changes nothing here);
 * every other display option means what it means in the text report, and a few are the HTML's own (the changes
 * against a previous period; the class lists, detail groups and attached full report of the mail's page). Long
 * texts wrap instead of being cut.
 */
export const renderHtml: Renderer = (report, options) => {
  const sections = (list: readonly Section[]) => list.map(([key, f]) => frame(key, f(report, options), options));
  const heading = title(report);
  const parts = [part('problems', 'Problems', sections(PROBLEMS)), part('traffic', 'Traffic', sections(TRAFFIC)), part('server', 'Server and input', sections(SERVER))];
  const full = options.fullReport !== null && parts.some(sendsToFullReport) ? options.fullReport.file : null;
  return page(heading, [header(report, heading, options.previous, full), ...parts], `${report.generator}, report schema ${report.schemaVersion}`);
};

/** `Postfix Log Summaries for Wed, Nov 25 2026 [through …]`, as the text report's first line. */
function title(r: Report): string {
  const { from, to } = r.period;
  if (from === null || to === null) return `${T.report}: no dated Postfix line`;
  const first = longDay(from.slice(0, 10));
  const last = longDay(to.slice(0, 10));
  return `${T.report} for ${first}${last === first ? '' : ` through ${last}`}`;
}

/**
 * The figures of the period in boxes (wrapping on a phone), each with its change against the previous period when
 * one is given (--compare-with), and links to the problems that have any.
 */
function header(r: Report, heading: string, previous: PreviousPeriod | null, full: string | null): string {
  const t = r.totals;
  const since = previous === null ? '' : previousLabel(previous);
  const box = (value: number, label: keyof Totals & string, color: string) =>
    `<div data-figure="${label}" style="display:inline-block;vertical-align:top;min-width:92px;margin:0 6px 6px 0;padding:6px 10px;border:1px solid ${COLOR.rule};border-left:4px solid ${color}">` +
    `<div style="font-size:22px;font-weight:700;line-height:1.2">${escapeHtml(count(value))}</div><div style="font-size:12px;color:${COLOR.muted}">${escapeHtml(label)}</div>` +
    (previous === null ? '' : `<div data-change="${label}" style="font-size:11px;color:${COLOR.muted}">${escapeHtml(change(value, previous.totals[label]))} ${escapeHtml(since)}</div>`) +
    '</div>';
  const bad = (v: number) => (v > 0 ? COLOR.bad : COLOR.rule);
  const out = [
    `<h1 style="font-size:20px;margin:0 0 4px 0">${escapeHtml(heading)}</h1>`,
  ];
  const { from, to } = r.period;
  const meta: string[] = [];
  if (from !== null && to !== null) meta.push(`from ${stamp(from)} to ${stamp(to)}`);
  if (r.hosts.length > 0) meta.push(`${r.hosts.length === 1 ? 'host' : `${r.hosts.length} hosts`}: ${r.hosts.join(', ')}`);
  if (meta.length > 0) out.push(`<p style="margin:0 0 10px 0;color:${COLOR.muted};font-size:13px;overflow-wrap:anywhere">${meta.map(escapeHtml).join('<br>')}</p>`);
  out.push('<div data-section="figures">',
    box(t.received, 'received', COLOR.accent),
    box(t.delivered, 'delivered', COLOR.good),
    box(t.deferred, 'deferred', t.deferred > 0 ? COLOR.warn : COLOR.rule),
    box(t.bounced, 'bounced', bad(t.bounced)),
    box(t.rejected, 'rejected', bad(t.rejected)),
    box(t.expired, 'expired', bad(t.expired)),
    '</div>');
  // the problems a reader should not miss, with links to their sections
  const attention: [number, string, string, keyof typeof T][] = [
    [treeTotal(r.panics), 'panic', 'panics', 'panics'],
    [treeTotal(r.fatals), 'fatal error', 'fatal errors', 'fatals'],
    [treeTotal(r.errors), 'error', 'errors', 'errors'],
    [treeTotal(r.warnings), 'warning', 'warnings', 'warnings'],
    [t.expired, 'expired message', 'expired messages', 'expiries'],
    [t.bounced, 'bounced recipient', 'bounced recipients', 'bounces'],
    [t.deferrals, 'deferral', 'deferrals', 'deferrals'],
  ];
  const shown = attention.filter(([v]) => v > 0);
  if (shown.length > 0) {
    const links = shown.map(([v, one, many, key]) => `<a href="#s-${key}" style="color:${COLOR.bad}">${escapeHtml(`${count(v)} ${v === 1 ? one : many}`)}</a>`);
    out.push(`<p data-section="attention" style="margin:4px 0 0 0;font-size:13px"><strong>Needs attention:</strong> ${links.join(', ')}</p>`);
  }
  // a mail's page cut to its top rows says once where the rest is; each cut table says how many rows it leaves out
  if (full !== null) {
    out.push(`<p data-note="full-report" style="margin:4px 0 0 0;font-size:13px;color:${COLOR.muted}">This mail shows the top rows of each table; the attached <strong style="color:${COLOR.ink}">${escapeHtml(full)}</strong> is the full report.</p>`);
  }
  return out.join('\n');
}

/** `vs Nov 24` (or `vs Nov 17 – Nov 23`): what the changes in the header are against. */
function previousLabel(p: PreviousPeriod): string {
  const { from, to } = p.period;
  if (from === null || to === null) return 'vs the previous report';
  const a = longDay(from.slice(0, 10));
  const b = longDay(to.slice(0, 10));
  return `vs ${a === b ? a : `${a} – ${b}`}`;
}

/** A figure's change: `▲ 12%`, `▼ 3%`, `= 0%`, or `▲ new` when the previous period had none (arrows say the direction, not good or bad). */
function change(now: number, before: number): string {
  if (now === before) return '= 0%';
  if (before === 0) return '▲ new';
  const pct = Math.round(((now - before) / before) * 100);
  return `${now > before ? '▲' : '▼'} ${Math.abs(pct)}%`;
}

function rejectClasses(r: Report, o: RenderOptions): HtmlBlock {
  if (o.rejectDetail === 0) return null;
  const names = Object.keys(r.rejectClasses).sort((a, b) => rejectClassRank(a) - rejectClassRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return { title: T.rejectClasses, html: '' };
  const chart = barList('chart-reject-classes', `${T.rejectClasses}: rejects per class, 5xx, 4xx and warn-only`, 'rejects and warnings per restriction class',
    names.map((n) => ({ label: rejectClassLabel(n), values: [r.rejectClasses[n]!.permanent, r.rejectClasses[n]!.temporary, r.rejectClasses[n]!.warnOnly] })),
    [{ name: '5xx', fill: 'solid', color: COLOR.bad }, { name: '4xx', fill: 'hatch', color: COLOR.warn }, { name: 'warn', fill: 'dots', color: COLOR.muted }]);
  const rows = rejectClassRows(r, names);
  const limit = rowLimit(o, 'classDetail');
  // the reasons and clients of each class, `limit` each; with 0 (the mail's) only how many rows that leaves out
  const lists = names.flatMap((n) => [r.rejectClasses[n]!.reasons, r.rejectClasses[n]!.clients]);
  const cut = more(lists.map((c) => past(Object.keys(c).length, 'classDetail')), o);
  const html = [chart, textTable([F('5xx'), F('4xx'), F('warn'), X('restriction class')], rows), subhead('reasons and clients per class')];
  if (limit > 0) html.push(listTable(rejectClassDetail(r, names, limit)));
  return { title: T.rejectClasses, html: html.join('\n') + cut };
}

function grandTotals(r: Report, o: RenderOptions): HtmlBlock {
  const t = r.totals;
  const two = [F(''), X('')];
  const html = [subhead('messages'), textTable(two, [...messageRows(t), ...volumeRows(t)], false)];
  if (o.smtpdStats) html.push(subhead('smtpd'), textTable(two, smtpdRows(r), false));
  if (o.pscrnStats) html.push(subhead('postscreen'), textTable(two, postscreenRows(r), false));
  return { title: T.grandTotals, html: html.join('\n') };
}

function instances(r: Report): HtmlBlock {
  const names = Object.keys(r.instances).sort();
  if (names.length < 2) return null;
  const rows = names.map((n) => { const t = r.instances[n]!; return [n, count(t.received), count(t.delivered), count(t.deferred), count(t.bounced), count(t.rejected)]; });
  return { title: T.instances, html: textTable([A('instance'), N('received'), N('delivered'), N('deferred'), N('bounced'), N('rejected')], rows) };
}

/** Per-Day traffic (more than one day): a chart of every day of the span, then the table. */
/** Ten years of days: the longest span the per-day chart draws day by day. */
const SPAN_DAYS_MAX = 3660;

function perDay(r: Report, o: RenderOptions): HtmlBlock {
  const days = Object.keys(r.perDay).sort();
  if (days.length < 2) return null;
  // the chart's time axis has no gaps: days without traffic are bars of zero. Hovered, a day is named as its row is.
  // Past SPAN_DAYS_MAX (a damaged year puts one line centuries away) only the days with lines: every day of eight
  // thousand years made a page of 370 MB
  const wide = (Date.parse(days[days.length - 1]!) - Date.parse(days[0]!)) / 86_400_000 >= SPAN_DAYS_MAX;
  const span = wide ? days : dateSpan(days);
  const chart = groupedBars('chart-per-day', `${T.perDay}: received, delivered, rejected and deferred per day`, { x: 'day', y: 'messages' },
    span.map((d) => d.slice(5)), span.map((d) => day(d, o.isoDateTime)), trafficSeries(span.map((d) => r.perDay[d] ?? ZERO), 1), 0, Math.ceil(span.length / 12));
  const shown = o.zeroFill ? span : days;
  const rows = shown.map((d) => [day(d, o.isoDateTime), ...trafficCells(r.perDay[d] ?? ZERO)]);
  return { title: T.perDay, html: chart + '\n' + textTable([L('date'), ...TRAFFIC_COLUMNS], rows) };
}

/** Per-Hour traffic (its daily average over several days): a chart of the 24 hours, then the table. */
function perHour(r: Report, o: RenderOptions): HtmlBlock {
  const days = dayCount(r.period.from, r.period.to, Object.keys(r.perDay).length);
  const title = days > 1 ? T.perHourAverage : T.perHour;
  const chart = groupedBars('chart-per-hour', `${title}: received, delivered, rejected and deferred per hour${days > 1 ? ', daily average' : ''}`,
    { x: 'hour of the day', y: days > 1 ? 'messages (daily average)' : 'messages' },
    r.perHour.map((_, h) => String(h)), r.perHour.map((_, h) => hourRange(h, o.isoDateTime)), trafficSeries(r.perHour, days), days > 1 ? 1 : 0);
  const rows = r.perHour.map((t, h) => [hourRange(h, o.isoDateTime), ...trafficCells(t, days)]);
  return { title, html: chart + '\n' + textTable([L('time'), ...TRAFFIC_COLUMNS], rows) };
}

function deliveryDomains(r: Report, o: RenderOptions): HtmlBlock {
  if (o.hostCount === 0) return null;
  const all = rankedBy(r.deliveryDomains, (d) => d.delivered, (d) => d.defers);
  const rows = all.slice(0, o.hostCount).map(([name, d]) => [
    count(d.delivered), size(d.bytes), count(d.defers), duration(d.delivered > 0 ? d.delaySum / d.delivered : 0), duration(d.delayMax), name,
  ]);
  const cols = [F('sent cnt'), F('bytes'), F('defers'), F('avg dly'), F('max dly'), A('host/domain')];
  return { title: T.deliveryDomains + topNote(o.hostCount, all.length), html: rows.length === 0 ? '' : textTable(cols, rows) + more([past(all.length, 'hostCount')], o) };
}

function receiptDomains(r: Report, o: RenderOptions): HtmlBlock {
  if (o.hostCount === 0) return null;
  const all = rankedBy(r.receiptDomains, (d) => d.received);
  const rows = all.slice(0, o.hostCount).map(([name, d]) => [count(d.received), size(d.bytes), name]);
  return { title: T.receiptDomains + topNote(o.hostCount, all.length), html: rows.length === 0 ? '' : textTable([F('msg cnt'), F('bytes'), A('host/domain')], rows) + more([past(all.length, 'hostCount')], o) };
}

const CONNECTION_COLUMNS = CONNECTION_HEADS.map(N);

function smtpdPerDay(r: Report, o: RenderOptions): HtmlBlock {
  const days = Object.keys(r.smtpd.perDay).sort();
  if (!o.smtpdStats || days.length < 2) return null;
  return { title: T.smtpdPerDay, html: textTable([L('date'), ...CONNECTION_COLUMNS], days.map((d) => [day(d, o.isoDateTime), ...connectionCells(r.smtpd.perDay[d]!)])) };
}

function smtpdPerHour(r: Report, o: RenderOptions): HtmlBlock {
  if (!o.smtpdStats) return null;
  const days = dayCount(r.period.from, r.period.to, Object.keys(r.smtpd.perDay).length);
  const rows = r.smtpd.perHour.flatMap((c, h) => (c.connections === 0 ? [] : [[hourRange(h, o.isoDateTime), ...connectionCells(c, days)]]));
  return { title: days > 1 ? T.smtpdPerHourAverage : T.smtpdPerHour, html: rows.length === 0 ? '' : textTable([L('hour'), ...CONNECTION_COLUMNS], rows) };
}

function smtpdPerDomain(r: Report, o: RenderOptions): HtmlBlock {
  if (!o.smtpdStats || o.hostCount === 0) return null;
  const all = rankedBy(r.smtpd.perDomain, (c) => c.connections);
  const rows = all.slice(0, o.hostCount).map(([name, c]) => [...connectionCells(c), name]);
  return { title: T.smtpdPerDomain + topNote(o.hostCount, all.length), html: rows.length === 0 ? '' : textTable([...CONNECTION_COLUMNS, A('host/domain')], rows) + more([past(all.length, 'hostCount')], o) };
}

function addresses(title: string, map: Report['senders'], by: 'count' | 'bytes', o: RenderOptions): HtmlBlock {
  if (o.userCount === 0) return null;
  const all = rankedBy(map, (a) => a[by]).filter(([, a]) => a[by] > 0);
  const rows = all.slice(0, o.userCount).map(([addr, a]) => [by === 'count' ? count(a.count) : size(a.bytes), addr]);
  return { title: title + topNote(o.userCount, all.length), html: rows.length === 0 ? '' : textTable([F(by === 'count' ? 'count' : 'size'), A('address')], rows) + more([past(all.length, 'userCount')], o) };
}

function noSize(r: Report, o: RenderOptions): HtmlBlock {
  if (o.noNoMsgSize) return null;
  const rows = [...r.noSize].sort().map((entry) => {
    const sp = entry.indexOf(' ');
    const [id, rcpt] = sp < 0 ? [entry, ''] : [entry.slice(0, sp), entry.slice(sp + 1)];
    return [`<span style="font-family:${escapeHtml(MONO)}">${escapeHtml(id)}</span>`, escapeHtml(rcpt)];
  });
  return { title: T.noSize, html: rows.length === 0 ? '' : table([A('queue id'), A('recipient')], rows) };
}

function postscreen(r: Report): HtmlBlock {
  const p = r.postscreen;
  if (p.connections === 0 && Object.keys(p.actions).length === 0) return { title: T.postscreen, html: '' };
  const rows: ListRow[] = [{ count: count(p.connections), text: 'connections', depth: 1 }, { count: count(p.clients.length), text: 'IP addresses', depth: 1 }];
  if (Object.keys(p.actions).length > 0) rows.push({ count: null, text: 'verdicts and tests', depth: 1 }, ...countRows(p.actions, Infinity, 2));
  return { title: T.postscreen, html: listTable(rows) };
}

function sasl(r: Report, o: RenderOptions): HtmlBlock {
  const s = r.sasl;
  const rows: ListRow[] = [];
  const cut: LeftOut[] = [];
  for (const [what, counts, key] of [['failures by client', s.failuresByIp, 'hostCount'], ['failures by user', s.failuresByUser, 'userCount'], ['logins by user', s.loginsByUser, 'userCount']] as const) {
    const n = Object.keys(counts).length;
    const limit = o[key];
    if (n === 0 || limit === 0) continue;
    rows.push({ count: null, text: what, suffix: ` (total: ${count(sum(counts))}${n > limit ? `, top ${limit} of ${n} shown` : ''})`, depth: 1 }, ...countRows(counts, limit, 2));
    cut.push(past(n, key));
  }
  return { title: T.sasl, html: rows.length === 0 ? '' : listTable(rows, 'addr') + more(cut, o) };
}

function tls(r: Report): HtmlBlock {
  const t = r.tls;
  if (t.inboundSessions === 0 && t.outboundDeliveries === 0 && Object.keys(t.protocols).length === 0) return { title: T.tls, html: '' };
  const html = [textTable([F('with TLS'), F('of'), X('')], [
    [count(t.inboundTls), count(t.inboundSessions), `inbound smtpd sessions (${percent(t.inboundTls, t.inboundSessions)})`],
    [count(t.outboundTls), count(t.outboundDeliveries), `outbound smtp/lmtp deliveries (${percent(t.outboundTls, t.outboundDeliveries)})`],
  ])];
  if (Object.keys(t.protocols).length > 0) html.push(subhead('protocols'), listTable(countRows(t.protocols, Infinity, 1)));
  return { title: T.tls, html: html.join('\n') };
}

function delays(r: Report): HtmlBlock {
  const d = r.delays;
  if (d.total.count === 0) return { title: T.delays, html: '' };
  const stages: [string, Histogram][] = [
    ['total (delay=)', d.total], ['before queue manager', d.beforeQmgr], ['in queue', d.inQueue], ['connection setup', d.connSetup], ['transmission', d.transmission],
  ];
  const sums = stages.map(([name, h]) => [name, delaySummary(h)] as const);
  const chart = delayChart('chart-delays', `${T.delays}: p50, p90, p99 and max per stage`,
    sums.filter(([, s]) => s.count > 0).map(([label, s]) => ({ label, values: [s.p50, s.p90, s.p99, s.max] })),
    [{ name: 'p50', fill: 'solid', color: COLOR.accent }, { name: 'p90', fill: 'hatch', color: COLOR.accent }, { name: 'p99', fill: 'dots', color: COLOR.warn }, { name: 'max', fill: 'stripes', color: COLOR.bad }]);
  const shown = (s: number | null) => (s === null ? '-' : duration(s));
  const rows = sums.map(([name, s]) => [name, count(s.count), shown(s.p50), shown(s.p90), shown(s.p99), shown(s.max)]);
  return { title: T.delays, html: chart + '\n' + textTable([X('stage'), N('count'), N('p50'), N('p90'), N('p99'), N('max')], rows) };
}

/** How many samples of each daemon's unrecognized lines the report shows (the text report shows as many). */
const SAMPLES_SHOWN = 3;

function input(r: Report): HtmlBlock {
  const i = r.input;
  const rows = inputRows(r);
  const html = [textTable([F(''), X('')], rows, false)];
  const nested: ListRow[] = [];
  for (const [daemon, n] of ranked(i.unrecognized)) {
    nested.push({ count: count(n), text: daemon, depth: 1 });
    for (const s of (i.samples[daemon] ?? []).slice(0, SAMPLES_SHOWN)) nested.push({ count: '', text: s, depth: 2 }); // a sample, not a group: plain, without a count
  }
  if (nested.length > 0) html.push(subhead('unrecognized lines by daemon, with samples'), listTable(nested, 'addr'));
  return { title: T.input, html: html.join('\n') };
}
