// Simulated time for the log generator: a time-ordered task queue (so lines come out with monotone stamps
// however the life cycles interleave), and Postfix's way of printing delays.

/** A task runs at its time and may schedule more. */
export type Task = () => void;

/**
 * A binary min-heap of tasks by time, ties in scheduling order (so a run is deterministic). Times are
 * integer microseconds since the epoch: exact, and well inside 2^53.
 */
export class Scheduler {
  /** the time of the task being run */
  now: number;
  private times: number[] = [];
  private seqs: number[] = [];
  private tasks: Task[] = [];
  private seq = 0;

  constructor(start: number) {
    this.now = start;
  }

  get size(): number {
    return this.tasks.length;
  }

  /** Runs `task` `delay` microseconds from now (never in the past). */
  after(delay: number, task: Task): void {
    this.at(this.now + Math.max(0, Math.round(delay)), task);
  }

  at(time: number, task: Task): void {
    const { times, seqs, tasks } = this;
    let i = tasks.length;
    const s = this.seq++;
    times.push(time);
    seqs.push(s);
    tasks.push(task);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p]! < time || (times[p] === time && seqs[p]! < s)) break;
      times[i] = times[p]!;
      seqs[i] = seqs[p]!;
      tasks[i] = tasks[p]!;
      i = p;
    }
    times[i] = time;
    seqs[i] = s;
    tasks[i] = task;
  }

  /** Runs the earliest task; false when there is none. */
  step(): boolean {
    const { times, seqs, tasks } = this;
    const n = tasks.length;
    if (n === 0) return false;
    const task = tasks[0]!;
    this.now = times[0]!;
    const lastT = times.pop()!;
    const lastS = seqs.pop()!;
    const lastTask = tasks.pop()!;
    if (n > 1) {
      let i = 0;
      const m = n - 1;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= m) break;
        if (c + 1 < m && (times[c + 1]! < times[c]! || (times[c + 1] === times[c] && seqs[c + 1]! < seqs[c]!))) c++;
        if (lastT < times[c]! || (lastT === times[c] && lastS < seqs[c]!)) break;
        times[i] = times[c]!;
        seqs[i] = seqs[c]!;
        tasks[i] = tasks[c]!;
        i = c;
      }
      times[i] = lastT;
      seqs[i] = lastS;
      tasks[i] = lastTask;
    }
    task();
    return true;
  }
}

export const SECOND = 1_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/**
 * A delay in seconds as Postfix prints it in `delay=` and `delays=`: whole seconds from 10 up, two significant
 * digits below, at most two decimals, trailing zeros dropped ("0", "0.04", "1.2", "19").
 */
export function postfixDelay(seconds: number): string {
  if (seconds >= 10) return String(Math.round(seconds));
  if (seconds < 0.005) return '0';
  const s = seconds >= 0.1 ? seconds.toPrecision(2) : seconds.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
