// Our table lookups against Postfix's own: for every key the lab log gives (each client name and address, HELO,
// sender and recipient, and every partial key Postfix's lookup order derives from them), `postmap -q - TYPE:FILE`
// and our table must find the same entries with the same results, for regexp: tables and for hash: tables built
// by postmap from the same source text. Skipped where Postfix's postmap is not installed (`apt-get install
// postfix`; no daemon is needed) or where ../shared (the lab log) is absent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_LOOKUP_OPTIONS, keysOf, type LookupOptions } from '../../src/access/lookup.js';
import { parseTable } from '../../src/access/table.js';
import type { LogRecord } from '../../src/parse/events.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { projectRoot, sharedDir } from '../corpus.js';
import { PCRE_CASES } from './pcre-cases.js';
import { POSIX_CASES } from './posix-cases.js';

const POSTMAP = '/usr/sbin/postmap';
const shared = sharedDir();
const skipPostmap = existsSync(POSTMAP) ? false : `Postfix's postmap is not installed at ${POSTMAP} (apt-get install postfix)`;
const skipLab = skipPostmap || (shared === null ? '../shared (the lab log) is absent' : false);
const fixtures = join(projectRoot(), 'test/fixtures/whatif');

/**
 * A directory for postmap's configuration (it wants a main.cf, even an empty one) and for the tables it builds.
 * One for the whole file: postmap's first run with a new configuration directory takes a second or two.
 */
const dir = mkdtempSync(join(tmpdir(), 'postsumm-postmap-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'main.cf'), '');

/** `postmap -q -`: the keys found, with their results (postmap exits 1 when none is found; that is no error). */
function postmapQuery(conf: string, table: string, keys: readonly string[]): { found: Map<string, string>; stderr: string } {
  const r = spawnSync(POSTMAP, ['-c', conf, '-q', '-', table], { input: keys.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error !== undefined) throw r.error;
  const found = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    found.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return { found, stderr: r.stderr };
}

/** The lab log's clients, HELO names, senders and recipients. */
function labSubjects(): { clients: Map<string, string>; helos: Set<string>; senders: Set<string>; recipients: Set<string> } {
  const clients = new Map<string, string>();
  const helos = new Set<string>();
  const senders = new Set<string>();
  const recipients = new Set<string>();
  const clock = new StampClock(Date.UTC(2026, 11, 31), 2026);
  for (const line of readFileSync(join(shared!, 'lab/out/maillog-traditional.log'), 'utf8').split('\n')) {
    const r = parseLine(line, clock);
    if (typeof r === 'string') continue;
    const e = (r as LogRecord).event;
    if (e.kind === 'smtpd-connect' || e.kind === 'smtpd-client') clients.set(`${e.client.name}\n${e.client.ip}`, e.client.ip);
    if ('envelope' in e) {
      if (e.envelope.helo !== null) helos.add(e.envelope.helo);
      if (e.envelope.from !== null) senders.add(e.envelope.from);
      if (e.envelope.to !== null) recipients.add(e.envelope.to);
    }
    if (e.kind === 'qmgr-queued') senders.add(e.from);
    if (e.kind === 'delivery-status') {
      recipients.add(e.to);
      if (e.origTo !== null) recipients.add(e.origTo);
    }
  }
  return { clients, helos, senders, recipients };
}

let keysOfLab: string[] | null = null;

/** Every key Postfix's lookup order derives from the lab's subjects, with both parent-domain styles and `+`. */
function labKeys(): string[] {
  keysOfLab ??= deriveKeys();
  return keysOfLab;
}

function deriveKeys(): string[] {
  const s = labSubjects();
  const keys = new Set<string>();
  const styles: LookupOptions[] = [
    { ...DEFAULT_LOOKUP_OPTIONS, recipientDelimiter: '+' },
    { ...DEFAULT_LOOKUP_OPTIONS, recipientDelimiter: '+', parentMatchesSubdomains: false },
  ];
  for (const o of styles) {
    for (const [pair, ip] of s.clients) for (const k of keysOf('client', { name: pair.split('\n')[0]!, ip }, o)) keys.add(k.key);
    for (const h of s.helos) for (const k of keysOf('helo', { text: h }, o)) keys.add(k.key);
    for (const a of s.senders) for (const k of keysOf('sender', { text: a }, o)) keys.add(k.key);
    for (const a of s.recipients) for (const k of keysOf('recipient', { text: a }, o)) keys.add(k.key);
  }
  // postmap -q - reads one key a line, as it is
  return [...keys].filter((k) => k !== '' && !/^\s|\s$|[\n\t]/.test(k)).sort();
}

const REGEXP_TABLES = ['features.regexp', 's25r.regexp', 'client_access.regexp'];
const HASH_TABLES = ['features.hash', 'helo_access', 'sender_access', 'recipient_access'];

test('postmap: the lab log gives keys of every kind', { skip: skipLab }, () => {
  const keys = labKeys();
  assert.ok(keys.length > 300, `${keys.length} keys`);
  for (const k of ['dhcp-44-7.pool.isp.example', '127.0.0.44', '127.0.0', 'mx.lab.example', 'lab.example', '<>', 'alice@']) assert.ok(keys.includes(k), k);
});

/** Postfix's PCRE map is a separate package (postfix-pcre): postconf -m lists it when installed. */
function pcreMap(): boolean {
  const r = spawnSync('/usr/sbin/postconf', ['-c', dir, '-m'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.split('\n').includes('pcre');
}
const skipPcre = skipPostmap || (pcreMap() ? false : "Postfix's PCRE map is not installed (apt-get install postfix-pcre)");

const PATTERN_TABLES = [...REGEXP_TABLES.map((f) => ['regexp', f] as const), ['pcre', 'features.pcre'] as const];

for (const [type, file] of PATTERN_TABLES) {
  test(`postmap: ${type}:${file} finds what postmap -q finds, with the same results, for every lab key`, { skip: skipLab || (type === 'pcre' ? skipPcre : false) }, () => {
    const path = join(fixtures, file);
    const keys = labKeys();
    const { found, stderr } = postmapQuery(dir, `${type}:${path}`, keys);
    assert.equal(stderr, '', 'postmap reads the table without a warning');
    const table = parseTable(`${type}:${path}`, readFileSync(path, 'utf8'));
    const ours = new Map<string, string>();
    for (const k of keys) {
      const m = table.find(k);
      if (m !== null) ours.set(k, m.value);
    }
    assert.ok(found.size >= 3, `${found.size} keys found`);
    assert.deepEqual(Object.fromEntries(ours), Object.fromEntries(found));
  });
}

for (const file of HASH_TABLES) {
  test(`postmap: hash:${file} built by postmap finds what our reading of its source finds, for every lab key`, { skip: skipLab }, () => {
    const path = join(dir, basename(file));
    copyFileSync(join(fixtures, file), path);
    const build = spawnSync(POSTMAP, ['-c', dir, `hash:${path}`], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const keys = labKeys();
    const { found } = postmapQuery(dir, `hash:${path}`, keys);
    const table = parseTable(`hash:${path}`, readFileSync(path, 'utf8'));
    const ours = new Map<string, string>();
    for (const k of keys) {
      const m = table.find(k);
      if (m !== null) ours.set(k, m.value);
    }
    assert.ok(found.size >= 2, `${found.size} keys found`);
    assert.deepEqual(Object.fromEntries(ours), Object.fromEntries(found));
  });
}

test('postmap: hash: keys of every shape (case, quotes, backslashes, continuation, duplicates) read as postmap builds them', { skip: skipPostmap }, () => {
  const path = join(dir, 'shapes');
  writeFileSync(path, 'Foo.Example REJECT x\nfoo.example OK dup\n"quoted key" v\na\\ b esc\nkey\tvalue with  spaces  \nmulti line\n  continued here\n# comment\n  indented\n\nCRLF crlf\r\n');
  const build = spawnSync(POSTMAP, ['-c', dir, `hash:${path}`], { encoding: 'utf8' });
  assert.match(build.stderr, /duplicate entry: "foo.example"/);
  const keys = ['foo.example', 'FOO.EXAMPLE', '"quoted key"', '"QUOTED KEY"', 'a\\ b', 'key', 'multi', 'crlf', 'indented', 'quoted'];
  const { found } = postmapQuery(dir, `hash:${path}`, keys);
  const table = parseTable(`hash:${path}`, readFileSync(path, 'utf8'));
  const ours = Object.fromEntries(keys.flatMap((k) => (table.find(k) === null ? [] : [[k, table.find(k)!.value]])));
  assert.equal(found.get('multi'), 'line  continued here  indented');
  assert.deepEqual(ours, Object.fromEntries(found));
});

test('postmap: every row of posix-cases.ts is what postmap -q regexp: does', { skip: skipPostmap }, () => {
  const path = join(dir, 'case.regexp');
  for (const c of POSIX_CASES) {
    writeFileSync(path, `/${c.pattern}/${c.flags} hit\n`);
    const keys = [...c.match, ...c.noMatch].filter((k) => k !== '');
    const { found, stderr } = postmapQuery(dir, `regexp:${path}`, keys);
    assert.equal(stderr, '', `/${c.pattern}/${c.flags} compiles`);
    assert.deepEqual(keys.filter((k) => found.has(k)), c.match.filter((k) => k !== ''), `/${c.pattern}/${c.flags}`);
  }
});

test('postmap: every row of pcre-cases.ts is what postmap -q pcre: does', { skip: skipPcre }, () => {
  const path = join(dir, 'case.pcre');
  for (const c of PCRE_CASES) {
    writeFileSync(path, `/${c.pattern}/${c.flags} hit\n`);
    // one key a run: some keys hold newlines, which postmap -q - would take as two keys
    const hits = [...c.match, ...c.noMatch].filter((k) => {
      const r = spawnSync(POSTMAP, ['-c', dir, '-q', k, `pcre:${path}`], { encoding: 'utf8' });
      assert.equal(r.stderr, '', `/${c.pattern}/${c.flags} compiles`);
      return r.stdout === 'hit\n';
    });
    assert.deepEqual(hits, c.match, `/${c.pattern}/${c.flags}`);
  }
});
