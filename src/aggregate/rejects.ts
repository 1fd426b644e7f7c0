// Rejects, reject warnings, holds and discards: pflogsumm's detail (stage → reason → client or address) and,
// beyond pflogsumm, rejects by restriction class (report/labels.ts) split into permanent, temporary and warn-only.

import type { Fact } from '../correlate/facts.js';
import type { Envelope, LogRecord, Peer } from '../parse/events.js';
import type { RejectClass } from '../report/model.js';
import { clientDomain, normalizeAddress, NULL_SENDER, senderKey } from './address.js';
import { bump, child, toCounts, toCounts3 } from './counters.js';
import { CHECK_TEXT_MAX, fullReply, rejectReason, shortenRejectText, trimTo } from './reasons.js';
import { LOCAL_CLIENT, RejectClassifier } from './reject-classifier.js';
import type { AggregateOptions, Section, SectionFactory } from './section.js';

type Detail = Map<string, Map<string, Map<string, number>>>;

/** The rejects section's aggregator. */
export const rejectsSection: SectionFactory = (options: AggregateOptions): Section => {
  const verbose = options.verboseMsgDetail;
  const rejects: Detail = new Map();
  const warnings: Detail = new Map();
  const holds: Detail = new Map();
  const discards: Detail = new Map();
  const classes = new Map<string, { permanent: number; temporary: number; warnOnly: number; reasons: Map<string, number>; clients: Map<string, number> }>();
  const classifier = new RejectClassifier(verbose);

  function detail(into: Detail, r: LogRecord): void {
    const d = describe(r);
    if (d !== null) bump(child(child(into, d.stage), d.reason), d.key);
  }

  /** stage, reason and client-or-address of one reject/warn/hold/discard line, pflogsumm's way */
  function describe(r: LogRecord): { stage: string; reason: string; key: string } | null {
    const ev = r.event;
    switch (ev.kind) {
      case 'smtpd-reject':
      case 'postscreen-reject': {
        const short = shortenRejectText(ev.reply.text);
        return smtpdDetail(ev.stage, verbose ? fullReply(ev.reply) : short, short, ev.client, ev.envelope, ev.reply.text);
      }
      case 'smtpd-action': {
        const short = shortenRejectText(ev.text);
        return smtpdDetail(ev.stage, verbose ? ev.text : short, short, ev.client, ev.envelope, ev.text);
      }
      case 'cleanup-check': {
        const key = ev.client === null ? LOCAL_CLIENT : clientDomain(ev.client);
        if (ev.part !== null) return { stage: ev.part, reason: verbose ? ev.content : trimTo(ev.content, CHECK_TEXT_MAX), key };
        const reason = ev.reply === null ? ev.action : rejectReason(ev.reply, verbose);
        return { stage: ev.stage ?? 'milter', reason, key };
      }
      default:
        return null;
    }
  }

  /** pflogsumm keys sender rejects by sender, recipient rejects by recipient, the others by client domain */
  function smtpdDetail(stage: string, reason: string, short: string, client: Peer, env: Envelope, text: string): { stage: string; reason: string; key: string } {
    const from = env.from === null || env.from === '' ? NULL_SENDER : senderKey(env.from, options);
    if (short.startsWith('Sender address rejected:')) return { stage, reason, key: from };
    if (short.startsWith('Recipient address rejected:') || short.startsWith('User unknown')) {
      const to = env.to ?? leadingAddress(text) ?? NULL_SENDER;
      const key = normalizeAddress(to, options);
      return { stage, reason, key: options.rejAddFrom ? `${key}  (${from})` : key };
    }
    const domain = clientDomain(client);
    return { stage, reason, key: options.rejAddFrom ? `${domain}  (${from})` : domain };
  }

  function classify(f: Extract<Fact, { kind: 'rejected' }>): void {
    const k = classifier.classify(f);
    if (k === null) return;
    let c = classes.get(k.cls);
    if (c === undefined) classes.set(k.cls, (c = { permanent: 0, temporary: 0, warnOnly: 0, reasons: new Map(), clients: new Map() }));
    if (f.warnOnly) c.warnOnly++;
    else if (f.temporary) c.temporary++;
    else c.permanent++;
    bump(c.reasons, k.reason);
    bump(c.clients, k.client);
  }

  return {
    fact(f) {
      if (f.kind === 'rejected') {
        detail(f.warnOnly ? warnings : rejects, f.record);
        classify(f);
      } else if (f.kind === 'held') detail(holds, f.record);
      else if (f.kind === 'discarded') detail(discards, f.record);
    },
    record(r) {
      classifier.record(r);
    },
    write(report) {
      report.rejects = toCounts3(rejects);
      report.rejectWarnings = toCounts3(warnings);
      report.holds = toCounts3(holds);
      report.discards = toCounts3(discards);
      report.rejectClasses = Object.fromEntries([...classes].map(([name, c]): [string, RejectClass] => [name, { permanent: c.permanent, temporary: c.temporary, warnOnly: c.warnOnly, reasons: toCounts(c.reasons), clients: toCounts(c.clients) }]));
    },
  };
};

/** `<a@b>: Recipient address rejected: …` → `a@b` (a reject without `to=`, as VRFY and some DATA rejects are) */
function leadingAddress(text: string): string | null {
  if (!text.startsWith('<')) return null;
  const close = text.indexOf('>');
  return close > 1 ? text.slice(1, close) : null;
}
