// Delivery problems: deferral detail (service → host → reason), bounce detail (relay → reason), expiries (reason
// of the last deferral) and SMTP connection failures (service → host and reason), reasons shortened as pflogsumm's.

import type { FactOf } from '../correlate/facts.js';
import type { DeliveryStatus, LogRecord, PostfixEvent } from '../parse/events.js';
import { hostKey } from './address.js';
import { bump, child, toCounts, toCounts2, toCounts3 } from './counters.js';
import { BOUNCE_REASON_MAX, connectFailure, DEFERRAL_REASON_MAX, deliveryReason } from './reasons.js';
import type { AggregateOptions, Section, SectionFactory } from './section.js';

/** The deferral host of a line that names none (`relay=none` and a reason without a host). */
export const UNKNOWN_HOST = '(unknown host)';
/** The expiry reason of a message whose deferrals were not in the log. */
export const UNKNOWN_REASON = '(no deferral seen)';

/** The problems section's aggregator. */
export const problemsSection: SectionFactory = (options: AggregateOptions): Section => {
  const verbose = options.verboseMsgDetail;
  const deferrals = new Map<string, Map<string, Map<string, number>>>();
  const bounces = new Map<string, Map<string, number>>();
  const expiries = new Map<string, number>();
  const failures = new Map<string, Map<string, number>>();

  function deferred(f: FactOf<'deferred'>): void {
    const ev = deliveryOf(f.record.event);
    if (ev === null) return;
    // the host the reason names, else the relay: a host, or a local transport (`local`, `virtual`, `dovecot`)
    const host = ev.remote !== null ? hostKey(ev.remote) : ev.relayPeer !== null ? hostKey(ev.relayPeer) : ev.relay !== 'none' && ev.relay !== '' ? ev.relay : UNKNOWN_HOST;
    const byHost = child(deferrals, serviceOf(f.record));
    bump(child(byHost, host), deliveryReason(ev, DEFERRAL_REASON_MAX, verbose));
  }

  function bounced(f: FactOf<'bounced'>): void {
    const ev = deliveryOf(f.record.event);
    if (ev === null) return;
    // the relay as pflogsumm 1.3 groups it: its host name (not `[ip]:port`), or `local`, `none`, `virtual`, …
    const relay = ev.relayPeer !== null ? hostKey(ev.relayPeer) : ev.relay;
    bump(child(bounces, relay), deliveryReason(ev, BOUNCE_REASON_MAX, verbose));
  }

  function expired(f: FactOf<'expired'>): void {
    const last = f.lastDeferral ?? null;
    bump(expiries, last === null ? UNKNOWN_REASON : deliveryReason(last, DEFERRAL_REASON_MAX, verbose));
  }

  function record(r: LogRecord): void {
    const ev: PostfixEvent = r.event;
    let text: string;
    if (ev.kind === 'smtp-connect-failed') text = connectFailure(ev.peer, ev.reason);
    else if (ev.kind === 'smtp-conversation-error') {
      // `conversation with mx[ip] timed out while receiving the initial server greeting`, `lost connection with mx[ip] while …`
      const what = ev.reason === 'timeout' ? 'conversation timed out' : 'lost connection';
      text = connectFailure(ev.peer, ev.detail === '' ? what : `${what} ${ev.detail}`);
    } else return;
    bump(child(failures, serviceOf(r)), text);
  }

  return {
    fact(f) {
      if (f.kind === 'deferred') deferred(f);
      else if (f.kind === 'bounced') bounced(f);
      else if (f.kind === 'expired') expired(f);
    },
    record,
    write(report) {
      report.deferrals = toCounts3(deferrals);
      report.bounces = toCounts2(bounces);
      report.expiries = toCounts(expiries);
      report.smtpFailures = toCounts2(failures);
    },
  };
};

/** pflogsumm's "service" of a line: the daemon, with the service name in front (`relay/smtp`, `smtp`, `error`). */
export function serviceOf(r: LogRecord): string {
  return r.service === '' ? r.daemon : `${r.service}/${r.daemon}`;
}

function deliveryOf(ev: PostfixEvent): DeliveryStatus | null {
  return ev.kind === 'delivery-status' ? ev : null;
}
