// The text report: pflogsumm's sections in pflogsumm's order (and our own after them), drawn with cli-table3 at
// 80 columns. Each section is a function in one table; titles come from report/labels.ts.

import { SECTION_TITLES as T } from '../report/labels.js';
import type { Report } from '../report/model.js';
import { longDay, stamp } from './format.js';
import type { RenderOptions, Renderer } from './options.js';
import * as extra from './text-extra.js';
import { clean, fit, heading, type Block } from './text-kit.js';
import * as problems from './text-problems.js';
import * as traffic from './text-traffic.js';

type Section = (r: Report, o: RenderOptions) => Block;

/** Grand Totals and the traffic over time: always first. */
const HEAD: readonly Section[] = [traffic.grandTotals, traffic.instances, traffic.perDay, traffic.perHour];

/** Per-domain, per-connection and per-address reports (pflogsumm's blocks 4 to 8). */
const HOSTS: readonly Section[] = [
  traffic.deliveryDomains, traffic.receiptDomains, traffic.smtpdPerDay, traffic.smtpdPerHour, traffic.smtpdPerDomain,
  traffic.sendersByCount, traffic.recipientsByCount, traffic.sendersBySize, traffic.recipientsBySize, traffic.noSize,
];

/** The problem reports (pflogsumm's block 9; --problems-first moves it before the host reports). */
const PROBLEMS: readonly Section[] = [
  problems.deferrals, problems.bounces, problems.expiries, problems.rejects, problems.rejectWarnings, problems.holds,
  problems.discards, problems.rejectClasses, problems.smtpFailures, problems.warnings, problems.errors, problems.fatals,
  problems.panics, problems.master,
];

/** Beyond pflogsumm: always last, so a pflogsumm reader finds everything where it was. */
const EXTRA: readonly Section[] = [extra.postscreen, extra.sasl, extra.tls, extra.delays, extra.input];

/** The report as text. */
export const renderText: Renderer = (report, options) => {
  const order = options.problemsFirst ? [HEAD, PROBLEMS, HOSTS, EXTRA] : [HEAD, HOSTS, PROBLEMS, EXTRA];
  const out: string[] = [...title(report, options)];
  for (const section of order.flat()) {
    const block = section(report, options);
    if (block === null) continue;
    if (block.lines.length === 0) {
      // pflogsumm prints `Panics: none`; -q leaves an empty section out
      if (!options.quiet) out.push('', `${block.title}: none`);
      continue;
    }
    out.push('', ...heading(block.title));
    // one by one: a section of a few hundred thousand lines is more than a call's arguments (a stack overflow)
    for (const l of block.lines) out.push(l);
  }
  return out.join('\n') + '\n';
};

/** `Postfix Log Summaries for Wed, Nov 25 2026 [through …]`, then the exact period, then the hosts. */
function title(r: Report, o: RenderOptions): string[] {
  const { from, to } = r.period;
  if (from === null || to === null) return [`${T.report}: no dated Postfix line`];
  const first = longDay(from.slice(0, 10));
  const last = longDay(to.slice(0, 10));
  const lines = [`${T.report} for ${first}${last === first ? '' : ` through ${last}`}`, `from ${stamp(from)} to ${stamp(to)}`];
  // a merged cluster report may name many hosts: the line is cut to the width, their number said first
  const n = r.hosts.length;
  if (n > 0) {
    const hosts = `${n === 1 ? 'host' : `${n} hosts`}: ${r.hosts.map(clean).join(', ')}`;
    lines.push(o.verbose ? hosts : fit(hosts, o.width));
  }
  return lines;
}
