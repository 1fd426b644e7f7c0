// Tests for `postsumm events` through cli/main: NDJSON and --count on the lab logs, options, exit codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { projectRoot, sharedDir } from '../corpus.js';
import { runMain } from '../cli-run.js';

process.env.TZ = 'Europe/Berlin'; // the lab's zone: classic stamps then mean the same instants as the RFC 3339 ones

const run = (argv: string[]) => runMain(argv);

const shared = sharedDir();
const skip = shared === null ? 'needs ../shared (the lab logs)' : false;
const lab = (name: string) => join(shared ?? '', 'lab', name);

test('events --count: every line of the lab log lands in exactly one bucket', { skip }, async () => {
  const { code, out } = await run(['events', '--count', lab('out/maillog-traditional.log')]);
  assert.equal(code, 0);
  const c = JSON.parse(out) as { lines: number; events: Record<string, number>; foreign: number; unrecognized: Record<string, number>; malformed: number };
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  assert.equal(c.lines, 9197);
  assert.equal(sum(c.events) + c.foreign + sum(c.unrecognized) + c.malformed, c.lines);
  assert.deepStrictEqual(Object.keys(c).slice(0, 5), ['lines', 'events', 'foreign', 'unrecognized', 'malformed']);
});

test('events: the classic and the RFC 3339 copies of the lab log give the same events but for the time field', { skip }, async () => {
  const a = (await run(['events', lab('out/maillog-traditional.log')])).out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const b = (await run(['events', lab('out/maillog-rfc3339.log')])).out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(a.length, 9197);
  assert.equal(b.length, a.length);
  for (let i = 0; i < a.length; i++) {
    const ta = a[i]!.time as string;
    const tb = b[i]!.time as string;
    // same instant to the second (the classic stamp has no fraction), same offset
    assert.equal(ta.slice(0, 19) + ta.slice(23), tb.slice(0, 19) + tb.slice(23), `line ${i + 1}`);
    delete a[i]!.time;
    delete b[i]!.time;
    assert.deepStrictEqual(a[i], b[i], `line ${i + 1}`);
  }
});

test('events: each NDJSON line has the header fields first', { skip }, async () => {
  const first = JSON.parse((await run(['events', lab('out/maillog-rfc3339.log')])).out.split('\n')[0]!) as Record<string, unknown>;
  assert.deepStrictEqual(Object.keys(first).slice(0, 8), ['kind', 'time', 'host', 'instance', 'service', 'daemon', 'pid', 'queueId']);
  assert.deepStrictEqual([first.time, first.host, first.instance, first.daemon, first.pid], ['2026-11-25T20:08:38.291+01:00', 'mx', 'postfix', 'postfix-script', 3525]);
});

test('events --syslog-name keeps only that instance; the other instances count as foreign', { skip }, async () => {
  const { out } = await run(['events', '--count', '--syslog-name', 'postfix-out', lab('out/maillog-traditional.log')]);
  const c = JSON.parse(out) as { lines: number; foreign: number; events: Record<string, number>; unrecognized: Record<string, number> };
  const postfixOut = 5; // `grep -c ' postfix-out/' maillog-traditional.log`
  assert.equal(c.lines - c.foreign, postfixOut);
});

test('events --count on the samples: the rotated set is read whole, oldest first', async () => {
  const root = projectRoot();
  const { code, out } = await run(['events', '--count', join(root, 'samples/mail.log'), join(root, 'samples/mail.log.1.gz')]);
  assert.equal(code, 0);
  assert.equal((JSON.parse(out) as { lines: number }).lines, 9197);
  const first = (await run(['events', join(root, 'samples/mail.log'), join(root, 'samples/mail.log.1.gz')])).out.split('\n', 1)[0]!;
  assert.match(first, /"daemon":"postfix-script","pid":3525,/);
});

test('events: a missing file is one line on stderr naming it, exit 1, after the other files are read', async () => {
  const root = projectRoot();
  const { code, out, err } = await run(['events', '--count', '/nonexistent/mail.log', join(root, 'samples/mail.log')]);
  assert.equal(code, 1);
  assert.equal(err, 'postsumm: cannot read /nonexistent/mail.log: no such file\n');
  assert.ok((JSON.parse(out) as { lines: number }).lines > 0);
});

test('usage mistakes are one line and exit 2', async () => {
  assert.deepStrictEqual(await run(['events', '--year', '26']), { code: 2, out: '', err: "postsumm: --year takes a four-digit year, not '26'\n" });
  // the report is the default command now (`postsumm report` reads a file named report): merge stands in here
  assert.deepStrictEqual(await run(['merge']), { code: 2, out: '', err: 'postsumm: merge needs at least one JSON report (see postsumm --help)\n' });
  const bad = await run(['events', '--bogus']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^postsumm: Unknown option '--bogus'.*\(see postsumm --help\)\n$/);
});

test('--help documents the commands and the exit codes', async () => {
  const { code, out } = await run(['--help']);
  assert.equal(code, 0);
  assert.match(out, /events --count/);
  assert.match(out, /Exit codes: 0 .*; 1 .*; 2 /s);
});
