// The parenthesised detail of a delivery record, split into the remote reply, the remote host and the queue
// IDs it names; also the `host x[ip] said: …` reply that smtp/lmtp log on a line of its own.

import { parsePeerAt, parseReply } from './common.js';
import type { DeliveryStatus, Peer, Reply } from './events.js';

/** A remote server's reply as smtp/lmtp quote it. */
export interface HostReply {
  peer: Peer;
  /** `refused to talk to me` (the greeting) rather than `said` */
  refused: boolean;
  reply: Reply;
  /** `(in reply to end of DATA command)` → `end of DATA`, else null */
  inReplyTo: string | null;
}

// Postfix's words (src/smtp/smtp_trouble.c, smtp_connect.c, smtp_proto.c), with their lengths
const SUSPENDED = 'delivery temporarily suspended: ';
const SAID = ' said: ';
const REFUSED = ' refused to talk to me: ';
const IN_REPLY = ' (in reply to ';
const COMMAND = ' command)';

/**
 * Reads `host mx.example[192.0.2.1] said: 550 5.1.1 <a@b>: User unknown (in reply to RCPT TO command)` or
 * `host mx.example[192.0.2.1] refused to talk to me: 554 5.7.1 Go away` starting at `start`; null when the
 * text there is neither. The `(in reply to …)` tail is recognised only at the very end of `s`.
 */
export function parseHostReply(s: string, start: number): HostReply | null {
  if (!s.startsWith('host ', start)) return null;
  const p = parsePeerAt(s, start + 5);
  if (p === null) return null;
  let refused = false;
  let at: number;
  if (s.startsWith(SAID, p.end)) at = p.end + SAID.length;
  else if (s.startsWith(REFUSED, p.end)) {
    refused = true;
    at = p.end + REFUSED.length;
  } else return null;
  let end = s.length;
  let inReplyTo: string | null = null;
  if (s.endsWith(COMMAND)) {
    const open = s.lastIndexOf(IN_REPLY);
    if (open >= at) {
      inReplyTo = s.slice(open + IN_REPLY.length, s.length - COMMAND.length);
      end = open;
    }
  }
  return { peer: p.peer, refused, reply: parseReply(s.slice(at, end)), inReplyTo };
}

/**
 * Fills reply, remote, inReplyTo, queuedAs and forwardedAs of `e` from its detail (they start null):
 * - `host x[ip] said: 550 5.1.1 … (in reply to RCPT TO command)` → remote, reply, inReplyTo
 * - `connect to x[ip]:25: Connection refused`, `lost connection with x[ip] while …`,
 *   `conversation with x[ip] timed out while …` → remote (also after `delivery temporarily suspended: `)
 * - `250 2.0.0 Ok: queued as 4BC7A1C0E12` → reply, queuedAs; `forwarded as 4BC7A1C0E12` (local) → forwardedAs
 */
export function fillDeliveryDetail(e: DeliveryStatus, detail: string): void {
  // qmgr/error repeat the reason that made a destination dead behind this prefix
  const i = detail.startsWith(SUSPENDED) ? SUSPENDED.length : 0;
  const c = detail.charCodeAt(i);
  if (c === 104 /* h */) {
    const h = parseHostReply(detail, i);
    if (h !== null) {
      e.remote = isNetworkPeer(h.peer) ? h.peer : null;
      e.reply = h.reply;
      e.inReplyTo = h.inReplyTo;
    }
  } else if (c === 99 /* c */) {
    // `connect to mx.example[192.0.2.1]:25: Connection timed out`
    if (detail.startsWith('connect to ', i)) e.remote = peerBefore(detail, i + 11, ': ');
    // `conversation with mx.example[192.0.2.1] timed out while receiving the initial server greeting`
    else if (detail.startsWith('conversation with ', i)) e.remote = peerBefore(detail, i + 18, ' timed out');
  } else if (c === 108 /* l */) {
    // `lost connection with mx.example[192.0.2.1] while sending RCPT TO`
    if (detail.startsWith('lost connection with ', i)) e.remote = peerBefore(detail, i + 21, ' while');
  } else if (c === 102 /* f */) {
    // local(8): `forwarded as 4BC7A1C0E12`
    if (i === 0 && detail.startsWith('forwarded as ')) e.forwardedAs = tokenAt(detail, 13);
  } else if (i === 0 && c >= 50 && c <= 53 /* 2-5 */) {
    const reply = parseReply(detail);
    if (reply.code !== null) {
      e.reply = reply;
      e.queuedAs = queuedAs(reply.text);
    }
  }
}

/** The peer at `start` when `follow` comes right after it and it has an address (not a socket path). */
function peerBefore(s: string, start: number, follow: string): Peer | null {
  const p = parsePeerAt(s, start);
  if (p === null || !s.startsWith(follow, p.end)) return null;
  return isNetworkPeer(p.peer) ? p.peer : null;
}

/**
 * A peer with a network address in its brackets, not an LMTP unix socket (`mail.example[private/dovecot-lmtp]`,
 * `x[/var/run/dovecot/lmtp]`): a path is no IP address.
 */
export function isNetworkPeer(peer: Peer): boolean {
  return peer.ip.length > 0 && peer.ip.indexOf('/') < 0;
}

/**
 * The queue ID of `… queued as 4BC7A1C0E12` (the last one: an amavis reply quotes the re-injection's
 * `250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 3B0E2E0C69`), else null.
 */
function queuedAs(text: string): string | null {
  const at = text.lastIndexOf('queued as ');
  if (at < 0) return null;
  return tokenAt(text, at + 10);
}

/** The run of letters and digits at `start` (a queue ID), or null when there is none. */
function tokenAt(s: string, start: number): string | null {
  let j = start;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    j++;
  }
  return j > start ? s.slice(start, j) : null;
}
