// A LogRecord as one flat JSON object (the `postsumm events` NDJSON line): header fields, then the event's.

import type { LogRecord } from './events.js';
import { isoTime } from './year.js';

/** `{"kind":…,"time":"2026-11-25T20:08:38.291+01:00","host":…,"instance":…,"service":…,"daemon":…,"pid":…,"queueId":…,…fields}` */
export function recordToJson(r: LogRecord): string {
  const { kind, ...fields } = r.event;
  return JSON.stringify({
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
}
