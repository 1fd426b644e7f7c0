// Tests for the report and merge commands through cli/main: formats, exit codes, -d, merge of JSON reports, bad
// JSON, the loud warning on logs without Postfix lines, the progress line, pflogsumm's option spellings.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Report } from '../../src/report/model.js';
import { SECTION_TITLES } from '../../src/report/labels.js';
import { projectRoot } from '../corpus.js';
import { runMain } from '../cli-run.js';

process.env.TZ = 'Europe/Berlin'; // the samples' zone

/** Runs main and captures its output; `tty` makes stderr look like a terminal; `now` is the clock. */
const run = (argv: string[], env: { tty?: boolean; now?: () => number } = {}) => runMain(argv, env);

const root = projectRoot();
const samples = [join(root, 'samples/mail.log'), join(root, 'samples/mail.log.1.gz')];
const tmp = mkdtempSync(join(tmpdir(), 'postsumm-report-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
/** The samples' lines, oldest first (the .gz holds the older half). */
const sampleLines = [
  ...gunzipSync(readFileSync(samples[1]!)).toString('utf8').split('\n'),
  ...readFileSync(samples[0]!, 'utf8').split('\n'),
].filter((l) => l !== '');

async function json(argv: string[], env: { now?: () => number } = {}): Promise<Report> {
  const r = await run(['--format', 'json', ...argv], env);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as Report;
}

test('the default command prints the text report of the samples, exit 0, nothing on stderr', async () => {
  const { code, out, err } = await run(samples);
  assert.equal(code, 0);
  assert.equal(err, '');
  assert.match(out, /^Postfix Log Summaries for Wed, Nov 25 2026\n/);
  for (const title of [SECTION_TITLES.grandTotals, SECTION_TITLES.perHour, SECTION_TITLES.rejects, SECTION_TITLES.input]) {
    assert.match(out, new RegExp(`^${title.replace(/[()]/g, '\\$&')}`, 'm'));
  }
});

test('--format json prints the model with the Grand Totals under their contract names, and text shows the same figures', async () => {
  const r = await json(samples);
  for (const k of ['received', 'delivered', 'forwarded', 'deferred', 'deferrals', 'bounced', 'rejected', 'rejectWarnings', 'held', 'discarded', 'expired', 'bytesReceived', 'bytesDelivered', 'senders', 'sendingDomains', 'recipients', 'recipientDomains']) {
    assert.equal(typeof (r.totals as unknown as Record<string, unknown>)[k], 'number', k);
  }
  assert.match(r.period.from!, /^2026-11-25T20:08:38\.000\+01:00$/);
  assert.equal(r.input.lines, sampleLines.length);
  const text = (await run(samples)).out;
  const figure = (label: string) => Number(new RegExp(`^ +([\\d,]+)   ${label}`, 'm').exec(text)?.[1]?.replace(/,/g, ''));
  assert.equal(figure('received'), r.totals.received);
  assert.equal(figure('delivered'), r.totals.delivered);
  assert.equal(figure('rejected'), r.totals.rejected);
  assert.equal(figure('senders'), r.totals.senders);
});

test('a bad --format or a bad number is one line on stderr and exit 2', async () => {
  assert.deepStrictEqual(await run(['--format', 'xml', ...samples]), { code: 2, out: '', err: "postsumm: --format takes text, html or json, not 'xml'\n" });
  assert.deepStrictEqual(await run(['-h', 'ten', ...samples]), { code: 2, out: '', err: "postsumm: -h takes a whole number of rows (0: none), not 'ten'\n" });
  assert.deepStrictEqual(await run(['-d', 'someday']), { code: 2, out: '', err: 'postsumm: -d takes today, yesterday, this week, last week, this month, last month, YYYY-MM-DD, YYYY-MM, or "A to B", not \'someday\'\n' });
});

test('a missing log is named on stderr, exit 1, and the report of the other logs is still printed', async () => {
  const { code, out, err } = await run(['/nonexistent/mail.log', ...samples]);
  assert.equal(code, 1);
  assert.equal(err, 'postsumm: cannot read /nonexistent/mail.log: no such file\n');
  assert.match(out, /^Grand Totals$/m);
  assert.deepStrictEqual(await run(['/nonexistent/mail.log']), { code: 1, out: '', err: 'postsumm: cannot read /nonexistent/mail.log: no such file\n' }, 'nothing read: no all-zero report');
});

test('-d keeps only the records of the chosen days, before correlation', async () => {
  // the samples' second half moved to the next day: a two-day log
  const half = Math.floor(sampleLines.length / 2);
  const twoDays = join(tmp, 'two-days.log');
  writeFileSync(twoDays, [...sampleLines.slice(0, half), ...sampleLines.slice(half).map((l) => l.replace(/^Nov 25/, 'Nov 26'))].join('\n') + '\n');
  const second = await json(['--year', '2026', '-d', '2026-11-26', twoDays]);
  assert.equal(second.input.lines, sampleLines.length - half);
  assert.match(second.period.from!, /^2026-11-26T/);
  assert.deepStrictEqual(Object.keys(second.perDay).filter((d) => d !== '2026-11-26'), []);
  const first = await json(['--year', '2026', '-d', 'yesterday', twoDays], { now: () => new Date(2026, 10, 26, 9).getTime() });
  assert.equal(first.input.lines, half);
  assert.match(first.period.to!, /^2026-11-25T/);
  const both = await json(['--year', '2026', '-d', '2026-11-25 to 2026-11-26', twoDays]);
  assert.equal(both.input.lines, sampleLines.length);
  assert.equal(both.totals.rejected, first.totals.rejected + second.totals.rejected, 'rejects are events: the halves add up');
});

test('-d outside the log: an empty report, exit 0, and a warning saying so', async () => {
  const { code, out, err } = await run(['-d', '2026-11-24', ...samples]);
  assert.equal(code, 0);
  assert.equal(err, `postsumm: warning: no Postfix line falls within -d '2026-11-24' (2026-11-24); ${sampleLines.length} are outside it: the report is empty\n`);
  assert.match(out, /^ +0   received$/m);
});

test('a log without Postfix lines, or a --syslog-name that matches nothing, is a loud warning, exit 0', async () => {
  const other = join(tmp, 'auth.log');
  writeFileSync(other, 'Nov 25 20:00:00 mx sshd[1]: Accepted publickey for root from 192.0.2.1 port 22 ssh2\nNov 25 20:00:01 mx CRON[2]: (root) CMD (true)\n');
  const a = await run([other]);
  assert.equal(a.code, 0);
  assert.equal(a.err, 'postsumm: warning: none of the 2 lines read is a Postfix log line (no postfix/… syslog tag): the report is empty\n');
  assert.match(a.out, /^Grand Totals$/m);
  const b = await run(['--syslog-name', 'postfix-nowhere', samples[0]!]);
  assert.equal(b.code, 0);
  assert.match(b.err, /^postsumm: warning: --syslog-name postfix-nowhere matched none of the \d+ lines read: the report is empty\n$/);
  const empty = join(tmp, 'empty.log');
  writeFileSync(empty, '');
  assert.equal((await run([empty])).err, '', 'an empty log is not worth a warning');
});

test('merge adds the JSON reports of two halves of a log, and prints text or JSON', async () => {
  const half = Math.floor(sampleLines.length / 2);
  const a = join(tmp, 'a.log');
  const b = join(tmp, 'b.log');
  writeFileSync(a, sampleLines.slice(0, half).join('\n') + '\n');
  writeFileSync(b, sampleLines.slice(half).join('\n') + '\n');
  const ra = await json(['--year', '2026', a]);
  const rb = await json(['--year', '2026', b]);
  writeFileSync(join(tmp, 'a.json'), JSON.stringify(ra));
  writeFileSync(join(tmp, 'b.json'), JSON.stringify(rb));
  const m = await run(['merge', '--format', 'json', join(tmp, 'a.json'), join(tmp, 'b.json')]);
  assert.equal(m.code, 0, m.err);
  const merged = JSON.parse(m.out) as Report;
  for (const k of ['rejected', 'rejectWarnings', 'deferrals', 'bytesDelivered'] as const) assert.equal(merged.totals[k], ra.totals[k] + rb.totals[k], k);
  assert.equal(merged.input.lines, sampleLines.length);
  assert.deepStrictEqual([merged.period.from, merged.period.to], [ra.period.from, rb.period.to]);
  const text = await run(['merge', '-q', join(tmp, 'a.json'), join(tmp, 'b.json')]);
  assert.equal(text.code, 0);
  assert.match(text.out, new RegExp(`^ +${merged.totals.rejected}   rejected`, 'm'));
});

test('merge names the file that is not a report, prints nothing, exit 1', async () => {
  const good = join(tmp, 'good.json');
  writeFileSync(good, JSON.stringify(await json(samples)));
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, '{"schemaVersion": 1, "totals": ');
  const r = await run(['merge', good, bad]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, new RegExp(`^postsumm: cannot merge ${bad.replace(/[.]/g, '\\.')}: not JSON \\([^\\n]+\\)\\n$`));
  const future = join(tmp, 'future.json');
  writeFileSync(future, '{"schemaVersion": 99}');
  assert.deepStrictEqual(await run(['merge', good, future]), { code: 1, out: '', err: `postsumm: cannot merge ${future}: schemaVersion 99, this postsumm reads 1\n` });
  const other = join(tmp, 'other.json');
  writeFileSync(other, '[1, 2, 3]');
  assert.deepStrictEqual(await run(['merge', other]), { code: 1, out: '', err: `postsumm: cannot merge ${other}: not a postsumm JSON report (no schemaVersion)\n` });
  assert.deepStrictEqual(await run(['merge', join(tmp, 'none.json')]), { code: 1, out: '', err: `postsumm: cannot read ${join(tmp, 'none.json')}: no such file\n` });
  assert.deepStrictEqual(await run(['merge']), { code: 2, out: '', err: 'postsumm: merge needs at least one JSON report (see postsumm --help)\n' });
});

test('the progress line goes to a terminal stderr only, not with -q, and is erased before the report', async () => {
  let t = 0;
  const clock = () => (t += 1500);
  const tty = await run(samples, { tty: true, now: clock });
  assert.equal(tty.code, 0);
  assert.match(tty.err, /^\rpostsumm: [\d.]+ of [\d.]+ MB read \(\d+%\), [\d.]+ MB\/s, \d+ s left\x1b\[K\r\x1b\[K$/);
  assert.equal((await run(['-q', ...samples], { tty: true, now: clock })).err, '');
  assert.equal((await run(samples, { now: clock })).err, '');
});

test("pflogsumm's spellings work: underscores, a bare --verp-mung before a file, -e with a note", async () => {
  const plain = (await run(samples)).out;
  assert.ok(plain.includes(SECTION_TITLES.bounces));
  const under = await run(['--bounce_detail=0', '--smtpd_stats', ...samples]);
  assert.equal(under.code, 0);
  assert.ok(!under.out.includes(SECTION_TITLES.bounces), '--bounce_detail=0 leaves bounce detail out');
  assert.match(under.out, /^smtpd$/m, '--smtpd_stats adds the smtpd block');
  const verp = await run(['--verp-mung', samples[0]!]);
  assert.equal(verp.code, 0, verp.err);
  assert.match(verp.out, /^Grand Totals$/m);
  const e = await run(['-e', ...samples]);
  assert.equal(e.code, 0);
  assert.equal(e.err, 'postsumm: note: -e (per-message detail) is not printed by postsumm; the rest of the report is\n');
  const top = await run(['--detail', '3', '-u', '2', ...samples]);
  assert.match(top.out, /^Senders by message count \(top 2 of \d+\)$/m);
  assert.match(top.out, /^Host\/Domain Summary: Message Delivery \(top 3 of \d+\)$/m);
});

test("--help lists every pflogsumm option and says how the counts relate to pflogsumm's", async () => {
  const { code, out } = await run(['--help']);
  assert.equal(code, 0);
  const options = ['--format', '-d,', '-e,', '-h,', '-u,', '--detail', '--bounce-detail', '--deferral-detail', '--reject-detail', '--smtp-detail',
    '--smtpd-warning-detail', '--warning-detail', '-i,', '-m,', '--verp-mung', '--srs-mung', '--iso-date-time', '-q,', '--problems-first',
    '--verbose-msg-detail', '--zero-fill', '--no-no-msg-size', '--rej-add-from', '--smtpd-stats', '--pscrn-stats', '--syslog-name', '--use-orig-to', '--year'];
  for (const o of options) assert.ok(out.includes(`  ${o}`), `--help lists ${o}`);
  assert.match(out, /received once/);
  assert.match(out, /content filters/);
  assert.match(out, /Bounced includes\s+the recipients of expired messages/);
  assert.match(out, /4xx included/);
  for (const line of out.split('\n')) assert.ok([...line].length <= 80, `help fits 80 columns: ${line}`);
});

test('--compare-with shows each header figure against an earlier report; a file that is not one is one line, exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-compare-'));
  const before = join(dir, 'before.json');
  writeFileSync(before, (await run(['--format', 'json', ...samples])).out);
  const page = await run(['--format', 'html', '--compare-with', before, ...samples]);
  assert.equal(page.code, 0);
  const changes = [...page.out.matchAll(/data-change="(\w+)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepStrictEqual(changes, ['received', 'delivered', 'deferred', 'bounced', 'rejected', 'expired'].map((k) => `${k} = 0% vs Wed, Nov 25 2026`));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"hello": 1}');
  assert.deepStrictEqual(await run(['--format', 'html', '--compare-with', bad, ...samples]),
    { code: 1, out: '', err: `postsumm: cannot compare with ${bad}: not a postsumm JSON report (no schemaVersion)\n` });
});
