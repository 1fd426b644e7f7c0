// tlsproxy lines: the TLS summary and failures (tls.ts), its warnings, and its CONNECT/DISCONNECT session lines.

import { parsePeerAt } from './common.js';
import type { Peer, PostfixEvent } from './events.js';
import { parseSmtpdWarning } from './smtpd-warning.js';
import { parseTlsLine } from './tls.js';

/**
 * Parses the message of a tlsproxy line; null when it is not one it knows.
 *
 * `CONNECT from [ip]:port` / `CONNECT to name[ip]:port` / `DISCONNECT [ip]:port` are recognised by
 * `parseTlsproxySession` but not yet returned: no event kind tells a TLS proxy session (server role for postscreen,
 * client role for smtp's connection reuse) from an smtpd session, and counting them as `smtpd-connect` would count
 * every postscreen-passed client twice. They wait for a `tlsproxy-connect`/`tlsproxy-disconnect` kind.
 */
export function parseTlsproxy(rest: string, queueId: string | null): PostfixEvent | null {
  void queueId;
  // lightmeter: `warning: TLS library problem: error:14209102:SSL routines:tls_early_post_process_client_hello:…`
  // (read in place, AGPL: not copied); tlsproxy's other warnings (`deadlock on ciphertext stream for …`) are alike
  return parseSmtpdWarning(rest) ?? parseTlsLine(rest);
}

/** A tlsproxy session line taken apart: which end it is, which way it goes, and the remote peer. */
export interface TlsproxySession {
  verb: 'CONNECT' | 'DISCONNECT';
  /** `from` a client (server role), `to` a server (client role); null for DISCONNECT, which does not say */
  direction: 'from' | 'to' | null;
  peer: Peer;
}

/**
 * Parses `CONNECT from [ip]:port`, `CONNECT to name[ip]:port`, `DISCONNECT [ip]:port` (tlsproxy.c,
 * tlsproxy_state.c); null for anything else.
 */
// modoboa: `CONNECT from [37.187.155.42]:33450`, `DISCONNECT [37.187.155.42]:33450`
export function parseTlsproxySession(rest: string): TlsproxySession | null {
  let verb: TlsproxySession['verb'];
  let direction: TlsproxySession['direction'] = null;
  let i: number;
  if (rest.startsWith('CONNECT from ')) { verb = 'CONNECT'; direction = 'from'; i = 13; }
  else if (rest.startsWith('CONNECT to ')) { verb = 'CONNECT'; direction = 'to'; i = 11; }
  else if (rest.startsWith('DISCONNECT ')) { verb = 'DISCONNECT'; i = 11; }
  else return null;
  const at = parsePeerAt(rest, i);
  if (at === null || at.end !== rest.length) return null;
  return { verb, direction, peer: at.peer };
}
