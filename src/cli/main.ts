// The one place that wires everything: arguments → pipeline → output, and every error → one line and an exit code.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { AggregateOptions } from '../aggregate/section.js';
import { recordToJson } from '../parse/serialize.js';
import { readTable } from '../access/table.js';
import { DEFAULT_LOOKUP_OPTIONS } from '../access/lookup.js';
import { WhatIf } from '../aggregate/whatif.js';
import { Correlator } from '../correlate/index.js';
import { renderWhatIfJson, renderWhatIfText, type WhatIfRenderer } from '../render/whatif.js';
import { renderWhatIfHtml } from '../render/whatif-html.js';
import { DEFAULT_HORIZON_MS } from './pipeline.js';
import { Tally } from '../parse/tally.js';
import { renderJson } from '../render/json.js';
import type { Renderer, RenderOptions } from '../render/options.js';
import { renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { MergeError, mergeAll } from '../report/merge.js';
import { SCHEMA_VERSION, type Report } from '../report/model.js';
import { parseCommand, type Command, type Format } from './args.js';
import { dayString } from './dates.js';
import { EXIT, UserError } from '../errors.js';
import { runPipeline, runReport, type ReportResult } from './pipeline.js';
import { decodedSize, Progress } from './progress.js';
import { EXIT_MAIL, mailReport, renderMail, type MailOutcome, type MailSettings } from '../mail/index.js';
import { loadConfig, reportArgv } from '../schedule/config.js';
import { writeExample } from '../schedule/init.js';
import { withRotated } from '../schedule/logs.js';
import { Scheduler } from '../schedule/scheduler.js';
import { runService, sleep, untilSignal, type ServiceHooks } from '../schedule/service.js';
import { follow, type FollowHooks, type LiveConsumer, type LiveOutput, type LiveRun } from '../follow/index.js';
import { alertMessage } from '../follow/alert-mail.js';
import { Alerts, DEFAULT_BOUNCE_WINDOW_MS, DEFAULT_MIN_MESSAGES, type Alert } from '../follow/alerts.js';
import { LiveMetrics } from '../follow/metrics.js';
import { startLiveServer, type LiveServer } from '../follow/server.js';
import { sendMessage } from '../mail/send.js';
import { hostname } from 'node:os';
import type { TtyIn, TtyOut } from '../follow/terminal.js';

/** Where a run writes, and its clock; injected by tests. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
  /** the current time (for `-d today` and the progress line); Date.now when absent */
  now?: () => number;
  /** the environment the SMTP password variable is read from; process.env when absent */
  env?: Record<string, string | undefined>;
  /** postsumm schedule: the cron, the stop and the retry wait (tests tick by hand); production ones when absent */
  service?: ServiceHooks;
  /** live mode: the timers and the stop (tests tick by hand; SIGINT/SIGTERM when absent); told the run once started */
  follow?: Partial<Omit<FollowHooks, 'now'>> & { run?: (run: LiveRun) => void };
  /** the keyboard of the dashboard (`q`); process.stdin when absent */
  stdin?: TtyIn;
}

/** Renderers by --format. */
const RENDERERS: Record<Format, Renderer> = { text: renderText, json: renderJson, html: renderHtml };

/** Runs postsumm with `argv` and resolves with the exit code. Never throws for user mistakes or bad input. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    const cmd = parseCommand(argv, new Date((io.now ?? Date.now)()));
    switch (cmd.name) {
      case 'help':
        io.stdout.write(cmd.text);
        return EXIT.ok;
      case 'version':
        io.stdout.write(version() + '\n');
        return EXIT.ok;
      case 'events':
        return await runEvents(cmd, io);
      case 'what-if':
        return await runWhatIf(cmd, io);
      case 'report':
        return await runReportCommand(cmd, io);
      case 'merge':
        return await runMerge(cmd, io);
      case 'follow':
        return await runFollowCommand(cmd, io);
      case 'schedule':
        return await runSchedule(cmd, io);
      case 'init':
        io.stdout.write(await writeExample(cmd.file) + '\n');
        return EXIT.ok;
    }
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr.write(err.message + '\n');
      return err.exitCode;
    }
    throw err;
  }
}

async function runEvents(cmd: Extract<Command, { name: 'events' }>, io: Io): Promise<number> {
  const options = { ...(cmd.year === undefined ? {} : { year: cmd.year }), ...(cmd.syslogName === undefined ? {} : { syslogName: cmd.syslogName }) };
  let result;
  if (cmd.count) {
    const tally = new Tally();
    result = await runPipeline(cmd.files, options, (r, line) => tally.add(r, line));
    io.stdout.write(JSON.stringify(tally.counts(result.cutLines)) + '\n');
  } else {
    // batch output lines into large writes; hold the input while the output is full
    let buf = '';
    result = await runPipeline(cmd.files, options, (r, _line, flow) => {
      if (typeof r === 'string') return;
      buf += recordToJson(r) + '\n';
      if (buf.length >= 65536) {
        if (!io.stdout.write(buf)) {
          flow.pause();
          io.stdout.once('drain', () => flow.resume());
        }
        buf = '';
      }
    });
    if (buf.length > 0) io.stdout.write(buf);
  }
  for (const e of result.errors) io.stderr.write(`postsumm: cannot read ${e.file}: ${e.message}\n`);
  return result.errors.length > 0 ? EXIT.input : EXIT.ok;
}

/** What-if renderers by --format. */
const WHATIF_RENDERERS: Record<Format, WhatIfRenderer> = { text: renderWhatIfText, json: renderWhatIfJson, html: renderWhatIfHtml };

/**
 * postsumm what-if: the tables are read first (a table that cannot be used is exit 2 before any log is read), then
 * the logs go through the pipeline and the correlator into the evaluator, as a report's do.
 */
async function runWhatIf(cmd: Extract<Command, { name: 'what-if' }>, io: Io): Promise<number> {
  const specs = [];
  for (const t of cmd.tables) {
    const table = await readTable(t.spec);
    for (const w of table.warnings) io.stderr.write(`postsumm: warning: ${t.spec}: ${w}\n`);
    specs.push({ option: t.option, table });
  }
  const whatIf = new WhatIf(specs, { examples: cmd.examples, lookup: { ...DEFAULT_LOOKUP_OPTIONS, recipientDelimiter: cmd.recipientDelimiter } });
  const correlator = new Correlator((f) => whatIf.fact(f), { horizonMs: DEFAULT_HORIZON_MS });
  const options = { ...(cmd.year === undefined ? {} : { year: cmd.year }), ...(cmd.syslogName === undefined ? {} : { syslogName: cmd.syslogName }) };
  const input = await runPipeline(cmd.files, options, (r) => {
    if (typeof r === 'string') return;
    correlator.process(r);
    whatIf.record(r);
  });
  correlator.finish();
  for (const e of input.errors) io.stderr.write(`postsumm: cannot read ${e.file}: ${e.message}\n`);
  if (input.files === 0 && input.errors.length > 0) return EXIT.input;
  io.stdout.write(WHATIF_RENDERERS[cmd.format](whatIf.finish(version())));
  return input.errors.length > 0 ? EXIT.input : EXIT.ok;
}

async function runReportCommand(cmd: Extract<Command, { name: 'report' }>, io: Io): Promise<number> {
  if (cmd.compareWith !== undefined) cmd.render = { ...cmd.render, previous: await previousOf(cmd.compareWith) };
  if (cmd.extendedDetail) io.stderr.write('postsumm: note: -e (per-message detail) is not printed by postsumm; the rest of the report is\n');
  // the progress line is for a person at a terminal: never in a pipe, a cron mail, or with -q
  let progress: Progress | null = null;
  if ((io.stderr as { isTTY?: boolean }).isTTY === true && !cmd.render.quiet) {
    progress = new Progress(await decodedSize(cmd.files), (s) => io.stderr.write(s), io.now ?? Date.now);
  }
  const result = await runReport(cmd.files, {
    ...(cmd.year === undefined ? {} : { year: cmd.year }),
    ...(cmd.syslogName === undefined ? {} : { syslogName: cmd.syslogName }),
    ...(cmd.date === undefined ? {} : { days: cmd.date.days }),
    ...(progress === null ? {} : { progress: (chars: number) => progress.update(chars) }),
    aggregate: cmd.aggregate,
    generator: version(),
  });
  progress?.done();
  for (const e of result.input.errors) io.stderr.write(`postsumm: cannot read ${e.file}: ${e.message}\n`);
  // nothing could be read at all: an all-zero report would only hide the error line
  if (result.input.files === 0 && result.input.errors.length > 0) return EXIT.input;
  const warning = emptyWarning(cmd, result);
  if (warning !== null) io.stderr.write(`postsumm: warning: ${warning}\n`);
  if (cmd.mail !== undefined) {
    const day = cmd.date === undefined ? undefined : cmd.date.days.from === cmd.date.days.to ? dayString(cmd.date.days.from) : `${dayString(cmd.date.days.from)} to ${dayString(cmd.date.days.to)}`;
    const outcome = await mailRendered(result.report, cmd.render, cmd.mail, io, day);
    if (!outcome.sent) {
      io.stderr.write(outcome.line + '\n');
      return EXIT_MAIL;
    }
    return result.input.errors.length > 0 ? EXIT.input : EXIT.ok;
  }
  io.stdout.write(RENDERERS[cmd.format](result.report, cmd.render));
  return result.input.errors.length > 0 ? EXIT.input : EXIT.ok;
}

/**
 * Why the report is empty though the input was not, or null: nothing read looked like Postfix (a wrong file, or
 * a syslog_name the default does not know), --syslog-name matched nothing, -d matched nothing, or every Postfix
 * line was one no parser knows. pflogsumm prints an all-zero report and says nothing; we say it loudly.
 */
function emptyWarning(cmd: Extract<Command, { name: 'report' }>, { report, outsideDays }: ReportResult): string | null {
  const i = report.input;
  if (i.lines + outsideDays === 0) return null;
  if (i.postfixLines === 0 && outsideDays > 0 && cmd.date !== undefined) {
    const { from, to } = cmd.date.days;
    const range = from === to ? dayString(from) : `${dayString(from)} to ${dayString(to)}`;
    return `no Postfix line falls within -d '${cmd.date.text}' (${range}); ${outsideDays} are outside it: the report is empty`;
  }
  if (i.postfixLines === 0) {
    return cmd.syslogName !== undefined
      ? `--syslog-name ${cmd.syslogName} matched none of the ${i.lines} lines read: the report is empty`
      : `none of the ${i.lines} lines read is a Postfix log line (no postfix/… syslog tag): the report is empty`;
  }
  let unrecognized = 0;
  for (const d in i.unrecognized) unrecognized += i.unrecognized[d]!;
  if (unrecognized === i.postfixLines) return `none of the ${i.postfixLines} Postfix lines read was recognised: the report is empty (samples under "Input lines")`;
  return null;
}

/** Renders the report as the mail carries it (text, HTML cut to its top rows, attachments: src/mail/render.ts), and mails it. */
async function mailRendered(report: Report, render: RenderOptions, mail: MailSettings, io: Io, day?: string): Promise<MailOutcome> {
  return mailReport(renderMail(report, render, mail.attachJson, day), mail, io.env ?? process.env, day);
}

/**
 * Live mode: follows the files with the outputs asked for (dashboard on a terminal, NDJSON otherwise) until SIGINT,
 * SIGTERM or `q`; then prints the report of everything read when --format asked for one.
 */
async function runFollowCommand(cmd: Extract<Command, { name: 'follow' }>, io: Io): Promise<number> {
  const now = io.now ?? Date.now;
  const env = io.env ?? process.env;
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  const ndjson = cmd.format === 'ndjson' || (cmd.format === null && !tty);
  const output: LiveOutput = ndjson
    ? { kind: 'ndjson', write: (line) => void io.stdout.write(line) }
    : tty
      ? { kind: 'dashboard', out: io.stdout as TtyOut, input: io.stdin ?? (process.stdin as TtyIn), color: env.NO_COLOR === undefined || env.NO_COLOR === '' }
      : { kind: 'none' };
  const consumers: LiveConsumer[] = [];
  const metrics = cmd.listen === undefined ? null : new LiveMetrics({ aggregate: cmd.aggregate });
  if (metrics !== null) consumers.push(metrics);
  let run: LiveRun | null = null;
  const { alerts: a } = cmd;
  if (a.bounceRate !== undefined || a.deferred !== undefined || a.blocklisted) {
    consumers.push(new Alerts({
      ...(a.bounceRate === undefined ? {} : { bounceRate: { ratio: a.bounceRate, windowMs: DEFAULT_BOUNCE_WINDOW_MS, minMessages: DEFAULT_MIN_MESSAGES } }),
      ...(a.deferred === undefined ? {} : { deferred: a.deferred }),
      blocklisted: a.blocklisted,
    }, (alert) => void mailing.push(raise(alert))));
  }
  // alert mails under way: waited for before exiting, so the last alert is not lost to the shutdown
  const mailing: Promise<void>[] = [];
  /** An alert: on the dashboard (or stderr), and mailed when --mail-to is given; a failed mail is said, not fatal. */
  const raise = async (alert: Alert): Promise<void> => {
    run?.notice(`ALERT ${alert.message}`);
    if (cmd.mail === undefined) return;
    try {
      await sendMessage(alertMessage(alert, hostname(), cmd.mail.from, cmd.mail.to), cmd.mail.transport, env);
    } catch (err) {
      run?.notice(`the alert could not be mailed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // listening first: a port in use is a one-line error before anything has started
  let server: LiveServer | null = null;
  if (cmd.listen !== undefined && metrics !== null) {
    server = await startLiveServer({ ...cmd.listen, metrics: () => metrics.exposition(), page: () => renderHtml(run!.snapshot(), cmd.render) });
  }
  run = follow({
    files: cmd.files,
    start: cmd.start,
    ...(cmd.year === undefined ? {} : { year: cmd.year }),
    ...(cmd.syslogName === undefined ? {} : { syslogName: cmd.syslogName }),
    aggregate: cmd.aggregate,
    generator: version(),
    output,
    consumers,
    changed: () => server?.notify(),
    note: (line) => io.stderr.write(`postsumm: ${line}\n`),
  }, {
    now,
    timers: io.follow?.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
    stopped: io.follow?.stopped ?? untilSignal(),
    ...(io.follow?.watch === undefined ? {} : { watch: io.follow.watch }),
  });
  if (server !== null) run.notice(`serving /metrics and the live page at ${server.url}`);
  io.follow?.run?.(run);
  const report = await run.done;
  await server?.close();
  await Promise.all(mailing);
  if (cmd.format !== null && cmd.format !== 'ndjson') io.stdout.write(RENDERERS[cmd.format](report, cmd.render));
  return EXIT.ok;
}

/**
 * postsumm schedule: the configuration read and checked, then each run reads the configured logs (with their
 * rotated file), reports the previous day and mails it. --run-now does one run and exits (3 when it failed).
 */
async function runSchedule(cmd: Extract<Command, { name: 'schedule' }>, io: Io): Promise<number> {
  const log = (line: string) => io.stderr.write(`postsumm schedule: ${line}\n`);
  const { config, warnings } = await loadConfig(cmd.config);
  for (const w of warnings) io.stderr.write(`postsumm: warning: ${w}\n`);
  // the report options mean what they mean on the command line: the same parser reads them
  let options: Command;
  try {
    options = parseCommand(reportArgv(config.report));
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`postsumm: ${cmd.config}: "report": ${err.message.replace(/^postsumm: /, '').replace(/ \(see postsumm --help\)$/, '')}`, EXIT.input);
    throw err;
  }
  if (options.name !== 'report' || options.date !== undefined || options.mail !== undefined || options.format !== 'text') {
    throw new UserError(`postsumm: ${cmd.config}: "report" takes display and counting options only (the schedule sets the day, the mail and the format)`, EXIT.input);
  }
  const { aggregate, render } = options;
  const job = async (day: string): Promise<string> => {
    const n = Date.parse(day + 'T00:00:00Z') / 86400000;
    const result = await runReport(withRotated(config.logs), { days: { from: n, to: n }, aggregate, generator: version() });
    for (const e of result.input.errors) log(`cannot read ${e.file}: ${e.message}`);
    if (result.input.files === 0) throw new Error(`none of the logs could be read (${config.logs.join(', ')})`);
    const previous = await previousDay(withRotated(config.logs), n, aggregate);
    const outcome = await mailRendered(result.report, { ...render, previous }, config.mail, io, day);
    if (!outcome.sent) throw new Error(outcome.line);
    return `mailed the report of ${day} to ${config.mail.to.join(', ')}: ${outcome.subject}`;
  };
  const hooks = io.service ?? {};
  const scheduler = new Scheduler({
    job,
    now: io.now ?? Date.now,
    ...(config.timeZone === undefined ? {} : { timeZone: config.timeZone }),
    log,
    wait: hooks.wait ?? sleep,
    // a person waits for --run-now's answer: one attempt, and its failure said at once
    retry: !cmd.runNow,
  });
  if (cmd.runNow) return (await scheduler.tick()) === 'done' ? EXIT.ok : EXIT_MAIL;
  await runService(scheduler, config.schedule, config.timeZone, hooks, log);
  return EXIT.ok;
}

async function runMerge(cmd: Extract<Command, { name: 'merge' }>, io: Io): Promise<number> {
  if (cmd.compareWith !== undefined) cmd.render = { ...cmd.render, previous: await previousOf(cmd.compareWith) };
  const reports: Report[] = [];
  for (const file of cmd.files) reports.push(await readReport(file, 'merge'));
  let merged: Report;
  try {
    merged = mergeAll(reports);
  } catch (err) {
    if (err instanceof MergeError) throw new UserError(`postsumm: cannot merge ${cmd.files.join(', ')}: ${err.message}`, EXIT.input);
    throw err;
  }
  io.stdout.write(RENDERERS[cmd.format](merged, cmd.render));
  return EXIT.ok;
}

/**
 * The day before day `n` (a day number), for the HTML header's changes, when the logs hold all of it: only when they
 * reach back into the day before that (lines are in time order) is its first hour not missing. Null otherwise: a
 * change against a partial day would be a wrong number.
 */
async function previousDay(files: string[], n: number, aggregate: AggregateOptions): Promise<RenderOptions['previous']> {
  const earlier = await runReport(files, { days: { from: n - 2, to: n - 2 }, aggregate });
  if (earlier.report.period.from === null) return null;
  const before = await runReport(files, { days: { from: n - 1, to: n - 1 }, aggregate });
  return { period: before.report.period, totals: before.report.totals };
}

/** The period and Grand Totals of the report in `file` (--compare-with). */
async function previousOf(file: string): Promise<{ period: Report['period']; totals: Report['totals'] }> {
  const r = await readReport(file, 'compare with');
  return { period: r.period, totals: r.totals };
}

/** One JSON report (for merge or --compare-with); a file that is not one is a UserError (exit 1) naming it. */
async function readReport(file: string, verb: 'merge' | 'compare with'): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UserError(`postsumm: cannot read ${file}: ${why}`, EXIT.input);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`postsumm: cannot ${verb} ${file}: not JSON (${(err as Error).message.split('\n')[0]})`, EXIT.input);
  }
  const v = typeof data === 'object' && data !== null ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (v === undefined) throw new UserError(`postsumm: cannot ${verb} ${file}: not a postsumm JSON report (no schemaVersion)`, EXIT.input);
  if (v !== SCHEMA_VERSION) throw new UserError(`postsumm: cannot ${verb} ${file}: schemaVersion ${JSON.stringify(v)}, this postsumm reads ${SCHEMA_VERSION}`, EXIT.input);
  return data as Report;
}

/** The version in package.json, found above this module (src/cli from source, dist/src/cli built, dist/ bundled). */
function version(): string {
  for (const up of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'postsumm') return `postsumm ${pkg.version}`;
    } catch {
      // not at this level
    }
  }
  return 'postsumm (version unknown)';
}
