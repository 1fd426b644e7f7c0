// An alert as a mail, for mail/send.ts's transports: the alert line as the subject, its figures as the body (text
// and HTML, every log string escaped), marked auto-generated so responders stay quiet.

import { headerSafe, type ReportMessage } from '../mail/message.js';
import { escapeHtml } from '../render/html-kit.js';
import type { Alert } from './alerts.js';

/** Characters of the alert line kept in the subject: mail clients show about this much, and a header stays short. */
const SUBJECT_CHARS = 160;

/** The mail of one alert, from `from` to `to`; `host` names the server in the subject (`postsumm alert on mx: …`). */
export function alertMessage(alert: Alert, host: string, from: string, to: readonly string[]): ReportMessage {
  const line = headerSafe(alert.message);
  const cut = [...line].length > SUBJECT_CHARS ? [...line].slice(0, SUBJECT_CHARS).join('') + '…' : line;
  const at = new Date(alert.at).toISOString();
  const rows: [string, string][] = [['alert', alert.kind], ['log time', at], ...Object.entries(alert.details).map(([k, v]): [string, string] => [k, String(v)])];
  // details carry log strings (a remote reply): control characters shown escaped, as in the alert line
  const text = [line, '', ...rows.map(([k, v]) => `${k}: ${headerSafe(v)}`), ''].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:14px">',
    `<p>${escapeHtml(alert.message)}</p>`,
    '<table style="border-collapse:collapse">',
    ...rows.map(([k, v]) => `<tr><th style="text-align:left;padding:2px 8px 2px 0">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table></body></html>',
    '',
  ].join('\n');
  return {
    from,
    to: [...to],
    subject: `postsumm alert on ${headerSafe(host)}: ${cut}`,
    text,
    html,
    // RFC 3834: an automatic message, so vacation responders and the like do not answer it
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: [],
  };
}
