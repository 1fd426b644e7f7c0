// Sends the report mail over SMTP or through the local sendmail binary (nodemailer), and when that fails says
// why in one line and keeps the report in a file. Passwords come from an environment variable or a file, never
// the command line, and are scrubbed from every message that leaves this module.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportMessage } from './message.js';

/** Exit code of a report that could not be mailed (saved in a file instead); listed in --help. */
export const EXIT_MAIL = 3;

/** How the SMTP connection is protected. */
export type SmtpSecurity =
  /** TLS from the first byte (port 465, `--smtp-tls`) */
  | 'tls'
  /** STARTTLS required: no mail in clear (`--smtp-starttls`) */
  | 'starttls'
  /** STARTTLS when the server offers it (nodemailer's default) */
  | 'opportunistic';

/** Where the SMTP password is read, at send time. */
export type PasswordSource = { env: string } | { file: string };

/** An SMTP relay. */
export interface SmtpSettings {
  kind: 'smtp';
  host: string;
  port: number;
  security: SmtpSecurity;
  user?: string;
  password?: PasswordSource;
}

/** The local sendmail binary (Postfix's, on a mail server). */
export interface SendmailSettings {
  kind: 'sendmail';
  /** default: /usr/sbin/sendmail when it exists (cron's PATH lacks /usr/sbin), else `sendmail` from PATH */
  path?: string;
}

/** Everything needed to mail a report. */
export interface MailSettings {
  to: string[];
  from: string;
  attachJson: boolean;
  transport: SmtpSettings | SendmailSettings;
}

/** Default SMTP ports: submission with STARTTLS, submissions with implicit TLS (RFC 8314). */
export function defaultPort(security: SmtpSecurity): number {
  return security === 'tls' ? 465 : 587;
}

/** Why a send failed: one line, no credentials. */
export class MailError extends Error {}

/** The environment the password variable is read from (injected by tests). */
export type Env = Record<string, string | undefined>;

/** The SMTP password from its source; a MailError naming the variable or file (never the value) when missing. */
export function readPassword(source: PasswordSource, env: Env): string {
  if ('env' in source) {
    const v = env[source.env];
    if (v === undefined || v === '') throw new MailError(`the password variable ${source.env} is not set`);
    return v;
  }
  let text: string;
  try {
    text = readFileSync(source.file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new MailError(`cannot read the password file ${source.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? 'error'}`);
  }
  // the file's last newline is not part of the password (echo secret > file)
  const pass = text.replace(/\r?\n$/, '');
  if (pass === '') throw new MailError(`the password file ${source.file} is empty`);
  return pass;
}

/** Where the transport sends, for messages: `SMTP mx.example.com:587` or `sendmail /usr/sbin/sendmail`. */
export function describeTransport(t: SmtpSettings | SendmailSettings): string {
  return t.kind === 'smtp' ? `SMTP ${t.host}:${t.port}` : `${sendmailPath(t)}`;
}

function sendmailPath(t: SendmailSettings): string {
  return t.path ?? (existsSync('/usr/sbin/sendmail') ? '/usr/sbin/sendmail' : 'sendmail');
}

/** SMTP timeouts (ms): a scheduled job must fail in minutes, not hang for nodemailer's ten. */
const CONNECTION_TIMEOUT_MS = 30_000;
const SOCKET_TIMEOUT_MS = 120_000;

/** Sends the message; rejects with a MailError (one line, credentials scrubbed) when it was not accepted. */
export async function sendMessage(message: ReportMessage, transport: SmtpSettings | SendmailSettings, env: Env): Promise<void> {
  // loaded when a mail is sent: the report alone does not pay for nodemailer's start-up
  const nodemailer = (await import('nodemailer')).default;
  const secrets: string[] = [];
  let transporter;
  if (transport.kind === 'smtp') {
    let auth: { user: string; pass: string } | undefined;
    if (transport.user !== undefined && transport.password !== undefined) {
      const pass = readPassword(transport.password, env);
      secrets.push(pass, Buffer.from(pass).toString('base64'), Buffer.from(`\0${transport.user}\0${pass}`).toString('base64'));
      auth = { user: transport.user, pass };
    }
    transporter = nodemailer.createTransport({
      host: transport.host,
      port: transport.port,
      secure: transport.security === 'tls',
      requireTLS: transport.security === 'starttls',
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: CONNECTION_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      ...(auth === undefined ? {} : { auth }),
    });
  } else {
    transporter = nodemailer.createTransport({ sendmail: true, path: sendmailPath(transport) });
  }
  try {
    const info = await transporter.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      attachments: message.attachments,
    });
    // nodemailer resolves when some recipients were refused and others taken: that is a failure for us
    const rejected = (info as { rejected?: unknown[] }).rejected ?? [];
    if (rejected.length > 0) throw new MailError(`the server refused ${rejected.map(String).join(', ')}`);
  } catch (err) {
    if (err instanceof MailError) throw err;
    throw new MailError(scrub(reason(err), secrets));
  } finally {
    transporter.close();
  }
}

/** One line from a nodemailer error: what failed and what the server said. */
function reason(err: unknown): string {
  const e = err as { code?: string; response?: string; message?: string; rejected?: unknown[] };
  const said = oneLine(e.response ?? e.message ?? String(err));
  switch (e.code) {
    case 'EAUTH': return `authentication failed: ${said}`;
    case 'ENOAUTH': return 'the server asks for a login and no user and password were given';
    case 'EENVELOPE': return `the server refused ${e.rejected !== undefined && e.rejected.length > 0 ? e.rejected.map(String).join(', ') : 'the envelope'}: ${said}`;
    case 'ECONNECTION': return `the connection failed: ${said}`;
    case 'ETIMEDOUT': return `the server did not answer in time: ${said}`;
    case 'ETLS': return `TLS failed: ${said}`;
    case 'ESOCKET': return `the connection failed: ${said}`;
    case 'EDNS': return `the host name did not resolve: ${said}`;
    default: return said;
  }
}

/** A server's words on one line, control characters shown escaped. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')).trim();
}

/** Removes every secret (and its base64 forms, as AUTH PLAIN sends it) from a message. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('***');
  return out;
}

/**
 * Keeps a report that could not be mailed: its text, in a new file in the temporary directory (created, never
 * overwritten; readable by its owner only, as it names addresses). Returns the path.
 */
export function saveUnsent(message: ReportMessage, stem: string, dir: string = tmpdir()): string {
  const path = join(dir, `${stem}-${randomBytes(4).toString('hex')}.txt`);
  writeFileSync(path, `Subject: ${message.subject}\n\n${message.text}`, { flag: 'wx', mode: 0o600 });
  return path;
}
