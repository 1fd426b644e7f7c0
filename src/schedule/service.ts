// The long-lived service: node-cron calls the scheduler at the configured time until SIGTERM or SIGINT. The cron
// starter and the stop signal are injected, so tests tick by hand; node-cron is used only in production.

import type { Scheduler } from './scheduler.js';

/** A started cron job. */
export interface CronHandle {
  stop(): void;
  /** the next run, for the log; null when unknown */
  next(): Date | null;
}

/** Starts calling `tick` at `expression` in `timeZone`; a tick's promise settles when its run is over. */
export type CronStarter = (expression: string, timeZone: string | undefined, tick: () => Promise<void>) => Promise<CronHandle>;

/** What tests replace: the cron, the end of the service, the wait before a retry. */
export interface ServiceHooks {
  cron?: CronStarter;
  /** resolves when the service is to stop (SIGTERM or SIGINT when absent) */
  stopped?: Promise<void>;
  wait?: (ms: number) => Promise<void>;
}

/** node-cron, loaded when the service starts. */
export const nodeCron: CronStarter = async (expression, timeZone, tick) => {
  const cron = (await import('node-cron')).default;
  const task = cron.schedule(expression, () => tick(), { name: 'postsumm', ...(timeZone === undefined ? {} : { timezone: timeZone }) });
  return { stop: () => void task.stop(), next: () => task.getNextRun() };
};

/** A real timer, for the retry in production. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Until SIGTERM or SIGINT (systemd's stop, Ctrl-C). */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGTERM', done);
      process.off('SIGINT', done);
      resolve();
    };
    process.on('SIGTERM', done);
    process.on('SIGINT', done);
  });
}

/** Runs the scheduler at `expression` until stopped; waits for a run in progress before it resolves. */
export async function runService(scheduler: Scheduler, expression: string, timeZone: string | undefined, hooks: ServiceHooks, log: (line: string) => void): Promise<void> {
  let current: Promise<unknown> = Promise.resolve();
  const handle = await (hooks.cron ?? nodeCron)(expression, timeZone, () => {
    const run = scheduler.tick().then(() => {
      const next = handle.next();
      if (next !== null) log(`next run at ${next.toISOString()}`);
    });
    current = Promise.all([current, run]);
    return run;
  });
  const next = handle.next();
  log(`started: runs at '${expression}'${timeZone === undefined ? '' : ` (${timeZone})`}${next === null ? '' : `, next at ${next.toISOString()}`}`);
  await (hooks.stopped ?? untilSignal());
  handle.stop();
  await current;
  log('stopped');
}
