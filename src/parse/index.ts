// One line → one record: header, then one dispatch on the daemon, then the generic parser, else unrecognized.

import { parseAnvil } from './anvil.js';
import { parseBounce } from './bounce.js';
import { parseCleanup } from './cleanup.js';
import { splitQueueId } from './common.js';
import { parseDelivery } from './delivery.js';
import { parseDiagnostic } from './diagnostic.js';
import { parseDnsblog } from './dnsblog.js';
import type { DaemonParser, LogRecord, PostfixEvent } from './events.js';
import { parseHeader, splitTag } from './header.js';
import { parseMaster } from './master.js';
import { parsePickup } from './pickup.js';
import { parsePostfixScript } from './postfix-script.js';
import { parsePostscreen } from './postscreen.js';
import { parsePostsuper } from './postsuper.js';
import { parseQmgr } from './qmgr.js';
import { parseScache } from './scache.js';
import { parseSendmail } from './sendmail.js';
import { parseSmtp } from './smtp.js';
import { parseSmtpd } from './smtpd.js';
import { parseTlsproxy } from './tlsproxy.js';
import { parseTrivialRewrite } from './trivial-rewrite.js';
import { parseVerify } from './verify.js';
import type { StampClock } from './year.js';

/** The parser for each daemon name (the last segment of the syslog tag). */
const PARSERS: Record<string, DaemonParser> = Object.assign(Object.create(null) as Record<string, DaemonParser>, {
  smtpd: parseSmtpd,
  postscreen: parsePostscreen,
  dnsblog: parseDnsblog,
  tlsproxy: parseTlsproxy,
  cleanup: parseCleanup,
  pickup: parsePickup,
  qmgr: parseQmgr,
  nqmgr: parseQmgr, // the queue manager's name in Postfix 2.0–2.x
  postsuper: parsePostsuper,
  bounce: parseBounce,
  defer: parseBounce,
  trace: parseBounce,
  smtp: parseSmtp,
  lmtp: parseSmtp,
  local: parseDelivery,
  virtual: parseDelivery,
  pipe: parseDelivery,
  error: parseDelivery,
  retry: parseDelivery,
  discard: parseDelivery,
  master: parseMaster,
  'postfix-script': parsePostfixScript,
  anvil: parseAnvil,
  scache: parseScache,
  verify: parseVerify,
  sendmail: parseSendmail,
  postdrop: parseSendmail,
  postqueue: parseSendmail,
  'trivial-rewrite': parseTrivialRewrite,
});

/** True when a daemon name has a parser of its own. */
export function isKnownDaemon(daemon: string): boolean {
  return PARSERS[daemon] !== undefined;
}

/**
 * Parses the message of one line of `daemon` into an event; never throws. This is the pure core that tests
 * drive with message-only lines: `parseMessage('smtpd', 'connect from x[1.2.3.4]')`.
 */
export function parseMessage(daemon: string, message: string): { queueId: string | null; event: PostfixEvent } {
  const { queueId, rest } = splitQueueId(message);
  const parser = PARSERS[daemon];
  let event = parser === undefined ? null : parser(rest, queueId);
  if (event === null) event = parseDiagnostic(rest, queueId);
  if (event === null) event = { kind: 'unrecognized', text: message };
  return { queueId, event };
}

/** What a line is when it is not a Postfix record. */
export type NotARecord = 'foreign' | 'malformed';

/** Options of line parsing. */
export interface LineOptions {
  /** only instances whose first tag segment is this are read (pflogsumm's --syslog-name); others are foreign */
  syslogName?: string;
}

const offsetOut = [0];

/**
 * Parses one whole line: a LogRecord for a Postfix line, `'foreign'` for another program's line (or another
 * instance than --syslog-name), `'malformed'` for a line without a usable header.
 */
export function parseLine(line: string, clock: StampClock, options: LineOptions = {}): LogRecord | NotARecord {
  const header = parseHeader(line);
  if (header === null) return 'malformed';
  const tag = splitTag(header.tag);
  if (!isPostfixTag(tag.instance, tag.daemon, header.tag, options.syslogName)) return 'foreign';
  const time = clock.epochOf(header.stamp, offsetOut);
  const { queueId, event } = parseMessage(tag.daemon, header.message);
  return {
    time,
    offset: offsetOut[0]!,
    host: header.host,
    instance: tag.instance,
    service: tag.service,
    daemon: tag.daemon,
    pid: header.pid,
    queueId,
    event,
  };
}

/**
 * Is this a Postfix tag? With --syslog-name, exactly that instance. Otherwise an instance named `postfix…`
 * (postfix, postfix-out, postfix-10.20.30.40), or any `instance/…/daemon` whose daemon is a Postfix daemon
 * (a syslog_name that does not start with postfix).
 */
function isPostfixTag(instance: string, daemon: string, tag: string, syslogName: string | undefined): boolean {
  if (syslogName !== undefined) return instance === syslogName;
  if (instance.startsWith('postfix')) return true;
  return tag.indexOf('/') > 0 && PARSERS[daemon] !== undefined;
}
