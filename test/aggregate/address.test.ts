// Address and host normalisation: pflogsumm's -i, -m, --verp-mung, --srs-mung, --use-orig-to and gimme_domain.
// Expected VERP and UUCP results are what pflogsumm 1.1.5's own regexes give (checked with perl on the same input).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clientDomain, clientKey, hostKey, normalizeAddress, recipientKey, senderKey, srsMung, uucpMung, verpMung,
} from '../../src/aggregate/address.js';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions } from '../../src/aggregate/section.js';

const opts = (o: Partial<AggregateOptions> = {}): AggregateOptions => ({ ...DEFAULT_AGGREGATE_OPTIONS, ...o });

test('addresses keep the local part as logged and lower-case the domain; -i lower-cases all', () => {
  // lab (out/maillog-traditional.log): `to=<alice+news@Lab.Example>`, `to=<Bob@lab.example>`
  const rows: [string, Partial<AggregateOptions>, string][] = [
    ['alice+news@Lab.Example', {}, 'alice+news@lab.example'],
    ['Bob@lab.example', {}, 'Bob@lab.example'],
    ['Bob@Lab.Example', { ignoreCase: true }, 'bob@lab.example'],
    ['carol', {}, 'carol'],
  ];
  for (const [addr, o, want] of rows) assert.equal(normalizeAddress(addr, opts(o)), want, addr);
});

test('the null sender is one sender, <>', () => {
  assert.equal(senderKey('', opts()), '<>');
});

test('--verp-mung replaces VERP ids, and at level 2 drops the per-recipient tag', () => {
  const rows: [string, number, string][] = [
    ['list-return-36-someuser=someplace.com@lists.domain.com', 0, 'list-return-36-someuser=someplace.com@lists.domain.com'],
    ['list-return-36-someuser=someplace.com@lists.domain.com', 1, 'list-return-ID-someuser=someplace.com@lists.domain.com'],
    ['list-return-36-someuser=someplace.com@lists.domain.com', 2, 'list-return-ID@lists.domain.com'],
    ['bounce-123-456@news.example', 1, 'bounce-ID@news.example'],
    ['owner-list@x.example', 2, 'owner-list@x.example'],
  ];
  for (const [addr, level, want] of rows) {
    assert.equal(verpMung(addr, level), want, `${addr} at ${level}`);
    assert.equal(senderKey(addr, opts({ verpMung: level })), want);
  }
});

test('--verp-mung stays linear on long digit runs, where pflogsumm\'s regex backtracks cubically, and skips junk', () => {
  // 512 digits: pflogsumm's regex takes about 0.2 s here, and the time grows with the cube of the length
  assert.equal(verpMung('1'.repeat(512) + 'x', 1), '1'.repeat(512) + 'x');
  assert.equal(verpMung('1'.repeat(500) + '-5@x.example', 1), '1'.repeat(500) + '-ID@x.example');
  // longer than any RFC 5321 path: left as it is
  const junk = 'bounce' + '-1'.repeat(300) + '@x.example';
  assert.equal(verpMung(junk, 2), junk);
});

test('--srs-mung gives back the original sender of SRS0 and SRS1 addresses, and leaves others alone', () => {
  assert.equal(srsMung('SRS0=HHH=TT=example.org=alice@forwarder.example'), 'alice@example.org');
  assert.equal(srsMung('SRS1=XXX=fwd1.example==HHH=TT=example.org=alice@fwd2.example'), 'alice@example.org');
  assert.equal(srsMung('SRS0+abcd=Xy=Example.ORG=Alice@forwarder.example'), 'Alice@Example.ORG');
  assert.equal(srsMung('alice@example.org'), 'alice@example.org');
  assert.equal(senderKey('SRS0=HHH=TT=Example.ORG=alice@forwarder.example', opts({ srsMung: true })), 'alice@example.org');
  assert.equal(senderKey('SRS0=HHH=TT=Example.ORG=alice@forwarder.example', opts()), 'SRS0=HHH=TT=Example.ORG=alice@forwarder.example');
});

test('-m rewrites UUCP bang paths as pflogsumm does, only with the option', () => {
  assert.equal(uucpMung('a!b!user@uucphost'), 'uucphost!a!user@b');
  assert.equal(uucpMung('b!user@uucphost'), 'uucphost!user@b');
  assert.equal(uucpMung('user@host.example'), 'user@host.example'); // a dotted domain is not a UUCP name
  assert.equal(normalizeAddress('b!user@uucphost', opts({ uucpMung: true })), 'uucphost!user@b');
  assert.equal(normalizeAddress('b!user@uucphost', opts()), 'b!user@uucphost');
});

test('-m stays linear on a long bang path', () => {
  const hostile = 'a!'.repeat(50_000) + 'user@host';
  assert.equal(uucpMung(hostile), 'host!' + 'a!'.repeat(49_999) + 'user@a');
});

test('--use-orig-to reports orig_to= where the line has one', () => {
  // lab: `to=<erin-home@customer.example>, orig_to=<erin@lab.example>`
  assert.equal(recipientKey('erin-home@customer.example', 'erin@lab.example', opts()), 'erin-home@customer.example');
  assert.equal(recipientKey('erin-home@customer.example', 'erin@lab.example', opts({ useOrigTo: true })), 'erin@lab.example');
  assert.equal(recipientKey('alice@lab.example', null, opts({ useOrigTo: true })), 'alice@lab.example');
});

test("a client's domain is pflogsumm's gimme_domain: IP without a name, else the name folded after a 3- or 2-letter TLD", () => {
  const rows: [string, string, string][] = [
    ['unknown', '127.0.0.48', '127.0.0.48'],
    ['', '127.0.0.50', '127.0.0.50'],
    ['mail63.senders.example', '127.0.0.63', 'mail63.senders.example'],
    ['Mail.Example.COM', '192.0.2.1', 'example.com'],
    ['mx.mail.example.co.uk', '192.0.2.2', 'example.co.uk'],
    ['example.co.uk', '192.0.2.3', 'example.co.uk'],
    ['localhost', '127.0.0.1', 'localhost'],
    ['10.100.200.123', '10.100.200.123', '10.100.200.123'],
  ];
  for (const [name, ip, want] of rows) assert.equal(clientDomain({ name, ip, port: null }), want, name);
});

test('a client is listed as name[ip], or its bare IP without a name; a remote host by name', () => {
  assert.equal(clientKey({ name: 'mail63.senders.example', ip: '127.0.0.63', port: null }), 'mail63.senders.example[127.0.0.63]');
  assert.equal(clientKey({ name: 'unknown', ip: '127.0.0.48', port: null }), '127.0.0.48');
  assert.equal(clientKey({ name: '', ip: '127.0.0.50', port: 37711 }), '127.0.0.50');
  assert.equal(hostKey({ name: 'MX-A.backupmx.example', ip: '127.0.0.30', port: 25 }), 'mx-a.backupmx.example');
});
