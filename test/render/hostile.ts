// Strings written by strangers, put everywhere the log reaches a report, for the HTML renderer's escaping tests
// (test/render/html.test.ts on the model, test/render/browser.test.ts in Chromium).
import type { Report } from '../../src/report/model.js';

/** Markup a HELO name, an address or a reason may carry: each must reach the page as text. */
export const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '</style><b>'] as const;

/** Large enough to rank first in every top-N cut. */
const MANY = 1_000_000;

/** A copy of `report` with every hostile string as a host, address, domain, client, reason, sample and name. */
export function withHostile(report: Report): Report {
  const r = structuredClone(report);
  for (const [i, h] of HOSTILE.entries()) {
    const counts = { [h]: MANY + i };
    r.hosts.push(h);
    r.instances[h] = { ...r.totals };
    r.senders[h] = { count: MANY + i, bytes: MANY + i };
    r.recipients[h] = { count: MANY + i, bytes: MANY + i };
    r.deliveryDomains[h] = { delivered: MANY + i, bytes: 1, defers: 1, delaySum: 1, delayMax: 1 };
    r.receiptDomains[h] = { received: MANY + i, bytes: 1 };
    r.smtpd.perDomain[h] = { connections: MANY + i, seconds: 1, max: 1 };
    r.noSize.push(`${h} ${h}`);
    r.deferrals[h] = { [h]: counts };
    r.bounces[h] = counts;
    r.expiries[h] = MANY + i;
    for (const detail of [r.rejects, r.rejectWarnings, r.holds, r.discards]) detail[h] = { [`Helo command rejected: ${h}`]: counts };
    // an unknown class name is shown as it is, in the table and in the SVG bar list
    r.rejectClasses[h] = { permanent: MANY + i, temporary: 1, warnOnly: 1, reasons: counts, clients: counts };
    for (const daemons of [r.smtpFailures, r.warnings, r.errors, r.fatals, r.panics]) daemons[h] = counts;
    r.master[h] = MANY + i;
    r.postscreen.actions[h] = MANY + i;
    r.sasl.failuresByIp[h] = MANY + i;
    r.sasl.failuresByUser[h] = MANY + i;
    r.sasl.loginsByUser[h] = MANY + i;
    r.tls.protocols[h] = MANY + i;
    r.input.unrecognized[h] = MANY + i;
    r.input.samples[h] = [`Nov 25 20:10:01 mx postfix/smtpd[1]: connect from ${h}`];
  }
  return r;
}
