// The what-if report as text (80 columns, cli-table3 tables as the report's) and as JSON (the model itself).

import { WHATIF_LABELS as L, type WhatIfCounts, type WhatIfEntry, type WhatIfExample, type WhatIfReport, type WhatIfTable } from '../report/whatif.js';
import { count, stamp } from './format.js';
import { DEFAULT_RENDER_OPTIONS } from './options.js';
import { clean, fit, heading, table, type Column } from './text-kit.js';

/** A what-if renderer: the report → a string. */
export type WhatIfRenderer = (report: WhatIfReport) => string;

/** The width text is cut to, as the report's. */
const WIDTH = DEFAULT_RENDER_OPTIONS.width;

const COLUMNS: readonly Column[] = [
  { head: 'line', align: 'right' },
  { head: 'clients', align: 'right' },
  { head: 'sessions', align: 'right' },
  { head: 'messages', align: 'right' },
  { head: 'delivered', align: 'right' },
  { head: 'entry', align: 'left' },
];

/** The model as JSON, two-space indented. */
export const renderWhatIfJson: WhatIfRenderer = (report) => JSON.stringify(report, null, 2) + '\n';

/**
 * The text report: the period and the log's figures, then each table: what it would refuse (and could not be
 * tried on), a table of the entries reached, the dead ones, and each entry with its examples.
 */
export const renderWhatIfText: WhatIfRenderer = (report) => {
  const out: string[] = [...title(report)];
  for (const t of report.tables) out.push('', ...tableText(t));
  out.push('', ...heading(L.notes), ...report.notes.flatMap((n) => wrap(n, WIDTH - 2).map((l, i) => (i === 0 ? '- ' : '  ') + l)));
  return out.join('\n') + '\n';
};

function title(r: WhatIfReport): string[] {
  const { from, to } = r.period;
  const when = from === null || to === null ? 'no dated Postfix line' : `${stamp(from)} to ${stamp(to)}`;
  const log = r.log;
  return [
    `${L.title}: ${when}`,
    `smtpd sessions ${count(log.sessions)}, messages ${count(log.messages)} (${count(log.acceptedMessages)} accepted, ${count(log.deliveredMessages)} delivered)`,
  ];
}

function tableText(t: WhatIfTable): string[] {
  const out = heading(`${L.check[t.option]} ${clean(t.table)}`);
  out.push(`${L.refused}: ${figures(t.refused)}`);
  if (t.unknown.sessions + t.unknown.messages > 0) out.push(`${L.unknown[t.option]}: ${figures(t.unknown)}`);
  if (t.entries.length > 0) {
    out.push('', ...table(COLUMNS, t.entries.map(row), DEFAULT_RENDER_OPTIONS));
  } else {
    out.push('no entry reached by anything in the log');
  }
  if (t.dead.length > 0) out.push(...wrap(`${L.dead} ${t.dead.join(', ')}`, WIDTH));
  for (const w of t.warnings) out.push(...wrap(`warning: ${w}`, WIDTH).map((l, i) => (i === 0 ? l : '  ' + l)));
  // each entry whole (the table above cuts long patterns), with its examples
  for (const e of t.entries) {
    out.push('', ...wrap(`line ${e.line}: ${e.key} ${e.action}`, WIDTH).map((l, i) => (i === 0 ? l : '    ' + l)));
    out.push(fit(clean(`  ${e.effect}: ${plural(e.clients, 'client')}, ${figures(e)}`), WIDTH));
    for (const x of e.examples) out.push(...exampleText(x));
  }
  return out;
}

function row(e: WhatIfEntry): string[] {
  return [String(e.line), count(e.clients), count(e.sessions), count(e.messages), count(e.deliveredMessages), `${e.key} ${e.action}`];
}

/** `12 sessions, 30 messages (20 accepted, 18 delivered)`. */
export function figures(c: WhatIfCounts): string {
  return `${plural(c.sessions, 'session')}, ${plural(c.messages, 'message')} (${count(c.acceptedMessages)} accepted, ${count(c.deliveredMessages)} delivered)`;
}

/** `1 session`, `2 sessions`. */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Two lines: outcome, time and client; then HELO, sender, recipients, queue ID and the key found. */
function exampleText(x: WhatIfExample): string[] {
  const first = `  ${x.outcome.padEnd(9)} ${stamp(x.time).slice(0, 19)} ${x.client}`;
  const parts = [`helo=${x.helo === null ? '(not logged)' : `<${x.helo}>`}`];
  if (x.from !== null) parts.push(`from=<${x.from}>`);
  if (x.to.length > 0) parts.push(`to=<${x.to.join('>,<')}>`);
  if (x.queueId !== null) parts.push(x.queueId);
  parts.push(`found as ${x.lookup}`);
  return [fit(clean(first), WIDTH), ...wrap(parts.join(' '), WIDTH - 12).map((l) => '            ' + l)];
}

/** Words wrapped at `width` columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of clean(text).split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
