// The strings smtpd looks up, in its order (access(5) "EMAIL ADDRESS PATTERNS", "HOST NAME/ADDRESS PATTERNS";
// smtpd_check.c check_namadr_access, check_domain_access, check_addr_access; mail_addr_find.c), and the search
// that stops at the first key found, DUNNO included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientKeys, DEFAULT_LOOKUP_OPTIONS, heloKeys, recipientKeys, search, senderKeys, stripExtension, type LookupKey, type LookupOptions } from '../../src/access/lookup.js';
import { parseTable } from '../../src/access/table.js';

const PLUS: LookupOptions = { ...DEFAULT_LOOKUP_OPTIONS, recipientDelimiter: '+' };
const DOTS: LookupOptions = { ...DEFAULT_LOOKUP_OPTIONS, parentMatchesSubdomains: false };
const show = (keys: LookupKey[]) => keys.map((k) => (k.partial ? `(${k.key})` : k.key));

test('lookup order: a client is its hostname, the parent domains, then the address and its networks', () => {
  assert.deepEqual(show(clientKeys('dhcp-44-7.pool.isp.example', '127.0.0.44')), [
    'dhcp-44-7.pool.isp.example', '(pool.isp.example)', '(isp.example)', '(example)', '127.0.0.44', '(127.0.0)', '(127.0)', '(127)',
  ]);
});

test('lookup order: a client without a reverse name is looked up as unknown', () => {
  assert.deepEqual(show(clientKeys('unknown', '127.0.0.47')), ['unknown', '127.0.0.47', '(127.0.0)', '(127.0)', '(127)']);
});

test('lookup order: an IPv6 client address loses its last :part each time', () => {
  assert.deepEqual(show(clientKeys('unknown', '2001:db8::1')).slice(1), ['2001:db8::1', '(2001:db8:)', '(2001:db8)', '(2001)']);
});

test('lookup order: parent domains are .domain when parent_domain_matches_subdomains does not list smtpd_access_maps', () => {
  assert.deepEqual(show(heloKeys('mx.lab.example', DOTS)), ['mx.lab.example', '(.lab.example)', '(.example)']);
  assert.deepEqual(show(heloKeys('mx.lab.example')), ['mx.lab.example', '(lab.example)', '(example)']);
});

test('lookup order: a numeric HELO is looked up whole only; a bracketed one is not numeric to Postfix', () => {
  assert.deepEqual(show(heloKeys('127.0.0.1')), ['127.0.0.1']);
  assert.deepEqual(show(heloKeys('[127.0.0.1]')), ['[127.0.0.1]', '(0.0.1])', '(0.1])', '(1])']);
});

test('lookup order: a HELO with a trailing dot never looks up the empty string', () => {
  assert.deepEqual(show(heloKeys('mx.example.')), ['mx.example.', '(example.)']);
  assert.deepEqual(show(heloKeys('mx.example.', DOTS)), ['mx.example.', '(.example.)', '(.)']);
});

test('lookup order: a mail address is user@domain, domain, parent domains, user@', () => {
  assert.deepEqual(show(senderKeys('hr@mail.isp.example')), ['hr@mail.isp.example', '(mail.isp.example)', '(isp.example)', '(example)', '(hr@)']);
});

test('lookup order: with an extension, user+foo@domain, user@domain, domain, user+foo@, user@ (access(5))', () => {
  assert.deepEqual(show(recipientKeys('alice+news@lab.example', PLUS)), [
    'alice+news@lab.example', '(alice@lab.example)', '(lab.example)', '(example)', '(alice+news@)', '(alice@)',
  ]);
  // without a recipient_delimiter (Postfix's default) + is part of the name
  assert.deepEqual(show(recipientKeys('alice+news@lab.example')), ['alice+news@lab.example', '(lab.example)', '(example)', '(alice+news@)']);
});

test('lookup order: the null sender is <> only (smtpd_null_access_lookup_key)', () => {
  assert.deepEqual(show(senderKeys('')), ['<>']);
});

test('lookup order: extensions are not split off postmaster, MAILER-DAEMON, owner-…, …-request or a leading delimiter', () => {
  assert.equal(stripExtension('postmaster', '+'), null);
  assert.equal(stripExtension('MAILER-DAEMON', '-'), null);
  assert.equal(stripExtension('owner-list', '-'), null);
  assert.equal(stripExtension('list-request', '-'), null);
  assert.equal(stripExtension('+x', '+'), null);
  assert.equal(stripExtension('user+a+b', '+'), 'user');
  assert.equal(stripExtension('user-a', '+-'), 'user');
});

test('search: the first key found ends it; an address entry is not reached when a name entry is found (DUNNO too)', () => {
  const t = parseTable('hash:t', 'isp.example REJECT dynamic ISP\nmx.lab.example DUNNO\n127.0.0 OK\n127.0.0.4 DUNNO\n');
  const found = (name: string, ip: string) => {
    const f = search(t, clientKeys(name, ip));
    return f === null ? null : `${f.key} ${f.value}`;
  };
  assert.equal(found('dhcp-44-7.pool.isp.example', '127.0.0.44'), 'isp.example REJECT dynamic ISP');
  assert.equal(found('mx.lab.example', '127.0.0.1'), 'mx.lab.example DUNNO');
  assert.equal(found('mail.partner.example', '127.0.0.40'), '127.0.0 OK');
  // DUNNO on the whole address keeps its networks from being tried
  assert.equal(found('cron.lab.example', '127.0.0.4'), '127.0.0.4 DUNNO');
});

test('search: a regexp: table sees the whole name and the whole address, never a part (access(5))', () => {
  const t = parseTable('regexp:t', '/^isp\\.example$/ REJECT parent\n/^127\\.0\\.0$/ REJECT network\n/^127\\.0\\.0\\.44$/ REJECT address\n');
  assert.equal(search(t, clientKeys('dhcp-44-7.pool.isp.example', '127.0.0.44'))?.value, 'REJECT address');
  assert.equal(search(t, clientKeys('dhcp-44-7.pool.isp.example', '127.0.0.45')), null);
  const m = parseTable('regexp:m', '/^alice@$/ REJECT localpart\n/^lab\\.example$/ REJECT domain\n');
  assert.equal(search(m, recipientKeys('alice@lab.example', PLUS)), null);
});

test('search: a hash: table finds .domain entries only through the .domain keys', () => {
  const t = parseTable('hash:t', '.isp2.example REJECT isp2 subdomain\n');
  assert.equal(search(t, heloKeys('liar.isp2.example')), null);
  assert.equal(search(t, heloKeys('liar.isp2.example', DOTS))?.key, '.isp2.example');
  assert.equal(search(t, heloKeys('isp2.example', DOTS)), null);
});
