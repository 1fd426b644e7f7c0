// Command-line arguments → a typed command, parsed with commander. The default command is the report, with
// pflogsumm's options in pflogsumm's spelling (underscores too), so a cron line keeps working when `pflogsumm`
// becomes `postsumm`. Mistakes are UserErrors (exit 2) that quote the bad value.

import { Command as Commander, CommanderError } from 'commander';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions } from '../aggregate/section.js';
import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from '../render/options.js';
import { defaultFrom } from '../mail/index.js';
import { defaultPort, type MailSettings, type SmtpSecurity } from '../mail/send.js';
import { parseDateRange, type DayRange } from './dates.js';
import { UserError } from '../errors.js';
import { HELP_AFTER, OPTION_HELP } from './help.js';

/** Output formats of the report and merge commands. */
export type Format = 'text' | 'json' | 'html';

/** Options shared by every command that reads logs. */
export interface ReadArgs {
  files: string[];
  year?: number;
  syslogName?: string;
}

/** What the user asked for. */
export type Command =
  | { name: 'help'; text: string }
  | { name: 'version' }
  | ({ name: 'events'; count: boolean } & ReadArgs)
  | ({
    name: 'what-if';
    format: Format;
    /** the access tables to try, as which check, in smtpd's order: client, helo, sender, recipient */
    tables: { option: 'client' | 'helo' | 'sender' | 'recipient'; spec: string }[];
    /** --examples: examples per entry, of delivered messages and of the others each */
    examples: number;
    /** --recipient-delimiter: main.cf's recipient_delimiter, for the user+ext@ lookups */
    recipientDelimiter: string;
  } & ReadArgs)
  | ({
    name: 'report';
    format: Format;
    /** -d as given, and as a range of days */
    date?: { text: string; days: DayRange };
    /** -e: per-message detail, which postsumm does not keep (a note says so) */
    extendedDetail: boolean;
    aggregate: AggregateOptions;
    render: RenderOptions;
    /** --mail-to: mail the report (text, HTML, JSON attached with --attach-json) instead of printing it */
    mail?: MailSettings;
    /** --compare-with: a JSON report of an earlier period */
    compareWith?: string;
  } & ReadArgs)
  | ({
    name: 'follow';
    /** text, json or html: the report printed when stopped; ndjson: one line per message and reject while following */
    format: Format | 'ndjson' | null;
    start: 'end' | 'start' | { since: number };
    /** --listen: where /metrics and the live page are served */
    listen?: { host: string; port: number };
    alerts: AlertArgs;
    aggregate: AggregateOptions;
    render: RenderOptions;
    /** alerts are mailed as well when --mail-to is given */
    mail?: MailSettings;
  } & ReadArgs)
  | { name: 'schedule'; config: string; runNow: boolean }
  | { name: 'init'; file: string }
  | { name: 'merge'; files: string[]; format: Format; render: RenderOptions; compareWith?: string };

/** Live mode's alert thresholds (each absent when not asked for). */
export interface AlertArgs {
  /** --alert-bounce-rate: bounced / (delivered + bounced) over the last hour, as a ratio (0.05 for 5%) */
  bounceRate?: number;
  /** --alert-deferred: messages waiting after a deferral */
  deferred?: number;
  /** --alert-blocklisted: remote replies saying our server is on a blocklist */
  blocklisted: boolean;
}

/** Options whose value is a count of rows (pflogsumm's `<n>`), by their attribute name in commander. */
const DETAIL_OPTIONS = ['hostCnt', 'userCnt', 'bounceDetail', 'deferralDetail', 'rejectDetail', 'smtpDetail', 'smtpdWarningDetail', 'warningDetail'] as const;

/**
 * Parses argv (without node and the script). `now` is the current time, for `-d today` and the like.
 */
export function parseCommand(argv: readonly string[], now: Date = new Date()): Command {
  let result: Command | null = null;
  const program = base(new Commander('postsumm'))
    .usage('[options] [FILE…]   (or: events …, merge …)')
    .description('Summarises Postfix logs (plain or .gz, rotated sets oldest first; no FILE or - reads standard input).')
    .enablePositionalOptions()
    .argument('[FILE...]', 'logs to read')
    .option('--version', 'print the version');
  addReportOptions(program);
  addFollowOptions(program);
  addMailOptions(program);
  // the commands are listed in full after the options, with what they print
  program.addHelpText('after', HELP_AFTER).configureHelp({ helpWidth: 80, visibleCommands: () => [] });
  program.action((files: string[], o: Record<string, unknown>, c: Commander) => {
    // --format's default is text for the report; live mode prints a report when stopped only if asked for one
    const formatGiven = c.getOptionValueSource('format') !== 'default';
    result = o.version === true ? { name: 'version' } : o.follow === true ? followCommand(files, o, now, formatGiven) : reportCommand(files, o, now);
  });

  base(program.command('events'))
    .description('one JSON object per line (NDJSON) for each Postfix line; --count: what the lines became')
    .argument('[FILE...]', 'logs to read')
    .option('--count', 'print one JSON object counting what the lines became, instead of the events')
    .option('--year <year>', OPTION_HELP.year)
    .option('--syslog-name <name>', OPTION_HELP.syslogName)
    .action((files: string[], o: Record<string, unknown>) => {
      result = { name: 'events', count: o.count === true, ...readArgs(files, o) };
    });

  const repeat = (v: string, prev: string[] = []) => [...prev, v];
  base(program.command('what-if'))
    .description('tries access tables (regexp:, pcre:, hash: source text) on the log: what each entry would have refused, and how much of it was delivered mail')
    .argument('[FILE...]', 'logs to read')
    .option('--client <table>', 'a check_client_access table, e.g. regexp:/etc/postfix/client_checks (repeatable)', repeat)
    .option('--helo <table>', 'a check_helo_access table (repeatable)', repeat)
    .option('--sender <table>', 'a check_sender_access table (repeatable)', repeat)
    .option('--recipient <table>', 'a check_recipient_access table (repeatable)', repeat)
    .option('--format <format>', 'text (default), html or json')
    .option('--examples <n>', 'examples per entry, of delivered messages and of the others each (default 3)')
    .option('--recipient-delimiter <chars>', "main.cf's recipient_delimiter, for user+ext@domain lookups (default none)")
    .option('--year <year>', OPTION_HELP.year)
    .option('--syslog-name <name>', OPTION_HELP.syslogName)
    .action((files: string[], o: Record<string, unknown>) => {
      result = whatIfCommand(files, o);
    });

  const merge = base(program.command('merge'))
    .description('merge JSON reports (of several hosts or days) into one, and print it')
    .argument('[REPORT...]', 'JSON reports written by postsumm --format json')
    .option('--format <format>', OPTION_HELP.format, 'text');
  addRenderOptions(merge);
  merge.action((files: string[], o: Record<string, unknown>) => {
    if (files.length === 0) throw new UserError('postsumm: merge needs at least one JSON report (see postsumm --help)');
    result = { name: 'merge', files, format: format(o.format), render: renderOptions(o), ...(typeof o.compareWith === 'string' ? { compareWith: o.compareWith } : {}) };
  });

  base(program.command('schedule'))
    .description('the daily report as a service: mails the previous day\'s report at the configured time (node-cron)')
    .requiredOption('--config <file>', 'the JSON configuration (write an example with postsumm init)')
    .option('--run-now', 'one run at once (the previous day), then exit: to check the set-up')
    .action((o: Record<string, unknown>) => {
      result = { name: 'schedule', config: String(o.config), runNow: o.runNow === true };
    });

  base(program.command('init'))
    .description('writes an example configuration for postsumm schedule (never overwrites a file)')
    .argument('[FILE]', 'where to write it', 'postsumm.json')
    .action((file: string) => {
      result = { name: 'init', file };
    });

  let help = '';
  program.configureOutput({ writeOut: (s) => (help += s), writeErr: () => {}, outputError: () => {} });
  for (const c of program.commands) c.configureOutput({ writeOut: (s) => (help += s), writeErr: () => {}, outputError: () => {} });
  refusePassword(argv);
  try {
    program.parse(normalize(argv), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help') return { name: 'help', text: help };
      throw new UserError(`postsumm: ${commanderMessage(err.message)} (see postsumm --help)`);
    }
    throw err;
  }
  if (result === null) throw new UserError('postsumm: nothing to do (see postsumm --help)');
  return result;
}

/** The settings every command shares: `--help` only (pflogsumm's `-h` is the host count), errors thrown, 80 columns. */
function base(c: Commander): Commander {
  return c.helpOption('--help', 'print this help').exitOverride().configureHelp({ helpWidth: 80 }).showSuggestionAfterError(true);
}

/** The report's options: reading, counting, then display. */
function addReportOptions(c: Commander): void {
  c.option('--format <format>', OPTION_HELP.format, 'text')
    .option('-d, --date-range <range>', OPTION_HELP.date)
    .option('--year <year>', OPTION_HELP.year)
    .option('--syslog-name <name>', OPTION_HELP.syslogName)
    .option('-i, --ignore-case', OPTION_HELP.ignoreCase)
    .option('-m, --uucp-mung', OPTION_HELP.uucpMung)
    .option('--verp-mung [n]', OPTION_HELP.verpMung)
    .option('--srs-mung', OPTION_HELP.srsMung)
    .option('--use-orig-to', OPTION_HELP.useOrigTo)
    .option('--rej-add-from', OPTION_HELP.rejAddFrom)
    .option('--verbose-msg-detail', OPTION_HELP.verboseMsgDetail)
    .option('-e, --extended-detail', OPTION_HELP.extendedDetail);
  addRenderOptions(c);
}

/** Display options (the report's and merge's). */
function addRenderOptions(c: Commander): void {
  c.option('-h, --host-cnt <n>', OPTION_HELP.hostCnt)
    .option('-u, --user-cnt <n>', OPTION_HELP.userCnt)
    .option('--detail <n>', OPTION_HELP.detail)
    .option('--bounce-detail <n>', OPTION_HELP.bounceDetail)
    .option('--deferral-detail <n>', OPTION_HELP.deferralDetail)
    .option('--reject-detail <n>', OPTION_HELP.rejectDetail)
    .option('--smtp-detail <n>', OPTION_HELP.smtpDetail)
    .option('--smtpd-warning-detail <n>', OPTION_HELP.smtpdWarningDetail)
    .option('--warning-detail <n>', OPTION_HELP.warningDetail)
    .option('-q, --quiet', OPTION_HELP.quiet)
    .option('--problems-first', OPTION_HELP.problemsFirst)
    .option('--iso-date-time', OPTION_HELP.isoDateTime)
    .option('--zero-fill', OPTION_HELP.zeroFill)
    .option('--no-no-msg-size', OPTION_HELP.noNoMsgSize)
    .option('--smtpd-stats', OPTION_HELP.smtpdStats)
    .option('--pscrn-stats', OPTION_HELP.pscrnStats)
    .option('--compare-with <file>', OPTION_HELP.compareWith);
  if (c.name() === 'merge') c.option('--verbose-msg-detail', OPTION_HELP.verboseMsgDetail);
}

/**
 * pflogsumm's spellings that commander does not take as they are: `--foo_bar` (underscores, accepted by every
 * pflogsumm) becomes `--foo-bar`, and a bare `--verp-mung` becomes `--verp-mung=1` so the next argument stays
 * a file (pflogsumm's `verp-mung:i` takes a number only when one is attached).
 */
function normalize(argv: readonly string[]): string[] {
  const out: string[] = [];
  let options = true;
  for (const a of argv) {
    if (!options || !a.startsWith('--')) {
      out.push(a);
      continue;
    }
    if (a === '--') {
      options = false;
      out.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = (eq < 0 ? a : a.slice(0, eq)).replace(/_/g, '-');
    const arg = name + (eq < 0 ? '' : a.slice(eq));
    out.push(arg === '--verp-mung' ? '--verp-mung=1' : arg);
  }
  return out;
}

/** Commander's message made one line in our voice: `error: unknown option '--x'` → `Unknown option '--x'`. */
function commanderMessage(message: string): string {
  const m = message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** postsumm what-if: at least one table; tables in smtpd's order of checks (client, HELO, sender, recipient). */
function whatIfCommand(files: string[], o: Record<string, unknown>): Command {
  const tables: Extract<Command, { name: 'what-if' }>['tables'] = [];
  for (const option of ['client', 'helo', 'sender', 'recipient'] as const) {
    for (const spec of (o[option] as string[] | undefined) ?? []) tables.push({ option, spec });
  }
  if (tables.length === 0) throw new UserError('postsumm: what-if needs a table to try: --client, --helo, --sender or --recipient TYPE:FILE (see postsumm what-if --help)');
  // the defaults are here, not in commander, whose help would say them twice
  const examples = String(o.examples ?? '3');
  if (!/^\d+$/.test(examples)) throw new UserError(`postsumm: --examples takes a whole number (0: none), not '${examples}'`);
  const delimiter = String(o.recipientDelimiter ?? '');
  if (/[\s@]/.test(delimiter)) throw new UserError(`postsumm: --recipient-delimiter takes the characters of recipient_delimiter, such as + or +-, not '${delimiter}'`);
  return { name: 'what-if', format: format(o.format ?? 'text'), tables, examples: Number(examples), recipientDelimiter: delimiter, ...readArgs(files, o) };
}

function readArgs(files: string[], o: Record<string, unknown>): ReadArgs {
  const args: ReadArgs = { files };
  if (typeof o.year === 'string') {
    if (!/^\d{4}$/.test(o.year)) throw new UserError(`postsumm: --year takes a four-digit year, not '${o.year}'`);
    args.year = Number(o.year);
  }
  if (typeof o.syslogName === 'string') {
    if (o.syslogName === '') throw new UserError("postsumm: --syslog-name needs a name, such as 'postfix-out'");
    args.syslogName = o.syslogName;
  }
  return args;
}

function format(value: unknown): Format {
  if (value === 'text' || value === 'json' || value === 'html') return value;
  throw new UserError(`postsumm: --format takes text, html or json, not '${String(value)}'`);
}

/** Live mode's options (they need --follow). */
function addFollowOptions(c: Commander): void {
  c.option('-f, --follow', OPTION_HELP.follow)
    .option('--from-start', OPTION_HELP.fromStart)
    .option('--since <duration>', OPTION_HELP.since)
    .option('--listen <address>', OPTION_HELP.listen)
    .option('--alert-bounce-rate <percent>', OPTION_HELP.alertBounceRate)
    .option('--alert-deferred <n>', OPTION_HELP.alertDeferred)
    .option('--alert-blocklisted', OPTION_HELP.alertBlocklisted);
}

/** The options only live mode takes, by commander attribute. */
const FOLLOW_ONLY = ['fromStart', 'since', 'listen', 'alertBounceRate', 'alertDeferred', 'alertBlocklisted'] as const;

function followCommand(files: string[], o: Record<string, unknown>, now: Date, formatGiven: boolean): Command {
  if (files.length === 0 || files.includes('-')) throw new UserError('postsumm: --follow follows files (standard input cannot be reopened after rotation): name the log, e.g. /var/log/mail.log');
  if (typeof o.dateRange === 'string') throw new UserError('postsumm: -d and --follow exclude each other (live mode reads what comes; use --since to start earlier)');
  if (o.fromStart === true && o.since !== undefined) throw new UserError('postsumm: --from-start and --since exclude each other');
  const fmt = !formatGiven ? null : o.format === 'ndjson' ? 'ndjson' : format(o.format);
  const cmd: Command = {
    name: 'follow',
    format: fmt,
    start: o.fromStart === true ? 'start' : typeof o.since === 'string' ? { since: now.getTime() - parseDuration(o.since) } : 'end',
    alerts: alertArgs(o),
    aggregate: aggregateOptions(o),
    render: renderOptions(o),
    ...readArgs(files, o),
  };
  if (typeof o.listen === 'string') cmd.listen = parseListen(o.listen);
  const mail = mailSettings(o);
  if (mail !== null) cmd.mail = mail;
  return cmd;
}

/** `30m`, `2h`, `90s`, `1d` → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|sec|m|min|h|d)$/.exec(text.trim());
  if (m === null || Number(m[1]) === 0) throw new UserError(`postsumm: --since takes a duration such as 30m, 2h or 1d, not '${text}'`);
  const unit = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 }[m[2] as 's' | 'sec' | 'm' | 'min' | 'h' | 'd'];
  return Number(m[1]) * unit * 1000;
}

/** `127.0.0.1:9101`, `[::1]:9101`, `:9101` (loopback), `0.0.0.0:9101` (every address, when asked for). */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]*)):(\d{1,5})$/.exec(text);
  const port = m === null ? NaN : Number(m[3]);
  if (m === null || port < 1 || port > 65535) throw new UserError(`postsumm: --listen takes HOST:PORT such as 127.0.0.1:9101 (or :9101 for loopback), not '${text}'`);
  const host = m[1] ?? (m[2] === '' ? '127.0.0.1' : m[2]!);
  return { host, port };
}

function alertArgs(o: Record<string, unknown>): AlertArgs {
  const a: AlertArgs = { blocklisted: o.alertBlocklisted === true };
  if (o.alertBounceRate !== undefined) {
    const v = String(o.alertBounceRate);
    const m = /^(\d+(?:\.\d+)?)%?$/.exec(v);
    if (m === null || Number(m[1]) <= 0 || Number(m[1]) >= 100) throw new UserError(`postsumm: --alert-bounce-rate takes a percentage between 0 and 100 such as 5%, not '${v}'`);
    a.bounceRate = Number(m[1]) / 100;
  }
  if (o.alertDeferred !== undefined) {
    const v = String(o.alertDeferred);
    if (!/^\d+$/.test(v) || Number(v) === 0) throw new UserError(`postsumm: --alert-deferred takes a number of messages (1 or more), not '${v}'`);
    a.deferred = Number(v);
  }
  return a;
}

function reportCommand(files: string[], o: Record<string, unknown>, now: Date): Command {
  const followOnly = FOLLOW_ONLY.find((k) => o[k] !== undefined);
  if (followOnly !== undefined) throw new UserError(`postsumm: ${flagOf(followOnly)} needs --follow (live mode)`);
  if (o.format === 'ndjson') throw new UserError("postsumm: --format ndjson is live mode's (with --follow); the report takes text, html or json");
  const cmd: Command = {
    name: 'report',
    format: format(o.format),
    extendedDetail: o.extendedDetail === true,
    aggregate: aggregateOptions(o),
    render: renderOptions(o),
    ...readArgs(files, o),
  };
  if (typeof o.dateRange === 'string') cmd.date = { text: o.dateRange, days: parseDateRange(o.dateRange, now) };
  const mail = mailSettings(o);
  if (mail !== null) cmd.mail = mail;
  if (typeof o.compareWith === 'string') cmd.compareWith = o.compareWith;
  return cmd;
}

function aggregateOptions(o: Record<string, unknown>): AggregateOptions {
  let verpMung = DEFAULT_AGGREGATE_OPTIONS.verpMung;
  if (o.verpMung !== undefined) {
    const v = String(o.verpMung);
    if (!/^\d$/.test(v)) throw new UserError(`postsumm: --verp-mung takes 1 or 2 (--verp-mung=2), not '${v}'`);
    verpMung = Number(v);
  }
  return {
    ...DEFAULT_AGGREGATE_OPTIONS,
    ignoreCase: o.ignoreCase === true,
    verpMung,
    srsMung: o.srsMung === true,
    uucpMung: o.uucpMung === true,
    useOrigTo: o.useOrigTo === true,
    rejAddFrom: o.rejAddFrom === true,
    verboseMsgDetail: o.verboseMsgDetail === true,
  };
}

function renderOptions(o: Record<string, unknown>): RenderOptions {
  const n: Partial<Record<(typeof DETAIL_OPTIONS)[number] | 'detail', number>> = {};
  for (const key of [...DETAIL_OPTIONS, 'detail'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new UserError(`postsumm: ${flagOf(key)} takes a whole number of rows (0: none), not '${String(v)}'`);
    n[key] = Number(v);
  }
  // --detail sets every row count that is not set on its own (pflogsumm's rule)
  const rows = (own: number | undefined) => own ?? n.detail ?? Infinity;
  return {
    ...DEFAULT_RENDER_OPTIONS,
    hostCount: rows(n.hostCnt),
    userCount: rows(n.userCnt),
    bounceDetail: rows(n.bounceDetail),
    deferralDetail: rows(n.deferralDetail),
    rejectDetail: rows(n.rejectDetail),
    smtpDetail: rows(n.smtpDetail),
    warningDetail: rows(n.warningDetail ?? n.smtpdWarningDetail),
    quiet: o.quiet === true,
    problemsFirst: o.problemsFirst === true,
    isoDateTime: o.isoDateTime === true,
    zeroFill: o.zeroFill === true,
    // commander reads `--no-no-msg-size` as the negation of `--no-msg-size`
    noNoMsgSize: o.noMsgSize === false,
    smtpdStats: o.smtpdStats === true,
    pscrnStats: o.pscrnStats === true,
    verbose: o.verboseMsgDetail === true,
  };
}

/** The flag a commander attribute came from, for messages. */
function flagOf(key: string): string {
  if (key === 'hostCnt') return '-h';
  if (key === 'userCnt') return '-u';
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** The mail options of the report (--mail-to and its transport). */
function addMailOptions(c: Commander): void {
  const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((a) => a.trim()).filter((a) => a !== '')];
  c.option('--mail-to <address>', OPTION_HELP.mailTo, list)
    .option('--mail-from <address>', OPTION_HELP.mailFrom)
    .option('--attach-json', OPTION_HELP.attachJson)
    .option('--smtp-host <host>', OPTION_HELP.smtpHost)
    .option('--smtp-port <port>', OPTION_HELP.smtpPort)
    .option('--smtp-tls', OPTION_HELP.smtpTls)
    .option('--smtp-starttls', OPTION_HELP.smtpStarttls)
    .option('--smtp-user <user>', OPTION_HELP.smtpUser)
    .option('--smtp-password-env <variable>', OPTION_HELP.smtpPasswordEnv)
    .option('--smtp-password-file <file>', OPTION_HELP.smtpPasswordFile)
    .option('--sendmail <path>', OPTION_HELP.sendmail);
}

/**
 * A password on the command line shows in `ps` and in shell history: refused before commander, whose message
 * would quote it.
 */
function refusePassword(argv: readonly string[]): void {
  for (const a of argv) {
    if (a === '--') return;
    if (/^--smtp[-_]pass(?:word)?(?:=|$)/.test(a)) {
      throw new UserError('postsumm: a password is never taken on the command line (ps and shell history show it): use --smtp-password-env VARIABLE or --smtp-password-file FILE');
    }
  }
}

/** An address for --mail-to or --mail-from: `user@domain` or a local name, no spaces, brackets or controls. */
const ADDRESS = /^[^\s<>,;()"@\x00-\x1f\x7f]+(?:@[^\s<>,;()"@\x00-\x1f\x7f]+)?$/;

/** Mail settings from the options, null without --mail-to; mail options without it are a mistake. */
export function mailSettings(o: Record<string, unknown>): MailSettings | null {
  const to = (o.mailTo as string[] | undefined) ?? [];
  const given = ['mailFrom', 'attachJson', 'smtpHost', 'smtpPort', 'smtpTls', 'smtpStarttls', 'smtpUser', 'smtpPasswordEnv', 'smtpPasswordFile', 'sendmail'].filter((k) => o[k] !== undefined);
  if (to.length === 0) {
    if (o.mailTo !== undefined) throw new UserError('postsumm: --mail-to needs an address');
    if (given.length > 0) throw new UserError(`postsumm: ${flagOf(given[0]!)} needs --mail-to (who gets the report)`);
    return null;
  }
  for (const a of to) if (!ADDRESS.test(a)) throw new UserError(`postsumm: --mail-to takes addresses (user@example.com), not '${a}'`);
  const from = typeof o.mailFrom === 'string' ? o.mailFrom : defaultFrom();
  if (!ADDRESS.test(from)) throw new UserError(`postsumm: --mail-from takes an address (user@example.com), not '${from}'`);
  const attachJson = o.attachJson === true;
  if (typeof o.smtpHost !== 'string') {
    const smtpOnly = given.find((k) => k.startsWith('smtp'));
    if (smtpOnly !== undefined) throw new UserError(`postsumm: ${flagOf(smtpOnly)} needs --smtp-host (without it the report goes through the local sendmail)`);
    return { to, from, attachJson, transport: { kind: 'sendmail', ...(typeof o.sendmail === 'string' ? { path: o.sendmail } : {}) } };
  }
  if (o.sendmail !== undefined) throw new UserError('postsumm: --sendmail and --smtp-host exclude each other: the report goes one way');
  if (o.smtpHost === '' || /[\s\x00-\x1f]/.test(o.smtpHost)) throw new UserError(`postsumm: --smtp-host takes a host name or address, not '${o.smtpHost}'`);
  if (o.smtpTls === true && o.smtpStarttls === true) throw new UserError('postsumm: --smtp-tls (TLS from the start, port 465) and --smtp-starttls (port 587) exclude each other');
  const security: SmtpSecurity = o.smtpTls === true ? 'tls' : o.smtpStarttls === true ? 'starttls' : 'opportunistic';
  let port = defaultPort(security);
  if (o.smtpPort !== undefined) {
    const p = String(o.smtpPort);
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) throw new UserError(`postsumm: --smtp-port takes a port number (1-65535), not '${p}'`);
    port = Number(p);
  }
  const env = typeof o.smtpPasswordEnv === 'string' ? o.smtpPasswordEnv : undefined;
  const file = typeof o.smtpPasswordFile === 'string' ? o.smtpPasswordFile : undefined;
  if (env !== undefined && file !== undefined) throw new UserError('postsumm: --smtp-password-env and --smtp-password-file exclude each other');
  if (env !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) throw new UserError(`postsumm: --smtp-password-env takes the name of an environment variable, not '${env}'`);
  const user = typeof o.smtpUser === 'string' ? o.smtpUser : undefined;
  if (user !== undefined && env === undefined && file === undefined) throw new UserError('postsumm: --smtp-user needs --smtp-password-env VARIABLE or --smtp-password-file FILE');
  if (user === undefined && (env !== undefined || file !== undefined)) throw new UserError(`postsumm: ${env !== undefined ? '--smtp-password-env' : '--smtp-password-file'} needs --smtp-user`);
  return {
    to,
    from,
    attachJson,
    transport: {
      kind: 'smtp',
      host: o.smtpHost,
      port,
      security,
      ...(user === undefined ? {} : { user, password: env !== undefined ? { env } : { file: file! } }),
    },
  };
}
