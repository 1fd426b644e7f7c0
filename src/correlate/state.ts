// What the correlator holds: per syslog host, the open messages by queue ID and the smtpd sessions by pid; the
// settle queue; and the few operations every handler shares (find, arrive, close, settle, sweep, finish).

import type { LogRecord, Peer } from '../parse/events.js';
import { SettleQueue, SWEEPS_PER_HORIZON } from './eviction.js';
import type { Fact } from './facts.js';
import { MessageState } from './messages.js';
import { SessionState } from './sessions.js';

/** The state of one syslog host: queue IDs and pids are only unique within one machine. */
export interface HostState {
  messages: Map<string, MessageState>;
  /** smtpd sessions by process ID: one smtpd process serves one client at a time */
  sessions: Map<number, SessionState>;
}

/** How many things the correlator holds (for tests of bounded memory and for diagnostics). */
export interface CorrelatorSizes {
  messages: number;
  sessions: number;
  /** messages waiting in the settle queue (also counted in `messages` while they are findable) */
  settling: number;
}

/** The correlator's state and shared operations; the handlers (handlers.ts) drive it. */
export class CorrelatorState {
  private readonly hosts = new Map<string, HostState>();
  private lastHostName: string | null = null;
  private lastHost: HostState | null = null;
  private readonly queue = new SettleQueue();
  private nextSweep = Number.NEGATIVE_INFINITY;

  constructor(readonly emit: (fact: Fact) => void, private readonly horizonMs: number) {}

  /** Before each record: settles what is due and, every quarter horizon of log time, evicts the silent. */
  advance(now: number): void {
    // the clock went back by more than a horizon (a line stamped years ahead came before, or a host's clock is wrong):
    // what waits is settled and the sweeps follow the new clock, or both would wait on the old one for the whole log
    if (now + this.horizonMs < this.nextSweep) {
      for (let m = this.queue.nextAny(); m !== null; m = this.queue.nextAny()) this.settle(m);
      this.nextSweep = now;
    }
    for (let m = this.queue.next(now); m !== null; m = this.queue.next(now)) this.settle(m);
    if (now >= this.nextSweep) {
      if (this.nextSweep !== Number.NEGATIVE_INFINITY) this.sweep(now);
      this.nextSweep = now + this.horizonMs / SWEEPS_PER_HORIZON;
    }
  }

  /** The state of a record's host (the last one is cached: logs are mostly one host). */
  host(name: string): HostState {
    if (name === this.lastHostName) return this.lastHost!;
    let h = this.hosts.get(name);
    if (h === undefined) {
      h = { messages: new Map(), sessions: new Map() };
      this.hosts.set(name, h);
    }
    this.lastHostName = name;
    this.lastHost = h;
    return h;
  }

  /**
   * The message of a record's queue ID, touched; a new one (origin unknown) when there is none. Whether the line
   * starts a new life of a queue ID whose message is over (IDs are reused as soon as the queue file is gone):
   * `attach` never (a delivery agent's line may reach syslog just after qmgr's `removed`); `begin` after
   * `removed` (cleanup's lines come first in a life); `queue` also after a refused or discarded message, which
   * never reaches qmgr (qmgr's `from=`).
   */
  message(r: LogRecord, queueId: string, starts: 'attach' | 'begin' | 'queue' = 'attach'): MessageState {
    const messages = this.host(r.host).messages;
    let m = messages.get(queueId);
    if (m !== undefined && m.closed !== 'open' && starts !== 'attach' && (m.closed === 'removed' || starts === 'queue')) {
      this.retire(m);
      m = undefined;
    }
    if (m === undefined) {
      m = new MessageState(queueId, r.host, r.instance, r.time);
      messages.set(queueId, m);
    } else if (r.time > m.lastSeen) m.lastSeen = r.time;
    return m;
  }

  /** The message of a record's queue ID if one is in memory (touched), without creating one. */
  existing(r: LogRecord, queueId: string): MessageState | undefined {
    const m = this.host(r.host).messages.get(queueId);
    if (m !== undefined && r.time > m.lastSeen) m.lastSeen = r.time;
    return m;
  }

  /** The message of a queue ID on a host, if in memory, without touching it (another message's line names it). */
  peek(host: string, queueId: string): MessageState | undefined {
    return this.host(host).messages.get(queueId);
  }

  /**
   * A new message arrives (smtpd `client=`, pickup): a new life of the queue ID. An older life still in memory is
   * retired first (a queue ID is reused once its file is gone, which a discarded or refused message never logs).
   */
  arrive(r: LogRecord, queueId: string, origin: 'smtpd' | 'pickup'): MessageState {
    const messages = this.host(r.host).messages;
    const old = messages.get(queueId);
    if (old !== undefined) this.retire(old);
    const m = new MessageState(queueId, r.host, r.instance, r.time);
    m.origin = origin;
    m.arrival = r;
    messages.set(queueId, m);
    this.queue.push(m, r.time);
    return m;
  }

  /** Ends a life: `removed` leaves memory now (or when settled); `finished` lingers for its trailing lines. */
  close(m: MessageState, how: 'removed' | 'finished', time: number): void {
    if (m.closed !== 'open') return;
    m.closed = how;
    if (m.inQueue) return;
    if (how === 'removed') this.drop(m);
    else this.queue.push(m, time);
  }

  /** The claim window is over: count the message as received if it is a new accepted one; drop it if closed. */
  settle(m: MessageState): void {
    if (!m.settled) {
      m.settled = true;
      this.countIfAccepted(m);
    }
    if (m.closed !== 'open') this.drop(m);
  }

  /** Emits `received` once, for an accepted new message, with its arrival line. */
  countIfAccepted(m: MessageState): void {
    if (m.counted || m.arrival === null || !m.acceptable) return;
    m.counted = true;
    this.emit({ kind: 'received', message: m, record: m.arrival });
    m.arrival = null;
  }

  /** An older life whose queue ID is taken by a new one: settled, and reported if it was still in the queue. */
  private retire(m: MessageState): void {
    if (!m.settled) {
      m.settled = true;
      this.countIfAccepted(m);
    }
    // a queued or held message still has its queue file, so its ID cannot be reused: its lines went missing
    if (m.closed === 'open' && (m.queued || m.verdict === 'hold')) this.emit({ kind: 'incomplete', message: m, reason: 'reused' });
    m.closed = 'finished';
    this.drop(m);
  }

  private drop(m: MessageState): void {
    const messages = this.host(m.host).messages;
    if (messages.get(m.queueId) === m) messages.delete(m.queueId);
    m.arrival = null;
    m.pending = null;
    m.lastDeferral = null;
  }

  /** The smtpd session of a record's process (a new one when none is open). Null without a pid. */
  session(r: LogRecord, client: Peer | null): SessionState | null {
    if (r.pid === null) return null;
    const sessions = this.host(r.host).sessions;
    let s = sessions.get(r.pid);
    if (s !== undefined && !s.matches(r.instance, r.service)) {
      this.endSession(s, null);
      s = undefined;
    }
    if (s === undefined) {
      if (client === null) return null;
      s = new SessionState(r.host, r.instance, r.service, r.pid, client, r.time);
      sessions.set(r.pid, s);
    } else if (r.time > s.lastSeen) s.lastSeen = r.time;
    return s;
  }

  /** A `connect from`: a new session of the record's process (one left open without a disconnect ends first). */
  openSession(r: LogRecord, client: Peer): SessionState | null {
    if (r.pid === null) return null;
    const old = this.host(r.host).sessions.get(r.pid);
    if (old !== undefined) this.endSession(old, null);
    const s = this.session(r, client)!;
    s.start = r.time;
    return s;
  }

  /** The session of a record's process when one is open, whatever its client. */
  sessionOf(r: LogRecord): SessionState | null {
    if (r.pid === null) return null;
    const s = this.host(r.host).sessions.get(r.pid);
    if (s === undefined) return null;
    if (r.time > s.lastSeen) s.lastSeen = r.time;
    return s;
  }

  /** Ends a session: at its disconnect line, or with no record when it was evicted or superseded. */
  endSession(s: SessionState, record: LogRecord | null): void {
    if (record !== null) s.end = record.time;
    const sessions = this.host(s.host).sessions;
    if (s.pid !== null && sessions.get(s.pid) === s) sessions.delete(s.pid);
    s.current = null;
    this.emit({ kind: 'session-end', session: s, record });
  }

  /** Evicts messages and sessions silent for longer than the horizon. */
  private sweep(now: number): void {
    const limit = now - this.horizonMs;
    for (const h of this.hosts.values()) {
      for (const m of h.messages.values()) {
        if (m.lastSeen >= limit) continue;
        if (m.closed === 'open') this.evict(m, 'horizon');
        else if (!m.inQueue) this.drop(m);
      }
      for (const s of h.sessions.values()) if (s.lastSeen < limit) this.endSession(s, null);
    }
  }

  private evict(m: MessageState, reason: 'horizon' | 'end-of-input'): void {
    if (!m.settled) {
      m.settled = true;
      this.countIfAccepted(m);
    }
    m.closed = 'finished';
    this.emit({ kind: 'incomplete', message: m, reason });
    this.drop(m);
  }

  /** End of input: settles everything, reports what is still open, ends open sessions. */
  finish(): void {
    for (let m = this.queue.nextAny(); m !== null; m = this.queue.nextAny()) this.settle(m);
    for (const h of this.hosts.values()) {
      for (const m of h.messages.values()) if (m.closed === 'open') this.evict(m, 'end-of-input');
      h.messages.clear();
      for (const s of h.sessions.values()) this.endSession(s, null);
    }
    this.hosts.clear();
    this.lastHostName = null;
    this.lastHost = null;
  }

  /** How many messages, sessions and settling entries are held. */
  sizes(): CorrelatorSizes {
    let messages = 0;
    let sessions = 0;
    for (const h of this.hosts.values()) {
      messages += h.messages.size;
      sessions += h.sessions.size;
    }
    return { messages, sessions, settling: this.queue.size };
  }
}
