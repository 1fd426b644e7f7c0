// Tests for src/parse/tlsproxy.ts: tlsproxy's TLS lines and warnings, and its CONNECT/DISCONNECT session lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';
import { parseTlsproxySession } from '../../src/parse/tlsproxy.js';

// [what it is, the message after the syslog header, the whole { queueId, event } expected]
const EVENTS: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // modoboa (ISC): the client as postscreen hands it over, `[ip]:port`
  ['a client\'s TLS summary', 'Anonymous TLS connection established from [193.105.248.56]:62968: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
    { queueId: null, event: { kind: 'tls-established', direction: 'from', trust: 'Anonymous', peer: { name: '', ip: '193.105.248.56', port: 62968 }, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, detail: '' } }],
  ['another client\'s TLS summary', 'Anonymous TLS connection established from [37.187.155.42]:33450: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
    { queueId: null, event: { kind: 'tls-established', direction: 'from', trust: 'Anonymous', peer: { name: '', ip: '37.187.155.42', port: 33450 }, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, detail: '' } }],
  // msimerson-postfix-parser (BSD-2): logged by smtp there; tlsproxy logs the same TLS library text
  ['a TLS library warning', 'warning: TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:',
    { queueId: null, event: { kind: 'diagnostic', level: 'warning', category: 'tls', client: null, text: 'TLS library problem: error:14082174:SSL routines:SSL3_CHECK_CERT_AND_ALGORITHM:dh key too small:s3_clnt.c:3347:' } }],
  // modoboa (tlsproxy) `DISCONNECT [193.105.248.56]:62968` as tlsproxy_state.c logs a handshake that never finished
  ['a handshake that never finished', 'TLS handshake failed for service=smtp peer=[193.105.248.56]:62968',
    { queueId: null, event: { kind: 'tls-error', peer: { name: '', ip: '193.105.248.56', port: 62968 }, text: 'TLS handshake failed for service=smtp' } }],
];

for (const [what, message, expected] of EVENTS) {
  test(`tlsproxy reads ${what}`, () => {
    assert.deepStrictEqual(parseMessage('tlsproxy', message), expected);
  });
}

// [what it is, the message, the session line taken apart]
const SESSIONS: [string, string, PostfixEvent][] = [
  // modoboa (ISC)
  ['CONNECT from a client', 'CONNECT from [193.105.248.56]:62968',
    { kind: 'tlsproxy-connect', direction: 'from', peer: { name: '', ip: '193.105.248.56', port: 62968 } }],
  ['DISCONNECT', 'DISCONNECT [193.105.248.56]:62968',
    { kind: 'tlsproxy-disconnect', peer: { name: '', ip: '193.105.248.56', port: 62968 } }],
  // postfix-grok-patterns (BSD-3)
  ['CONNECT from another client', 'CONNECT from [82.118.17.142]:51637',
    { kind: 'tlsproxy-connect', direction: 'from', peer: { name: '', ip: '82.118.17.142', port: 51637 } }],
  // postfix_exporter `Verified TLS connection established to gmail-smtp-in.l.google.com[108.177.14.26]:25: …` as tlsproxy.c logs a client-role session (smtp connection reuse)
  ['CONNECT to a server', 'CONNECT to gmail-smtp-in.l.google.com[108.177.14.26]:25',
    { kind: 'tlsproxy-connect', direction: 'to', peer: { name: 'gmail-smtp-in.l.google.com', ip: '108.177.14.26', port: 25 } }],
];

for (const [what, message, expected] of SESSIONS) {
  test(`tlsproxy takes apart ${what}`, () => {
    assert.deepStrictEqual(parseTlsproxySession(message), expected);
  });
  test(`tlsproxy reads ${what} as its own session event`, () => {
    assert.deepStrictEqual(parseMessage('tlsproxy', message), { queueId: null, event: expected });
  });
}
