// smtp and lmtp (the client side): delivery records, failed connections, remote replies and broken
// conversations logged on their own lines (src/smtp/smtp_connect.c, smtp_trouble.c, smtp_sasl_glue.c).

import { parsePeerAt, parseReply } from './common.js';
import { parseDeliveryStatus } from './delivery.js';
import { isNetworkPeer, parseHostReply } from './delivery-detail.js';
import type { PostfixEvent } from './events.js';
import { parseTlsLine } from './tls.js';

/**
 * Parses the message of an smtp/lmtp line (after its queue ID, if any); null when it is not a line it knows
 * (its `warning:` lines go to the generic parser). TLS lines go to the shared TLS parser.
 */
export function parseSmtp(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  const e = parseOwn(rest);
  return e !== null ? e : parseTlsLine(rest);
}

/** The lines only smtp/lmtp write, keyed on their first character. */
function parseOwn(rest: string): PostfixEvent | null {
  switch (rest.charCodeAt(0)) {
    case 116 /* t */:
      // the delivery record, by far the most frequent smtp line
      return parseDeliveryStatus(rest);
    case 104 /* h */: {
      // `host in.smtp.cz[81.95.97.102] said: 450 4.7.1 Error: too much mail from 81.95.98.2 (in reply to MAIL FROM command)`
      // `host mx2.volny.cz[62.44.29.55] refused to talk to me: 421 4.7.0 mx2.volny.cz Error: too many connections from 81.95.98.2`
      const h = parseHostReply(rest, 0);
      if (h === null || !isNetworkPeer(h.peer)) return null;
      return { kind: 'smtp-reply', peer: h.peer, refused: h.refused, reply: h.reply, inReplyTo: h.inReplyTo };
    }
    case 99 /* c */:
      // `connect to mx-a.backupmx.example[127.0.0.30]:25: Connection refused`
      if (rest.startsWith('connect to ')) return connectFailed(rest);
      // `conversation with mx00.gmx.com[74.208.5.4] timed out while receiving the initial server greeting`
      if (rest.startsWith('conversation with ')) return conversationError(rest, 18, ' timed out ', 'timeout');
      return null;
    case 108 /* l */:
      // `lost connection with mx1.safe4mail.cz[46.243.48.229] while sending end of data -- message may be sent more than once`
      return rest.startsWith('lost connection with ') ? conversationError(rest, 21, ' ', 'lost-connection') : null;
    case 83 /* S */:
      // `SASL authentication failed; server xyz.example.com[1.2.3.4] said: 535 5.7.8 Error: authentication failed: authentication failure`
      return saslFailed(rest);
    case 67 /* C */:
      // smtp_proto.c, a soft error logged on its own line (msimerson-postfix-parser): `3mPz615lB2z7sZt: Cannot start TLS: handshake failure`
      return rest.startsWith('Cannot start TLS: ') ? { kind: 'tls-error', peer: null, text: rest } : null;
    case 101 /* e */:
      return rest.startsWith(PIX) ? pixWorkarounds(rest) : null;
    case 100 /* d */:
      // smtp_proto.c, the keywords smtp_discard_ehlo_keywords removed (postfix-grok-patterns): `discarding EHLO keywords: CHUNKING ETRN DSN 8BITMIME`
      return rest.startsWith('discarding EHLO keywords: ') ? { kind: 'smtp-info', peer: null, text: rest } : null;
    default:
      return null;
  }
}

const PIX = 'enabling PIX workarounds';

/**
 * smtp_proto.c, a server behind a Cisco PIX "fixup" (postfix-grok-patterns):
 * `B0ADE20FC7: enabling PIX workarounds: disable_esmtp delay_dotcrlf for example.com[93.184.216.34]:25`.
 * One anonymised corpus appends `XXXX` to the word before the colon; the rest of such a line is intact, so it is read.
 */
function pixWorkarounds(rest: string): PostfixEvent | null {
  const at = rest.lastIndexOf(' for ');
  if (at < 0) return null;
  const p = parsePeerAt(rest, at + 5);
  if (p === null || p.end !== rest.length || !isNetworkPeer(p.peer)) return null;
  return { kind: 'smtp-info', peer: p.peer, text: rest };
}

/** `connect to x[ip]:25: Connection timed out` → the peer and the reason after it. */
function connectFailed(rest: string): PostfixEvent | null {
  const p = parsePeerAt(rest, 11);
  if (p === null || !isNetworkPeer(p.peer) || !rest.startsWith(': ', p.end)) return null;
  return { kind: 'smtp-connect-failed', peer: p.peer, reason: rest.slice(p.end + 2) };
}

/** `lost connection with x[ip] while …` / `conversation with x[ip] timed out while …`: the detail is the `while …` part. */
function conversationError(rest: string, start: number, after: string, reason: 'lost-connection' | 'timeout'): PostfixEvent | null {
  const p = parsePeerAt(rest, start);
  if (p === null || !isNetworkPeer(p.peer) || !rest.startsWith(after, p.end)) return null;
  return { kind: 'smtp-conversation-error', peer: p.peer, reason, detail: rest.slice(p.end + after.length) };
}

/**
 * smtp_sasl_glue.c: `SASL authentication failed; server x[ip] said: 535 …` (also `SASL [CACHED] authentication
 * failed; …`): the server's reply to AUTH, so an smtp-reply with inReplyTo `AUTH` (the line does not say
 * `(in reply to …)`, the source does).
 */
function saslFailed(rest: string): PostfixEvent | null {
  let i: number;
  if (rest.startsWith(SASL_FAILED)) i = SASL_FAILED.length;
  else if (rest.startsWith(SASL_CACHED_FAILED)) i = SASL_CACHED_FAILED.length;
  else return null;
  const p = parsePeerAt(rest, i);
  if (p === null || !isNetworkPeer(p.peer) || !rest.startsWith(' said: ', p.end)) return null;
  return { kind: 'smtp-reply', peer: p.peer, refused: false, reply: parseReply(rest.slice(p.end + 7)), inReplyTo: 'AUTH' };
}
const SASL_FAILED = 'SASL authentication failed; server ';
const SASL_CACHED_FAILED = 'SASL [CACHED] authentication failed; server ';
