// Delivery-agent lines (local, virtual, pipe, error, retry, discard) and the `to=<…>, …, status=… (…)` record
// that every agent, qmgr and cleanup log through Postfix's log_adhoc(): the most frequent line of every log.

import { parseDelays, parsePeer, toNumber } from './common.js';
import { fillDeliveryDetail, isNetworkPeer } from './delivery-detail.js';
import type { DeliveryStatus, Peer, PostfixEvent } from './events.js';

/**
 * Parses the message of a local/virtual/pipe/error/retry/discard line (after its queue ID, if any): the
 * delivery record, else null (their `warning:` lines go to the generic parser).
 */
export function parseDelivery(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  return parseDeliveryStatus(rest);
}

/**
 * Parses the delivery record of src/global/log_adhoc.c in one left-to-right scan of its `key=value, ` list:
 * `to=<a@b>, orig_to=<c@d>, relay=mx[1.2.3.4]:25, conn_use=2, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X)`.
 * Also Postfix < 2.3 (`to=<a>, relay=mx[ip], delay=9, status=sent (…)`: no delays, no dsn) and the optional
 * `tls=` field of Postfix ≥ 3.10. Null when `rest` is not one.
 */
export function parseDeliveryStatus(rest: string): DeliveryStatus | null {
  // the recipient always comes first; `to=<>` is possible (an empty address)
  if (!rest.startsWith('to=')) return null;
  let close: number;
  let to: string;
  let i: number;
  if (rest.charCodeAt(3) === 60 /* < */) {
    close = closingBracket(rest, 4);
    if (close < 0) return null;
    to = rest.slice(4, close);
    i = close + 3; // past '>, '
  } else {
    // `to=user@hostname.example.com, orig_to=root@localhost, relay=local, …` (postfix-grok-patterns
    // local_0001): no brackets, the address runs to the first `, `
    close = rest.indexOf(', ', 3);
    if (close <= 3) return null;
    to = rest.slice(3, close);
    i = close + 2;
  }
  let origTo: string | null = null;
  let relay: string | null = null;
  let connUse: number | null = null;
  let delay: number | null = null;
  let delays: DeliveryStatus['delays'] = null;
  let dsn: string | null = null;
  let tls: string | null = null;
  for (;;) {
    if (rest.startsWith('status=', i)) break;
    const eq = rest.indexOf('=', i);
    if (eq < 0) return null;
    if (rest.charCodeAt(eq + 1) === 60 /* < */) {
      // orig_to=<…> (the only bracketed field after to=)
      close = closingBracket(rest, eq + 2);
      if (close < 0) return null;
      if (eq - i === 7 && rest.startsWith('orig_to', i)) origTo = rest.slice(eq + 2, close);
      i = close + 3;
      continue;
    }
    const end = rest.indexOf(', ', eq + 1);
    if (end < 0) return null;
    // keys compared in place: no string per key
    switch (eq - i) {
      case 7:
        // a bracketless orig_to, as in the bracketless to= above
        if (rest.startsWith('orig_to', i)) origTo = rest.slice(eq + 1, end);
        break;
      case 5:
        if (rest.startsWith('relay', i)) relay = rest.slice(eq + 1, end);
        else if (rest.startsWith('delay', i)) delay = toNumber(rest.slice(eq + 1, end));
        break;
      case 6:
        if (rest.startsWith('delays', i)) delays = parseDelays(rest.slice(eq + 1, end));
        break;
      case 3:
        if (rest.startsWith('dsn', i)) dsn = rest.slice(eq + 1, end);
        else if (rest.startsWith('tls', i)) tls = rest.slice(eq + 1, end);
        break;
      case 8:
        if (rest.startsWith('conn_use', i)) connUse = toNumber(rest.slice(eq + 1, end));
        break;
      // else a field of a later Postfix: skipped
    }
    i = end + 2;
  }
  if (relay === null) return null;
  // `status=sent (detail)`: the detail runs to the end of the line (it may itself hold parentheses)
  const vs = i + 7;
  let sp = rest.indexOf(' ', vs);
  if (sp < 0) sp = rest.length;
  if (sp === vs || !isStatusWord(rest, vs, sp)) return null;
  const status = rest.slice(vs, sp);
  let detail = '';
  if (sp < rest.length) {
    // ` (detail)`; a line cut off before its `)` keeps what is there
    if (rest.charCodeAt(sp + 1) !== 40 /* ( */) return null;
    const endsInParen = rest.charCodeAt(rest.length - 1) === 41 /* ) */;
    detail = rest.slice(sp + 2, endsInParen ? rest.length - 1 : rest.length);
  }
  const e: DeliveryStatus = {
    kind: 'delivery-status',
    to,
    origTo,
    relay,
    relayPeer: relayPeer(relay),
    connUse,
    delay,
    delays,
    dsn,
    status,
    detail,
    reply: null,
    remote: null,
    inReplyTo: null,
    queuedAs: null,
    forwardedAs: null,
    tls,
  };
  if (detail.length > 0) fillDeliveryDetail(e, detail);
  return e;
}

/**
 * Index of the `>` that closes an address opened just before `from`: the first `>, ` followed by a lower-case
 * key (an address may itself hold `>` or `, ` inside quotes), or -1.
 */
function closingBracket(s: string, from: number): number {
  let at = s.indexOf('>, ', from);
  while (at >= 0) {
    const c = s.charCodeAt(at + 3);
    if (c >= 97 && c <= 122) return at;
    at = s.indexOf('>, ', at + 1);
  }
  return -1;
}

/** Postfix's status words are lower-case letters and `-` (`sent`, `undeliverable-but-not-cached`). */
function isStatusWord(s: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = s.charCodeAt(j);
    if (!((c >= 97 && c <= 122) || c === 45)) return false;
  }
  return true;
}

/**
 * The relay as a peer when it is `name[ip]` or `name[ip]:port`. Not for `none`, `local`, a pipe transport
 * (`dovecot`), nor an LMTP unix socket (`mail.example[/var/run/dovecot/lmtp]`: a path is no IP address).
 */
function relayPeer(relay: string): Peer | null {
  const c = relay.charCodeAt(relay.length - 1);
  // ends in ']' or a port digit, else it cannot be a peer
  if (c !== 93 && (c < 48 || c > 57)) return null;
  const peer = parsePeer(relay);
  return peer !== null && isNetworkPeer(peer) ? peer : null;
}
