// Tests for the text renderer on report fixtures (test/fixtures/reports): golden files per scenario, and the
// properties every report must have: 80 columns, no control characters from the log, pflogsumm's order, top-N cuts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from '../../src/render/options.js';
import { renderText } from '../../src/render/text.js';
import { SECTION_TITLES } from '../../src/report/labels.js';
import { golden } from '../golden.js';
import { fixture } from './fixtures.js';

const opts = (o: Partial<RenderOptions> = {}): RenderOptions => ({ ...DEFAULT_RENDER_OPTIONS, ...o });

/** Scenario → fixture and options; each has its golden file `text-<scenario>.txt`. */
const SCENARIOS: Record<string, [string, Partial<RenderOptions>]> = {
  full: ['full', {}],
  'full-stats': ['full', { smtpdStats: true, pscrnStats: true }],
  'full-top2-problems-first': ['full', { hostCount: 2, userCount: 2, bounceDetail: 1, deferralDetail: 1, rejectDetail: 2, smtpDetail: 1, warningDetail: 1, problemsFirst: true }],
  'full-quiet-detail0': ['full', { quiet: true, hostCount: 0, userCount: 0, bounceDetail: 0, deferralDetail: 0, rejectDetail: 0, smtpDetail: 0, warningDetail: 0, noNoMsgSize: true }],
  'full-verbose': ['full', { verbose: true }],
  multiday: ['multiday', { smtpdStats: true }],
  'multiday-iso-zero-fill': ['multiday', { isoDateTime: true, zeroFill: true, quiet: true }],
  empty: ['empty', {}],
  'empty-quiet': ['empty', { quiet: true }],
};

for (const [scenario, [name, o]] of Object.entries(SCENARIOS)) {
  test(`text report of the ${scenario} scenario matches its golden file`, () => {
    golden(`text-${scenario}.txt`, renderText(fixture(name), opts(o)));
  });
}

test('every line of a text report fits 80 columns unless --verbose-msg-detail', () => {
  for (const [name, o] of Object.values(SCENARIOS)) {
    if (o.verbose) continue;
    for (const line of renderText(fixture(name), opts(o)).split('\n')) assert.ok([...line].length <= 80, `${name}: ${line.length} columns: ${line}`);
  }
  const long = renderText(fixture('full'), opts({ verbose: true })).split('\n').some((l) => [...l].length > 80);
  assert.ok(long, 'the full fixture has texts longer than 80 columns, which --verbose-msg-detail prints whole');
});

test('control characters from the log never reach the text report: they are shown escaped', () => {
  const r = fixture('full');
  const evil = 'evil\x1b[2J\x07\r\u202e\u0085x@example.org';
  r.hosts = ['mx\x1b]0;pwned\x07'];
  r.senders[evil] = { count: 99, bytes: 99 };
  r.warnings.smtpd![`reason with ${evil}`] = 5;
  r.rejects.RCPT!['Relay access denied']![evil] = 7;
  r.input.samples.smtpd!.unshift(`sample ${evil}`);
  const text = renderText(r, opts({ verbose: true }));
  // eslint-disable-next-line no-control-regex
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/.exec(text);
  assert.equal(raw, null, `raw control character U+${raw?.[0].charCodeAt(0).toString(16)} in the report`);
  assert.match(text, /evil\\x1b\[2J\\x07\\x0d\\u202e\\x85x@example\.org/);
  assert.match(text, /mx\\x1b\]0;pwned\\x07/);
});

test("sections come in pflogsumm's order, and --problems-first moves the problem reports before the host reports", () => {
  const order = (o: Partial<RenderOptions>) => {
    const text = renderText(fixture('full'), opts(o));
    const at = (title: string) => text.indexOf('\n' + title);
    return ['grandTotals', 'perHour', 'deliveryDomains', 'receiptDomains', 'sendersByCount', 'recipientsBySize', 'noSize', 'deferrals', 'bounces', 'rejects', 'warnings', 'fatals', 'master', 'sasl', 'input']
      .map((k) => [k, at(SECTION_TITLES[k as keyof typeof SECTION_TITLES])] as const);
  };
  const plain = order({});
  for (const [k, i] of plain) assert.ok(i >= 0, `${k} is printed`);
  for (let i = 1; i < plain.length; i++) assert.ok(plain[i - 1]![1] < plain[i]![1], `${plain[i - 1]![0]} before ${plain[i]![0]}`);
  const first = Object.fromEntries(order({ problemsFirst: true }));
  assert.ok(first.perHour! < first.deferrals! && first.master! < first.deliveryDomains! && first.noSize! < first.sasl!);
});

test('-u and -h cut the tables to the top N and say how many there were', () => {
  const text = renderText(fixture('full'), opts({ userCount: 2, hostCount: 1 }));
  const section = (title: string) => text.slice(text.indexOf('\n' + title) + 1).split('\n\n')[0]!.split('\n');
  const senders = section(SECTION_TITLES.sendersByCount);
  assert.equal(senders[0], `${SECTION_TITLES.sendersByCount} (top 2 of 7)`);
  assert.deepStrictEqual(senders.slice(2).map((l) => l.trim().split(/\s+/)), [['18', 'bulk@lab.example'], ['10', 'alice@lab.example']]);
  const domains = section(SECTION_TITLES.deliveryDomains);
  assert.equal(domains[0], `${SECTION_TITLES.deliveryDomains} (top 1 of 4)`);
  assert.equal(domains.length, 5, 'title, rule, column heads, dashes, one row');
});

test('empty sections read "none" (as Panics: none), and -q leaves them out', () => {
  const plain = renderText(fixture('empty'), opts());
  assert.match(plain, new RegExp(`^${SECTION_TITLES.panics}: none$`, 'm'));
  assert.match(plain, new RegExp(`^${SECTION_TITLES.deferrals}: none$`, 'm'));
  const quiet = renderText(fixture('empty'), opts({ quiet: true }));
  assert.doesNotMatch(quiet, /: none$/m);
  assert.match(quiet, new RegExp(`^${SECTION_TITLES.grandTotals}$`, 'm'), 'Grand Totals are always printed');
});

test('a multi-day report prints Per-Day rows and the per-hour daily average, divided by the days covered', () => {
  const r = fixture('multiday');
  const text = renderText(r, opts());
  assert.match(text, new RegExp(`^${SECTION_TITLES.perDay}$`, 'm'));
  assert.match(text, new RegExp(`^${SECTION_TITLES.perHourAverage}$`, 'm'));
  // period 2026-12-30 … 2027-01-02 is 4 days; hour 12 has 30 received, 34 delivered, 2 deferred, 1 bounced, 4 rejected
  const row = text.split('\n').find((l) => l.trim().startsWith('1200-1300'))!;
  assert.deepStrictEqual(row.trim().split(/\s+/), ['1200-1300', '7.5', '8.5', '0.5', '0.3', '1.0']);
  const zeroFilled = renderText(r, opts({ zeroFill: true, isoDateTime: true }));
  assert.match(zeroFilled, /^ 2026-12-31 +0 +0 +0 +0 +0$/m, 'the day without traffic gets a row of zeros');
  assert.doesNotMatch(text, /Dec 31 2026/, 'without --zero-fill it has none');
});

test('--detail 0 style limits leave a detail section out entirely', () => {
  const text = renderText(fixture('full'), opts({ bounceDetail: 0, rejectDetail: 0 }));
  for (const t of [SECTION_TITLES.bounces, SECTION_TITLES.expiries, SECTION_TITLES.rejects, SECTION_TITLES.holds, SECTION_TITLES.rejectClasses]) {
    assert.ok(!text.includes(t), `${t} left out`);
  }
  assert.ok(text.includes(SECTION_TITLES.deferrals));
});
