// tlsproxy lines: the TLS summary and failures (tls.ts), its warnings, and its CONNECT/DISCONNECT session lines.

import { parsePeerAt } from './common.js';
import type { PostfixEvent, TlsproxyConnect, TlsproxyDisconnect } from './events.js';
import { parseSmtpdWarning } from './smtpd-warning.js';
import { parseTlsLine } from './tls.js';

/**
 * Parses the message of a tlsproxy line; null when it is not one it knows. Its session lines have kinds of their
 * own (not smtpd-connect): a client that postscreen passes through tlsproxy would otherwise be counted twice.
 */
export function parseTlsproxy(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  const c = rest.charCodeAt(0);
  if (c === 67 /* C */ || c === 68 /* D */) {
    const session = parseTlsproxySession(rest);
    if (session !== null) return session;
  }
  // tlsproxy's warnings are the TLS library's (`warning: TLS library problem: …`, as msimerson-postfix-parser has it from
  // smtp) and its own (tlsproxy.c: `deadlock on ciphertext stream for %s`): the smtpd classifier fits them
  return parseSmtpdWarning(rest) ?? parseTlsLine(rest);
}

/**
 * Parses `CONNECT from [ip]:port`, `CONNECT to name[ip]:port`, `DISCONNECT [ip]:port` (tlsproxy.c,
 * tlsproxy_state.c); null for anything else.
 */
// modoboa: `CONNECT from [37.187.155.42]:33450`, `DISCONNECT [37.187.155.42]:33450`
export function parseTlsproxySession(rest: string): TlsproxyConnect | TlsproxyDisconnect | null {
  let direction: 'from' | 'to' | null;
  let i: number;
  if (rest.startsWith('CONNECT from ')) { direction = 'from'; i = 13; }
  else if (rest.startsWith('CONNECT to ')) { direction = 'to'; i = 11; }
  else if (rest.startsWith('DISCONNECT ')) { direction = null; i = 11; }
  else return null;
  const at = parsePeerAt(rest, i);
  if (at === null || at.end !== rest.length) return null;
  return direction === null ? { kind: 'tlsproxy-disconnect', peer: at.peer } : { kind: 'tlsproxy-connect', direction, peer: at.peer };
}
