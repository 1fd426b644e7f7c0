// postsumm what-if through cli/main: its options, exit code 2 for a table that cannot be used (file and line
// named), the three formats (JSON is the model, HTML escapes the log's text), and a run on the lab log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { WHATIF_SCHEMA_VERSION, type WhatIfReport } from '../../src/report/whatif.js';
import { projectRoot, sharedDir } from '../corpus.js';
import { runMain } from '../cli-run.js';

process.env.TZ = 'Europe/Berlin'; // the lab's zone

const run = (argv: string[]) => runMain(argv);

const fixtures = join(projectRoot(), 'test/fixtures/whatif');
const tmp = mkdtempSync(join(tmpdir(), 'postsumm-whatif-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// a refused client whose log lines carry markup (lab lines, the sender and HELO made hostile)
const HOSTILE = join(tmp, 'hostile.log');
writeFileSync(HOSTILE, [
  'Nov 25 20:08:52 mx postfix/smtpd[3604]: connect from unknown[127.0.0.47]',
  'Nov 25 20:08:52 mx postfix/smtpd[3604]: NOQUEUE: reject: RCPT from unknown[127.0.0.47]: 450 4.7.1 Client host rejected: cannot find your reverse hostname, [127.0.0.47]; from=<x"<script>"@senders.example> to=<alice@lab.example> proto=ESMTP helo=<<script>alert(1)</script>>',
  'Nov 25 20:08:52 mx postfix/smtpd[3604]: disconnect from unknown[127.0.0.47] ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5',
  '',
].join('\n'));
const CLIENT = `regexp:${join(fixtures, 's25r.regexp')}`;

test('what-if: without a table it says what it needs, exit 2', async () => {
  const r = await run(['what-if', HOSTILE]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /^postsumm: what-if needs a table to try: --client, --helo, --sender or --recipient TYPE:FILE/);
});

test('what-if: a table that cannot be parsed is exit 2, naming the file and the line, before any log is read', async () => {
  const spec = `regexp:${join(fixtures, 'broken.regexp')}`;
  const r = await run(['what-if', '--client', spec, join(tmp, 'no-such.log')]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err, `postsumm: cannot read the access table ${spec}, line 3: Unmatched ( or \\(: "/^(unclosed/    REJECT"\n`);
});

test('what-if: --examples and --format take what they say', async () => {
  assert.match((await run(['what-if', '--client', CLIENT, '--examples', 'many', HOSTILE])).err, /--examples takes a whole number/);
  assert.match((await run(['what-if', '--client', CLIENT, '--format', 'xml', HOSTILE])).err, /--format takes text, html or json, not 'xml'/);
});

test('what-if: --format json prints the model: one object per table, entries with their figures, dead lines', async () => {
  const r = await run(['what-if', '--format', 'json', '--client', CLIENT, '--helo', `hash:${join(fixtures, 'helo_access')}`, HOSTILE]);
  assert.equal(r.code, 0, r.err);
  const m = JSON.parse(r.out) as WhatIfReport;
  assert.equal(m.schemaVersion, WHATIF_SCHEMA_VERSION);
  assert.deepEqual(m.tables.map((t) => [t.option, t.table]), [['client', CLIENT], ['helo', `hash:${join(fixtures, 'helo_access')}`]]);
  const entry = m.tables[0]!.entries[0]!;
  assert.deepEqual(
    { line: entry.line, key: entry.key, action: entry.action, clients: entry.clients, sessions: entry.sessions, messages: entry.messages, deliveredMessages: entry.deliveredMessages },
    { line: 11, key: '/^unknown$/', action: '450 4.7.1 Client has no reverse DNS', clients: 1, sessions: 1, messages: 1, deliveredMessages: 0 },
  );
  assert.deepEqual(m.tables[0]!.dead, [3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(m.tables[1]!.entries, []);
  assert.ok(m.notes.length > 0);
});

test('what-if: --format html escapes every string from the log and the tables', async () => {
  const evil = join(tmp, 'evil.regexp');
  writeFileSync(evil, '/script/ REJECT <b>bold</b>\n');
  const r = await run(['what-if', '--format', 'html', '--helo', `regexp:${evil}`, HOSTILE]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^<!DOCTYPE html>/);
  assert.doesNotMatch(r.out, /<script>|<b>bold/);
  assert.match(r.out, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(r.out, /REJECT &lt;b&gt;bold&lt;\/b&gt;/);
});

test('what-if: a log that cannot be read is said, the others are read, exit 1', async () => {
  const r = await run(['what-if', '--client', CLIENT, join(tmp, 'missing.log'), HOSTILE]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot read .*missing\.log/);
  assert.match(r.out, /^What-if: 2026-11-25 20:08:52/);
});

test('what-if: a table\'s warnings go to stderr too', async () => {
  const warned = join(tmp, 'warned.regexp');
  writeFileSync(warned, '/^[0-9]\\d/ REJECT\n');
  const r = await run(['what-if', '--client', `regexp:${warned}`, HOSTILE]);
  assert.equal(r.code, 0);
  assert.match(r.err, /^postsumm: warning: regexp:.*warned\.regexp: line 1: \\d is the letter d/);
  assert.match(r.out, /warning: line 1: \\d is the letter d/);
});

const shared = sharedDir();

test('what-if on the lab log: the text names the would-be false positives of an S25R table', { skip: shared === null ? '../shared (the lab log) is absent' : false }, async () => {
  const r = await run(['what-if', '--client', CLIENT, '--examples', '1', join(shared!, 'lab/out/maillog-traditional.log')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^smtpd sessions 826, messages 847 \(623 accepted, 580 delivered\)$/m);
  assert.match(r.out, /^check_client_access regexp:.*s25r\.regexp$/m);
  assert.match(r.out, /^would refuse: 49 sessions, 49 messages \(15 accepted, 14 delivered\)$/m);
  assert.match(r.out, /^line 11: \/\^unknown\$\/ 450 4\.7\.1 Client has no reverse DNS\n {2}defer: 3 clients, 28 sessions, 28 messages \(15 accepted, 14 delivered\)\n {2}delivered /m);
  assert.match(r.out, /^dead entries \(nothing in the log reaches them\), lines 4, 5, 6, 7, 8$/m);
  for (const line of r.out.split('\n')) assert.ok([...line].length <= 80, `80 columns: ${line}`);
});
