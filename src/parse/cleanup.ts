// cleanup: the Message-ID of each new message, header/body_checks actions, milter verdicts, and the
// delivery records cleanup writes itself when it bounces mail submitted with sendmail(1).

import { envelopeStart, parseEnvelope, parsePeer, parsePeerAt, parseReply } from './common.js';
import { parseDeliveryStatus } from './delivery.js';
import type { CleanupCheck, Envelope, Peer, PostfixEvent, Reply } from './events.js';

/** Parses the message of a cleanup line (after its queue ID, if any); null when it is not a cleanup line it knows. */
export function parseCleanup(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  const c = rest.charCodeAt(0);
  if (c === 109 /* m */) {
    // `ABC77160389: message-id=<lab.00001.submission-out@traffic.lab.example>`, kept as logged: it may be
    // empty, `<>`, bracketless (`message-id=2021-01-25 10:00:05.006274`) or kilobytes of base64
    if (rest.startsWith('message-id=')) return { kind: 'cleanup-message-id', messageId: rest.slice(11), resent: false };
    if (rest.startsWith('milter-')) return parseMilter(rest);
    return null;
  }
  // `3mL1Hq0Tgvz7sWh: resent-message-id=<3mL1Hq0Tgvz7sWh@mx14.example.net>`
  if (c === 114 /* r */ && rest.startsWith('resent-message-id=')) {
    return { kind: 'cleanup-message-id', messageId: rest.slice(18), resent: true };
  }
  // `015BD160416: to=<bob@lab.example>, relay=none, delay=0, delays=0/0/0/0, dsn=5.7.1, status=bounced (Spam subject (viagra))`
  if (c === 116 /* t */) return parseDeliveryStatus(rest);
  const colon = rest.indexOf(': ');
  if (colon < 3 || colon > 8) return null;
  const action = CHECK_ACTIONS.get(rest.slice(0, colon));
  return action === undefined ? null : parseCheck(rest, action, colon + 2, null);
}

/** header/body_checks actions as cleanup_act_log() writes them (src/cleanup/cleanup_message.c). */
const CHECK_ACTIONS = new Map<string, CleanupCheck['action']>([
  ['reject', 'reject'], ['warning', 'warning'], ['info', 'info'], ['hold', 'hold'], ['discard', 'discard'],
  ['redirect', 'redirect'], ['replace', 'replace'], ['prepend', 'prepend'], ['filter', 'filter'],
  ['bcc', 'bcc'], ['pass', 'pass'], ['delay', 'delay'], ['strip', 'strip'],
]);
/**
 * The `where` of a check (cleanup_message.c): `header` (for all of header_checks, mime_header_checks and
 * nested_header_checks), `body`, and `content` for message_reject_characters. `mime-header` and `nested-header`
 * are what the event's doc names; Postfix does not log them, but they are read if a release ever does.
 */
const PARTS = new Set(['header', 'body', 'content', 'mime-header', 'nested-header']);

/**
 * `reject: header Subject: Cheap viagra pills from mail68.senders.example[127.0.0.68]; from=<k.tanaka@senders.example> to=<alice@lab.example> proto=ESMTP helo=<mail68.senders.example>: 5.7.1 Spam subject (viagra)`
 * `reject: header Subject: Cheap viagra pills (forwarded joke) from local; from=<alice@lab.example>: 5.7.1 Spam subject (viagra)`
 * Layout: `ACTION: PART CONTENT from ORIGIN;[ from=<a>][ to=<b>][ proto=P][ helo=<h>][: TEXT]`, where CONTENT is
 * cut at 200 bytes and ORIGIN is `name[ip]`, `local` (pickup) or `unknown`. `i` is where PART starts;
 * `partPrefix` is `milter-` for milter_header_checks lines.
 */
function parseCheck(rest: string, action: CleanupCheck['action'], i: number, partPrefix: string | null): CleanupCheck | null {
  const sp = rest.indexOf(' ', i);
  if (sp < 0) return null;
  const part = rest.slice(i, sp);
  if (!PARTS.has(part)) return null;
  const origin = findOrigin(rest, sp + 1);
  if (origin === null) return null;
  const envEnd = envelopeEnd(rest, origin.semi + 1);
  if (envEnd < 0) return null;
  const envelope = envEnd > origin.semi + 1 ? parseEnvelope(rest.slice(origin.semi + 2, envEnd)) : noEnvelope();
  let text = '';
  if (envEnd < rest.length) text = rest.slice(rest.startsWith(': ', envEnd) ? envEnd + 2 : envEnd + 1);
  return {
    kind: 'cleanup-check',
    action,
    part: partPrefix === null ? part : partPrefix + part,
    stage: null,
    content: rest.slice(sp + 1, origin.from),
    client: origin.client,
    envelope,
    reply: replyOf(action, text),
  };
}

/** The envelope of a line that logs none (a fresh object each time: events share nothing). */
function noEnvelope(): Envelope {
  return { from: null, to: null, proto: null, helo: null };
}

/**
 * Finds ` from ORIGIN;` after the content: the first ` from ` whose next word runs to a `;` and is a peer,
 * `local` or `unknown`, and whose `;` is followed by the envelope, `:` or the end. The content itself may hold
 * ` from ` and `;` (`Received: from smtpclient.apple (client.example.com [1.2.3.4])`, `Content-Type: a; name=x`).
 * Linear: each candidate's word ends at the first space or `;`.
 */
function findOrigin(s: string, start: number): { from: number; semi: number; client: Peer | null } | null {
  let p = s.indexOf(' from ', start - 1);
  while (p >= 0) {
    const w = p + 6;
    let j = w;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 59 /* ; */ || c === 32) break;
      j++;
    }
    if (j === s.length) return null;
    if (s.charCodeAt(j) === 59 && j > w && isEnvelopeNext(s, j + 1)) {
      const word = s.slice(w, j);
      if (word === 'local' || word === 'unknown') return { from: p, semi: j, client: null };
      const peer = parsePeer(word);
      if (peer !== null) return { from: p, semi: j, client: peer };
    }
    p = s.indexOf(' from ', p + 1);
  }
  return null;
}

/** True when the text at `i` is the end, `:` or ` from=`/` to=`/` proto=`/` helo=`. */
function isEnvelopeNext(s: string, i: number): boolean {
  if (i === s.length || s.charCodeAt(i) === 58) return true;
  return s.startsWith(' from=', i) || s.startsWith(' to=', i) || s.startsWith(' proto=', i) || s.startsWith(' helo=', i);
}

/**
 * Index where the envelope that starts at `i` ends (` from=<a> to=<b> proto=ESMTP helo=<h>`): at `:` before the
 * optional text, or the end of the line; -1 when the text there is not an envelope. A bracketed value ends at a
 * `>` followed by a space, `:` or the end.
 */
function envelopeEnd(s: string, i: number): number {
  for (;;) {
    if (i >= s.length || s.charCodeAt(i) === 58 /* : */) return i;
    if (s.charCodeAt(i) !== 32) return -1;
    const eq = s.indexOf('=', i + 1);
    if (eq < 0) return -1;
    const k = eq - i - 1;
    const known = k === 4 ? s.startsWith('from', i + 1) || s.startsWith('helo', i + 1)
      : k === 2 ? s.startsWith('to', i + 1) : k === 5 && s.startsWith('proto', i + 1);
    if (!known) return -1;
    if (s.charCodeAt(eq + 1) === 60 /* < */) {
      let close = s.indexOf('>', eq + 2);
      while (close >= 0) {
        const n = close + 1;
        if (n === s.length || s.charCodeAt(n) === 32 || s.charCodeAt(n) === 58) break;
        close = s.indexOf('>', n);
      }
      if (close < 0) return -1;
      i = close + 1;
    } else {
      let j = eq + 1;
      while (j < s.length && s.charCodeAt(j) !== 32 && s.charCodeAt(j) !== 58) j++;
      i = j;
    }
  }
}

/** The text after the envelope: an SMTP reply for rejects, free text for the other actions (null when none). */
function replyOf(action: CleanupCheck['action'], text: string): Reply | null {
  if (text.length === 0) return null;
  if (action === 'reject' || action === 'milter-reject') return parseReply(text);
  return { code: null, enhanced: null, text };
}

/** Milter verdict actions (src/cleanup/cleanup_milter.c, cleanup_milter_apply()). */
const MILTER_ACTIONS = new Map<string, CleanupCheck['action']>([
  ['milter-reject', 'milter-reject'], ['milter-hold', 'milter-hold'], ['milter-discard', 'milter-discard'],
]);
/** milter_header_checks actions (cleanup_milter_hbc_log()). */
const MILTER_HEADER_ACTIONS = new Map<string, CleanupCheck['action']>([
  ['milter-header-reject', 'reject'], ['milter-header-hold', 'hold'], ['milter-header-discard', 'discard'],
  ['milter-header-redirect', 'redirect'], ['milter-header-filter', 'filter'], ['milter-header-bcc', 'bcc'],
]);

/**
 * `milter-reject: END-OF-MESSAGE from unknown[99.88.77.66]: 4.7.1 Greylisting in action, try again later; from=<user2@example.com> to=<some.dest@destdomain.com> proto=ESMTP helo=<host.sender.domain>`
 * `milter-hold: END-OF-MESSAGE from srv05.source.com[10.11.12.13]: milter triggers HOLD action; from=<> to=<this_user@this.domain.com> proto=ESMTP helo=<this.domain.com>`
 * and milter_header_checks, read as checks with part `milter-header`:
 * `milter-header-redirect: header X-Spam-Status: Yes, score=39.3 required=5.0 tests=ADVANCE_FE from 061238241086.static.ctinets.com[61.238.241.86]; from=<wumt5@cchfdc.com> to=<voorzitter@example.com> proto=ESMTP helo=<ecsolved.com>: tom@example.com`
 */
function parseMilter(rest: string): CleanupCheck | null {
  const colon = rest.indexOf(': ');
  if (colon < 0 || colon > 24) return null;
  const word = rest.slice(0, colon);
  const headerAction = MILTER_HEADER_ACTIONS.get(word);
  if (headerAction !== undefined) return parseCheck(rest, headerAction, colon + 2, 'milter-');
  const action = MILTER_ACTIONS.get(word);
  if (action === undefined) return null;
  // `STAGE from name[addr]: TEXT; ENVELOPE`
  const sp = rest.indexOf(' from ', colon + 2);
  if (sp < 0) return null;
  const stage = rest.slice(colon + 2, sp);
  if (stage.length === 0 || stage.indexOf(' ') >= 0) return null;
  const p = parsePeerAt(rest, sp + 6);
  if (p === null || !rest.startsWith(': ', p.end)) return null;
  // the text may hold `;`: the envelope is the last `; from=` (or `; to=`, `; proto=`)
  const env = envelopeStart(rest);
  const textEnd = env > p.end ? env : rest.length;
  return {
    kind: 'cleanup-check',
    action,
    part: null,
    stage,
    content: '',
    client: p.peer,
    envelope: env > p.end ? parseEnvelope(rest.slice(env + 2)) : noEnvelope(),
    reply: replyOf(action, rest.slice(p.end + 2, textEnd)),
  };
}
