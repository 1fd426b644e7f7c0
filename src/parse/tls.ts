// TLS session lines shared by smtpd, smtp/lmtp and tlsproxy: the one-line summary and the handshake failures.

import { parsePeerAt } from './common.js';
import type { TlsEstablished, TlsError } from './events.js';

/**
 * Parses a TLS line of any daemon (the message after its queue ID, if any); null when it is none of these:
 *
 * - `Anonymous TLS connection established from x[ip]: TLSv1.3 with cipher … (256/256 bits) …` (smtpd, tlsproxy) and
 *   `Verified TLS connection established to mx[ip]:25: …` (smtp, lmtp) → `tls-established`
 * - `SSL_accept error from x[ip]: lost connection`, `SSL_connect error to x[ip]:25: -1`, `SSL_set_fd error to …`,
 *   `certificate verification failed for x[ip]:25: untrusted issuer …`, tlsproxy's
 *   `TLS handshake failed for service=smtp peer=[ip]:port` and smtp's `Cannot start TLS: handshake failure` → `tls-error`
 *
 * A `tls-error` carries the peer and the line with ` from x[ip]` cut out (`SSL_accept error: lost connection`),
 * so that equal failures from many peers group together. Cheap on other lines: one charCodeAt and a startsWith.
 */
export function parseTlsLine(rest: string): TlsEstablished | TlsError | null {
  switch (rest.charCodeAt(0)) {
    case 84 /* T */:
      if (rest.startsWith(HANDSHAKE_FAILED)) return parseHandshakeFailed(rest);
      return parseEstablished(rest);
    case 65 /* A */: case 85 /* U */: case 86 /* V */:
      return parseEstablished(rest);
    case 67 /* C */:
      // msimerson-postfix-parser (smtp): `3mPz615lB2z7sZt: Cannot start TLS: handshake failure` (the peer is not named)
      return rest.startsWith('Cannot start TLS: ') ? { kind: 'tls-error', peer: null, text: rest } : null;
    case 83 /* S */:
      if (rest.startsWith('SSL_accept error from ')) return tlsError(rest, 16, 22);
      if (rest.startsWith('SSL_connect error to ')) return tlsError(rest, 17, 21);
      if (rest.startsWith('SSL_set_fd error to ')) return tlsError(rest, 16, 20);
      return null;
    case 99 /* c */: case 115 /* s */:
      return parseVerifyFailed(rest);
    default:
      return null;
  }
}

/** The trust words of tls_log_summary() (src/tls/tls_misc.c): no certificate, unverified, CA-trusted, name-verified. */
const TRUST = new Set(['Anonymous', 'Untrusted', 'Trusted', 'Verified']);

const ESTABLISHED = ' TLS connection established ';

// lab (out/maillog-traditional.log):
//   Anonymous TLS connection established from laptop81.home.example[127.0.0.81]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384
//   (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256
// modoboa (tlsproxy, postscreen's `[ip]:port`):
//   Anonymous TLS connection established from [37.187.155.42]:33450: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)
// tls_log_summary() adds ` to <sni>` after a client that sent an accepted SNI name; it is skipped (no field holds it).
// `… TLS connection reused to …` (connection reuse through tlsproxy) is left to the caller: no field tells reuse apart.
function parseEstablished(s: string): TlsEstablished | null {
  const sp = s.indexOf(' ');
  if (sp < 0 || !s.startsWith(ESTABLISHED, sp)) return null;
  const trust = s.slice(0, sp);
  if (!TRUST.has(trust)) return null;
  let i = sp + ESTABLISHED.length;
  let direction: 'from' | 'to';
  if (s.startsWith('from ', i)) { direction = 'from'; i += 5; }
  else if (s.startsWith('to ', i)) { direction = 'to'; i += 3; }
  else return null;
  const at = parsePeerAt(s, i);
  if (at === null) return null;
  i = at.end;
  if (s.startsWith(' to ', i)) {
    // the SNI name the client asked for: one word up to ': '
    const colon = s.indexOf(': ', i + 4);
    if (colon < 0 || s.lastIndexOf(' ', colon - 1) >= i + 4) return null;
    i = colon;
  }
  if (!s.startsWith(': ', i)) return null;
  i += 2;
  const with_ = s.indexOf(' with cipher ', i);
  if (with_ < 0) return null;
  const protocol = s.slice(i, with_);
  i = with_ + 13;
  const paren = s.indexOf(' (', i);
  if (paren < 0) return null;
  const cipher = s.slice(i, paren);
  // `(256/256 bits)`: the bits in use, then the algorithm's bits
  const close = s.indexOf(' bits)', paren);
  if (close < 0) return null;
  const slash = s.indexOf('/', paren);
  const bits = digits(s, paren + 2, slash > paren && slash < close ? slash : close);
  const detail = s.slice(close + 6).trim();
  return { kind: 'tls-established', direction, trust, peer: at.peer, protocol, cipher, bits, detail };
}

// src/tls/tls_server.c: `SSL_accept error from %s: %d` / `: %m` / `: lost connection`; postfix-grok-patterns:
// `SSL_accept error from unknown[72.13.58.7]: lost connection`, `SSL_connect error to mail.example.org[112.63.65.2]:25: -1`
/** `head` is the length of the words before ` from`/` to`, `peerAt` where the peer starts. */
function tlsError(s: string, head: number, peerAt: number): TlsError | null {
  const at = parsePeerAt(s, peerAt);
  if (at === null || !s.startsWith(': ', at.end)) return null;
  return { kind: 'tls-error', peer: at.peer, text: s.slice(0, head) + s.slice(at.end) };
}

const HANDSHAKE_FAILED = 'TLS handshake failed for ';

// tlsproxy (src/tlsproxy/tlsproxy_state.c, no licensed sample): `TLS handshake failed for service=%s peer=%s`, the peer
// as postscreen or smtp handed it over (`[ip]:port`, `name[ip]:port`); the text keeps the service.
function parseHandshakeFailed(s: string): TlsError | null {
  const p = s.lastIndexOf(' peer=');
  if (p < HANDSHAKE_FAILED.length) return null;
  const at = parsePeerAt(s, p + 6);
  if (at === null || at.end !== s.length) return null;
  return { kind: 'tls-error', peer: at.peer, text: s.slice(0, p) };
}

const VERIFY_FAILED = 'certificate verification failed for ';

// postfix-grok-patterns (smtp): `certificate verification failed for mail.example.com[113.169.17.115]:25: self-signed
// certificate.`; src/tls/tls_verify.c also writes `server certificate verification failed for %s: certificate has expired`
// and `client certificate …`.
function parseVerifyFailed(s: string): TlsError | null {
  let start = 0;
  if (s.startsWith('server ') || s.startsWith('client ')) start = 7;
  if (!s.startsWith(VERIFY_FAILED, start)) return null;
  return tlsError(s, start + VERIFY_FAILED.length - 5, start + VERIFY_FAILED.length);
}

/** The decimal number in s[from, to), or null when that is empty, too long or not all digits. */
function digits(s: string, from: number, to: number): number | null {
  if (to <= from || to - from > 6) return null;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    n = n * 10 + (c - 48);
  }
  return n;
}
