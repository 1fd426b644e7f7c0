// The configuration of `postsumm schedule`: a JSON file, validated whole, each mistake named by its key
// (`"mail.smtp.port"`). Keys that start with `//` are comments, at any level (JSON has no comments of its own).

import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { defaultFrom } from '../mail/index.js';
import { defaultPort, type MailSettings, type SmtpSecurity } from '../mail/send.js';

/** The default schedule: every morning at six, when the previous day is over and logrotate has usually run. */
export const DEFAULT_SCHEDULE = '0 6 * * *';

/** A validated configuration. */
export interface ScheduleConfig {
  /** the live logs; their newest rotated file is read too (see logs.ts) */
  logs: string[];
  /** cron expression (node-cron: five fields, or six with seconds first) */
  schedule: string;
  /** IANA time zone of the schedule and of "the previous day"; the machine's when absent */
  timeZone?: string;
  mail: MailSettings;
  /** report options in the command line's spelling, camel-cased: {"detail": 10, "smtpdStats": true} */
  report: Record<string, string | number | boolean>;
}

/** What loading found besides the configuration. */
export interface LoadedConfig {
  config: ScheduleConfig;
  warnings: string[];
}

const EXIT_CONFIG = 1;

/** Reads and validates the configuration file; a UserError (exit 1) names the file and the bad key. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  let text: string;
  let mode: number;
  try {
    text = await readFile(file, 'utf8');
    mode = (await stat(file)).mode;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file (postsumm init writes an example)' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new UserError(`postsumm: cannot read the configuration ${file}: ${why}`, EXIT_CONFIG);
  }
  const warnings: string[] = [];
  // it names the password file or variable and the recipients: not for every local user
  if ((mode & 0o004) !== 0) warnings.push(`${file} is readable by every user (mode ${(mode & 0o777).toString(8)}): chmod o-r ${file}`);
  const config = await parseConfig(text, file);
  // the password file holds the secret itself: the same check (a missing one is said when the mail is sent)
  const t = config.mail.transport;
  if (t.kind === 'smtp' && t.password !== undefined && 'file' in t.password) {
    const pw = t.password.file;
    const pwMode = await stat(pw).then((st) => st.mode, () => 0);
    if ((pwMode & 0o004) !== 0) warnings.push(`the password file ${pw} is readable by every user (mode ${(pwMode & 0o777).toString(8)}): chmod o-r ${pw}`);
  }
  return { config, warnings };
}

/** Validates the configuration's text. */
export async function parseConfig(text: string, file: string): Promise<ScheduleConfig> {
  const bad = (key: string, what: string) => new UserError(`postsumm: ${file}: "${key}" ${what}`, EXIT_CONFIG);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`postsumm: ${file}: not JSON (${(err as Error).message.split('\n')[0]})`, EXIT_CONFIG);
  }
  const root = object(data, '(the file)', bad, ['logs', 'schedule', 'timeZone', 'mail', 'report']);

  const logs = root.logs;
  if (!Array.isArray(logs) || logs.length === 0 || !logs.every((l) => typeof l === 'string' && l !== '')) {
    throw bad('logs', `must be a list of log files (["/var/log/mail.log"]), not ${show(logs)}`);
  }

  let schedule = DEFAULT_SCHEDULE;
  if (root.schedule !== undefined) {
    if (typeof root.schedule !== 'string') throw bad('schedule', `must be a cron expression ("0 6 * * *"), not ${show(root.schedule)}`);
    const cron = (await import('node-cron')).default;
    const v = cron.validateDetailed(root.schedule);
    if (!v.valid) throw bad('schedule', `is not a cron expression: ${show(root.schedule)} (${v.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})`);
    schedule = root.schedule;
  }

  let timeZone: string | undefined;
  if (root.timeZone !== undefined) {
    if (typeof root.timeZone !== 'string') throw bad('timeZone', `must be a time zone name ("Europe/Berlin"), not ${show(root.timeZone)}`);
    try {
      new Intl.DateTimeFormat('en', { timeZone: root.timeZone });
    } catch {
      throw bad('timeZone', `is not a time zone name (such as "Europe/Berlin" or "UTC"): ${show(root.timeZone)}`);
    }
    timeZone = root.timeZone;
  }

  if (root.mail === undefined) throw bad('mail', 'is missing: who gets the report ({"to": ["postmaster@example.com"]})');
  const mail = mailConfig(root.mail, bad);

  const report: Record<string, string | number | boolean> = {};
  if (root.report !== undefined) {
    const r = object(root.report, 'report', bad, null);
    for (const [k, v] of Object.entries(r)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw bad(`report.${k}`, `must be a number, a string or true/false, not ${show(v)}`);
      report[k] = v;
    }
  }
  return { logs: logs as string[], schedule, ...(timeZone === undefined ? {} : { timeZone }), mail, report };
}

type Bad = (key: string, what: string) => UserError;

/** An object whose keys (comments aside) are all in `known` (any key when null). */
function object(v: unknown, key: string, bad: Bad, known: string[] | null): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(key, `must be an object ({ … }), not ${show(v)}`);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('//')) continue;
    const path = key === '(the file)' ? k : `${key}.${k}`;
    if (known !== null && !known.includes(k)) throw bad(path, `is not a key of this configuration (known: ${known.join(', ')})`);
    out[k] = val;
  }
  return out;
}

const ADDRESS = /^[^\s<>,;()"@\x00-\x1f\x7f]+(?:@[^\s<>,;()"@\x00-\x1f\x7f]+)?$/;

function mailConfig(v: unknown, bad: Bad): MailSettings {
  const m = object(v, 'mail', bad, ['to', 'from', 'attachJson', 'smtp', 'sendmail']);
  const to = typeof m.to === 'string' ? m.to.split(',').map((a) => a.trim()) : m.to;
  if (!Array.isArray(to) || to.length === 0 || !to.every((a) => typeof a === 'string' && ADDRESS.test(a))) {
    throw bad('mail.to', `must be a list of addresses (["postmaster@example.com"]), not ${show(m.to)}`);
  }
  let from = defaultFrom();
  if (m.from !== undefined) {
    if (typeof m.from !== 'string' || !ADDRESS.test(m.from)) throw bad('mail.from', `must be an address, not ${show(m.from)}`);
    from = m.from;
  }
  if (m.attachJson !== undefined && typeof m.attachJson !== 'boolean') throw bad('mail.attachJson', `must be true or false, not ${show(m.attachJson)}`);
  const base = { to: to as string[], from, attachJson: m.attachJson === true };
  if (m.smtp === undefined) {
    if (m.sendmail !== undefined && (typeof m.sendmail !== 'string' || m.sendmail === '')) throw bad('mail.sendmail', `must be the path of the sendmail binary, not ${show(m.sendmail)}`);
    return { ...base, transport: { kind: 'sendmail', ...(typeof m.sendmail === 'string' ? { path: m.sendmail } : {}) } };
  }
  if (m.sendmail !== undefined) throw bad('mail.sendmail', 'and "mail.smtp" exclude each other: the report goes one way');
  const s = object(m.smtp, 'mail.smtp', bad, ['host', 'port', 'security', 'user', 'passwordEnv', 'passwordFile', 'password']);
  if (s.password !== undefined) throw bad('mail.smtp.password', 'is not read: a password is never kept in the configuration; use "passwordFile" (mode 600) or "passwordEnv"');
  if (typeof s.host !== 'string' || s.host === '' || /[\s\x00-\x1f]/.test(s.host)) throw bad('mail.smtp.host', `must be a host name or address, not ${show(s.host)}`);
  const securities = ['tls', 'starttls', 'opportunistic'];
  if (s.security !== undefined && !securities.includes(s.security as string)) throw bad('mail.smtp.security', `must be "tls" (port 465), "starttls" (required) or "opportunistic" (the default), not ${show(s.security)}`);
  const security = (s.security ?? 'opportunistic') as SmtpSecurity;
  if (s.port !== undefined && (typeof s.port !== 'number' || !Number.isInteger(s.port) || s.port < 1 || s.port > 65535)) throw bad('mail.smtp.port', `must be a port number (1-65535), not ${show(s.port)}`);
  const port = (s.port as number | undefined) ?? defaultPort(security);
  for (const k of ['user', 'passwordEnv', 'passwordFile'] as const) {
    if (s[k] !== undefined && (typeof s[k] !== 'string' || s[k] === '')) throw bad(`mail.smtp.${k}`, `must be a string, not ${show(s[k])}`);
  }
  const user = s.user as string | undefined;
  const env = s.passwordEnv as string | undefined;
  const file = s.passwordFile as string | undefined;
  if (env !== undefined && file !== undefined) throw bad('mail.smtp.passwordEnv', 'and "mail.smtp.passwordFile" exclude each other');
  if (user !== undefined && env === undefined && file === undefined) throw bad('mail.smtp.user', 'needs "passwordFile" or "passwordEnv"');
  if (user === undefined && (env !== undefined || file !== undefined)) throw bad(env !== undefined ? 'mail.smtp.passwordEnv' : 'mail.smtp.passwordFile', 'needs "user"');
  return {
    ...base,
    transport: { kind: 'smtp', host: s.host, port, security, ...(user === undefined ? {} : { user, password: env !== undefined ? { env } : { file: file! } }) },
  };
}

/** A value quoted for a message, cut short. */
function show(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 59) + '…' : s;
}

/**
 * The report options as command-line arguments: `{"detail": 10, "smtpdStats": true}` → `--detail 10
 * --smtpd-stats`; false leaves an option out. Read by the report's own option parser, so they mean the same.
 */
export function reportArgv(report: Record<string, string | number | boolean>): string[] {
  const argv: string[] = [];
  for (const [k, v] of Object.entries(report)) {
    const flag = '--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    if (v === false) continue;
    argv.push(v === true ? flag : `${flag}=${String(v)}`);
  }
  return argv;
}
