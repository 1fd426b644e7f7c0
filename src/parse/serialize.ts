// A LogRecord as one flat JSON object (the `postsumm events` NDJSON line): header fields, then the event's.

import type { LogRecord } from './events.js';
import { isoTime } from './year.js';

// What JSON.stringify leaves raw that a terminal may act on: DEL and the C1 controls (U+009B is CSI), the line and
// paragraph separators, and the bidirectional marks, overrides and isolates (a line that reads as something it is
// not). Written as \u escapes, the same JSON value; JSON.stringify escapes C0 (ESC too) itself.
const TERMINAL_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `{"kind":…,"time":"2026-11-25T20:08:38.291+01:00","host":…,"instance":…,"service":…,"daemon":…,"pid":…,"queueId":…,…fields}` */
export function recordToJson(r: LogRecord): string {
  const { kind, ...fields } = r.event;
  const json = JSON.stringify({
    kind,
    time: isoTime(r.time, r.offset),
    host: r.host,
    instance: r.instance,
    service: r.service,
    daemon: r.daemon,
    pid: r.pid,
    queueId: r.queueId,
    ...fields,
  });
  return terminalSafe(json);
}

/**
 * JSON text with what a terminal may act on written as `\u` escapes (the same JSON value): for every NDJSON line
 * postsumm prints (events, live mode), which people read in a terminal as often as they pipe them on.
 */
export function terminalSafe(json: string): string {
  // a search first: nearly every line has none, and replace() with a callback costs on the hot path
  TERMINAL_UNSAFE.lastIndex = 0;
  return TERMINAL_UNSAFE.test(json) ? json.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
