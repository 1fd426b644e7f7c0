// Port 25: postscreen's verdicts (PASS OLD/NEW, allow/denylist, DNSBL, PREGREET, HANGUP) and the smtpd sessions
// behind it: accepted mail, NOQUEUE rejects of every class, reject_warning, header_checks, lost connections,
// dictionary attacks, non-SMTP probes, connection floods. Each session is a chain of timed steps; accepted mail
// goes to the Queue.

import { MINUTE, SECOND } from './clock.js';
import { commandCounts, newMessage, TLS12, TLS13, type Count, type Step } from './common.js';
import type { Client } from './population.js';
import type { Queue, Rcpt } from './queue.js';
import type { World } from './world.js';

// postscreen remembers a passed client this long (postscreen_*_ttl): later connects are PASS OLD
const PASS_TTL = 24 * 60 * MINUTE;
// smtpd_client_connection_rate_limit: connections per minute beyond this are refused
const RATE_LIMIT = 30;

/** Starts port 25 sessions. */
export class Inbound {
  constructor(private readonly w: World, private readonly queue: Queue) {}

  /** A connection to port 25: postscreen first, then (if it passes) smtpd. */
  connect(c: Client): void {
    const w = this.w;
    const rnd = w.rnd;
    const port = rnd.int(32768, 60999);
    const peer = `[${c.ip}]:${port}`;
    const ps = (text: string) => () => w.log('postfix/postscreen', w.postscreen, text);
    const steps: Step[] = [[0, ps(`CONNECT from ${peer} to [${w.pop.serverIp}]:25`)]];
    const from = rnd.pick(c.domain.users);
    const to = rnd.pick(w.pop.localUsers);
    switch (c.kind) {
      case 'deny':
        steps.push([rnd.int(100, 2_000), ps(`DENYLISTED ${peer}`)], [rnd.int(100, 2_000), ps(`DISCONNECT ${peer}`)]);
        return this.w.chain(steps);
      case 'dnsbl': {
        const dnsblog = w.pool.dnsblog.take(50_000);
        const lists = rnd.chance(0.4) ? ['zen.spamhaus.example', 'bl.spamcop.example'] : ['zen.spamhaus.example'];
        for (const l of lists) {
          steps.push([rnd.int(20_000, 200_000), () => w.log('postfix/dnsblog', dnsblog, `addr ${c.ip} listed by domain ${l} as 127.0.0.${rnd.int(2, 11)}`)]);
        }
        steps.push([rnd.int(1, 6) * SECOND, ps(`DNSBL rank ${lists.length + 1} for ${peer}`)]);
        if (rnd.chance(0.3)) steps.push([rnd.int(10_000, 900_000), ps(`HANGUP after ${(rnd.next() * 3).toFixed(2)} from ${peer} in tests after SMTP handshake`)]);
        else {
          steps.push([rnd.int(100_000, 3 * SECOND), ps(`NOQUEUE: reject: RCPT from ${peer}: 550 5.7.1 Service unavailable; client [${c.ip}] `
            + `blocked using ${lists[0]}; from=<${from}>, to=<${to}>, proto=ESMTP, helo=<${c.helo}>`)]);
        }
        steps.push([rnd.int(1_000, 500_000), ps(`DISCONNECT ${peer}`)]);
        return this.w.chain(steps);
      }
      case 'pregreet':
        steps.push([rnd.int(10_000, 2 * SECOND), ps(`PREGREET ${rnd.pick([11, 16, 25])} after ${(rnd.next() * 2).toFixed(2)} from ${peer}: EHLO ${c.helo}\\r\\n`)]);
        if (rnd.chance(0.5)) {
          steps.push([rnd.int(100_000, 2 * SECOND), ps(`NOQUEUE: reject: RCPT from ${peer}: 550 5.5.1 Protocol error; from=<${from}>, to=<${to}>, proto=ESMTP, helo=<${c.helo}>`)]);
        }
        steps.push([rnd.int(1_000, 500_000), ps(`DISCONNECT ${peer}`)]);
        return this.w.chain(steps);
      case 'hangup':
        steps.push([rnd.int(10_000, 3 * SECOND), ps(`HANGUP after ${(rnd.next() * 3).toFixed(2)} from ${peer} in tests before SMTP handshake`)],
          [rnd.int(100, 5_000), ps(`DISCONNECT ${peer}`)]);
        return this.w.chain(steps);
      case 'allow':
        steps.push([rnd.int(100, 2_000), ps(`ALLOWLISTED ${peer}`)]);
        break;
      default: {
        const fresh = c.lastPass < 0 || w.clock.now - c.lastPass > PASS_TTL;
        c.lastPass = w.clock.now;
        // a new client waits out the greet test (postscreen_greet_wait, 6 s) before it passes
        steps.push(fresh ? [rnd.int(5, 7) * SECOND, ps(`PASS NEW ${peer}`)] : [rnd.int(100, 20_000), ps(`PASS OLD ${peer}`)]);
      }
    }
    this.w.chain(steps, () => this.w.clock.after(rnd.int(1_000, 30_000), () => this.smtpd(c, port)));
  }

  /** The smtpd half of a port 25 session, by client kind. */
  private smtpd(c: Client, port: number): void {
    const w = this.w;
    const rnd = w.rnd;
    const pid = w.pool.smtpd.hold();
    const tag = 'postfix/smtpd';
    const name = c.name;
    const peer = `${name}[${c.ip}]`;
    const log = (text: string) => () => w.log(tag, pid, text);
    const steps: Step[] = [];
    if (c.kind === 'forged') {
      steps.push([0, log(`warning: hostname ${c.forgedName} does not resolve to address ${c.ip}: Name or service not known`)]);
    }
    steps.push([rnd.int(100, 5_000), log(`connect from ${peer}`)]);
    const counts: Count[] = [[c.helo1 ? 'helo' : 'ehlo', 1, 1]];
    const proto = c.helo1 ? 'SMTP' : 'ESMTP';
    const from = rnd.pick(c.domain.users);
    const tail = (to: string, sender = from) => `from=<${sender}> to=<${to}> proto=${proto} helo=<${c.helo}>`;
    const end = (extra: Count[] = [['quit', 1, 1]]) => {
      steps.push([rnd.int(1_000, 200_000), log(`disconnect from ${peer} ${commandCounts([...counts, ...extra])}`)]);
      this.w.chain(steps, () => w.pool.smtpd.release(pid));
    };
    // sessions that never get a message in: every recipient is refused for the same reason
    const refuseAll = (why: (to: string) => string, n = 1, sender = from) => {
      counts.push(['mail', 1, 1], ['rcpt', 0, n]);
      for (let i = 0; i < n; i++) {
        const to = rnd.pick(w.pop.localUsers);
        steps.push([rnd.int(50_000, 2 * SECOND), log(`NOQUEUE: reject: RCPT from ${peer}: ${why(to)}; ${tail(to, sender)}`)]);
      }
      end([['rset', 1, 1], ['quit', 1, 1]]);
    };
    switch (c.kind) {
      case 'prober':
        steps.push([rnd.int(10_000, SECOND), log(`warning: non-SMTP command from ${peer}: GET / HTTP/1.1`)]);
        counts.length = 0;
        return end([['unknown', 0, 1]]);
      case 'dynamic':
        return refuseAll(() => `554 5.7.1 <${peer}>: Client host rejected: Client hostname looks dynamic (S25R)`);
      case 'nordns':
        return refuseAll(() => `450 4.7.1 Client host rejected: cannot find your reverse hostname, [${c.ip}]`);
      case 'badhelo':
        return refuseAll(() => c.helo === 'bad_helo!host' ? `501 5.5.2 <${c.helo}>: Helo command rejected: Invalid name`
          : c.helo === w.pop.myhostname ? `554 5.7.1 <${c.helo}>: Helo command rejected: You are not me`
          : `504 5.5.2 <${c.helo}>: Helo command rejected: need fully-qualified hostname`);
      case 'spammer': {
        const x = rnd.next();
        if (x < 0.35) {
          const sender = from.replace(/@.*/, '@' + rnd.pick(['no-such-domain', 'nx-' + rnd.int(1, 99)]) + '.example');
          return refuseAll(() => `450 4.1.8 <${sender}>: Sender address rejected: Domain not found`, 1, sender);
        }
        if (x < 0.5) {
          const sender = rnd.pick(['root', 'admin', 'webmaster']);
          return refuseAll(() => `504 5.5.2 <${sender}>: Sender address rejected: need fully-qualified address`, 1, sender);
        }
        return refuseAll(() => `554 5.7.1 Service unavailable; Client host [${c.ip}] blocked using zen.spamhaus.example; `
          + `https://www.spamhaus.example/query/ip/${c.ip}`, rnd.int(1, 3));
      }
      case 'relayer':
        counts.push(['mail', 1, 1], ['rcpt', 0, 1]);
        {
          const to = rnd.pick(rnd.pick(w.pop.remote).users);
          steps.push([rnd.int(50_000, SECOND), log(`NOQUEUE: reject: RCPT from ${peer}: 554 5.7.1 <${to}>: Relay access denied; ${tail(to)}`)]);
        }
        return end([['rset', 1, 1], ['quit', 1, 1]]);
      case 'dictionary': {
        // guessing local parts until smtpd's error limit ends the session (no QUIT)
        const n = rnd.int(4, 12);
        counts.push(['mail', 1, 1], ['rcpt', 0, n]);
        for (let i = 0; i < n; i++) {
          const to = `${rnd.pick(['admin', 'test', 'info', 'office', 'sales', 'user'])}${rnd.int(1, 99)}@${w.pop.localDomain}`;
          steps.push([rnd.int(20_000, 800_000), log(`NOQUEUE: reject: RCPT from ${peer}: 550 5.1.1 <${to}>: Recipient address rejected: User unknown in local recipient table; ${tail(to)}`)]);
        }
        if (n >= 10) {
          steps.push([rnd.int(1_000, 100_000), log(`too many errors after RCPT from ${peer}`)]);
          return end([]);
        }
        return end([['rset', 1, 1], ['quit', 1, 1]]);
      }
    }
    // from here on the client is let in: TLS, then one or more mail transactions
    if (!c.helo1 && rnd.chance(0.6)) {
      counts[0] = ['ehlo', 2, 2];
      counts.push(['starttls', 1, 1]);
      steps.push([rnd.int(20_000, 300_000), log(`Anonymous TLS connection established from ${peer}: ${rnd.chance(0.8) ? TLS13 : TLS12}`)]);
    }
    // 1% hang up after EHLO, another 0.5% in the middle of DATA
    const lost = rnd.next();
    if (lost < 0.01) {
      steps.push([rnd.int(100_000, 5 * SECOND), log(`lost connection after EHLO from ${peer}`)]);
      return end([]);
    }
    const transactions = rnd.chance(0.08) ? rnd.int(2, 3) : 1;
    const mail: Count = ['mail', 0, 0];
    const rcpt: Count = ['rcpt', 0, 0];
    const data: Count = ['data', 0, 0];
    let rset = 0;
    for (let t = 0; t < transactions; t++) {
      const outcome = this.transaction(c, peer, tag, pid, port, steps, tail, lost < 0.015 && t === transactions - 1);
      mail[1]++; mail[2]++;
      rcpt[1] += outcome.accepted; rcpt[2] += outcome.issued;
      if (outcome.data) {
        data[2]++;
        if (outcome.data === 'ok') data[1]++;
      } else rset++;
      if (outcome.data === 'lost') {
        counts.push(mail, rcpt, data);
        return end([]);
      }
    }
    counts.push(mail, rcpt);
    if (data[2] > 0) counts.push(data);
    if (rset > 0) counts.push(['rset', rset, rset]);
    end();
  }

  /**
   * One MAIL…DATA transaction of a let-in client: recipients (some unknown → rejected, NOQUEUE before the queue
   * file exists, with the queue ID after), then cleanup (header_checks may warn or reject) and qmgr.
   */
  private transaction(c: Client, peer: string, tag: string, pid: number, port: number, steps: Step[],
    tail: (to: string) => string, loseInData: boolean): { accepted: number; issued: number; data: '' | 'ok' | 'rejected' | 'lost' } {
    const w = this.w;
    const rnd = w.rnd;
    const log = (text: string) => () => w.log(tag, pid, text);
    const n = drawRcptCount(rnd);
    const rcpts: Rcpt[] = [];
    // the queue ID is taken when the first recipient is accepted (its first digits are that microsecond)
    const msg = newMessage(w, rnd.pick(c.domain.users), rcpts, c.name, c.ip, port);
    for (let i = 0; i < n; i++) {
      const unknown = rnd.chance(0.04);
      const [to, table] = unknown ? unknownRecipient(w) : [inboundRecipient(w), ''];
      if (unknown) {
        // before the first accepted recipient there is no queue file yet: NOQUEUE
        const opened = rcpts.length > 0;
        steps.push([rnd.int(20_000, 500_000), () => w.log(tag, pid, `${opened ? msg.id : 'NOQUEUE'}: reject: RCPT from ${peer}: `
          + `550 5.1.1 <${to}>: Recipient address rejected: User unknown in ${table} table; ${tail(to)}`)]);
        continue;
      }
      if (c.kind === 'warnhelo' || c.kind === 'forged') {
        steps.push([rnd.int(20_000, 300_000), log(`NOQUEUE: reject_warning: RCPT from ${peer}: ` + (c.kind === 'warnhelo'
          ? `450 4.7.1 <${c.helo}>: Helo command rejected: Host not found; ${tail(to)}`
          : `450 4.7.25 Client host rejected: cannot find your hostname, [${c.ip}]; ${tail(to)}`))]);
      }
      const list = w.pop.lists.find((l) => l[0] === to);
      rcpts.push(this.queue.rcpt(to, null, list === undefined ? null : list[1]));
      if (rcpts.length === 1) {
        steps.push([rnd.int(20_000, 500_000), () => {
          msg.id = w.newQueueId();
          w.log(tag, pid, `${msg.id}: client=${peer}`);
        }]);
      }
    }
    if (rcpts.length === 0) return { accepted: 0, issued: n, data: '' };
    const first = rcpts[0]!.addr;
    if (loseInData) {
      steps.push([rnd.int(1, 30) * SECOND, () => {
        w.log(tag, pid, `lost connection after DATA (${rnd.int(100, 90_000)} bytes) from ${peer}`);
        w.freeQueueId(msg.id);
      }]);
      return { accepted: rcpts.length, issued: n, data: 'lost' };
    }
    msg.filter = c.kind !== 'allow' && rnd.chance(w.settings.filterShare);
    const cleanup = w.pool.cleanup.take(SECOND);
    const clog = (text: string) => () => w.log('postfix/cleanup', cleanup, `${msg.id}: ${text}`);
    const what = `from ${peer}; from=<${msg.from}> to=<${first}> proto=ESMTP helo=<${c.helo}>`;
    const check = rnd.next();
    if (check < 0.012) {
      // header_checks/body_checks REJECT: the transaction fails at end of DATA and the queue file is dropped
      steps.push([rnd.int(100_000, 3 * SECOND), clog(rnd.pick([
        `reject: header Subject: Cheap viagra pills ${what}: 5.7.1 Spam subject (viagra)`,
        `reject: header Content-Type: application/octet-stream; name="invoice.exe" ${what}: 5.7.1 Attachment type not allowed: invoice.exe`,
        `reject: body This is a body_checks test: BLOCKME ${what}: 5.7.1 Body pattern rejected`,
      ]))], [0, () => w.freeQueueId(msg.id)]);
      return { accepted: rcpts.length, issued: n, data: 'rejected' };
    }
    if (check < 0.03) {
      steps.push([rnd.int(100_000, 2 * SECOND), clog(rnd.chance(0.6)
        ? `warning: header Subject: [WARNTEST] quarterly report ${what}: subject flagged for review`
        : `info: header Subject: [INFO-CHECK] status ping ${what}: informational header match`)]);
    }
    steps.push([rnd.int(100_000, 3 * SECOND) + msg.size * 2, clog(`message-id=<${msg.messageId}>`)]);
    steps.push([rnd.int(1_000, 50_000), () => {
      msg.arrival = w.clock.now;
      this.queue.activate(msg);
    }]);
    return { accepted: rcpts.length, issued: n, data: 'ok' };
  }

  /** A client opening connections faster than the rate limit: anvil refuses those past the limit. */
  flood(c: Client): void {
    const w = this.w;
    const rnd = w.rnd;
    const n = rnd.int(RATE_LIMIT + 2, RATE_LIMIT + 12);
    let at = 0;
    for (let i = 1; i <= n; i++) {
      at += rnd.int(200_000, 1_800_000);
      if (i <= RATE_LIMIT) {
        w.clock.after(at, () => this.connect(c));
        continue;
      }
      w.clock.after(at, () => {
        const port = rnd.int(32768, 60999);
        const pid = w.pool.smtpd.take(SECOND);
        const peer = `${c.name}[${c.ip}]`;
        this.w.chain([
          [0, () => w.log('postfix/postscreen', w.postscreen, `CONNECT from [${c.ip}]:${port} to [${w.pop.serverIp}]:25`)],
          [rnd.int(100, 5_000), () => w.log('postfix/postscreen', w.postscreen, `PASS OLD [${c.ip}]:${port}`)],
          [rnd.int(1_000, 20_000), () => w.log('postfix/smtpd', pid, `warning: Connection rate limit exceeded: ${i} from ${peer} for service smtpd`)],
          [rnd.int(100, 2_000), () => w.log('postfix/smtpd', pid, `disconnect from ${peer} commands=0/0`)],
        ]);
      });
    }
  }
}

/** Recipients per transaction: mostly one, a long thin tail. */
function drawRcptCount(rnd: World['rnd']): number {
  const x = rnd.next();
  return x < 0.78 ? 1 : x < 0.95 ? rnd.int(2, 3) : rnd.int(4, 10);
}

/** A recipient of ours for outside mail: local users and lists, the virtual, LMTP and relay domains. */
function inboundRecipient(w: World): string {
  const p = w.pop;
  const x = w.rnd.next();
  if (x < 0.03) return w.rnd.pick(p.lists)[0];
  if (x < 0.58) return w.rnd.pickSkewed(p.localUsers, 1.8);
  if (x < 0.78) return w.rnd.pick(p.lmtpUsers);
  if (x < 0.91) return w.rnd.pick(p.virtualUsers);
  return w.rnd.pick(p.relayUsers);
}

/** An address in one of our domains that does not exist, with the table that says so. */
function unknownRecipient(w: World): [string, string] {
  const local = w.rnd.pick(['office', 'jdoe', 'mike', 'test', 'former', 'olduser', 'intern', 'webmaster']) + w.rnd.pick(['', '2', '.old']);
  const x = w.rnd.next();
  if (x < 0.7) return [`${local}@${w.pop.localDomain}`, 'local recipient'];
  if (x < 0.85) return [`${local}@${w.pop.virtualDomain}`, 'virtual mailbox'];
  return [`${local}@${w.pop.relayDomain}`, 'relay recipient'];
}
