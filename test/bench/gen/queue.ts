// What happens to a message once cleanup has it: qmgr activates it, delivery agents try each recipient
// (local, virtual, lmtp, relay, remote smtp, or first the content filter), deferred recipients are retried with
// backoff until they are delivered or the message expires, bounces and delay warnings become new messages of
// their own, and qmgr removes the queue file at the end.

import { postfixDelay, SECOND } from './clock.js';
import { TLS12, TLS13, type Step } from './common.js';
import type { RemoteDomain } from './population.js';
import type { World } from './world.js';

/** Where a recipient's mail goes. */
export type Route =
  | { kind: 'local' | 'virtual' | 'lmtp' | 'relay' }
  | { kind: 'remote'; domain: RemoteDomain };

/** One recipient of a queued message. */
export interface Rcpt {
  addr: string;
  /** the address before alias expansion, logged as orig_to */
  origTo: string | null;
  route: Route;
  /** a local alias that local(8) expands into these users, each logged with orig_to=<the alias> */
  members: string[] | null;
  done: boolean;
  bounced: boolean;
}

/** A message in the queue. */
export interface Message {
  id: string;
  /** the envelope sender; '' is the null sender of bounces */
  from: string;
  size: number;
  /** µs */
  arrival: number;
  messageId: string;
  rcpts: Rcpt[];
  /** goes through the content filter before delivery */
  filter: boolean;
  /** the client that sent it, for the filter's orig_client and amavis */
  clientName: string;
  clientIp: string;
  clientPort: number;
  warned: boolean;
}

const FILTER_RELAY = '127.0.0.1[127.0.0.1]:10024';
// Postfix's smtp_connection_cache_time_limit: a connection is reused for this long after its last delivery
const CONNECTION_REUSE = 2 * SECOND;

/** The queue manager and the delivery agents. */
export class Queue {
  private readonly connections = new Map<string, { until: number; uses: number }>();
  private readonly remoteByName: Map<string, RemoteDomain>;

  constructor(private readonly w: World) {
    this.remoteByName = new Map(w.pop.remote.map((d) => [d.name, d]));
  }

  /** Where mail for `addr` is delivered. */
  route(addr: string): Route {
    const domain = addr.slice(addr.lastIndexOf('@') + 1);
    const p = this.w.pop;
    if (domain === p.localDomain) return { kind: 'local' };
    if (domain === p.virtualDomain) return { kind: 'virtual' };
    if (domain === p.lmtpDomain) return { kind: 'lmtp' };
    if (domain === p.relayDomain) return { kind: 'relay' };
    return { kind: 'remote', domain: this.remoteByName.get(domain)! };
  }

  /** A recipient record for an address (and the alias it was reached through). */
  rcpt(addr: string, origTo: string | null = null, members: string[] | null = null): Rcpt {
    return { addr, origTo, route: this.route(addr), members, done: false, bounced: false };
  }

  /** qmgr picks up a message cleanup has finished: the `(queue active)` line, then delivery shortly after. */
  activate(msg: Message): void {
    this.activeLine(msg);
    this.w.clock.after(this.w.rnd.int(5_000, 400_000), () => this.attempt(msg));
  }

  /** A message made inside Postfix (bounce, forward): cleanup's message-id line, then qmgr. */
  inject(msg: Message): void {
    const w = this.w;
    w.log('postfix/cleanup', w.pool.cleanup.take(20_000), `${msg.id}: message-id=<${msg.messageId}>`);
    this.activate(msg);
  }

  private activeLine(msg: Message): void {
    this.w.log('postfix/qmgr', this.w.qmgr, `${msg.id}: from=<${msg.from}>, size=${msg.size}, nrcpt=${msg.rcpts.length} (queue active)`);
  }

  /** One delivery attempt of every pending recipient, grouped by destination as qmgr does. */
  private attempt(msg: Message): void {
    const groups = new Map<string, Rcpt[]>();
    for (const r of msg.rcpts) {
      if (r.done) continue;
      const key = msg.filter ? 'filter' : r.route.kind === 'remote' ? r.route.domain.name : r.route.kind;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = []));
      g.push(r);
    }
    let outstanding = groups.size;
    const settle = () => {
      if (--outstanding === 0) this.w.clock.after(this.w.rnd.int(200, 20_000), () => this.settle(msg));
    };
    for (const [key, rcpts] of groups) {
      this.w.clock.after(this.w.rnd.int(2_000, 300_000), () => {
        if (key === 'filter') this.filter(msg, rcpts, settle);
        else this.deliver(msg, rcpts, settle);
      });
    }
  }

  /** After an attempt: retry later, expire, or (all recipients final) notify and remove. */
  private settle(msg: Message): void {
    const w = this.w;
    const s = w.settings;
    const age = w.clock.now - msg.arrival;
    const pending = msg.rcpts.some((r) => !r.done);
    if (pending && age < s.queueLifetime) {
      if (!msg.warned && s.delayWarning > 0 && age >= s.delayWarning) {
        msg.warned = true;
        this.notify(msg, 'delay');
      }
      // qmgr's backoff: the message's age, clamped to the backoff limits, then the next deferred-queue scan
      const wait = Math.min(s.maxBackoff, Math.max(s.minBackoff, age)) + w.rnd.int(0, 300) * SECOND;
      w.clock.after(wait, () => {
        this.activeLine(msg);
        w.clock.after(w.rnd.int(5_000, 200_000), () => this.attempt(msg));
      });
      return;
    }
    if (pending) {
      w.log('postfix/qmgr', w.qmgr, `${msg.id}: from=<${msg.from}>, status=expired, returned to sender`);
      for (const r of msg.rcpts) if (!r.done) (r.done = true), (r.bounced = true);
    }
    if (msg.rcpts.some((r) => r.bounced)) this.notify(msg, 'non-delivery');
    w.clock.after(w.rnd.int(100, 5_000), () => {
      w.log('postfix/qmgr', w.qmgr, `${msg.id}: removed`);
      w.freeQueueId(msg.id);
    });
  }

  /** bounce(8) tells the sender (never for the null sender: that would be a double bounce). */
  private notify(msg: Message, kind: 'non-delivery' | 'delay'): void {
    if (msg.from === '') return;
    const w = this.w;
    const id = w.newQueueId();
    const stamp = new Date(w.clock.now / 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const notice: Message = {
      id, from: '', size: 2000 + w.rnd.int(0, 4000) + Math.min(msg.size, 10_000), arrival: w.clock.now,
      messageId: `${stamp}.${id}@${w.pop.myhostname}`, rcpts: [this.rcpt(msg.from)], filter: false,
      clientName: 'localhost', clientIp: '127.0.0.1', clientPort: 0, warned: false,
    };
    this.inject(notice);
    w.log('postfix/bounce', w.pool.bounce.take(30_000), `${msg.id}: sender ${kind} notification: ${id}`);
  }

  /** The standard delivery line; the four delays add up to the time since arrival. */
  private line(tag: string, pid: number, msg: Message, r: Rcpt, relay: string, connUse: number, setup: number,
    xmit: number, dsn: string, status: string, text: string): void {
    const w = this.w;
    const elapsed = (w.clock.now - msg.arrival) / SECOND;
    // the agent's own parts first (each within what time there was), the rest was spent waiting in the queue
    const b = Math.min(w.rnd.next() * 0.02, elapsed * 0.1);
    const c = Math.min(setup, elapsed - b);
    const d = Math.min(xmit, elapsed - b - c);
    const a = Math.max(0, elapsed - b - c - d);
    w.log(tag, pid, `${msg.id}: to=<${r.addr}>, ${r.origTo === null ? '' : `orig_to=<${r.origTo}>, `}relay=${relay}, `
      + `${connUse > 1 ? `conn_use=${connUse}, ` : ''}delay=${postfixDelay(elapsed)}, delays=${postfixDelay(a)}/${postfixDelay(b)}/`
      + `${postfixDelay(c)}/${postfixDelay(d)}, dsn=${dsn}, status=${status} (${text})`);
  }

  private sent(r: Rcpt): void {
    r.done = true;
  }

  private bounced(r: Rcpt): void {
    r.done = true;
    r.bounced = true;
  }

  /** Delivery of one destination group; calls `done` when its last line is out. */
  private deliver(msg: Message, rcpts: Rcpt[], done: () => void): void {
    const route = rcpts[0]!.route;
    switch (route.kind) {
      case 'local': return this.w.chain(rcpts.map((r) => [this.w.rnd.int(1_000, 60_000), () => this.local(msg, r)] as const), done);
      case 'virtual': return this.w.chain(rcpts.map((r) => [this.w.rnd.int(1_000, 30_000), () => this.virtual(msg, r)] as const), done);
      case 'lmtp': return this.lmtp(msg, rcpts, done);
      case 'relay': return this.relay(msg, rcpts, done);
      case 'remote': return this.remote(msg, rcpts, route.domain, done);
    }
  }

  private local(msg: Message, r: Rcpt): void {
    const w = this.w;
    const pid = w.pool.local.take(30_000);
    if (r.members !== null) {
      for (const m of r.members) {
        this.line('postfix/local', pid, msg, { ...r, addr: m, origTo: r.addr }, 'local', 0, 0, w.rnd.next() * 0.05, '2.0.0', 'sent', 'delivered to mailbox');
      }
      return this.sent(r);
    }
    const x = w.rnd.next();
    if (x < 0.02) {
      const user = r.addr.slice(0, r.addr.indexOf('@'));
      this.line('postfix/local', pid, msg, r, 'local', 0, 0, 0.01, '5.2.2', 'bounced',
        `cannot update mailbox /var/mail/${user} for user ${user}. error writing message: File too large`);
      return this.bounced(r);
    }
    if (x < 0.05 && msg.from !== '') {
      // a .forward to an outside mailbox: the copy is a new message with the same sender and Message-ID
      const id = w.newQueueId();
      const target = w.rnd.pick(w.rnd.pick(w.pop.remote).users);
      this.inject({ ...msg, id, arrival: w.clock.now, rcpts: [this.rcpt(target, r.addr)], filter: false, warned: false });
      this.line('postfix/local', pid, msg, r, 'local', 0, 0, 0.01, '2.0.0', 'sent', `forwarded as ${id}`);
      return this.sent(r);
    }
    const how = x < 0.07 ? 'delivered to command: procmail -a "$EXTENSION" DEFAULT=$HOME/Maildir/' : 'delivered to mailbox';
    this.line('postfix/local', pid, msg, r, 'local', 0, 0, w.rnd.next() * 0.05, '2.0.0', 'sent', how);
    this.sent(r);
  }

  private virtual(msg: Message, r: Rcpt): void {
    this.line('postfix/virtual', this.w.pool.virtual.take(20_000), msg, r, 'virtual', 0, 0, this.w.rnd.next() * 0.03,
      '2.0.0', 'sent', 'delivered to maildir');
    this.sent(r);
  }

  /** Dovecot LMTP over its socket; dovecot logs each saved message too. */
  private lmtp(msg: Message, rcpts: Rcpt[], done: () => void): void {
    const w = this.w;
    const pid = w.pool.lmtp.take(100_000);
    const relay = `${w.pop.lmtpHost}[private/dovecot-lmtp]`;
    this.w.chain(rcpts.map((r) => [w.rnd.int(2_000, 40_000), () => {
      const session = w.rnd.alnum(22);
      if (w.rnd.chance(0.15)) w.log('dovecot', null, `lmtp(${r.addr})<${w.rnd.int(1000, 60000)}><${session}>: msgid=<${msg.messageId}>: saved mail to INBOX`);
      this.line('postfix/lmtp', pid, msg, r, relay, 0, 0.01, w.rnd.next() * 0.1, '2.0.0', 'sent', `250 2.0.0 <${r.addr}> ${session} Saved`);
      this.sent(r);
    }] as const), done);
  }

  /** The relay transport to the branch office's server (logs as postfix/relay/smtp). */
  private relay(msg: Message, rcpts: Rcpt[], done: () => void): void {
    const w = this.w;
    const pid = w.pool.relay.take(200_000);
    const relay = `${w.pop.relayHost}[${w.pop.relayIp}]:25`;
    const reply = `250 2.0.0 Ok: queued as ${w.rnd.hex(10)}`;
    this.w.chain(rcpts.map((r) => [w.rnd.int(1_000, 80_000), () => {
      this.line('postfix/relay/smtp', pid, msg, r, relay, 0, 0.02, w.rnd.next() * 0.2, '2.0.0', 'sent', reply);
      this.sent(r);
    }] as const), done);
  }

  /** smtp(8) to a remote MX: what happens depends on how the destination behaves. */
  private remote(msg: Message, rcpts: Rcpt[], d: RemoteDomain, done: () => void): void {
    const w = this.w;
    const rnd = w.rnd;
    const now = w.clock.now;
    const relay = `${d.mx}[${d.ip}]:25`;
    const host = `${d.mx}[${d.ip}]`;
    if (d.behavior === 'nxdomain') {
      const pid = w.pool.smtp.take(50_000);
      return this.w.chain(rcpts.map((r) => [rnd.int(1_000, 50_000), () => {
        this.line('postfix/smtp', pid, msg, r, 'none', 0, 0, 0, '5.4.4', 'bounced',
          `Host or domain name not found. Name service error for name=${d.name} type=A: Host not found`);
        this.bounced(r);
      }] as const), done);
    }
    if (d.behavior === 'dead') {
      if (now < d.suspendedUntil) {
        // the destination is marked dead: the error agent defers without trying
        const pid = w.pool.error.take(10_000);
        return this.w.chain(rcpts.map((r) => [rnd.int(1_000, 10_000), () => {
          this.line('postfix/error', pid, msg, r, 'none', 0, 0, 0, '4.4.1', 'deferred',
            `delivery temporarily suspended: connect to ${relay}: Connection refused`);
        }] as const), done);
      }
      const pid = w.pool.smtp.take(100_000);
      d.suspendedUntil = now + rnd.int(60, 600) * SECOND;
      return this.w.chain([
        [rnd.int(5_000, 80_000), () => w.log('postfix/smtp', pid, `connect to ${relay}: Connection refused`)],
        ...rcpts.map((r) => [rnd.int(100, 2_000), () => {
          this.line('postfix/smtp', pid, msg, r, 'none', 0, 0.05, 0, '4.4.1', 'deferred', `connect to ${relay}: Connection refused`);
        }] as const),
      ], done);
    }
    // a connection to this MX is reused while it is cached; a new one starts with TLS
    const cached = this.connections.get(d.name);
    const reuse = cached !== undefined && cached.until >= now;
    const conn = reuse ? cached : { until: 0, uses: 0 };
    if (!reuse) this.connections.set(d.name, conn);
    conn.uses++;
    const connUse = conn.uses;
    const pid = w.pool.smtp.take(300_000);
    const steps: Step[] = [];
    const slowGreeting = d.behavior === 'slow' && rnd.chance(0.4);
    if (!reuse && !slowGreeting && rnd.chance(0.75)) {
      const trust = rnd.pick(['Trusted', 'Verified', 'Untrusted']);
      steps.push([rnd.int(20_000, 300_000), () => w.log('postfix/smtp', pid, `${trust} TLS connection established to ${relay}: ${rnd.chance(0.7) ? TLS13 : TLS12}`)]);
    }
    const setup = slowGreeting ? 30 : 0.05 + rnd.next() * 0.3;
    const xmit = 0.05 + (msg.size / 2_000_000) * (1 + rnd.next());
    const firstTry = !msg.rcpts.some((r) => r.done) && msg.arrival > now - 60 * SECOND;
    const contentReject = rnd.chance(0.003);
    const flakyNow = d.behavior === 'flaky' && rnd.chance(0.5);
    const queued = `250 2.0.0 Ok: queued as ${rnd.hex(rnd.int(9, 12))}`;
    for (const r of rcpts) {
      steps.push([rnd.int(1_000, 120_000) + (slowGreeting ? 30 * SECOND : 0), () => {
        if (slowGreeting) {
          this.line('postfix/smtp', pid, msg, r, relay, connUse, setup, 0, '4.4.2', 'deferred',
            `conversation with ${host} timed out while receiving the initial server greeting`);
        } else if (flakyNow) {
          this.line('postfix/smtp', pid, msg, r, relay, connUse, setup, 0, '4.0.0', 'deferred',
            `host ${host} said: 421 4.0.0 Server closing connection (in reply to MAIL FROM command)`);
        } else if (d.behavior === 'greylist' && firstTry) {
          this.line('postfix/smtp', pid, msg, r, relay, connUse, setup, 0, '4.7.1', 'deferred',
            `host ${host} said: 450 4.7.1 Greylisted, please try again later (in reply to RCPT TO command)`);
        } else if (contentReject) {
          this.line('postfix/smtp', pid, msg, r, relay, connUse, setup, xmit, '5.7.1', 'bounced',
            `host ${host} said: 554 5.7.1 Message rejected: content policy violation (in reply to end of DATA command)`);
          this.bounced(r);
        } else if (rnd.chance(d.behavior === 'strict' ? 0.2 : 0.01)) {
          this.line('postfix/smtp', pid, msg, r, relay, connUse, setup, 0, '5.1.1', 'bounced', rnd.chance(0.5)
            ? `host ${host} said: 550 5.1.1 <${r.addr}> User unknown (in reply to RCPT TO command)`
            : `host ${host} said: 550 5.1.1 Mailbox does not exist (in reply to RCPT TO command)`);
          this.bounced(r);
        } else {
          this.line('postfix/smtp', pid, msg, r, relay, connUse, setup, xmit, '2.0.0', 'sent', rnd.chance(0.7) ? queued : '250 2.0.0 Ok');
          this.sent(r);
        }
      }]);
    }
    this.w.chain(steps, () => {
      conn.until = w.clock.now + CONNECTION_REUSE;
      done();
    });
  }

  /**
   * The content filter hop: smtp hands the message to amavis on :10024, amavis re-injects it through the smtpd on
   * :10025 (a new queue ID with orig_queue_id=), and only then answers, so the `queued as` line comes last.
   */
  private filter(msg: Message, rcpts: Rcpt[], done: () => void): void {
    const w = this.w;
    const rnd = w.rnd;
    const id = w.newQueueId();
    const smtpd = w.pool.reinject.hold();
    const smtp = w.pool.smtp.take(3 * SECOND);
    const amavis = w.pool.amavis.take(3 * SECOND);
    const copy: Message = {
      ...msg, id, filter: false, warned: false, arrival: 0, size: msg.size + rnd.int(300, 1200),
      rcpts: rcpts.map((r) => this.rcpt(r.addr, r.origTo, r.members)),
    };
    const spam = rnd.chance(0.08);
    const began = w.clock.now;
    this.w.chain([
      [rnd.int(100_000, 2 * SECOND), () => w.log('postfix/smtpd', smtpd, 'connect from localhost[127.0.0.1]')],
      [rnd.int(500, 5_000), () => {
        copy.arrival = w.clock.now;
        w.log('postfix/smtpd', smtpd, `${id}: client=localhost[127.0.0.1], orig_queue_id=${msg.id}, orig_client=${msg.clientName}[${msg.clientIp}]`);
      }],
      [rnd.int(1_000, 20_000), () => w.log('postfix/cleanup', w.pool.cleanup.take(20_000), `${id}: message-id=<${msg.messageId}>`)],
      [rnd.int(500, 5_000), () => this.activate(copy)],
      [rnd.int(500, 5_000), () => {
        w.log('postfix/smtpd', smtpd,
          `disconnect from localhost[127.0.0.1] ehlo=1 xforward=1 mail=1 rcpt=${rcpts.length} data=1 quit=1 commands=${5 + rcpts.length}`);
        w.pool.reinject.release(smtpd);
      }],
      [rnd.int(500, 5_000), () => {
        const ms = Math.round((w.clock.now - began) / 1000);
        const hits = spam ? (5 + rnd.next() * 10).toFixed(3) : (rnd.next() * 4 - 2).toFixed(3);
        w.log('amavis', amavis, `(${String(amavis).padStart(5, '0')}-${String(rnd.int(1, 99)).padStart(2, '0')}) Passed `
          + `${spam ? 'SPAM {RelayedTaggedInbound}' : 'CLEAN {RelayedInbound}'}, [${msg.clientIp}]:${msg.clientPort} [${msg.clientIp}] `
          + `<${msg.from}> -> ${rcpts.map((r) => `<${r.addr}>`).join(',')}, Queue-ID: ${msg.id}, Message-ID: <${msg.messageId}>, `
          + `mail_id: ${rnd.alnum(12)}, Hits: ${hits}, size: ${msg.size}, queued_as: ${id}, ${ms} ms`);
      }],
      ...rcpts.map((r) => [rnd.int(100, 3_000), () => {
        this.line('postfix/smtp', smtp, msg, r, FILTER_RELAY, 0, 0.01, (w.clock.now - began) / SECOND, '2.0.0', 'sent',
          `250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ${id}`);
        this.sent(r);
      }] as const),
    ], done);
  }
}
