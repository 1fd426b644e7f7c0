// What each kind of event does to the correlator's state and which facts it emits: one handler per event kind,
// so a new kind fails to compile until it is handled here.

import type { EventKind, EventOf, LogRecord, Peer, Reply } from '../parse/events.js';
import { adopt, isFilterHop } from './filter.js';
import { FROM_ARRIVAL, FROM_CLEANUP, FROM_QMGR, type MessageState } from './messages.js';
import { noDataAccepted } from './sessions.js';
import type { CorrelatorState } from './state.js';

type Handler<K extends EventKind> = (s: CorrelatorState, e: EventOf<K>, r: LogRecord) => void;
/** One handler per event kind. */
export type CorrelatorHandlers = { [K in EventKind]: Handler<K> };

/** SMTP stages at which a reject with a queue ID refuses the whole transaction (an RCPT reject refuses one recipient). */
const TRANSACTION_STAGES = new Set(['DATA', 'BDAT', 'END-OF-MESSAGE']);

/** True for a 4xx reply (the enhanced code decides when the line has no three-digit code: cleanup, milters). */
function isTemporary(reply: Reply | null): boolean {
  if (reply === null) return false;
  if (reply.code !== null) return reply.code >= 400 && reply.code < 500;
  return reply.enhanced !== null && reply.enhanced.startsWith('4');
}

/** The transaction that made `m` failed: an smtpd message is not received; the life is over either way. */
function refuse(s: CorrelatorState, m: MessageState, time: number): void {
  if (m.origin === 'smtpd' && !m.queued) m.refused = true;
  s.close(m, 'finished', time);
}

/**
 * True when a session line is about the client that sent `m`: a refusal judged from a session's end must be about
 * the client whose transaction it ends (a log that interleaves two clients on one pid must not refuse the other's).
 */
function sameClient(m: MessageState, client: Peer): boolean {
  return m.client === null || m.client.ip === client.ip;
}

/** A line that only shows the message is alive (keeps it from the horizon). */
const touch = (s: CorrelatorState, _e: unknown, r: LogRecord): void => {
  if (r.queueId !== null) s.existing(r, r.queueId);
};
const ignore = (): void => {};

/** The correlator's handlers. */
export const HANDLERS: CorrelatorHandlers = {
  'smtpd-connect': (s, e, r) => {
    s.openSession(r, e.client);
  },
  'smtpd-disconnect': (s, e, r) => {
    const session = s.session(r, e.client);
    if (session === null) return;
    const m = session.current;
    // no DATA of the session succeeded: its last transaction delivered no message, whatever the access map said
    if (m !== null && !m.queued && sameClient(m, e.client) && noDataAccepted(e.commands)) refuse(s, m, r.time);
    s.endSession(session, r);
  },
  'smtpd-client': (s, e, r) => {
    if (r.queueId === null) return;
    const m = s.arrive(r, r.queueId, 'smtpd');
    m.client = e.client;
    m.saslUsername = e.saslUsername;
    if (e.origQueueId !== null) {
      // a filter's re-injection naming its parent (XFORWARD IDENT); an unknown parent (another host, or before
      // this log) makes it an arrival like any other
      const parent = s.peek(r.host, e.origQueueId);
      if (parent !== undefined && parent !== m) adopt(parent, m);
    }
    const session = s.session(r, e.client);
    if (session === null) return;
    session.queueIds.push(r.queueId);
    session.current = m;
    if (session.verdict !== 'none') {
      m.verdict = session.verdict;
      m.setFrom(session.verdictFrom, FROM_ARRIVAL);
      if (session.verdict === 'discard') s.close(m, 'finished', r.time);
      session.verdict = 'none';
    }
  },
  'smtpd-reject': (s, e, r) => {
    const session = s.session(r, e.client);
    const warnOnly = e.action === 'reject_warning';
    if (session !== null) {
      if (!warnOnly) session.rejects++;
      session.verdict = 'none';
    }
    s.emit({ kind: 'rejected', record: r, temporary: isTemporary(e.reply), warnOnly, session });
    if (!warnOnly && r.queueId !== null && TRANSACTION_STAGES.has(e.stage)) refuse(s, s.message(r, r.queueId), r.time);
  },
  'smtpd-action': (s, e, r) => {
    const session = s.session(r, e.client);
    const m = r.queueId === null ? null : s.message(r, r.queueId);
    switch (e.action) {
      case 'hold':
      case 'milter-hold':
        if (hold(s, m, r)) return;
        if (session !== null && session.verdict !== 'discard') {
          session.verdict = 'hold';
          session.verdictFrom = e.envelope.from;
        }
        return;
      case 'discard':
      case 'milter-discard':
        // a later recipient of an open transaction: the whole message is discarded at its end
        if (discard(s, m, r)) return;
        if (session !== null) {
          session.verdict = 'discard';
          session.verdictFrom = e.envelope.from;
        }
        return;
      case 'warn':
        s.emit({ kind: 'rejected', record: r, temporary: false, warnOnly: true, session });
        return;
      case 'filter':
      case 'redirect':
      case 'prepend':
        return;
    }
  },
  'smtpd-proxy': (s, e, r) => {
    if (e.accepted) return;
    const session = r.pid === null ? null : s.sessionOf(r);
    if (session !== null) session.rejects++;
    s.emit({ kind: 'rejected', record: r, temporary: isTemporary(e.reply), warnOnly: false, session });
    if (r.queueId !== null) refuse(s, s.message(r, r.queueId), r.time);
  },
  'smtpd-abort': (s, e, r) => {
    const session = s.session(r, e.client);
    if (session === null) return;
    session.verdict = 'none';
    const m = session.current;
    // the connection broke while the message was being sent: no 250, no message
    if (m !== null && !m.queued && sameClient(m, e.client) && (e.after === 'DATA' || e.after === 'BDAT')) refuse(s, m, r.time);
  },
  'smtpd-pipelining': ignore,
  'smtpd-sasl-failed': ignore,
  'tls-established': (s, e, r) => {
    if (e.direction !== 'from' || r.daemon !== 'smtpd') return;
    const session = s.session(r, e.peer);
    if (session !== null) session.tls = true;
  },
  'tlsproxy-connect': ignore,
  'tlsproxy-disconnect': ignore,
  'tls-error': ignore,
  'postscreen-connect': ignore,
  'postscreen-pass': ignore,
  'postscreen-dnsbl': ignore,
  'postscreen-pregreet': ignore,
  'postscreen-hangup': ignore,
  'postscreen-command': ignore,
  'postscreen-listed': ignore,
  'postscreen-disconnect': ignore,
  'postscreen-reject': (s, e, r) => {
    s.emit({ kind: 'rejected', record: r, temporary: isTemporary(e.reply), warnOnly: false, session: null });
  },
  'dnsblog-listed': ignore,
  'cache-cleanup': ignore,
  'cleanup-message-id': (s, e, r) => {
    if (r.queueId === null || e.resent) return;
    s.message(r, r.queueId, 'begin').messageId = e.messageId;
  },
  'cleanup-check': (s, e, r) => {
    const m = r.queueId === null ? null : s.message(r, r.queueId, 'begin');
    if (m !== null) m.setFrom(e.envelope.from, FROM_CLEANUP);
    switch (e.action) {
      case 'reject':
      case 'milter-reject':
        s.emit({ kind: 'rejected', record: r, temporary: isTemporary(e.reply), warnOnly: false, session: null });
        // smtpd's client gets the refusal; a sendmail message is bounced by cleanup (its bounced line follows)
        if (m !== null) refuse(s, m, r.time);
        return;
      case 'warning':
        s.emit({ kind: 'rejected', record: r, temporary: false, warnOnly: true, session: null });
        return;
      case 'hold':
      case 'milter-hold':
        hold(s, m, r);
        return;
      case 'discard':
      case 'milter-discard':
        discard(s, m, r);
        return;
      default:
        return;
    }
  },
  pickup: (s, e, r) => {
    if (r.queueId === null) return;
    const m = s.arrive(r, r.queueId, 'pickup');
    m.setFrom(e.from, FROM_ARRIVAL);
    if (e.origQueueId !== null) {
      // `postsuper -r`: the same message under a new queue ID, received once already (before this log, if its
      // original is not in memory)
      m.parentId = e.origQueueId;
      const original = s.peek(r.host, e.origQueueId);
      if (original !== undefined && original !== m) adopt(original, m);
    }
  },
  'qmgr-queued': (s, e, r) => {
    if (r.queueId === null) return;
    const m = s.message(r, r.queueId, 'queue');
    m.queued = true;
    m.setFrom(e.from, FROM_QMGR);
    if (m.size === null) m.size = e.size;
    m.nrcpt = e.nrcpt;
    // a sendmail message cannot be a filter's re-injection: counted now; an smtpd one once its claim window is over
    if (m.settled || m.origin === 'pickup') s.countIfAccepted(m);
  },
  'qmgr-removed': (s, _e, r) => {
    if (r.queueId === null) return;
    const m = s.existing(r, r.queueId);
    if (m !== undefined) s.close(m, 'removed', r.time);
  },
  'qmgr-expired': (s, _e, r) => {
    const m = r.queueId === null ? null : s.message(r, r.queueId);
    if (m === null) {
      s.emit({ kind: 'expired', message: null, record: r, recipients: [], lastDeferral: null });
      return;
    }
    s.emit({ kind: 'expired', message: m.root, record: r, recipients: m.undelivered(), lastDeferral: m.lastDeferral });
    m.pending = null;
  },
  'qmgr-skipped': touch,
  'postsuper-action': (s, e, r) => {
    if (r.queueId === null) return;
    const m = s.existing(r, r.queueId);
    switch (e.action) {
      case 'held':
        s.emit({ kind: 'held', record: r, message: m ?? null });
        return;
      case 'removed':
      case 'requeued':
        // deleted, or moved to maildrop for pickup to queue again under a new ID: this life is over
        if (m !== undefined) s.close(m, 'removed', r.time);
        return;
      case 'released':
      case 'expired':
        return;
    }
  },
  'postsuper-summary': ignore,
  'bounce-notification': touch,
  'delivery-status': (s, e, r) => {
    const m = r.queueId === null ? null : s.message(r, r.queueId);
    if (m !== null) m.track(e.to, e.origTo, e.status);
    const message = m === null ? null : m.root;
    switch (e.status) {
      case 'sent':
        if (m !== null && e.queuedAs !== null) {
          const child = s.peek(r.host, e.queuedAs);
          if (child !== undefined && isFilterHop(m, child, e, r)) {
            if (child.parent === null) adopt(m, child);
            return;
          }
        }
        s.emit({ kind: 'delivered', message, record: r, forwarded: e.forwardedAs !== null });
        return;
      case 'deferred':
        s.emit({ kind: 'deferred', message, record: r, firstForMessage: m === null || !m.deferred });
        if (m !== null) {
          m.deferred = true;
          m.lastDeferral = e;
        }
        return;
      case 'bounced':
        s.emit({ kind: 'bounced', message, record: r });
        return;
      default:
        return;
    }
  },
  'smtp-connect-failed': touch,
  'smtp-reply': touch,
  'smtp-info': touch,
  'smtp-conversation-error': touch,
  'master-lifecycle': ignore,
  'anvil-statistics': ignore,
  'scache-statistics': ignore,
  diagnostic: touch,
  unrecognized: ignore,
};

/** A HOLD verdict (smtpd access map, header check, milter): counted; the message, if known, is held unless discarded. True when it had one. */
function hold(s: CorrelatorState, m: MessageState | null, r: LogRecord): boolean {
  s.emit({ kind: 'held', record: r, message: m });
  if (m === null) return false;
  if (m.verdict !== 'discard') m.verdict = 'hold';
  return true;
}

/** A DISCARD verdict: counted; the message, if known, is discarded and its life ends. True when it had one. */
function discard(s: CorrelatorState, m: MessageState | null, r: LogRecord): boolean {
  s.emit({ kind: 'discarded', record: r, message: m });
  if (m === null) return false;
  m.verdict = 'discard';
  s.close(m, 'finished', r.time);
  return true;
}
