// The report mail, built from rendered strings and the report's figures: a subject that says the day's state,
// multipart/alternative (text and HTML), the whole text report attached when the HTML is cut to its top rows, and
// the JSON model as an optional attachment. Nothing from the log can break a header: every control character is
// shown escaped, as the text report shows it.

import { count } from '../render/format.js';
import type { Report } from '../report/model.js';

/** What the renderers produced for one report. */
export interface RenderedReport {
  report: Report;
  text: string;
  html: string;
  /** the whole text report, attached as `<stem>.txt` when given: the HTML sends its reader there for what it cuts */
  full?: string;
  /** the JSON report, attached when given */
  json?: string;
}

/** A mail ready for a transport: plain data, so a test (or a saved file) can read it. */
export interface ReportMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** extra headers */
  headers: Record<string, string>;
  attachments: { filename: string; content: string; contentType: string }[];
}

/** Host names shown in the subject before `+N`: a cluster report stays one readable line. */
const SUBJECT_HOSTS = 3;
/** A single host name is cut to this many characters: a log line could carry any length. */
const HOST_CHARS = 64;

// C0, DEL, C1, and the Unicode line and paragraph separators: any of them may end or fold a header somewhere; the
// bidirectional marks, overrides and isolates (a subject that reads as something it is not), as the text report
// shows them; and half a surrogate pair (from a merged JSON report), which is no character at all
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/** A string safe for one header line: control characters shown as `\xNN` (or `\uNNNN`), as the text report does. */
export function headerSafe(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? '\\u' + code.toString(16).padStart(4, '0') : '\\x' + code.toString(16).padStart(2, '0');
  });
}

/** The first `n` UTF-16 units of `s`, one fewer when the last would be half of a surrogate pair. */
function cut(s: string, n: number): string {
  const c = s.charCodeAt(n - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n);
}

/** The hosts of the report for the subject: `mx1`, `mx1, mx2`, `mx1, mx2, mx3 +2`; `fallback` when none. */
export function hostLabel(hosts: readonly string[], fallback: string): string {
  const names = (hosts.length === 0 ? [fallback] : hosts).map((h) => (h.length > HOST_CHARS ? cut(h, HOST_CHARS) + '…' : h));
  const shown = names.slice(0, SUBJECT_HOSTS).join(', ');
  return headerSafe(names.length > SUBJECT_HOSTS ? `${shown} +${names.length - SUBJECT_HOSTS}` : shown);
}

/**
 * The days the report covers, as the log's local dates: `2026-11-24`, or `2026-11-24 to 2026-11-25`. `day` names
 * the day asked for (-d, the schedule) when the log had no line of it.
 */
export function dayLabel(report: Report, day?: string): string {
  const from = report.period.from?.slice(0, 10);
  const to = report.period.to?.slice(0, 10);
  if (from === undefined || to === undefined) return headerSafe(day ?? 'no log lines');
  return headerSafe(from === to ? from : `${from} to ${to}`);
}

/** `Postfix report mx1: 2026-11-24 — 1,234 delivered, 56 rejected, 3 bounced`. */
export function subjectOf(report: Report, fallbackHost: string, day?: string): string {
  const t = report.totals;
  return `Postfix report ${hostLabel(report.hosts, fallbackHost)}: ${dayLabel(report, day)} — ${count(t.delivered)} delivered, ${count(t.rejected)} rejected, ${count(t.bounced)} bounced`;
}

/** A file name from the subject's parts: letters, digits, dot, dash and underscore only. */
export function fileStem(report: Report, fallbackHost: string, day?: string): string {
  const host = report.hosts.length === 1 ? report.hosts[0]! : report.hosts.length === 0 ? fallbackHost : 'cluster';
  return `postsumm-${host}-${dayLabel(report, day).replace(/ to /, '_')}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/** Who gets the mail and what it carries. */
export interface Envelope {
  from: string;
  to: string[];
  /** the host name for the subject when the log names none (the machine's) */
  fallbackHost: string;
  /** the day asked for, for the subject when the log had no line of it */
  day?: string;
}

/** The report mail: subject from the figures, text and HTML alternatives, full text and JSON attached when given. */
export function buildMessage(rendered: RenderedReport, envelope: Envelope): ReportMessage {
  const { report } = rendered;
  const subject = subjectOf(report, envelope.fallbackHost, envelope.day);
  const stem = fileStem(report, envelope.fallbackHost, envelope.day);
  const attachments: ReportMessage['attachments'] = [];
  if (rendered.json !== undefined) attachments.push({ filename: `${stem}.json`, content: rendered.json, contentType: 'application/json' });
  if (rendered.full !== undefined) attachments.push({ filename: `${stem}.txt`, content: rendered.full, contentType: 'text/plain; charset=utf-8' });
  return {
    from: envelope.from,
    to: [...envelope.to],
    subject,
    text: rendered.text,
    html: rendered.html,
    // RFC 3834: a report, so vacation responders and the like do not answer it
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments,
  };
}
