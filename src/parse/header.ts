// The syslog header: stamp, host, tag and pid, in every shape Postfix logs come in.
// Pure: a line in, its parts out (or null when it has no usable header). The year is supplied later (year.ts).

import { newStamp, parseStamp, RFC3339, type Stamp } from './timestamp.js';

/** A line's header, taken apart. */
export interface RawHeader {
  stamp: Stamp;
  host: string;
  /** the syslog tag without pid: `postfix/submission/smtpd`, `dovecot`, `postfix` */
  tag: string;
  pid: number | null;
  /** the message after `tag[pid]: ` */
  message: string;
}

/**
 * Parses the header of one line in any of the supported shapes:
 * `Nov  5 06:25:01 mx1 postfix/smtpd[123]: …` (classic, also `Nov 05`, fractions),
 * `2026-11-25T06:25:01.123456+01:00 mx1 postfix/smtpd[123]: …` (RFC 3339, journalctl short-iso),
 * `2013 Jun 10 06:27:30.123 mx1 postfix/smtp[7882]: …` (year first), `Tue 2026-11-25 06:25:01 CET mx1 …` (short-full),
 * `<22>Nov  5 06:25:01 …` (with priority), `<22>1 2026-11-25T06:25:01.123Z mx1 postfix/smtpd 123 - - …` (RFC 5424),
 * and journalctl's JSON export, one object a line.
 */
export function parseHeader(line: string): RawHeader | null {
  const c = line.charCodeAt(0);
  if (c === 123 /* { */) return parseJournalJson(line);
  let start = 0;
  if (c === 60 /* < */) {
    // `<PRI>`: up to three digits
    const close = line.indexOf('>');
    if (close < 2 || close > 4) return null;
    start = close + 1;
    if (line.charCodeAt(start) === 49 /* 1 */ && line.charCodeAt(start + 1) === 32) return parseRfc5424(line, start + 2);
  }
  const stamp = newStamp();
  const end = parseStamp(line, start, stamp);
  if (end < 0 || line.charCodeAt(end) !== 32) return null;
  // a shipper's stamp in front of the syslog line (`docker logs -t`, `kubectl logs --timestamps`):
  // `2021-03-08T07:21:23.496826493Z Mar  8 07:21:23 mail postfix/anvil[2990]: …` keeps the outer, fuller stamp
  const c1 = line.charCodeAt(end + 1);
  if (stamp.year !== 0 && c1 >= 65 && c1 <= 90) {
    const inner = parseStamp(line, end + 1, newStamp());
    if (inner >= 0 && line.charCodeAt(inner) === 32) return parseHostTag(line, inner + 1, stamp);
  }
  return parseHostTag(line, end + 1, stamp);
}

/** Reads `host tag[pid]: message` (the colon after `]` is optional: some sites log without it). */
function parseHostTag(line: string, i: number, stamp: Stamp): RawHeader | null {
  const hostEnd = line.indexOf(' ', i);
  if (hostEnd <= i) return null;
  const host = line.slice(i, hostEnd);
  const tagStart = hostEnd + 1;
  // the tag ends at '[' (pid follows) or at ':' (no pid)
  let j = tagStart;
  const n = line.length;
  while (j < n) {
    const ch = line.charCodeAt(j);
    if (ch === 91 /* [ */ || ch === 58 /* : */ || ch === 32) break;
    j++;
  }
  if (j === tagStart || j >= n) return null;
  const tag = line.slice(tagStart, j);
  let pid: number | null = null;
  if (line.charCodeAt(j) === 91) {
    let k = j + 1;
    let v = 0;
    while (k < n) {
      const d = line.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      k++;
    }
    if (k === j + 1 || line.charCodeAt(k) !== 93 /* ] */) return null;
    pid = v;
    j = k + 1;
  } else if (line.charCodeAt(j) === 32) {
    return null;
  }
  if (line.charCodeAt(j) === 58) j++;
  if (line.charCodeAt(j) === 32) j++;
  else if (j < n) return null;
  return { stamp, host, tag, pid, message: line.slice(j) };
}

/** RFC 5424 after `<PRI>1 `: `2026-11-25T06:25:01.123Z mx1 postfix/smtpd 123 - - message`. */
function parseRfc5424(line: string, i: number): RawHeader | null {
  const stamp = newStamp();
  const end = RFC3339.parse(line, i, stamp);
  if (end < 0 || line.charCodeAt(end) !== 32) return null;
  const fields: string[] = [];
  let j = end + 1;
  // HOSTNAME APP-NAME PROCID MSGID
  for (let f = 0; f < 4; f++) {
    const sp = line.indexOf(' ', j);
    if (sp < 0) return null;
    fields.push(line.slice(j, sp));
    j = sp + 1;
  }
  // STRUCTURED-DATA: `-` or one or more `[…]` elements (a `]` inside a value is escaped as `\]`)
  if (line.charCodeAt(j) === 45 /* - */) j += 1;
  else {
    while (line.charCodeAt(j) === 91) {
      let k = j + 1;
      while (k < line.length && !(line.charCodeAt(k) === 93 && line.charCodeAt(k - 1) !== 92)) k++;
      j = k + 1;
    }
  }
  if (line.charCodeAt(j) === 32) j++;
  let message = line.slice(j);
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1); // BOM before a UTF-8 MSG
  const [host, app, procid] = fields as [string, string, string, string];
  if (host === '-' || app === '-') return null;
  const pid = /^\d+$/.test(procid) ? Number(procid) : null;
  return { stamp, host, tag: app, pid, message };
}

/** A day before the end of year 9999 UTC, so the stamp's local year has four digits in any zone, as in every other shape. */
const MAX_JOURNAL_MS = Date.UTC(10000, 0, 1) - 24 * 3600 * 1000;

/** `journalctl -o json`: `{"__REALTIME_TIMESTAMP":"…","_HOSTNAME":"mx1","SYSLOG_IDENTIFIER":"postfix/smtpd","_PID":"123","MESSAGE":"…"}` */
function parseJournalJson(line: string): RawHeader | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const r = o as Record<string, unknown>;
  const tag = r.SYSLOG_IDENTIFIER;
  const usec = r.__REALTIME_TIMESTAMP;
  if (typeof tag !== 'string' || typeof usec !== 'string' || !/^\d+$/.test(usec)) return null;
  let message = r.MESSAGE;
  // journald exports a message that is not valid UTF-8 as an array of byte values
  if (Array.isArray(message)) message = Buffer.from(message.filter((b) => typeof b === 'number') as number[]).toString('utf8');
  if (typeof message !== 'string') return null;
  const pidText = typeof r.SYSLOG_PID === 'string' ? r.SYSLOG_PID : r._PID;
  const pid = typeof pidText === 'string' && /^\d+$/.test(pidText) ? Number(pidText) : null;
  const host = typeof r._HOSTNAME === 'string' ? r._HOSTNAME : '-';
  const ms = Math.floor(Number(usec) / 1000);
  // years 1970 to 9999, as the other stamp shapes read them: a larger number (a damaged line) made an Invalid Date,
  // NaN fields, and a RangeError when the report wrote its period
  if (!(ms < MAX_JOURNAL_MS)) return null;
  const d = new Date(ms);
  // journald stamps are UTC instants; show them in the local zone like the other journalctl outputs
  const stamp: Stamp = {
    year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(),
    minute: d.getMinutes(), second: d.getSeconds(), millis: d.getMilliseconds(), offset: -d.getTimezoneOffset() || 0,
  };
  return { stamp, host, tag, pid, message };
}

/** A syslog tag split: `postfix/submission/smtpd` → instance postfix, service submission, daemon smtpd. */
export interface TagParts {
  instance: string;
  service: string;
  daemon: string;
}

/** Tags seen, split: a log has a few dozen distinct tags, so each is split once (bounded for hostile input). */
const TAG_CACHE = new Map<string, TagParts>();
const TAG_CACHE_MAX = 1000;
/** Longer tags are split each time, not kept: a thousand tags of 64 KiB each would hold 64 MB for nothing. */
const TAG_CACHED_CHARS = 128;

/** Splits a tag on `/`: the instance is the first segment, the daemon the last, the service what is between. */
export function splitTag(tag: string): TagParts {
  if (tag.length > TAG_CACHED_CHARS) return splitTagOnce(tag);
  let parts = TAG_CACHE.get(tag);
  if (parts === undefined) {
    if (TAG_CACHE.size >= TAG_CACHE_MAX) TAG_CACHE.clear();
    parts = splitTagOnce(tag);
    TAG_CACHE.set(tag, parts);
  }
  return parts;
}

function splitTagOnce(tag: string): TagParts {
  let t = tag;
  if (t.charCodeAt(0) === 47 /* / */) t = t.slice(1); // `/postfix-script` as one site logs it
  const first = t.indexOf('/');
  if (first < 0) return { instance: t, service: '', daemon: t };
  const last = t.lastIndexOf('/');
  return {
    instance: t.slice(0, first),
    service: first === last ? '' : t.slice(first + 1, last),
    daemon: t.slice(last + 1),
  };
}
