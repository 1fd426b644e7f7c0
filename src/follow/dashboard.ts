// The live dashboard as lines of text for a terminal of a given size: a header, the traffic table (since start,
// last hour, last 5 minutes, rate per minute and a sparkline), then panels (reject classes, deferrals waiting by
// destination, recent rejects and bounces, SASL failures) given the rows that are left. Pure: view in, lines out.

import { clean, fit } from '../render/text-kit.js';
import { count } from '../render/format.js';
import { rejectClassLabel } from '../report/labels.js';
import type { LiveView, RecentEvent, WindowCounts } from './live.js';

/** The terminal's size and whether to colour. */
export interface ScreenShape {
  columns: number;
  rows: number;
  color: boolean;
}

/** What the header says besides the figures. */
export interface DashboardInfo {
  /** the followed file(s) */
  source: string;
  /** a short state: `following`, `waiting for the file`, … */
  state: string;
  /** alerts fired so far, newest first (one line each) */
  alerts?: readonly string[];
}

/** The smallest screen the dashboard is laid out for; smaller ones get the same lines cut. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

const KINDS: readonly { key: keyof WindowCounts; label: string; color: string }[] = [
  { key: 'received', label: 'received', color: '' },
  { key: 'delivered', label: 'delivered', color: '32' },
  { key: 'deferred', label: 'deferred', color: '33' },
  { key: 'bounced', label: 'bounced', color: '31' },
  { key: 'rejected', label: 'rejected', color: '35' },
];

/** The dashboard's lines, each at most `shape.columns` wide (before colour codes), at most `shape.rows` of them. */
export function renderDashboard(view: LiveView, info: DashboardInfo, shape: ScreenShape): string[] {
  const width = Math.max(40, shape.columns);
  const paint = (code: string, s: string) => (shape.color && code !== '' ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const title = `postsumm live · ${clean(info.source)} · ${info.state}`;
  const right = `${clock(view.now)} · up ${uptime(view.now - view.started)}`;
  lines.push(paint('1', fit(title, width - right.length - 1).padEnd(width - right.length)) + right);
  lines.push('');

  // the traffic table: 10 + 3×11 + 8 columns, then the sparkline takes what is left (at most an hour)
  const sparkWidth = Math.max(0, Math.min(view.perMinute.length, width - 53));
  lines.push(paint('1', `${''.padEnd(10)}${'since start'.padStart(11)}${'last hour'.padStart(11)}${'last 5 min'.padStart(11)}${'/min'.padStart(8)}  `) +
    (sparkWidth > 0 ? paint('2', `per minute, last ${sparkWidth} min`) : ''));
  for (const k of KINDS) {
    const total = k.key === 'deferred' ? view.totals.deferrals : k.key === 'rejected' ? view.totals.rejected : view.totals[k.key];
    const rate = view.last5m[k.key] / 5;
    const series = view.perMinute.slice(view.perMinute.length - sparkWidth).map((m) => m[k.key]);
    lines.push(paint(k.color, k.label.padEnd(10)) + count(total).padStart(11) + count(view.lastHour[k.key]).padStart(11) +
      count(view.last5m[k.key]).padStart(11) + rate.toFixed(1).padStart(8) + '  ' + paint(k.color, sparkline(series)));
  }

  const panels = [
    panel('Rejects by restriction class', view.rejectClasses.map((c) => row(rejectClassLabel(c.name), c.count, width))),
    panel('Deferred, waiting by destination', view.deferredByDestination.map((d) => row(d.domain, d.recipients, width, 'recipients'))),
    panel('Recent rejects', view.recentRejects.map((e) => recent(e, width, rejectClassLabel(e.what)))),
    panel('Recent bounces', view.recentBounces.map((e) => recent(e, width, e.what))),
    panel(`SASL failures (${count(view.saslFailureCount)})`, view.saslFailures.map((s) => row(s.ip, s.count, width))),
  ];
  const alerts = info.alerts ?? [];
  if (alerts.length > 0) panels.unshift(panel('Alerts and notices', alerts.map((a) => fit(clean(a), width))));
  // header, blank, table (6), the footer line: the panels get the rest, a title and a blank line each
  const footer = paint('2', fit(`q quits · ${count(view.lines)} lines read, ${count(view.records)} Postfix records · received counts once no content filter can claim a message (≤ 5 min)`, width));
  const free = Math.max(0, Math.min(shape.rows, 200) - lines.length - 1);
  const shown = allot(panels, free);
  for (let i = 0; i < panels.length; i++) {
    const n = shown[i]!;
    if (n < 0) continue;
    lines.push('');
    lines.push(paint('1', panels[i]!.title));
    const rows = panels[i]!.rows;
    if (rows.length === 0) lines.push(paint('2', '  none'));
    for (const r of rows.slice(0, n)) lines.push(r);
  }
  while (lines.length < shape.rows - 1) lines.push('');
  lines.push(footer);
  return lines.slice(Math.max(0, lines.length - shape.rows)).map((l) => (visible(l) > width ? fit(l, width) : l));
}

interface Panel {
  title: string;
  rows: string[];
}

function panel(title: string, rows: string[]): Panel {
  return { title, rows };
}

/**
 * Rows per panel in `free` screen rows: each panel costs a blank line and its title, plus one row at least (its
 * first row or "none"); what is left goes one row at a time to the panels in turn. -1: the panel does not fit.
 */
export function allot(panels: readonly Panel[], free: number): number[] {
  const out = panels.map(() => -1);
  let left = free;
  for (let i = 0; i < panels.length; i++) {
    if (left < 3) break;
    out[i] = 1;
    left -= 3;
  }
  for (let more = true; more && left > 0;) {
    more = false;
    for (let i = 0; i < panels.length && left > 0; i++) {
      if (out[i]! >= 1 && out[i]! < panels[i]!.rows.length) {
        out[i]!++;
        left--;
        more = true;
      }
    }
  }
  return out;
}

/** `  label ........ 1,234 unit` fitted to the width. */
function row(label: string, n: number, width: number, unit = ''): string {
  const figure = count(n) + (unit === '' ? '' : ` ${unit}`);
  const room = Math.min(width, 60) - figure.length - 3;
  return '  ' + fit(clean(label), room).padEnd(room) + ' ' + figure;
}

/** `  21:04:07  class/bounced  who  reason` fitted to the width. */
function recent(e: RecentEvent, width: number, what: string): string {
  const head = `  ${clock(e.time)}  ${fit(clean(what), 24)}  ${fit(clean(e.who), 34)}  `;
  return fit(head + clean(e.reason), width);
}

/** Counts as bars from ▁ to █, scaled to the largest; empty minutes show as a space. */
export function sparkline(series: readonly number[]): string {
  const max = Math.max(0, ...series);
  return series.map((n) => (n === 0 ? ' ' : SPARKS[Math.min(SPARKS.length - 1, Math.floor((n / max) * (SPARKS.length - 1) + 0.5))]!)).join('');
}

/** `21:04:07`: a time of day in the local zone, as the dashboard and its notices show it. */
export function clock(t: number): string {
  const d = new Date(t);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function uptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** Characters a line takes on screen, colour codes not counted. */
export function visible(line: string): number {
  // eslint-disable-next-line no-control-regex
  return [...line.replace(/\x1b\[[0-9;]*m/g, '')].length;
}
