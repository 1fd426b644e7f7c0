// The what-if report as one self-contained HTML page, built with the report's HTML tools (inline styles, tables
// that fit a phone, every string from the log or a table file escaped).

import { WHATIF_LABELS as L, type WhatIfEntry, type WhatIfExample, type WhatIfTable } from '../report/whatif.js';
import { count, stamp } from './format.js';
import { COLOR, escapeHtml, MONO, page, subhead, textTable, type HtmlColumn } from './html-kit.js';
import { figures, type WhatIfRenderer } from './whatif.js';

// figure columns are sized by their heads (a narrow column would break `sessions` into letters); the line number
// column alone is kept narrow
const N = (head: string): HtmlColumn => ({ head, kind: 'num' });
const X = (head: string): HtmlColumn => ({ head, kind: 'text' });
const A = (head: string): HtmlColumn => ({ head, kind: 'addr' });

const ENTRY_COLUMNS: readonly HtmlColumn[] = [
  { head: 'line', kind: 'num', narrow: true }, A('entry'), X('result'), X('effect'), N('clients'), N('sessions'), N('messages'), N('accepted'), N('delivered'),
];
const EXAMPLE_COLUMNS: readonly HtmlColumn[] = [X('outcome, time'), A('client'), A('HELO'), A('sender'), A('recipients'), A('found as')];

/** The what-if report as a page. */
export const renderWhatIfHtml: WhatIfRenderer = (report) => {
  const { from, to } = report.period;
  const when = from === null || to === null ? 'no dated Postfix line' : `${stamp(from)} to ${stamp(to)}`;
  const heading = `${L.title}: ${when}`;
  return page(heading, [
    `<h1 style="font-size:20px;margin:4px 0 8px 0">${escapeHtml(heading)}</h1>`,
    `<p style="margin:0 0 12px 0">smtpd sessions and messages of the log: ${escapeHtml(figures(report.log))}</p>`,
    ...report.tables.map(tableHtml),
    subhead(L.notes),
    `<ul style="margin:0;padding-left:18px;font-size:13px;color:${COLOR.muted}">${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`,
  ], `${report.generator}, what-if schema ${report.schemaVersion}`);
};

function tableHtml(t: WhatIfTable): string {
  const out = [
    `<div data-table="${escapeHtml(t.table)}" style="margin:0 0 18px 0">`,
    `<h3 style="font-size:16px;margin:0 0 6px 0;padding:0 0 3px 0;border-bottom:1px solid ${COLOR.rule};word-break:break-all">${escapeHtml(L.check[t.option])} <span style="font-family:${escapeHtml(MONO)};font-weight:400">${escapeHtml(t.table)}</span></h3>`,
    `<p style="margin:0 0 6px 0"><strong style="color:${t.refused.deliveredMessages > 0 ? COLOR.bad : COLOR.ink}">${escapeHtml(L.refused)}:</strong> ${escapeHtml(figures(t.refused))}</p>`,
  ];
  if (t.unknown.sessions + t.unknown.messages > 0) out.push(`<p style="margin:0 0 6px 0;color:${COLOR.warn}">${escapeHtml(`${L.unknown[t.option]}: ${figures(t.unknown)}`)}</p>`);
  out.push(t.entries.length > 0 ? textTable(ENTRY_COLUMNS, t.entries.map(row)) : '<p style="margin:0">no entry reached by anything in the log</p>');
  if (t.dead.length > 0) out.push(`<p style="margin:6px 0 0 0;font-size:13px">${escapeHtml(`${L.dead} ${t.dead.join(', ')}`)}</p>`);
  if (t.warnings.length > 0) {
    out.push(`<ul style="margin:6px 0 0 0;padding-left:18px;font-size:13px;color:${COLOR.warn}">${t.warnings.map((w) => `<li>${escapeHtml(`warning: ${w}`)}</li>`).join('')}</ul>`);
  }
  for (const e of t.entries) {
    if (e.examples.length === 0) continue;
    out.push(subhead(`line ${e.line}, ${L.examples}: ${e.key} ${e.action}`), textTable(EXAMPLE_COLUMNS, e.examples.map(exampleRow)));
  }
  out.push('</div>');
  return out.join('\n');
}

function row(e: WhatIfEntry): string[] {
  return [String(e.line), e.key, e.action, e.effect, count(e.clients), count(e.sessions), count(e.messages), count(e.acceptedMessages), count(e.deliveredMessages)];
}

function exampleRow(x: WhatIfExample): string[] {
  return [
    `${x.outcome} ${stamp(x.time).slice(0, 19)}`,
    x.client,
    x.helo ?? '(not logged)',
    x.from === null ? '' : `<${x.from}>`,
    x.to.map((a) => `<${a}>`).join(', ') + (x.queueId === null ? '' : ` (${x.queueId})`),
    x.lookup,
  ];
}
