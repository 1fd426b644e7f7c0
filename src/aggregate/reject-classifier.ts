// Which restriction class a reject fact belongs to, with its reason and client as the report keys them: shared by
// the report's "Rejects by restriction class" and live mode (dashboard, metrics), so both class a reject alike.

import type { Fact } from '../correlate/facts.js';
import type { LogRecord, Peer } from '../parse/events.js';
import { clientKey } from './address.js';
import { CHECK_TEXT_MAX, rejectReason, shortenRejectText, trimTo } from './reasons.js';
import { classifyCleanupCheck, classifyPostscreenReject, classifySmtpdReject } from './reject-class.js';

/** The client of a message that came in through pickup (cleanup logs `from local`). */
export const LOCAL_CLIENT = 'local';

/**
 * postscreen sessions whose last failed test is remembered until their reject or DISCONNECT (a few seconds): a
 * bound so that sessions whose DISCONNECT is missing cannot grow memory; far above any server's concurrent sessions.
 */
const POSTSCREEN_SESSIONS_KEPT = 10_000;

/** A reject's class (report/labels.ts names), its reason as the report shows it, and its client key. */
export interface RejectClassOf {
  cls: string;
  reason: string;
  client: string;
}

/**
 * Classes rejects. Give it every postscreen record (`record`): a postscreen `Protocol error` reject is classed by
 * the protocol test the client failed just before it.
 */
export class RejectClassifier {
  // postscreen client `ip:port` → the protocol test it failed, so that its `Protocol error` reject is classed by it
  private readonly postscreenTests = new Map<string, string>();

  /** `verbose`: --verbose-msg-detail, reasons not shortened */
  constructor(private readonly verbose: boolean) {}

  /** A parsed record (only postscreen's matter). */
  record(r: LogRecord): void {
    if (r.daemon !== 'postscreen') return;
    const ev = r.event;
    let test: string;
    if (ev.kind === 'postscreen-pregreet') test = 'PREGREET';
    else if (ev.kind === 'postscreen-command') test = ev.test;
    else {
      if (ev.kind === 'postscreen-disconnect') this.postscreenTests.delete(peerId(ev.client));
      return;
    }
    const id = peerId(ev.client);
    this.postscreenTests.delete(id); // re-inserted so that the Map's order stays oldest first
    this.postscreenTests.set(id, test);
    if (this.postscreenTests.size > POSTSCREEN_SESSIONS_KEPT) this.postscreenTests.delete(this.postscreenTests.keys().next().value!);
  }

  /** The class, reason and client of a reject fact; null for a record kind that carries no reject. */
  classify(f: Extract<Fact, { kind: 'rejected' }>): RejectClassOf | null {
    const ev = f.record.event;
    const verbose = this.verbose;
    switch (ev.kind) {
      case 'smtpd-reject':
        return { cls: classifySmtpdReject(ev.reply.text, ev.action === 'milter-reject'), reason: rejectReason(ev.reply, verbose), client: clientKey(ev.client) };
      case 'postscreen-reject':
        return {
          cls: classifyPostscreenReject(ev.reply.code, ev.reply.text, this.postscreenTests.get(peerId(ev.client)) ?? null),
          reason: rejectReason(ev.reply, verbose),
          client: clientKey(ev.client),
        };
      case 'smtpd-action': {
        let cls = classifySmtpdReject(ev.text, ev.action.startsWith('milter'));
        if (cls === 'other' && ev.action === 'warn') cls = 'access-warn';
        return { cls, reason: verbose ? ev.text : shortenRejectText(ev.text), client: clientKey(ev.client) };
      }
      case 'cleanup-check': {
        const text = ev.reply?.text ?? '';
        return {
          cls: classifyCleanupCheck(ev.part, ev.action.startsWith('milter'), text),
          // the configured text of the check (`REJECT Spam subject` → `Spam subject`), else what matched
          reason: text !== '' ? text : verbose ? ev.content : trimTo(ev.content, CHECK_TEXT_MAX),
          client: ev.client === null ? LOCAL_CLIENT : clientKey(ev.client),
        };
      }
      default:
        return null;
    }
  }
}

function peerId(p: Peer): string {
  return p.port === null ? p.ip : `${p.ip}:${p.port}`;
}
