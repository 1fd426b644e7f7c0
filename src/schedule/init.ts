// `postsumm init`: an example configuration for `postsumm schedule`, explained in place. JSON has no comments,
// so the explanations are keys that start with "//", which the configuration reader skips at any level: the
// file stays one self-describing document that any JSON tool can edit, with nothing beside it to keep in step.

import { writeFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { DEFAULT_SCHEDULE } from './config.js';

/** The example configuration: valid as it is (it mails through the local sendmail). */
export const EXAMPLE_CONFIG = {
  '//': 'postsumm schedule --config THIS-FILE: mails the previous day\'s report at the scheduled time. Keys starting with // are comments. Check with: postsumm schedule --config THIS-FILE --run-now',
  '//logs': 'the live logs; the newest rotated file beside each (mail.log.1, mail.log.1.gz or mail.log-YYYYMMDD) is read too',
  logs: ['/var/log/mail.log'],
  '//schedule': 'cron expression (minute hour day month weekday); the report covers the day before the run',
  schedule: DEFAULT_SCHEDULE,
  '//timeZone': 'the zone of the schedule and of "the previous day"; leave it out for the machine\'s',
  timeZone: 'UTC',
  mail: {
    '//': 'without "smtp" the mail goes through the local sendmail binary (a Postfix host has one)',
    to: ['postmaster@example.com'],
    '//from': 'default: postsumm@ this host\'s name',
    attachJson: true,
    '//smtp': 'rename "//smtp-example" to "smtp" to send through an SMTP server; security: "starttls" (required), "tls" (port 465) or "opportunistic"; the password only from passwordFile (mode 600) or passwordEnv (a variable name), never in this file',
    '//smtp-example': { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'postsumm', passwordFile: '/etc/postsumm.password' },
  },
  '//report': 'report options as on the command line, camel-cased: detail, hostCnt, userCnt, smtpdStats, pscrnStats, problemsFirst, quiet, ignoreCase, …',
  report: { detail: 10, problemsFirst: true },
};

/** Writes the example to `file` (never over an existing file; mode 600). Returns what to do next. */
export async function writeExample(file: string): Promise<string> {
  try {
    await writeFile(file, JSON.stringify(EXAMPLE_CONFIG, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'EEXIST' ? 'it exists (postsumm init never overwrites)' : code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such directory' : (err as Error).message;
    throw new UserError(`postsumm: cannot write ${file}: ${why}`, 1);
  }
  return `postsumm: wrote ${file}: set "logs" and "mail.to", then check it with: postsumm schedule --config ${file} --run-now`;
}
