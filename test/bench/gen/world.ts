// The generator's shared state: clock, output, population, processes, and queue IDs unique while in flight.

import type { Scheduler } from './clock.js';
import type { Step } from './common.js';
import type { Population } from './population.js';
import { Pids, Pool } from './processes.js';
import type { Random } from './random.js';
import type { LogWriter } from './writer.js';

/** Knobs of the simulated server (Postfix parameters where they have a name). */
export interface ServerSettings {
  /** maximal_queue_lifetime (µs): deferred mail is returned after this */
  queueLifetime: number;
  /** delay_warning_time (µs): the sender hears about mail still queued after this; 0 disables */
  delayWarning: number;
  /** minimal_backoff_time and maximal_backoff_time (µs) */
  minBackoff: number;
  maxBackoff: number;
  /** the share of accepted outside mail that passes the content filter (amavis on 127.0.0.1:10024) */
  filterShare: number;
}

/** Everything the life cycles share. */
export class World {
  readonly pids: Pids;
  readonly pool: Record<PoolName, Pool>;
  /** long-lived daemons: one process each (new ones after a reload) */
  qmgr = 0;
  postscreen = 0;
  pickup = 0;
  anvil = 0;
  scache = 0;
  /** started once: the master, and opendkim (not Postfix, but in the same log) */
  readonly master: number;
  readonly opendkim: number;
  private readonly inFlight = new Set<string>();

  constructor(
    readonly rnd: Random,
    readonly clock: Scheduler,
    readonly out: LogWriter,
    readonly pop: Population,
    readonly settings: ServerSettings,
  ) {
    this.pids = new Pids(rnd, 1200 + rnd.int(0, 2000));
    this.master = this.pids.take();
    this.opendkim = this.pids.take();
    this.restartDaemons();
    this.pool = Object.fromEntries(POOLS.map((p) => [p, new Pool(this.pids, clock)])) as Record<PoolName, Pool>;
  }

  /** `postfix reload`: the master restarts its long-lived children. */
  restartDaemons(): void {
    this.qmgr = this.pids.take();
    this.pickup = this.pids.take();
    this.postscreen = this.pids.take();
    this.anvil = this.pids.take();
    this.scache = this.pids.take();
  }

  /** Runs steps one after another (each waits its delay after the previous), then `then`. */
  chain(steps: readonly Step[], then?: () => void): void {
    const clock = this.clock;
    let i = 0;
    const next = () => {
      if (i === steps.length) return then?.();
      const [delay, run] = steps[i++]!;
      clock.after(delay, () => {
        run();
        next();
      });
    };
    next();
  }

  /** Writes one line now. */
  log(tag: string, pid: number | null, message: string): void {
    this.out.line(tag, pid, message);
  }

  /**
   * A new short queue ID as Postfix makes it: five hex digits of the current microsecond, then the queue file's
   * inode number in hex; redrawn until no message in flight has it.
   */
  newQueueId(): string {
    const usec = (this.clock.now % 1_000_000).toString(16).toUpperCase().padStart(5, '0');
    for (;;) {
      const id = usec + this.rnd.int(0x40000, 0x1fffff).toString(16).toUpperCase();
      if (!this.inFlight.has(id)) {
        this.inFlight.add(id);
        return id;
      }
    }
  }

  /** The queue file is gone: its ID may be used again. */
  freeQueueId(id: string): void {
    this.inFlight.delete(id);
  }

  get messagesInFlight(): number {
    return this.inFlight.size;
  }
}

/** Worker services of master.cf that the log shows. */
export type PoolName = (typeof POOLS)[number];
const POOLS = ['smtpd', 'reinject', 'submission', 'smtps', 'cleanup', 'smtp', 'relay', 'local', 'virtual', 'lmtp',
  'error', 'bounce', 'dnsblog', 'amavis'] as const;
