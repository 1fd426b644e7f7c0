// Field parsers shared by every daemon's parser: queue IDs, peers, SMTP replies, envelopes, delays.
// All pure, all cheap: indexOf/charCodeAt before any regex, and no regex that can backtrack badly.

import type { Delays, Envelope, Peer, Reply } from './events.js';
import { decimal } from './plain-number.js';

/**
 * Short queue IDs: upper-case hex, e.g. `4BC7A1C0E12`: five digits of microseconds, then the inode number in hex
 * (up to 16 digits with 64-bit inodes), so 6 to 21 digits; one anonymiser in the corpus appends `XXXX`.
 */
const SHORT_QID = /^[0-9A-F]{5,21}(?:XXXX)?$/;
/**
 * Long queue IDs (`enable_long_queue_ids = yes`), e.g. `4jZTwH0nyTzBrLL`: ten characters of encoded time (base 52,
 * which may contain `z`), then the separator `z`, then the encoded inode number (base 51, no `z`), in Postfix's
 * alphabet of digits and consonants (src/global/mail_queue.h finds the separator with strrchr).
 */
const LONG_QID = /^[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,}z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]+$/;

/** True when `s` has the shape of a Postfix queue ID, short or long. */
export function isQueueId(s: string): boolean {
  // the common case, checked without a regex: 6 to 21 upper-case hex digits
  if (s.length >= 6 && s.length <= 21) {
    let hex = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70))) {
        hex = false;
        break;
      }
    }
    if (hex) return true;
  }
  return SHORT_QID.test(s) || LONG_QID.test(s);
}

/**
 * Splits a message into its queue-ID prefix and the rest.
 * `4BC7A1C0E12: to=<a@b>, …` → { queueId: '4BC7A1C0E12', rest: 'to=<a@b>, …' };
 * `NOQUEUE: reject: …` → { queueId: null, rest: 'reject: …' }; anything else → { queueId: null, rest: message }.
 */
export function splitQueueId(message: string): { queueId: string | null; rest: string } {
  const colon = message.indexOf(': ');
  // queue IDs are at most ~20 characters; a later colon belongs to the text
  if (colon < 5 || colon > 26) return { queueId: null, rest: message };
  const head = message.slice(0, colon);
  if (head === 'NOQUEUE') return { queueId: null, rest: message.slice(colon + 2) };
  if (isQueueId(head)) return { queueId: head, rest: message.slice(colon + 2) };
  return { queueId: null, rest: message };
}

/**
 * Parses `name[ip]` or `name[ip]:port` (also `[ip]:port` as postscreen writes it) starting at `start`.
 * Returns the peer and the index just past it, or null when the text there is not a peer.
 * Sample: `mail.example.com[192.0.2.1]:25`, `unknown[2001:db8::1]`, `[203.0.113.5]:41234`.
 */
export function parsePeerAt(s: string, start: number): { peer: Peer; end: number } | null {
  const open = s.indexOf('[', start);
  if (open < 0) return null;
  // the name runs up to '[' and has no spaces
  for (let i = start; i < open; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) return null;
  }
  const close = s.indexOf(']', open + 1);
  if (close < 0) return null;
  const ip = s.slice(open + 1, close);
  let end = close + 1;
  let port: number | null = null;
  if (s.charCodeAt(end) === 58 /* : */) {
    let j = end + 1;
    let n = 0;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      j++;
    }
    if (j > end + 1) {
      port = n;
      end = j;
    }
  }
  return { peer: { name: s.slice(start, open), ip, port }, end };
}

/** Parses a whole string as a peer (`name[ip]`, `name[ip]:port`); null when it is not one. */
export function parsePeer(s: string): Peer | null {
  const r = parsePeerAt(s, 0);
  return r !== null && r.end === s.length ? r.peer : null;
}

/** Enhanced status code: `5.1.1`, `4.7.1`, `2.0.0` (class.subject.detail, RFC 3463). */
const ENHANCED = /^[245]\.\d{1,3}\.\d{1,3}$/;

/**
 * Splits an SMTP reply: `550 5.1.1 <a@b>: Recipient address rejected` → code 550, enhanced 5.1.1, the text.
 * Also `550-5.1.1 …` (multi-line replies as Postfix flattens them) and replies with only an enhanced code
 * (`4.7.1 Greylisting in action` from a milter) or none at all.
 */
export function parseReply(s: string): Reply {
  let i = 0;
  let code: number | null = null;
  const c0 = s.charCodeAt(0);
  if (s.length >= 3 && c0 >= 50 && c0 <= 53 && isDigit(s.charCodeAt(1)) && isDigit(s.charCodeAt(2))
    && (s.length === 3 || s.charCodeAt(3) === 32 || s.charCodeAt(3) === 45)) {
    code = (c0 - 48) * 100 + (s.charCodeAt(1) - 48) * 10 + (s.charCodeAt(2) - 48);
    i = s.length === 3 ? 3 : 4;
  }
  let enhanced: string | null = null;
  const sp = s.indexOf(' ', i);
  const word = sp < 0 ? s.slice(i) : s.slice(i, sp);
  if (word.length >= 5 && word.length <= 9 && ENHANCED.test(word)) {
    enhanced = word;
    i = sp < 0 ? s.length : sp + 1;
  }
  return { code, enhanced, text: s.slice(i) };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads the value of `key=<…>` (angle-bracketed, may contain anything but `>` at its end) or `key=value`
 * (up to `sep`, a space or comma) from `s`. Returns null when the key is absent.
 * Sample: `from=<a@b> to=<c@d> proto=ESMTP helo=<mx.example>`.
 */
export function fieldValue(s: string, key: string, from = 0): string | null {
  const at = findKey(s, key, from);
  if (at < 0) return null;
  const v = at + key.length + 1;
  if (s.charCodeAt(v) === 60 /* < */) {
    // the value ends at the first '>' followed by a separator or the end of the line
    let close = s.indexOf('>', v + 1);
    while (close >= 0) {
      const next = s.charCodeAt(close + 1);
      if (close + 1 === s.length || next === 32 || next === 44 || next === 59 || next === 41 || next === 58) break;
      close = s.indexOf('>', close + 1);
    }
    if (close < 0) return s.slice(v + 1);
    return s.slice(v + 1, close);
  }
  let end = v;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === 32 || c === 44 || c === 59) break;
    end++;
  }
  return s.slice(v, end);
}

/** Index of `key=` in `s` at a word start (after start of string, space, comma or `;`), or -1. */
export function findKey(s: string, key: string, from = 0): number {
  const needle = key + '=';
  let at = s.indexOf(needle, from);
  while (at >= 0) {
    const before = at === 0 ? 32 : s.charCodeAt(at - 1);
    if (before === 32 || before === 44 || before === 59) return at;
    at = s.indexOf(needle, at + 1);
  }
  return -1;
}

/**
 * Parses the envelope trailer of smtpd, cleanup and postscreen action lines, space- or comma-separated:
 * `from=<a@b> to=<c@d> proto=ESMTP helo=<mx.example>` / `from=<a@b>, to=<c@d>, proto=ESMTP, helo=<h>`.
 */
export function parseEnvelope(s: string): Envelope {
  return {
    from: fieldValue(s, 'from'),
    to: fieldValue(s, 'to'),
    proto: fieldValue(s, 'proto'),
    helo: fieldValue(s, 'helo'),
  };
}

/**
 * Finds where the envelope trailer starts in an action line: the `; from=` (or `; to=`/`; proto=`) that
 * follows the reply text. The reply may itself contain `;`, so the last candidate wins.
 */
export function envelopeStart(s: string): number {
  for (const key of ENVELOPE_KEYS) {
    const at = s.lastIndexOf(key);
    if (at >= 0) return at;
  }
  return -1;
}
const ENVELOPE_KEYS = ['; from=', '; to=', '; proto='];

/** `delays=0.1/0.01/0.5/0.6` → Delays; null when not four numbers. Read by hand: it is on every delivery line. */
export function parseDelays(s: string): Delays | null {
  const out = [0, 0, 0, 0];
  let k = 0;
  let v = 0;
  let scale = 0; // 0 before the decimal point, else the place value of the next digit
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 47;
    if (c === 47 /* / */) {
      if (digits === 0 || k > 3) return null;
      out[k++] = v;
      v = 0;
      scale = 0;
      digits = 0;
    } else if (c === 46 /* . */ && scale === 0) {
      scale = 0.1;
    } else if (c >= 48 && c <= 57) {
      // at most 15 digits a stage (plain-number.ts): four hundred nines made Infinity
      if (digits === 15) return null;
      if (scale === 0) v = v * 10 + (c - 48);
      else {
        v += (c - 48) * scale;
        scale /= 10;
      }
      digits++;
    } else return null;
  }
  if (k !== 4) return null;
  // rounded to the microsecond so 0.1 + 0.02 style sums print as Postfix wrote them
  return { beforeQmgr: round6(out[0]!), inQueue: round6(out[1]!), connSetup: round6(out[2]!), transmission: round6(out[3]!) };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A non-negative decimal number as Postfix writes sizes, counts and delays, or null (`'1.2'` → 1.2, `''`/`'x'` → null).
 * Not Number(): a damaged line's `size=-1` or `size=1e308` made negative byte counts, and sums that overflowed to
 * Infinity, which JSON writes as null.
 */
export function toNumber(s: string | null): number | null {
  return s === null ? null : decimal(s);
}
