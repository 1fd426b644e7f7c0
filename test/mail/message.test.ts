// Tests of the report mail's pieces: the subject from the figures, the hosts and the days; control characters
// from the log never reach a header raw (sent through a real SMTP server and parsed back).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMessage, dayLabel, fileStem, hostLabel, subjectOf } from '../../src/mail/message.js';
import { sendMessage } from '../../src/mail/send.js';
import { emptyReport } from '../../src/report/empty.js';
import type { Report } from '../../src/report/model.js';
import { startServer } from './server.js';

function report(hosts: string[], from: string | null, to: string | null, totals: Partial<Report['totals']> = {}): Report {
  const r = emptyReport('postsumm test');
  r.hosts = hosts;
  r.period = { from, to };
  Object.assign(r.totals, totals);
  return r;
}

test('the subject names the host, the day and the delivered, rejected and bounced figures with thousands separators', () => {
  const r = report(['mx1'], '2026-11-24T00:00:03+01:00', '2026-11-24T23:59:58+01:00', { delivered: 1234, rejected: 56, bounced: 3 });
  assert.equal(subjectOf(r, 'fallback'), 'Postfix report mx1: 2026-11-24 — 1,234 delivered, 56 rejected, 3 bounced');
});

test('several days read as a range, several hosts as a list cut after three, no host as the machine\'s name', () => {
  assert.equal(dayLabel(report([], '2026-11-23T01:00:00Z', '2026-11-24T02:00:00Z')), '2026-11-23 to 2026-11-24');
  assert.equal(dayLabel(report([], null, null), '2026-11-24'), '2026-11-24');
  assert.equal(dayLabel(report([], null, null)), 'no log lines');
  assert.equal(hostLabel(['mx1', 'mx2'], 'x'), 'mx1, mx2');
  assert.equal(hostLabel(['a', 'b', 'c', 'd', 'e'], 'x'), 'a, b, c +2');
  assert.equal(hostLabel([], 'box'), 'box');
  assert.equal(fileStem(report(['mx1', 'mx2'], '2026-11-23T01:00:00Z', '2026-11-24T02:00:00Z'), 'x'), 'postsumm-cluster-2026-11-23_2026-11-24');
});

test('control characters of a host name are shown escaped in the subject and the file name is plain', () => {
  const r = report(['mx1\r\nBcc: victim@example.com\x1b[31m\u2028'], '2026-11-24T00:00:00Z', '2026-11-24T01:00:00Z');
  const s = subjectOf(r, 'x');
  assert.doesNotMatch(s, /[\x00-\x1f\u2028]/);
  assert.match(s, /^Postfix report mx1\\x0d\\x0aBcc: victim@example\.com\\x1b\[31m\\u2028: 2026-11-24 — /);
  assert.match(fileStem(r, 'x'), /^[A-Za-z0-9._-]+$/);
});

test('a host name that tries header injection arrives as one subject, no Bcc header and no extra recipient', async () => {
  const server = await startServer();
  try {
    const r = report(['mx1\r\nBcc: victim@example.com\r\n\r\nbody'], '2026-11-24T00:00:00Z', '2026-11-24T01:00:00Z');
    const message = buildMessage({ report: r, text: 'report\n', html: '<p>report</p>' }, { from: 'postsumm@test.example', to: ['admin@example.com'], fallbackHost: 'x' });
    await sendMessage(message, { kind: 'smtp', host: '127.0.0.1', port: server.port, security: 'opportunistic' }, {});
    const got = server.received[0]!;
    assert.deepEqual(got.to, ['admin@example.com']);
    assert.equal(got.mail.bcc, undefined);
    assert.equal(got.mail.headers.get('bcc'), undefined);
    assert.equal(got.mail.subject, message.subject);
    assert.equal(got.mail.text, 'report\n');
  } finally {
    await server.close();
  }
});
