// Reasons shortened as pflogsumm shortens them (reference a.5), so that one cause is one row; whole with
// --verbose-msg-detail. Built on the parsed reply where there is one, which spares most of pflogsumm's guessing.

import type { DeliveryStatus, Peer, Reply } from '../parse/events.js';

/** pflogsumm's limit for deferral reasons (said_string_trimmer(…, 65)). */
export const DEFERRAL_REASON_MAX = 65;
/** pflogsumm's limit for bounce reasons (said_string_trimmer(…, 66)). */
export const BOUNCE_REASON_MAX = 66;
/** pflogsumm's limit for header/body check texts (string_trimmer(…, 64)). */
export const CHECK_TEXT_MAX = 64;
/** pflogsumm's limit for warning, fatal and panic texts (string_trimmer(…, 66)). */
export const DIAGNOSTIC_MAX = 66;

/** pflogsumm's string_trimmer: cut to `max` characters, the last three being `...`. */
export function trimTo(s: string, max: number): string {
  if (s.length <= max) return s;
  // never between the halves of a surrogate pair
  const c = s.charCodeAt(max - 4);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 4 : max - 3) + '...';
}

/**
 * pflogsumm's said_string_trimmer: while too long, drop everything up to the last ` said: `, else up to the first
 * `: `, else cut. `cannot update mailbox /var/mail/dave for user dave. error writing message: File too large`
 * → `File too large`: the leading parts that name a user or host go first.
 */
export function saidTrim(s: string, max: number): string {
  // offsets instead of slices: the same steps in one pass (a reason with many colons would otherwise be quadratic)
  let start = 0;
  if (s.length > max) {
    const said = s.lastIndexOf(' said: ');
    if (said >= 0) start = said + 7;
  }
  while (s.length - start > max) {
    const colon = s.indexOf(':', start);
    if (colon < 0) return trimTo(s.slice(start), max);
    start = colon + 1;
    while (s.charCodeAt(start) === 32) start++;
  }
  return s.slice(start);
}

// A peer as delivery agents write it in a detail: `mx.example[1.2.3.4]`, `mx.example[1.2.3.4]:25`, `[2001:db8::1]:25`
const PEER = String.raw`[^\s\[\]]*\[[^\]\s]*\](?::\d+)?`;
// `connect to mx[ip]:25: `, `conversation with mx[ip] `, `lost connection with mx[ip] `
const CONNECT_TO = new RegExp(String.raw`(^|: )connect to ${PEER}: `);
const WITH_PEER = new RegExp(String.raw`\b(conversation|lost connection) with ${PEER} `);

/**
 * The reason of a deferral or bounce. Verbose: the detail as logged. Otherwise the remote reply (its enhanced
 * status and text, and the command it answered), or the detail without the remote host (the report groups by
 * host already), trimmed like pflogsumm: `4.7.1 Greylisted, please try again later (in reply to RCPT...`.
 */
export function deliveryReason(ev: DeliveryStatus, max: number, verbose: boolean): string {
  if (verbose) return ev.detail;
  let s: string;
  if (ev.reply !== null) {
    s = replyText(ev.reply);
    if (ev.inReplyTo !== null) s += ` (in reply to ${ev.inReplyTo} command)`;
  } else {
    s = ev.detail.replace(CONNECT_TO, '$1').replace(WITH_PEER, '$1 ');
  }
  return saidTrim(s, max).replace(/^\d{3} /, '');
}

/** An SMTP reply without its three-digit code: `5.1.1 Mailbox does not exist`. */
export function replyText(reply: Reply): string {
  return reply.enhanced === null ? reply.text : `${reply.enhanced} ${reply.text}`;
}

/** An SMTP reply as logged: `550 5.1.1 <a@b>: Recipient address rejected: User unknown`. */
export function fullReply(reply: Reply): string {
  const code = reply.code === null ? '' : `${reply.code} `;
  return code + replyText(reply);
}

// pflogsumm: `(client|Client host|Sender address) .+? blocked` → `blocked`; any rbl class (`Helo command [h]`, …) here
const BLOCKED = /^[^;]*?\bblocked using /;
const ADDRESS_REJECTED = /^((?:Sender|Recipient) address rejected: [^:]+):.*$/s;

/**
 * The reason of an smtpd/postscreen reject, warn, hold or discard, as pflogsumm's proc_smtpd_reject shortens it:
 * the text after a leading `<address>: ` (else after the first `: ` or `; `, skipping a `[ip] `), up to the next
 * `;` or `,`; `… address rejected: X: more` cut to its first part; `Client host [ip] blocked using` → `blocked using`.
 * `Service unavailable; Client host [1.2.3.4] blocked using zen.spamhaus.org` → `blocked using zen.spamhaus.org`.
 */
export function rejectReason(reply: Reply, verbose: boolean): string {
  if (verbose) return fullReply(reply);
  return shortenRejectText(reply.text);
}

/** rejectReason for a bare text (smtpd access actions carry no reply code: `<a>: Recipient address Held by rule`). */
export function shortenRejectText(text: string): string {
  if (text.startsWith('Protocol error')) return 'Protocol error';
  let rest = text;
  const close = text.startsWith('<') ? text.indexOf('>: ') : -1;
  if (close >= 0) rest = text.slice(close + 3);
  else {
    const sep = firstSeparator(text);
    if (sep >= 0) rest = text.slice(sep + 2);
  }
  if (rest.startsWith('[')) {
    const end = rest.indexOf('] ');
    if (end > 0) rest = rest.slice(end + 2);
  }
  const cut = firstOf(rest, ';', ',');
  if (cut >= 0) rest = rest.slice(0, cut);
  rest = rest.replace(ADDRESS_REJECTED, '$1').replace(BLOCKED, 'blocked using ').trim();
  return rest === '' ? text : rest;
}

function firstSeparator(s: string): number {
  const a = s.indexOf(': ');
  const b = s.indexOf('; ');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

function firstOf(s: string, x: string, y: string): number {
  const a = s.indexOf(x);
  const b = s.indexOf(y);
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

// A queue ID at the start of a warning: `5A074160033: queue file size limit exceeded`, long IDs `4jZBWV3Z77zCDP4: …`
const LEADING_QUEUE_ID = /^(?:[0-9A-F]{6,}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,}): /;
// lab: `Connection rate limit exceeded: 31 from burst.flood.example[127.0.0.55] for service smtpd` (the count varies)
const LIMIT_COUNT = /(limit exceeded): \d+ from /;

/**
 * A warning, error, fatal or panic text as the report counts it: without a leading queue ID and the running count
 * of a limit warning (so one cause is one row), trimmed to pflogsumm's 66 characters; whole when verbose.
 */
export function diagnosticText(text: string, verbose: boolean): string {
  if (verbose) return text;
  return trimTo(text.replace(LEADING_QUEUE_ID, '').replace(LIMIT_COUNT, '$1 from '), DIAGNOSTIC_MAX);
}

/**
 * A connection failure (`connect to mx[ip]:25: Connection refused`) as `mx[ip]:25: Connection refused`: whole, as
 * its parts are few (a host and one of the kernel's short error texts).
 */
export function connectFailure(peer: Peer, reason: string): string {
  return peer.port === null ? `${peer.name}[${peer.ip}]: ${reason}` : `${peer.name}[${peer.ip}]:${peer.port}: ${reason}`;
}
