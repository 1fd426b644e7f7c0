// Tests for src/parse/tls.ts: the TLS summary and the TLS failures, as smtpd logs them and as parseTlsLine reads them
// for any daemon (smtp, lmtp, tlsproxy), real lines taken apart whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostfixEvent, TlsEstablished, TlsError } from '../../src/parse/events.js';
import { parseMessage } from '../../src/parse/index.js';
import { parseTlsLine } from '../../src/parse/tls.js';

// [what it is, the smtpd message after the syslog header, the whole { queueId, event } expected]
const SMTPD: [string, string, { queueId: string | null; event: PostfixEvent }][] = [
  // postfix-grok-patterns (BSD-3)
  ['an Anonymous summary from a client', 'Anonymous TLS connection established from julie.example.com[10.163.89.202]: TLSv1.2 with cipher AECDH-AES256-SHA (256/256 bits)',
    { queueId: null, event: { kind: 'tls-established', direction: 'from', trust: 'Anonymous', peer: { name: 'julie.example.com', ip: '10.163.89.202', port: null }, protocol: 'TLSv1.2', cipher: 'AECDH-AES256-SHA', bits: 256, detail: '' } }],
  ['an SSL_accept error on a lost connection', 'SSL_accept error from unknown[72.13.58.7]: lost connection',
    { queueId: null, event: { kind: 'tls-error', peer: { name: 'unknown', ip: '72.13.58.7', port: null }, text: 'SSL_accept error: lost connection' } }],
  ['an SSL_accept error on a timeout', 'SSL_accept error from unknown[72.13.58.7]: Connection timed out',
    { queueId: null, event: { kind: 'tls-error', peer: { name: 'unknown', ip: '72.13.58.7', port: null }, text: 'SSL_accept error: Connection timed out' } }],
  ['an SSL_accept error with a return code', 'SSL_accept error from ssl-tools.net[185.55.116.145]: -1',
    { queueId: null, event: { kind: 'tls-error', peer: { name: 'ssl-tools.net', ip: '185.55.116.145', port: null }, text: 'SSL_accept error: -1' } }],
  ['an SSL_accept error with return code 0', 'SSL_accept error from eu-smtp-delivery-201.mimecast.com[207.82.80.201]: 0',
    { queueId: null, event: { kind: 'tls-error', peer: { name: 'eu-smtp-delivery-201.mimecast.com', ip: '207.82.80.201', port: null }, text: 'SSL_accept error: 0' } }],
  // modoboa (ISC)
  ['an Anonymous summary from an unknown client', 'Anonymous TLS connection established from unknown[172.110.9.131]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
    { queueId: null, event: { kind: 'tls-established', direction: 'from', trust: 'Anonymous', peer: { name: 'unknown', ip: '172.110.9.131', port: null }, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: 256, detail: '' } }],
];

for (const [what, message, expected] of SMTPD) {
  test(`smtpd reads ${what}`, () => {
    assert.deepStrictEqual(parseMessage('smtpd', message), expected);
  });
}

// [what it is, the message after the syslog header (and queue ID), the whole event expected (null: not a TLS line)]
const SHARED: [string, string, TlsEstablished | TlsError | null][] = [
  // client side (smtp) lines, as the smtp parser hands them to parseTlsLine
  // postfix-grok-patterns (BSD-3)
  ['a Trusted summary to a server', 'Trusted TLS connection established to gmail-smtp-in.l.google.com[74.125.136.26]:25: TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)',
    { kind: 'tls-established', direction: 'to', trust: 'Trusted', peer: { name: 'gmail-smtp-in.l.google.com', ip: '74.125.136.26', port: 25 }, protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', bits: 128, detail: '' }],
  ['an Untrusted TLS 1.3 summary with its key exchange', 'Untrusted TLS connection established to gmail-smtp-in.l.google.com[74.125.128.27]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256',
    { kind: 'tls-established', direction: 'to', trust: 'Untrusted', peer: { name: 'gmail-smtp-in.l.google.com', ip: '74.125.128.27', port: 25 }, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, detail: 'key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256' }],
  ['a Verified summary to an IPv6 server', 'Verified TLS connection established to mail.sys4.de[2001:1578:400:111::7]:25: TLSv1 with cipher ECDHE-RSA-AES256-SHA (256/256 bits)',
    { kind: 'tls-established', direction: 'to', trust: 'Verified', peer: { name: 'mail.sys4.de', ip: '2001:1578:400:111::7', port: 25 }, protocol: 'TLSv1', cipher: 'ECDHE-RSA-AES256-SHA', bits: 256, detail: '' }],
  ['a server on a non-standard port', 'Untrusted TLS connection established to 127.0.0.1[127.0.0.1]:2525: TLSv1.2 with cipher AECDH-AES256-SHA (256/256 bits)',
    { kind: 'tls-established', direction: 'to', trust: 'Untrusted', peer: { name: '127.0.0.1', ip: '127.0.0.1', port: 2525 }, protocol: 'TLSv1.2', cipher: 'AECDH-AES256-SHA', bits: 256, detail: '' }],
  // postfix_exporter (Apache-2.0)
  ['a Verified TLS 1.3 summary', 'Verified TLS connection established to gmail-smtp-in.l.google.com[108.177.14.26]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
    { kind: 'tls-established', direction: 'to', trust: 'Verified', peer: { name: 'gmail-smtp-in.l.google.com', ip: '108.177.14.26', port: 25 }, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, detail: 'key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256' }],
  // modoboa (ISC)
  ['an Anonymous summary to a server', 'Anonymous TLS connection established to mail.domain.test[94.23.191.34]:25: TLSv1.2 with cipher ADH-AES256-GCM-SHA384 (256/256 bits)',
    { kind: 'tls-established', direction: 'to', trust: 'Anonymous', peer: { name: 'mail.domain.test', ip: '94.23.191.34', port: 25 }, protocol: 'TLSv1.2', cipher: 'ADH-AES256-GCM-SHA384', bits: 256, detail: '' }],
  // postfix-grok-patterns (BSD-3)
  ['an SSL_connect error with a return code', 'SSL_connect error to mail.example.org[112.63.65.2]:25: -1',
    { kind: 'tls-error', peer: { name: 'mail.example.org', ip: '112.63.65.2', port: 25 }, text: 'SSL_connect error: -1' }],
  ['an SSL_connect error on a lost connection', 'SSL_connect error to mail.example.org[112.63.65.2]:25: lost connection',
    { kind: 'tls-error', peer: { name: 'mail.example.org', ip: '112.63.65.2', port: 25 }, text: 'SSL_connect error: lost connection' }],
  ['a self-signed certificate', 'certificate verification failed for mail.example.com[113.169.17.115]:25: self-signed certificate.',
    { kind: 'tls-error', peer: { name: 'mail.example.com', ip: '113.169.17.115', port: 25 }, text: 'certificate verification failed: self-signed certificate.' }],
  ['an untrusted issuer', 'certificate verification failed for mail.example.com[113.169.17.115]:25: untrusted issuer /C=de/L=XXX/O=XXX GmbH/CN=XX XX XXX CA/emailAddress=XX@XX',
    { kind: 'tls-error', peer: { name: 'mail.example.com', ip: '113.169.17.115', port: 25 }, text: 'certificate verification failed: untrusted issuer /C=de/L=XXX/O=XXX GmbH/CN=XX XX XXX CA/emailAddress=XX@XX' }],
  // msimerson-postfix-parser (BSD-2): the anonymiser's impossible address is kept as logged
  ['an SSL_connect error to an impossible address', 'SSL_connect error to 64.200.28.300[64.200.28.300]:25: lost connection',
    { kind: 'tls-error', peer: { name: '64.200.28.300', ip: '64.200.28.300', port: 25 }, text: 'SSL_connect error: lost connection' }],
  // msimerson-postfix-parser (BSD-2): after its queue ID `3mPz615lB2z7sZt: `
  ['a TLS start failure that names no peer', 'Cannot start TLS: handshake failure',
    { kind: 'tls-error', peer: null, text: 'Cannot start TLS: handshake failure' }],
  // Shapes with no line in a source we may copy: a real line rewritten exactly as the Postfix source words that
  // shape; the comment names the line and the source.
  // lab `Anonymous TLS connection established from laptop81.home.example[127.0.0.81]: …` with the ` to <sni>` that tls_log_summary() (src/tls/tls_misc.c) adds when a client sent an accepted SNI name
  ['a client\'s summary with its SNI name', 'Anonymous TLS connection established from laptop81.home.example[127.0.0.81] to mx.lab.example: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
    { kind: 'tls-established', direction: 'from', trust: 'Anonymous', peer: { name: 'laptop81.home.example', ip: '127.0.0.81', port: null }, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256, detail: 'key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256' }],
  // modoboa (tlsproxy) `DISCONNECT [193.105.248.56]:62968` as tlsproxy_state.c logs a handshake that never finished
  ['tlsproxy\'s handshake failure', 'TLS handshake failed for service=smtp peer=[193.105.248.56]:62968',
    { kind: 'tls-error', peer: { name: '', ip: '193.105.248.56', port: 62968 }, text: 'TLS handshake failed for service=smtp' }],
  // grok `certificate verification failed for mail.example.com[113.169.17.115]:25: …` as tls_verify.c words an expired certificate
  ['an expired server certificate', 'server certificate verification failed for mail.example.com[113.169.17.115]:25: certificate has expired',
    { kind: 'tls-error', peer: { name: 'mail.example.com', ip: '113.169.17.115', port: 25 }, text: 'server certificate verification failed: certificate has expired' }],
  // postfix_exporter `Verified TLS connection established to gmail-smtp-in.l.google.com[108.177.14.26]:25: …` as tls_misc.c words a session reused through tlsproxy: no field tells reuse apart, so it is left alone
  ['a reused TLS connection', 'Verified TLS connection reused to gmail-smtp-in.l.google.com[108.177.14.26]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)',
    null],
  // postfix-grok-patterns (BSD-3): a smtp line that starts with the same letter as `certificate verification failed`
  ['a connection failure', 'connect to intern.nl[194.109.6.98]:25: Connection timed out',
    null],
];

for (const [what, message, expected] of SHARED) {
  test(`parseTlsLine reads ${what}`, () => {
    assert.deepStrictEqual(parseTlsLine(message), expected);
  });
}
