// The dashboard's lines: an 80×24 terminal is filled exactly and never overflowed, a larger one shows more,
// colour only when asked, and strings from the log reach the terminal without their control characters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allot, renderDashboard, sparkline, visible } from '../../src/follow/dashboard.js';
import { LiveState } from '../../src/follow/live.js';
import { feed, sampleLines } from './lines.js';

const live = new LiveState(0);
const { records } = feed(sampleLines(), [live]);
const view = live.view(records.at(-1)!.time + 30_000);
const info = { source: '/var/log/mail.log', state: 'following' };

test('an 80×24 terminal gets 24 lines of at most 80 columns, the traffic table and the footer among them', () => {
  const lines = renderDashboard(view, info, { columns: 80, rows: 24, color: false });
  assert.equal(lines.length, 24);
  for (const l of lines) assert.ok(visible(l) <= 80, `too wide: ${l}`);
  const text = lines.join('\n');
  for (const label of ['received', 'delivered', 'deferred', 'bounced', 'rejected', 'Rejects by restriction class', 'Deferred, waiting by destination']) {
    assert.ok(text.includes(label), label);
  }
  assert.match(lines.at(-1)!, /^q quits/);
  const delivered = lines.find((l) => l.startsWith('delivered'))!;
  assert.ok(delivered.includes(view.totals.delivered.toLocaleString('en-US')), delivered);
});

test('a larger terminal shows more panel rows and a longer sparkline', () => {
  const small = renderDashboard(view, info, { columns: 80, rows: 24, color: false });
  const large = renderDashboard(view, info, { columns: 160, rows: 60, color: false });
  assert.equal(large.length, 60);
  const filled = (ls: string[]) => ls.filter((l) => l.trim() !== '').length;
  assert.ok(filled(large) > filled(small) + 10, `${filled(large)} lines filled vs ${filled(small)}`);
  const spark = (ls: string[]) => ls.find((l) => l.startsWith('delivered'))!.length;
  assert.ok(spark(large) > spark(small));
  for (const l of large) assert.ok(visible(l) <= 160);
});

test('colour codes only with color, and none of a log string\'s control characters reach the screen', () => {
  const hostile = live.view(view.now);
  hostile.recentRejects.unshift({ time: view.now, who: 'evil\x1b]0;pwned\x07[192.0.2.9]', what: 'other', reason: 'bad \x1b[2J\x1b[31mred\r\nfake line\u202e' });
  const plain = renderDashboard(hostile, info, { columns: 120, rows: 40, color: false });
  assert.ok(!plain.join('').includes('\x1b'), 'no escape at all without colour');
  const colored = renderDashboard(hostile, info, { columns: 120, rows: 40, color: true });
  const joined = colored.join('\n');
  assert.ok(joined.includes('\x1b[1m'), 'titles are bold with colour');
  // every escape left is one of ours: SGR colour codes
  assert.deepStrictEqual(joined.replace(/\x1b\[[0-9;]*m/g, '').match(/[\x00-\x09\x0b-\x1f\x7f\u202e]/g), null);
  assert.ok(joined.includes('\\x1b]0;pwned'), 'the hostile escape is shown as text');
});

test('sparklines scale to the largest minute and show empty minutes as blanks', () => {
  assert.equal(sparkline([0, 1, 2, 4, 8]), ' ▂▃▅█');
  assert.equal(sparkline([]), '');
  assert.equal(sparkline([3, 3]), '██');
});

test('panels share the rows left: one row each first, the rest in turn, none that does not fit', () => {
  const p = (n: number) => ({ title: 't', rows: Array.from({ length: n }, () => 'r') });
  assert.deepStrictEqual(allot([p(5), p(5)], 6), [1, 1]);
  assert.deepStrictEqual(allot([p(5), p(1), p(5)], 13), [3, 1, 3]);
  assert.deepStrictEqual(allot([p(5), p(5)], 4), [2, -1]);
  assert.deepStrictEqual(allot([p(0), p(2)], 20), [1, 2]);
});
