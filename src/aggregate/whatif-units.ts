// What the what-if evaluator counts: smtpd sessions and their mail transactions (units), and counters that count
// each unit once however often it is reached. A counter stands for one table entry (or a table's refusals, its
// unknowns, or the whole log); the same unit reaching it twice counts once, and "delivered" is counted when both
// are known, the entry's reach and the delivery, in whichever order the log tells them.

import type { Envelope, Peer } from '../parse/events.js';

/** How a unit reached a counter: the key the entry was found under, and its result (for examples). */
export interface Reach {
  lookup: string;
  result: string;
}

/** An example kept by a counter: the unit, how it was reached, and the recipient concerned (recipient tables). */
export interface ExampleRef extends Reach {
  session: SessionUnit;
  message: MessageUnit | null;
  rcpt: string | null;
}

/** Counts sessions, messages, accepted and delivered messages, distinct clients, and keeps a few examples. */
export class Counter {
  sessions = 0;
  messages = 0;
  accepted = 0;
  delivered = 0;
  readonly clients = new Set<string>();
  /** the first examples reached, whatever became of them */
  readonly examples: ExampleRef[] = [];
  /** the first delivered examples: the would-be false positives */
  readonly deliveredExamples: ExampleRef[] = [];

  constructor(readonly examplesLimit: number) {}
}

/** One smtpd session: connect … disconnect of one smtpd process. */
export class SessionUnit {
  helo: string | null = null;
  ended = false;
  /** a content filter's re-injection session (its client= lines name orig_queue_id): not a client of its own */
  reinjection = false;
  /** mail transactions seen in it (accepted or refused) */
  transactions = 0;
  /** the last NOQUEUE transaction refused in it, which later reject lines with the same sender join */
  refusing: MessageUnit | null = null;
  /** envelopes of NOQUEUE hold, discard and warn lines, for the message whose client= line comes next */
  readonly noted: Envelope[] = [];
  /** units decided while the session was open: they are counted when it ends and its verdicts are known */
  readonly waiting: MessageUnit[] = [];
  readonly counted = new Set<Counter>();
  lastSeen: number;

  constructor(
    readonly host: string,
    readonly pid: number,
    readonly instance: string,
    readonly service: string,
    readonly client: Peer,
    readonly start: number,
    readonly offset: number,
  ) {
    this.lastSeen = start;
  }

  /** `name[ip]`, the client as the log names it. */
  get clientKey(): string {
    return `${this.client.name}[${this.client.ip}]`;
  }
}

/** One recipient of a unit: whether it was delivered, and the counters it reached. */
export interface Recipient {
  delivered: boolean;
  counters: Counter[];
}

/** One mail transaction: a message the server accepted (a queue ID), or a transaction reject lines refused. */
export class MessageUnit {
  from: string | null = null;
  accepted = false;
  /** refused by the server (reject lines); never delivered */
  refused = false;
  delivered = false;
  /** counted: its session's verdicts and its sender were applied to it */
  applied = false;
  readonly rcpts = new Map<string, Recipient>();
  /** counters reached, with how (the first way) */
  readonly reached = new Map<Counter, Reach>();
  /** counters reached by the whole message (client, HELO, sender), delivered when any recipient is */
  readonly whole: Counter[] = [];
  readonly deliveredFor = new Set<Counter>();

  constructor(readonly session: SessionUnit, readonly queueId: string | null, readonly time: number) {}
}

/** A session reaches a counter (once). `example`: keep it as an example (a session without mail). */
export function reachSession(s: SessionUnit, c: Counter, example: Reach | null = null): void {
  if (s.counted.has(c)) return;
  s.counted.add(c);
  c.sessions++;
  c.clients.add(s.clientKey);
  if (example !== null && c.examples.length < c.examplesLimit) c.examples.push({ ...example, session: s, message: null, rcpt: null });
}

/** The whole message reaches a counter: it is delivered when any of its recipients is. */
export function reachMessage(m: MessageUnit, c: Counter, how: Reach): void {
  first(m, c, how, null);
  if (!m.whole.includes(c)) {
    m.whole.push(c);
    if (m.delivered) delivered(m, c, null);
  }
}

/** One recipient of a message reaches a counter: the message is delivered for it when that recipient is. */
export function reachRecipient(m: MessageUnit, rcpt: string, r: Recipient, c: Counter, how: Reach): void {
  first(m, c, how, rcpt);
  if (!r.counters.includes(c)) {
    r.counters.push(c);
    if (r.delivered) delivered(m, c, rcpt);
  }
}

/** The message is accepted (its `received` fact): every counter it reached counts it as accepted. */
export function accept(m: MessageUnit): void {
  if (m.accepted) return;
  m.accepted = true;
  for (const c of m.reached.keys()) c.accepted++;
}

/** A recipient's delivery status: a delivery marks the recipient, and the message, delivered. */
export function recipient(m: MessageUnit, rcpt: string, isDelivered: boolean): { r: Recipient; added: boolean } {
  let r = m.rcpts.get(rcpt);
  const added = r === undefined;
  if (r === undefined) {
    r = { delivered: false, counters: [] };
    m.rcpts.set(rcpt, r);
  }
  if (isDelivered && !r.delivered) {
    r.delivered = true;
    for (const c of r.counters) delivered(m, c, rcpt);
    if (!m.delivered) {
      m.delivered = true;
      for (const c of m.whole) delivered(m, c, null);
    }
  }
  return { r, added };
}

function first(m: MessageUnit, c: Counter, how: Reach, rcpt: string | null): void {
  if (m.reached.has(c)) return;
  m.reached.set(c, how);
  c.messages++;
  if (m.accepted) c.accepted++;
  reachSession(m.session, c);
  if (c.examples.length < c.examplesLimit) c.examples.push({ ...how, session: m.session, message: m, rcpt });
}

function delivered(m: MessageUnit, c: Counter, rcpt: string | null): void {
  if (m.deliveredFor.has(c)) return;
  m.deliveredFor.add(c);
  c.delivered++;
  if (c.deliveredExamples.length < c.examplesLimit) c.deliveredExamples.push({ ...m.reached.get(c)!, session: m.session, message: m, rcpt });
}
