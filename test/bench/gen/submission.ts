// Mail from our own users and host: SASL submission on 587 (STARTTLS) and 465, wrong passwords, outside hosts
// guessing passwords, and sendmail/pickup mail from cron and applications.

import { SECOND } from './clock.js';
import { commandCounts, newMessage, TLS12, TLS13, type Count, type Step } from './common.js';
import type { Submitter } from './population.js';
import type { Queue, Rcpt } from './queue.js';
import type { World } from './world.js';

/** Starts submission and pickup sessions. */
export class Submission {
  constructor(private readonly w: World, private readonly queue: Queue) {}

  /** Authenticated submission on 587 (STARTTLS) or 465 (TLS from the start); now and then a wrong password. */
  session(s: Submitter): void {
    const w = this.w;
    const rnd = w.rnd;
    const smtps = rnd.chance(0.15);
    const tag = smtps ? 'postfix/smtps/smtpd' : 'postfix/submission/smtpd';
    const pool = smtps ? w.pool.smtps : w.pool.submission;
    const pid = pool.hold();
    const peer = `${s.name}[${s.ip}]`;
    const user = rnd.pickSkewed(w.pop.localUsers, 1.5);
    const log = (text: string) => () => w.log(tag, pid, text);
    const counts: Count[] = smtps ? [['ehlo', 1, 1]] : [['ehlo', 2, 2], ['starttls', 1, 1]];
    const method = rnd.chance(0.7) ? 'PLAIN' : 'LOGIN';
    const steps: Step[] = [
      [0, log(`connect from ${peer}`)],
      [rnd.int(20_000, 200_000), log(`Anonymous TLS connection established from ${peer}: ${TLS13}`)],
    ];
    const end = () => {
      steps.push([rnd.int(1_000, 100_000), log(`disconnect from ${peer} ${commandCounts(counts)}`)]);
      this.w.chain(steps, () => pool.release(pid));
    };
    if (rnd.chance(0.04)) {
      steps.push([rnd.int(100_000, 2 * SECOND), log('warning: SASL authentication failure: Password verification failed')],
        [rnd.int(100, 2_000), log(`warning: ${peer}: SASL ${method} authentication failed: authentication failure, sasl_username=${user}`)]);
      counts.push(['auth', 0, 1], ['quit', 1, 1]);
      return end();
    }
    const n = rnd.chance(0.7) ? 1 : rnd.chance(0.85) ? rnd.int(2, 4) : rnd.int(5, 20);
    const rcpts: Rcpt[] = [];
    for (let i = 0; i < n; i++) {
      const to = rnd.chance(0.75) ? rnd.pick(rnd.pickSkewed(w.pop.remote).users) : rnd.pick(w.pop.localUsers);
      rcpts.push(this.queue.rcpt(to));
    }
    const msg = newMessage(w, user, rcpts, s.name, s.ip, rnd.int(32768, 60999));
    msg.filter = rnd.chance(w.settings.filterShare);
    const cleanup = w.pool.cleanup.take(SECOND);
    steps.push(
      [rnd.int(100_000, SECOND), () => {
        msg.id = w.newQueueId();
        w.log(tag, pid, `${msg.id}: client=${peer}, sasl_method=${method}, sasl_username=${user}`);
      }],
      [rnd.int(100_000, 2 * SECOND) + msg.size * 2, () => w.log('postfix/cleanup', cleanup, `${msg.id}: message-id=<${msg.messageId}>`)],
      [rnd.int(1_000, 30_000), () => w.log('opendkim', w.opendkim, `${msg.id}: DKIM-Signature field added (s=mail, d=${w.pop.localDomain})`)],
      [rnd.int(1_000, 30_000), () => {
        msg.arrival = w.clock.now;
        this.queue.activate(msg);
      }],
    );
    counts.push(['auth', 1, 1], ['mail', 1, 1], ['rcpt', n, n], ['data', 1, 1], ['quit', 1, 1]);
    end();
  }

  /** An outside host guessing passwords on the submission port: a few quick connections, each one failure. */
  passwordGuessing(s: Submitter): void {
    const w = this.w;
    const rnd = w.rnd;
    let at = 0;
    for (let i = rnd.int(3, 15); i > 0; i--) {
      at += rnd.int(2, 40) * SECOND;
      w.clock.after(at, () => {
        const pid = w.pool.submission.take(3 * SECOND);
        const peer = `${s.name}[${s.ip}]`;
        const log = (text: string) => () => w.log('postfix/submission/smtpd', pid, text);
        const user = rnd.pick(['admin', 'test', 'info', 'office', 'postmaster', rnd.pick(w.pop.localUsers)]);
        this.w.chain([
          [0, log(`connect from ${peer}`)],
          [rnd.int(20_000, 200_000), log(`Anonymous TLS connection established from ${peer}: ${TLS12}`)],
          [rnd.int(100_000, 2 * SECOND), log(`warning: ${peer}: SASL LOGIN authentication failed: authentication failure, sasl_username=${user}`)],
          [rnd.int(1_000, 500_000), log(`lost connection after AUTH from ${peer}`)],
          [rnd.int(100, 2_000), log(`disconnect from ${peer} ehlo=2 starttls=1 auth=0/1 commands=3/4`)],
        ]);
      });
    }
  }

  /** Mail from cron and the applications on this host, through sendmail and pickup. */
  pickup(): void {
    const w = this.w;
    const rnd = w.rnd;
    const cron = rnd.chance(0.3);
    const [uid, login, from] = cron ? [0, 'root', `root@${w.pop.localDomain}`]
      : [33, `noreply@${w.pop.localDomain}`, `noreply@${w.pop.localDomain}`];
    const to = cron ? `root@${w.pop.localDomain}` : rnd.pick(rnd.pickSkewed(w.pop.remote).users);
    const r = cron ? this.queue.rcpt(w.pop.localUsers[0]!, to) : this.queue.rcpt(to);
    const msg = newMessage(w, from, [r], 'localhost', '127.0.0.1', 0);
    const cleanup = w.pool.cleanup.take(SECOND);
    this.w.chain([
      [0, () => {
        msg.id = w.newQueueId();
        w.log('postfix/pickup', w.pickup, `${msg.id}: uid=${uid} from=<${login}>`);
      }],
      [rnd.int(1_000, 50_000), () => w.log('postfix/cleanup', cleanup, `${msg.id}: message-id=<${msg.messageId}>`)],
      [rnd.int(1_000, 30_000), () => {
        msg.arrival = w.clock.now;
        this.queue.activate(msg);
      }],
    ]);
  }
}
