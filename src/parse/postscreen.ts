// postscreen(8) lines: connections, cache and list verdicts, the tests it runs and what clients failed, its rejects.
// Formats from src/postscreen/*.c; postscreen writes clients as `[ip]:port`, so every Peer here has name ''.

import { envelopeStart, parseEnvelope, parsePeerAt, parseReply } from './common.js';
import { toDiagnostic, type CategoryRule } from './diagnostic.js';
import type { Envelope, Peer, PostfixEvent, PostscreenCommand, PostscreenListed, PostscreenReject } from './events.js';
import { decimal, int, uint } from './plain-number.js';
import { parseCacheCleanup } from './verify.js';

/** postscreen's own warning texts, tried before the generic rules. */
const RULES: readonly CategoryRule[] = [
  // postscreen_dict.c: `psc_cache_lookup: btree:/var/lib/postfix/postscreen_cache lookup average delay is 120 ms`
  { has: 'average delay is', category: 'database' },
];

/**
 * Parses the message of a postscreen line (after its queue ID, if any); null when it is none postscreen logs
 * at its default verbosity. One switch on the first character, then startsWith: no regex anywhere.
 */
export function parsePostscreen(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  switch (rest.charCodeAt(0)) {
    case 67 /* C */:
      // lab: `CONNECT from [127.0.0.69]:44089 to [127.0.0.1]:25`
      if (rest.startsWith('CONNECT from [')) return connect(rest);
      // postfix-grok-patterns: `COMMAND TIME LIMIT from [182.246.250.243]:51799 after CONNECT`
      if (rest.startsWith('COMMAND ')) return command(rest);
      return null;
    case 80 /* P */:
      // lab: `PASS OLD [127.0.0.69]:56045`, `PASS NEW [127.0.0.69]:44089`
      if (rest.startsWith('PASS OLD [')) return pass(rest, 'OLD');
      if (rest.startsWith('PASS NEW [')) return pass(rest, 'NEW');
      if (rest.startsWith('PREGREET ')) return pregreet(rest);
      return null;
    case 65 /* A */:
      // lab: `ALLOWLISTED [127.0.0.3]:41347`; postfix-grok-patterns: `ALLOWLIST VETO [61.238.241.86]:53024`
      if (rest.startsWith('ALLOWLISTED [')) return listed(rest, 'ALLOWLISTED');
      if (rest.startsWith('ALLOWLIST VETO [')) return listed(rest, 'ALLOWLIST VETO');
      return null;
    case 87 /* W */:
      // modoboa: `WHITELISTED [127.0.0.1]:53903`; postfix-grok-patterns: `WHITELIST VETO [61.238.241.86]:53024`
      if (rest.startsWith('WHITELISTED [')) return listed(rest, 'WHITELISTED');
      if (rest.startsWith('WHITELIST VETO [')) return listed(rest, 'WHITELIST VETO');
      return null;
    case 68 /* D */:
      // lab: `DENYLISTED [127.0.0.61]:47647`, `DISCONNECT [127.0.0.50]:37711`, `DNSBL rank 2 for [127.0.0.50]:37711`
      if (rest.startsWith('DENYLISTED [')) return listed(rest, 'DENYLISTED');
      if (rest.startsWith('DISCONNECT [')) return disconnect(rest);
      if (rest.startsWith('DNSBL rank ')) return dnsbl(rest);
      // postscreen_smtpd.c: `DATA without valid RCPT from [192.0.2.1]:5678`
      if (rest.startsWith('DATA without valid RCPT from [')) return command(rest);
      return null;
    case 66 /* B */:
      // postfix_exporter: `BLACKLISTED [1.2.3.5]:5678`
      if (rest.startsWith('BLACKLISTED [')) return listed(rest, 'BLACKLISTED');
      // postfix-grok-patterns: `BARE NEWLINE from [88.208.233.4]:42606 after .`
      if (rest.startsWith('BARE NEWLINE from [')) return command(rest);
      if (rest.startsWith('BDAT without valid RCPT from [')) return command(rest);
      return null;
    case 72 /* H */:
      if (rest.startsWith('HANGUP after ')) return hangup(rest);
      return null;
    case 78 /* N */:
      // postfix-grok-patterns: `NON-SMTP COMMAND from [93.174.93.51]:45284 after CONNECT: GET http://ipv4scan.com/hello/check.txt HTTP/1.1`
      if (rest.startsWith('NON-SMTP COMMAND from [')) return command(rest);
      return null;
    case 114 /* r */:
      if (rest.startsWith('reject: ')) return reject(rest);
      return null;
    case 99 /* c */:
      // lab: `cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=0 dropped=0 entries`
      return parseCacheCleanup(rest);
    default:
      // postfix-grok-patterns: `warning: getpeername: Transport endpoint is not connected -- dropping this connection`
      return toDiagnostic(rest, RULES);
  }
}

/** `[ip]:port` at `start` running to the end of the line; null otherwise. */
function peerToEnd(s: string, start: number): Peer | null {
  const r = parsePeerAt(s, start);
  return r !== null && r.end === s.length && r.peer.name === '' ? r.peer : null;
}

// lab: `CONNECT from [127.0.0.69]:44089 to [127.0.0.1]:25`
function connect(s: string): PostfixEvent | null {
  const c = parsePeerAt(s, 13);
  if (c === null || c.peer.name !== '' || !s.startsWith(' to [', c.end)) return null;
  const server = peerToEnd(s, c.end + 4);
  return server === null ? null : { kind: 'postscreen-connect', client: c.peer, server };
}

// lab: `PASS OLD [127.0.0.69]:56045`
function pass(s: string, status: 'NEW' | 'OLD'): PostfixEvent | null {
  const client = peerToEnd(s, 9);
  return client === null ? null : { kind: 'postscreen-pass', client, status };
}

// lab: `ALLOWLISTED [127.0.0.3]:41347`
function listed(s: string, list: PostscreenListed['list']): PostfixEvent | null {
  const client = peerToEnd(s, list.length + 1);
  return client === null ? null : { kind: 'postscreen-listed', list, client };
}

// lab: `DISCONNECT [127.0.0.50]:37711`
function disconnect(s: string): PostfixEvent | null {
  const client = peerToEnd(s, 11);
  return client === null ? null : { kind: 'postscreen-disconnect', client };
}

// lab: `DNSBL rank 2 for [127.0.0.50]:37711` (the rank is a sum of weights; negative weights exist)
function dnsbl(s: string): PostfixEvent | null {
  const sp = s.indexOf(' for [', 11);
  if (sp < 0) return null;
  const rank = int(s.slice(11, sp));
  const client = peerToEnd(s, sp + 5);
  return rank === null || client === null ? null : { kind: 'postscreen-dnsbl', client, rank };
}

/**
 * `after T from [ip]:port` starting at `start` (T as format_tv writes it: `0`, `0.04`, `63`): the seconds, the
 * client and the index just past it; null when the text differs.
 */
function afterFrom(s: string, start: number): { after: number; client: Peer; end: number } | null {
  const sp = s.indexOf(' from [', start);
  if (sp < 0 || sp - start > 24) return null;
  const after = decimal(s.slice(start, sp));
  const r = parsePeerAt(s, sp + 6);
  if (after === null || r === null || r.peer.name !== '') return null;
  return { after, client: r.peer, end: r.end };
}

// lab: `PREGREET 25 after 0 from [127.0.0.52]:52421: EHLO bot.botnet.example\r\n`
// crowdsec-hub: `PREGREET 47 after 0 from [172.16.1.1]:62873: \003\000\000/*\340\000…Cookie: mstshash=Administr\r\n\001\000…`
// The data is what the client sent before the greeting, C-escaped and cut at 100 characters by postscreen.
function pregreet(s: string): PostfixEvent | null {
  const sp = s.indexOf(' after ', 9);
  if (sp < 0) return null;
  const bytes = uint(s.slice(9, sp));
  const a = afterFrom(s, sp + 7);
  if (bytes === null || a === null) return null;
  let data: string;
  if (a.end === s.length) data = '';
  else if (s.startsWith(': ', a.end)) data = s.slice(a.end + 2);
  else return null;
  return { kind: 'postscreen-pregreet', client: a.client, bytes, after: a.after, data };
}

// postfix-grok-patterns: `HANGUP after 63 from [111.73.45.149]:1038 in tests after SMTP handshake`
// The stage is postscreen's test phase as logged: `tests before SMTP handshake` or `tests after SMTP handshake`.
function hangup(s: string): PostfixEvent | null {
  const a = afterFrom(s, 13);
  if (a === null || !s.startsWith(' in ', a.end)) return null;
  return { kind: 'postscreen-hangup', client: a.client, after: a.after, stage: s.slice(a.end + 4) };
}

/**
 * The protocol tests after the greeting, one shape: `TEST from [ip]:port[ after WHERE[: DATA]]`.
 * - postfix-grok-patterns: `COMMAND TIME LIMIT from [182.246.250.243]:51799 after CONNECT` (also COUNT, LENGTH)
 * - postfix-grok-patterns: `COMMAND PIPELINING from [88.208.233.4]:42606 after .: \n` — after the command, the
 *   data the client sent ahead (`after : \r\n` when the command was empty)
 * - postfix-grok-patterns: `NON-SMTP COMMAND from [93.174.93.51]:45284 after CONNECT: GET http://… HTTP/1.1`
 * - postfix-grok-patterns: `BARE NEWLINE from [88.208.233.4]:42606 after .` — `after` is the text of the line so
 *   far (postscreen logs no command name here), data ''
 * - postscreen_smtpd.c: `DATA without valid RCPT from [ip]:port`, `BDAT …` — after null, data ''
 */
function command(s: string): PostscreenCommand | null {
  const from = s.indexOf(' from [');
  if (from < 0) return null;
  const r = parsePeerAt(s, from + 6);
  if (r === null || r.peer.name !== '') return null;
  const test = s.slice(0, from);
  let after: string | null = null;
  let data = '';
  if (r.end !== s.length) {
    if (!s.startsWith(' after ', r.end)) return null;
    const at = r.end + 7;
    // only these two log a payload after `: `; the others' `after` text may itself hold `: `
    const colon = test === 'COMMAND PIPELINING' || test === 'NON-SMTP COMMAND' ? s.indexOf(': ', at) : -1;
    if (colon < 0) after = s.slice(at);
    else {
      after = s.slice(at, colon);
      data = s.slice(colon + 2);
    }
  }
  return { kind: 'postscreen-command', test, client: r.peer, after, data };
}

/** The empty envelope of rejects that log none (CONNECT-time refusals). */
function noEnvelope(): Envelope {
  return { from: null, to: null, proto: null, helo: null };
}

/**
 * `reject: STAGE from [ip]:port: TEXT[; from=<a>, to=<b>, proto=ESMTP, helo=<h>]` (after `NOQUEUE: `):
 * - lab: `reject: RCPT from [127.0.0.50]:37711: 550 5.7.1 Service unavailable; client [127.0.0.50] blocked using
 *   bl.lab.test; from=<deals@spammer.example>, to=<alice@lab.example>, proto=ESMTP, helo=<mail.spammer.example>`
 * - postfix-grok-patterns: `reject: CONNECT from [1.2.3.4]:1337: too many connections` (reply without a code)
 * - postscreen.c (no NOQUEUE: prefix, lower case): `reject: connect from [ip]:port: all screening ports busy`;
 *   the stage is upper-cased so it groups with the others.
 */
function reject(s: string): PostscreenReject | null {
  const from = s.indexOf(' from [', 8);
  if (from < 0 || from - 8 > 16) return null;
  let stage = s.slice(8, from);
  if (stage === 'connect') stage = 'CONNECT';
  const r = parsePeerAt(s, from + 6);
  if (r === null || r.peer.name !== '' || !s.startsWith(': ', r.end)) return null;
  const body = s.slice(r.end + 2);
  const env = envelopeStart(body);
  if (env < 0) return { kind: 'postscreen-reject', stage, client: r.peer, reply: parseReply(body), envelope: noEnvelope() };
  return {
    kind: 'postscreen-reject',
    stage,
    client: r.peer,
    reply: parseReply(body.slice(0, env)),
    envelope: parseEnvelope(body.slice(env + 2)),
  };
}
