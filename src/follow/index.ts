// Live mode: follow growing logs and show the server as it happens. The same parser, correlator and report sections
// as a batch run (the source is the only difference), plus the live outputs: the dashboard, NDJSON, /metrics and
// the live page, alerts. Stopped, it finishes the correlator and hands back the report of everything it read.

import { ReportBuilder } from '../aggregate/index.js';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions } from '../aggregate/section.js';
import { Correlator } from '../correlate/index.js';
import type { Fact } from '../correlate/facts.js';
import { Follower, type FollowOptions } from '../input/follow.js';
import type { LogRecord } from '../parse/events.js';
import { parseHeader } from '../parse/header.js';
import { parseLine, type LineOptions } from '../parse/index.js';
import { Tally } from '../parse/tally.js';
import { StampClock } from '../parse/year.js';
import type { Report } from '../report/model.js';
import { clock as timeOfDay, renderDashboard, type ScreenShape } from './dashboard.js';
import { LiveState, type LiveView } from './live.js';
import { NdjsonWriter } from './ndjson.js';
import { Terminal, type TtyIn, type TtyOut } from './terminal.js';

/** Horizon after which a silent message leaves memory (as the batch report's: Postfix's queue lifetime + a day). */
const HORIZON_MS = 6 * 24 * 3600 * 1000;
/** The dashboard is redrawn, the live page told, and time passed to the correlator at most this often. */
export const TICK_MS = 1000;

/** What live mode shows while it follows. */
export type LiveOutput =
  | { kind: 'dashboard'; out: TtyOut; input: TtyIn | null; color: boolean }
  | { kind: 'ndjson'; write: (line: string) => void }
  | { kind: 'none' };

/** A part of live mode fed like a report section (metrics, alerts): facts, records, and the clock's ticks. */
export interface LiveConsumer {
  fact?(f: Fact): void;
  record?(r: LogRecord): void;
  /** once a tick, with the log's time now: the last line's time plus the wall time since it was read */
  tick?(now: number): void;
}

/** Options of a live run. */
export interface FollowRunOptions {
  files: readonly string[];
  /** where to begin in each file */
  start: 'end' | 'start' | { since: number };
  year?: number;
  syslogName?: string;
  aggregate?: AggregateOptions;
  generator?: string;
  output: LiveOutput;
  /** more consumers (metrics, alerts); each sees every fact and record */
  consumers?: readonly LiveConsumer[];
  /** told once a tick that the report may have changed (the live page) */
  changed?: () => void;
  /** told about rotation, truncation, missing files (one line each, for stderr) */
  note?: (line: string) => void;
}

/** What tests replace: the clock, the timers, the end of the run. */
export interface FollowHooks {
  now: () => number;
  timers: NonNullable<FollowOptions['timers']>;
  /** resolves when the run is to stop (SIGINT, SIGTERM, `q`) */
  stopped: Promise<void>;
  /** watch the directories for changes (default true); tests drive every read by hand with false */
  watch?: boolean;
}

/** A running live mode: its state can be read at any time. */
export interface LiveRun {
  /** the report of everything read so far (a copy: counting goes on) */
  snapshot(): Report;
  /** the dashboard's data now */
  view(): LiveView;
  /** resolves when every follower has started (positioned at its start) */
  started: Promise<void>;
  /** stops following (as `stopped` does) and resolves with the report of everything read */
  done: Promise<Report>;
  /** one round of every follower (read what is new) and a tick; for tests and the bench */
  poll(): Promise<void>;
  /** says something to the user: on the dashboard's Alerts panel, else through `note` */
  notice(line: string): void;
}

/** Notices the dashboard keeps (newest first): more than its panel shows on a tall terminal. */
const NOTICES_KEPT = 10;

/** Starts following; `hooks.stopped` (or `q` on the dashboard) ends it. */
export function follow(options: FollowRunOptions, hooks: FollowHooks): LiveRun {
  const aggregate = options.aggregate ?? DEFAULT_AGGREGATE_OPTIONS;
  const tally = new Tally();
  const builder = new ReportBuilder(options.generator ?? 'postsumm', aggregate);
  const live = new LiveState(hooks.now(), aggregate);
  const output = options.output;
  const ndjson = output.kind === 'ndjson' ? new NdjsonWriter(output.write, aggregate.verboseMsgDetail) : null;
  const consumers = options.consumers ?? [];
  const correlator = new Correlator((f) => {
    builder.fact(f);
    live.fact(f);
    ndjson?.fact(f);
    for (const c of consumers) c.fact?.(f);
  }, { horizonMs: HORIZON_MS });
  const lineOptions: LineOptions = options.syslogName === undefined ? {} : { syslogName: options.syslogName };
  const clock = new StampClock(hooks.now(), options.year ?? 0);
  // log time goes on while no line comes: the last line's time plus the wall time since it was read
  let lastLogTime: number | null = null;
  let lastLogWall = 0;

  const onLine = (text: string): void => {
    live.line();
    const r = parseLine(text, clock, lineOptions);
    tally.add(r, text);
    if (typeof r === 'string') return;
    lastLogTime = r.time;
    lastLogWall = hooks.now();
    correlator.process(r);
    builder.record(r);
    live.record(r);
    ndjson?.record(r);
    for (const c of consumers) c.record?.(r);
  };

  let stopRequested!: () => void;
  const stopping = new Promise<void>((resolve) => (stopRequested = resolve));
  void hooks.stopped.then(() => stopRequested());

  const followers = options.files.map((path) => new Follower(path, {
    start: options.start,
    timeOf: stampOf(options.year ?? 0, hooks.now()),
    line: onLine,
    timers: hooks.timers,
    now: hooks.now,
    ...(hooks.watch === undefined ? {} : { watch: hooks.watch }),
    note: (n) => notice(`${n.path}: ${noteText(n.kind)}${n.message === undefined ? '' : ` (${n.message})`}`),
  }));

  const notices: string[] = [];
  const notice = (line: string): void => {
    if (output.kind !== 'dashboard') {
      options.note?.(line);
      return;
    }
    notices.unshift(`${timeOfDay(hooks.now())}  ${line}`);
    if (notices.length > NOTICES_KEPT) notices.pop();
  };
  const terminal = output.kind === 'dashboard' ? new Terminal(output.out, output.input, () => stopRequested(), () => draw()) : null;
  const state = (): string => 'following';
  const draw = (): void => {
    if (terminal === null || output.kind !== 'dashboard') return;
    const size = terminal.size();
    const shape: ScreenShape = { ...size, color: output.color };
    terminal.draw(renderDashboard(live.view(hooks.now()), { source: options.files.join(', '), state: state(), alerts: notices }, shape));
  };
  const tick = (): void => {
    if (lastLogTime !== null) {
      const logNow = lastLogTime + Math.max(0, hooks.now() - lastLogWall);
      correlator.tick(logNow);
      for (const c of consumers) c.tick?.(logNow);
    }
    draw();
    options.changed?.();
  };

  let ticker: unknown = null;
  const schedule = (): void => {
    ticker = hooks.timers.set(() => {
      tick();
      schedule();
    }, TICK_MS);
  };

  const started = (async () => {
    terminal?.open();
    await Promise.all(followers.map((f) => f.start()));
    draw();
    schedule();
  })();

  const done = (async () => {
    await started;
    await stopping;
    if (ticker !== null) hooks.timers.clear(ticker);
    await Promise.all(followers.map((f) => f.stop()));
    correlator.finish();
    ndjson?.finish();
    terminal?.close();
    const cut = followers.reduce((n, f) => n + f.cutLines, 0);
    return builder.finish(tally.counts(cut));
  })();

  return {
    snapshot: () => builder.snapshot(tally.counts(followers.reduce((n, f) => n + f.cutLines, 0))),
    view: () => live.view(hooks.now()),
    started,
    done,
    poll: async () => {
      await Promise.all(followers.map((f) => f.check()));
      tick();
    },
    notice,
  };
}

/**
 * The time of a line's syslog stamp, for --since (null when it has none). A fresh year clock each time: the seek
 * probes lines in no order, which would confuse the New Year logic of a shared one.
 */
function stampOf(year: number, now: number): (line: string) => number | null {
  return (line) => {
    const h = parseHeader(line);
    return h === null ? null : new StampClock(now, year).epochOf(h.stamp, [0]);
  };
}

function noteText(kind: string): string {
  switch (kind) {
    case 'rotated': return 'rotated: the rest of the old file read, now reading the new one';
    case 'truncated': return 'truncated (copytruncate): reading it again from the start';
    case 'missing': return 'gone: waiting for it to come back';
    case 'appeared': return 'there again: reading it from the start';
    default: return kind;
  }
}
