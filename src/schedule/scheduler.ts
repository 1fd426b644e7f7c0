// The scheduled run: which day to report, one run at a time, a failed run logged and retried once. It takes the
// work as a callback and its clock and its waiting as functions, so tests drive it by hand and never sleep.

/** What a tick came to. */
export type RunOutcome = 'done' | 'failed' | 'skipped';

/** What the scheduler needs from the world. */
export interface SchedulerOptions {
  /** the work: report and mail the day `day` (YYYY-MM-DD); rejects when it failed */
  job: (day: string) => Promise<string>;
  /** the current time, ms */
  now: () => number;
  /** IANA time zone the day is reckoned in; the machine's when absent */
  timeZone?: string;
  /** one line per event (started, mailed, failed, retried, skipped) */
  log: (line: string) => void;
  /** waits `ms` before the retry (a timer in production, at once in tests) */
  wait: (ms: number) => Promise<void>;
  /** pause before the one retry */
  retryDelayMs?: number;
  /** false: one attempt only (--run-now, where a person is waiting for the answer) */
  retry?: boolean;
}

/** Before the retry: long enough for a restarting relay or a rotating log to settle, short enough to be the same morning. */
export const RETRY_DELAY_MS = 5 * 60 * 1000;

/** The local date (YYYY-MM-DD) of `time` in `timeZone` (the machine's when absent). */
export function localDate(time: number, timeZone?: string): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time));
}

/** The day before `date` (YYYY-MM-DD), by the calendar. */
export function dayBefore(date: string): string {
  const t = Date.parse(date + 'T00:00:00Z') - 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Runs the job for the previous day at each tick; never two at once. */
export class Scheduler {
  private running = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** One scheduled run: the previous day (of now, in the time zone). Never rejects. */
  async tick(): Promise<RunOutcome> {
    const o = this.options;
    const day = dayBefore(localDate(o.now(), o.timeZone));
    if (this.running) {
      o.log(`run for ${day} skipped: the previous run is still going`);
      return 'skipped';
    }
    this.running = true;
    try {
      o.log(`run for ${day} started`);
      const first = await attempt(o, day);
      if (first === null) return 'done';
      if (o.retry === false) {
        o.log(`run for ${day} failed: ${first}`);
        return 'failed';
      }
      const delay = o.retryDelayMs ?? RETRY_DELAY_MS;
      o.log(`run for ${day} failed: ${first}; retrying in ${Math.round(delay / 1000)} s`);
      await o.wait(delay);
      const second = await attempt(o, day);
      if (second === null) return 'done';
      o.log(`run for ${day} failed again: ${second}; giving up until the next scheduled run`);
      return 'failed';
    } finally {
      this.running = false;
    }
  }
}

/** One attempt: null when it worked (its line logged), else why not. */
async function attempt(o: SchedulerOptions, day: string): Promise<string | null> {
  try {
    o.log(await o.job(day));
    return null;
  } catch (err) {
    return ((err as Error).message ?? String(err)).split('\n')[0]!.replace(/^postsumm: /, '');
  }
}
