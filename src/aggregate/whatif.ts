// The what-if evaluator: tries access tables on the smtpd sessions of a log, as Postfix would have on the day, and
// counts what each entry would have reached and how much of that was mail in fact delivered. Fed like a report
// section: the parsed records (sessions, HELO names, refused transactions come from smtpd's lines) and the
// correlator's facts (which messages were accepted, and which recipients delivered).
//
// Memory is bounded as the correlator's is: open sessions, messages still in their claim window, and whatever a
// counter keeps (distinct clients, a few examples). A message that the correlator still holds is reached through
// its Message object (a WeakMap), so it leaves with it.

import type { AccessTable } from '../access/table.js';
import { DEFAULT_LOOKUP_OPTIONS, type Found, type LookupOptions } from '../access/lookup.js';
import { SETTLE_MS } from '../correlate/eviction.js';
import type { Fact, Message } from '../correlate/facts.js';
import type { Envelope, EventOf, LogRecord, Peer } from '../parse/events.js';
import { isoTime } from '../parse/year.js';
import { WHATIF_SCHEMA_VERSION, type WhatIfOption, type WhatIfReport } from '../report/whatif.js';
import { whatIfTable, counts, WHATIF_NOTES } from './whatif-write.js';
import { TableTrial } from './whatif-table.js';
import { accept, Counter, MessageUnit, reachMessage, reachRecipient, reachSession, recipient, SessionUnit, type Reach, type Recipient } from './whatif-units.js';

/** A table to try, and as which check. */
export interface WhatIfTableSpec {
  option: WhatIfOption;
  table: AccessTable;
}

/** Options of a what-if run. */
export interface WhatIfOptions {
  /** examples kept per entry, of delivered messages and of the others each */
  examples: number;
  lookup: LookupOptions;
}

export const DEFAULT_WHATIF_OPTIONS: WhatIfOptions = { examples: 3, lookup: DEFAULT_LOOKUP_OPTIONS };

/**
 * A session silent this long (log time) has ended without its disconnect line: smtpd's own idle limit
 * (smtpd_timeout) is 300 s by default, an hour leaves room for slow clients and lost lines.
 */
const SESSION_IDLE_MS = 3600 * 1000;
/**
 * A message not accepted within twice the correlator's claim window never will be: its transaction broke off
 * (lost connection, no DATA) or it is a content filter's re-injection (counted as its original).
 */
const PENDING_MS = 2 * SETTLE_MS;
/** How often (log time) the silent sessions and pending messages are swept. */
const SWEEP_MS = 60 * 1000;

/** SMTP stages at which a reject with a queue ID refuses the whole transaction (as the correlator reads them). */
const TRANSACTION_STAGES = new Set(['DATA', 'BDAT', 'END-OF-MESSAGE']);

/** Tries the tables on a stream of records and facts; `finish` gives the report. */
export class WhatIf {
  private readonly trials: TableTrial[];
  private readonly log = new Counter(0);
  private readonly sessions = new Map<string, SessionUnit>();
  /** accepted-in-progress messages by host and queue ID, until a fact links them to their Message */
  private readonly pending = new Map<string, MessageUnit>();
  private readonly linked = new WeakMap<Message, MessageUnit>();
  /** accepted messages with no recipient known yet: the recipient tables cannot be tried on them */
  private readonly noRecipient = new Set<MessageUnit>();
  private first: LogRecord | null = null;
  private last: LogRecord | null = null;
  private nextSweep = Number.NEGATIVE_INFINITY;

  constructor(specs: readonly WhatIfTableSpec[], options: WhatIfOptions = DEFAULT_WHATIF_OPTIONS) {
    this.trials = specs.map((s) => new TableTrial(s.option, s.table, options.lookup, options.examples));
  }

  /** A parsed record (after the correlator has seen it). */
  record(r: LogRecord): void {
    if (this.first === null || r.time < this.first.time) this.first = r;
    if (this.last === null || r.time >= this.last.time) this.last = r;
    if (r.time >= this.nextSweep) {
      this.sweep(r.time);
      this.nextSweep = r.time + SWEEP_MS;
    }
    const e = r.event;
    switch (e.kind) {
      case 'smtpd-connect': {
        const old = this.sessions.get(sessionKey(r));
        if (old !== undefined) this.end(old);
        this.session(r, e.client);
        return;
      }
      case 'smtpd-disconnect': {
        const s = this.sessions.get(sessionKey(r));
        if (s !== undefined) this.end(s);
        return;
      }
      case 'smtpd-client':
        return this.arrival(r, e);
      case 'smtpd-reject':
        return this.reject(r, e);
      case 'smtpd-action': {
        const s = this.session(r, e.client);
        if (s === null) return;
        learn(s, e.envelope.helo);
        const m = this.pendingOf(r);
        // a NOQUEUE hold or discard names the recipient of the message whose client= line follows
        if (m === undefined) s.noted.push(e.envelope);
        else this.envelope(m, e.envelope);
        return;
      }
      case 'smtpd-proxy': {
        const m = this.pendingOf(r);
        if (m === undefined) return;
        this.envelope(m, e.envelope);
        if (!e.accepted) this.refuse(m);
        return;
      }
      case 'cleanup-check': {
        const m = this.pendingOf(r);
        if (m === undefined) return;
        this.envelope(m, e.envelope);
        if (e.action === 'reject' || e.action === 'milter-reject') this.refuse(m);
        return;
      }
      default:
        return;
    }
  }

  /** A fact from the correlator. */
  fact(f: Fact): void {
    switch (f.kind) {
      case 'received': {
        const m = this.unitOf(f.message);
        if (m === null || m.applied) return;
        m.from = f.message.from;
        accept(m);
        this.decide(m);
        return;
      }
      case 'delivered':
      case 'deferred':
      case 'bounced': {
        const m = this.unitOf(f.message);
        if (m === null || f.record.event.kind !== 'delivery-status') return;
        const e = f.record.event;
        this.recipientOf(m, e.origTo ?? e.to, f.kind === 'delivered');
        return;
      }
      case 'expired': {
        const m = this.unitOf(f.message);
        if (m !== null) for (const rcpt of f.recipients) this.recipientOf(m, rcpt, false);
        return;
      }
      default:
        return;
    }
  }

  /** End of input (after the correlator's finish): every open session ends, and the report is written. */
  finish(generator: string): WhatIfReport {
    for (const s of [...this.sessions.values()]) this.end(s);
    for (const m of this.noRecipient) this.unknownRecipients(m);
    this.noRecipient.clear();
    this.pending.clear();
    const iso = (r: LogRecord | null) => (r === null ? null : isoTime(r.time, r.offset));
    return {
      schemaVersion: WHATIF_SCHEMA_VERSION,
      generator,
      period: { from: iso(this.first), to: iso(this.last) },
      log: counts(this.log),
      tables: this.trials.map((t) => whatIfTable(t)),
      notes: [...WHATIF_NOTES],
    };
  }

  /** The open session of a record's smtpd process, or a new one for `client`. */
  private session(r: LogRecord, client: Peer): SessionUnit | null {
    if (r.pid === null) return null;
    const key = sessionKey(r);
    let s = this.sessions.get(key);
    // the pid was reused by another program after a lost disconnect
    if (s !== undefined && (s.instance !== r.instance || s.service !== r.service)) {
      this.end(s);
      s = undefined;
    }
    if (s === undefined) {
      s = new SessionUnit(r.host, r.pid, r.instance, r.service, client, r.time, r.offset);
      this.sessions.set(key, s);
    }
    s.lastSeen = r.time;
    return s;
  }

  /** `QID: client=…`: a transaction the server went on with (accepted once its `received` fact comes). */
  private arrival(r: LogRecord, e: EventOf<'smtpd-client'>): void {
    const s = this.session(r, e.client);
    if (s === null || r.queueId === null) return;
    s.refusing = null;
    if (e.origQueueId !== null) {
      // a content filter handing the message back: its original client was tried already
      s.reinjection = true;
      return;
    }
    s.transactions++;
    const m = new MessageUnit(s, r.queueId, r.time);
    this.pending.set(`${r.host}\0${r.queueId}`, m);
    for (const e of s.noted) this.envelope(m, e);
    s.noted.length = 0;
  }

  /** What a line with a queue ID tells of its message: the HELO, the sender (until qmgr's), a recipient. */
  private envelope(m: MessageUnit, e: Envelope): void {
    learn(m.session, e.helo);
    if (m.from === null && e.from !== null) m.from = e.from;
    if (e.to !== null) this.recipientOf(m, e.to, false);
  }

  /** smtpd reject lines: HELO and sender to learn, and a refused transaction or recipient to count. */
  private reject(r: LogRecord, e: EventOf<'smtpd-reject'>): void {
    const s = this.session(r, e.client);
    if (s === null) return;
    learn(s, e.envelope.helo);
    if (e.action === 'reject_warning') return;
    if (r.queueId !== null) {
      const m = this.pendingOf(r);
      if (m === undefined) return;
      this.envelope(m, e.envelope);
      if (TRANSACTION_STAGES.has(e.stage)) this.refuse(m);
      return;
    }
    // a NOQUEUE reject refuses a transaction, joined with the one before while the sender stays the same (one
    // line per refused recipient); one without a sender came before MAIL FROM (smtpd_delay_reject = no)
    const from = e.envelope.from;
    if (from === null) return;
    let m = s.refusing;
    if (m === null || m.from !== from) {
      m = new MessageUnit(s, null, r.time);
      m.from = from;
      m.refused = true;
      s.transactions++;
      s.refusing = m;
      this.decide(m);
    }
    if (e.envelope.to !== null) this.recipientOf(m, e.envelope.to, false);
  }

  /** A transaction with a queue ID refused at DATA or after: a refused unit, counted as the session's. */
  private refuse(m: MessageUnit): void {
    if (m.refused || m.accepted) return;
    m.refused = true;
    this.pending.delete(`${m.session.host}\0${m.queueId}`);
    this.decide(m);
  }

  private pendingOf(r: LogRecord): MessageUnit | undefined {
    return r.queueId === null ? undefined : this.pending.get(`${r.host}\0${r.queueId}`);
  }

  /** The unit of a correlator Message: linked on first sight, from the pending arrivals. */
  private unitOf(message: Message | null): MessageUnit | null {
    if (message === null) return null;
    const known = this.linked.get(message);
    if (known !== undefined) return known;
    const key = `${message.host}\0${message.queueId}`;
    const m = this.pending.get(key);
    if (m === undefined) return null;
    this.pending.delete(key);
    this.linked.set(message, m);
    return m;
  }

  /** A unit is decided (accepted or refused): counted now if its session has ended, else when it does. */
  private decide(m: MessageUnit): void {
    if (m.session.ended) this.apply(m);
    else m.session.waiting.push(m);
  }

  /** A session ends: its client and HELO are looked up, and it and its decided units are counted. */
  private end(s: SessionUnit): void {
    if (s.ended) return;
    s.ended = true;
    const key = sessionKeyOf(s);
    if (this.sessions.get(key) === s) this.sessions.delete(key);
    if (s.reinjection && s.transactions === 0) return;
    reachSession(s, this.log);
    const noMail = s.transactions === 0;
    for (const t of this.trials) {
      if (t.option !== 'client' && t.option !== 'helo') continue;
      const found = this.sessionVerdict(t, s);
      if (found === undefined) reachSession(s, t.unknown);
      else if (found !== null) this.reachSessionFound(t, s, found, noMail);
    }
    for (const m of s.waiting) this.apply(m);
    s.waiting.length = 0;
  }

  /** The entry a session's client or HELO ends at; undefined when the HELO is not in the log. */
  private sessionVerdict(t: TableTrial, s: SessionUnit): Found | null | undefined {
    if (t.option === 'client') return t.client(s.client.name, s.client.ip);
    return s.helo === null ? undefined : t.text(s.helo);
  }

  private reachSessionFound(t: TableTrial, s: SessionUnit, found: Found, example: boolean): void {
    const how: Reach = { lookup: found.key, result: found.value };
    reachSession(s, t.counterOf(found).counter, example ? how : null);
    if (t.refuses(found)) reachSession(s, t.refused);
  }

  /** Counts a decided unit for the log and for every table. */
  private apply(m: MessageUnit): void {
    if (m.applied) return;
    m.applied = true;
    const none: Reach = { lookup: '', result: '' };
    reachMessage(m, this.log, none);
    const s = m.session;
    for (const t of this.trials) {
      switch (t.option) {
        case 'client':
        case 'helo': {
          const found = this.sessionVerdict(t, s);
          if (found === undefined) reachMessage(m, t.unknown, none);
          else if (found !== null) this.reachWhole(t, m, found);
          break;
        }
        case 'sender': {
          if (m.from === null) {
            reachMessage(m, t.unknown, none);
            break;
          }
          const found = t.text(m.from);
          if (found !== null) this.reachWhole(t, m, found);
          break;
        }
        case 'recipient':
          for (const [rcpt, r] of m.rcpts) this.tryRecipient(t, m, rcpt, r);
          break;
      }
    }
    if (this.trials.some((t) => t.option === 'recipient') && m.rcpts.size === 0) {
      // an accepted message's recipients come with its deliveries; a refused one has none to come
      if (m.accepted) this.noRecipient.add(m);
      else this.unknownRecipients(m);
    }
  }

  private reachWhole(t: TableTrial, m: MessageUnit, found: Found): void {
    const how: Reach = { lookup: found.key, result: found.value };
    reachMessage(m, t.counterOf(found).counter, how);
    if (t.refuses(found)) reachMessage(m, t.refused, how);
  }

  private tryRecipient(t: TableTrial, m: MessageUnit, rcpt: string, r: Recipient): void {
    const found = t.text(rcpt);
    if (found === null) return;
    const how: Reach = { lookup: found.key, result: found.value };
    reachRecipient(m, rcpt, r, t.counterOf(found).counter, how);
    if (t.refuses(found)) reachRecipient(m, rcpt, r, t.refused, how);
  }

  /** A recipient's status; a new recipient of a counted message is tried on the recipient tables. */
  private recipientOf(m: MessageUnit, rcpt: string, isDelivered: boolean): void {
    const { r, added } = recipient(m, rcpt, isDelivered);
    if (!added || !m.applied) return;
    this.noRecipient.delete(m);
    for (const t of this.trials) if (t.option === 'recipient') this.tryRecipient(t, m, rcpt, r);
  }

  /** A message whose recipients the log never named: the recipient tables could not be tried on it. */
  private unknownRecipients(m: MessageUnit): void {
    for (const t of this.trials) if (t.option === 'recipient') reachMessage(m, t.unknown, { lookup: '', result: '' });
  }

  /** Ends silent sessions and forgets arrivals that were never accepted. */
  private sweep(now: number): void {
    for (const s of [...this.sessions.values()]) if (s.lastSeen < now - SESSION_IDLE_MS) this.end(s);
    // arrivals are in log order, so the old ones come first
    for (const [key, m] of this.pending) {
      if (m.time >= now - PENDING_MS) break;
      this.pending.delete(key);
    }
  }
}

/** Sessions are told apart by host and smtpd process. */
function sessionKey(r: LogRecord): string {
  return `${r.host}\0${r.pid}`;
}

function sessionKeyOf(s: SessionUnit): string {
  return `${s.host}\0${s.pid}`;
}

/** The first HELO name a session's lines show is its HELO. */
function learn(s: SessionUnit, helo: string | null): void {
  if (s.helo === null && helo !== null && helo !== '') s.helo = helo;
}
