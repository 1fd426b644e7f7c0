// Process ids as Postfix's master hands them out: one growing pid counter, long-lived daemons (qmgr,
// postscreen, pickup, anvil) with one pid, and pools of short-lived workers (smtpd, cleanup, smtp, local…)
// that each serve up to max_use clients and exit after max_idle seconds without work.

import type { Scheduler } from './clock.js';
import { SECOND } from './clock.js';
import type { Random } from './random.js';

// Postfix defaults: a worker exits after 100 uses or 100 s idle
const MAX_USE = 100;
const MAX_IDLE = 100 * SECOND;
// Linux pid_max on a 64-bit system; pids wrap to low numbers after it
const PID_MAX = 4_194_304;

/** The system's pid counter; other programs take pids too, so it jumps now and then. */
export class Pids {
  private last: number;

  constructor(private readonly rnd: Random, first: number) {
    this.last = first;
  }

  take(): number {
    this.last += this.rnd.chance(0.3) ? this.rnd.int(2, 30) : 1;
    if (this.last >= PID_MAX) this.last = 300 + this.rnd.int(0, 500);
    return this.last;
  }
}

interface Worker {
  pid: number;
  uses: number;
  /** busy until this time; idle after it (µs) */
  freeAt: number;
}

/** Workers of one master.cf service. */
export class Pool {
  private workers: Worker[] = [];

  constructor(private readonly pids: Pids, private readonly clock: Scheduler) {}

  /** A worker for a job from now until now + `busy` µs: an idle one if any is still alive, else a new process. */
  take(busy: number): number {
    const now = this.clock.now;
    const ws = this.workers;
    let found: Worker | undefined;
    // the most recently freed idle worker gets the job (the master's listen socket favours the warm one)
    for (let i = ws.length - 1; i >= 0; i--) {
      const w = ws[i]!;
      if (now - w.freeAt > MAX_IDLE) {
        ws.splice(i, 1); // it exited while idle
        continue;
      }
      if (w.freeAt <= now && (found === undefined || w.freeAt > found.freeAt)) found = w;
    }
    if (found === undefined) {
      found = { pid: this.pids.take(), uses: 0, freeAt: now };
      ws.push(found);
    }
    found.uses++;
    found.freeAt = now + Math.max(1, Math.round(busy));
    if (found.uses >= MAX_USE) ws.splice(ws.indexOf(found), 1); // exits after this job
    return found.pid;
  }

  /**
   * A worker for a job whose end is not known yet (an SMTP session: its length is the sum of its steps): busy until
   * release(). Guessing the length instead let a second client reach the same smtpd pid mid-session.
   */
  hold(): number {
    return this.take(Infinity);
  }

  /** The job of `pid` is over: the worker is idle from now on. */
  release(pid: number): void {
    const w = this.workers.find((x) => x.pid === pid);
    if (w !== undefined) w.freeAt = this.clock.now;
  }
}
