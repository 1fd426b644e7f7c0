// Tests for cli/dates: pflogsumm's -d forms as ranges of local days, and the one-line errors for bad values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayOf, dayString, parseDateRange } from '../../src/cli/dates.js';
import { UserError } from '../../src/errors.js';

// Wednesday 25 Nov 2026, noon, in the machine's zone
const NOW = new Date(2026, 10, 25, 12, 0, 0);
const range = (text: string) => {
  const r = parseDateRange(text, NOW);
  return [dayString(r.from), dayString(r.to)];
};

test('-d reads the named days relative to now, weeks starting on Sunday', () => {
  const rows: [string, string, string][] = [
    ['today', '2026-11-25', '2026-11-25'],
    ['yesterday', '2026-11-24', '2026-11-24'],
    ['this week', '2026-11-22', '2026-11-25'],
    ['last_week', '2026-11-15', '2026-11-21'],
    ['This Month', '2026-11-01', '2026-11-25'],
    ['last month', '2026-10-01', '2026-10-31'],
  ];
  for (const [text, from, to] of rows) assert.deepStrictEqual(range(text), [from, to], text);
  assert.deepStrictEqual(dayString(parseDateRange('last month', new Date(2027, 0, 10)).from), '2026-12-01');
});

test('-d reads dates, months and ranges of them', () => {
  assert.deepStrictEqual(range('2026-11-05'), ['2026-11-05', '2026-11-05']);
  assert.deepStrictEqual(range('2026-2-3'), ['2026-02-03', '2026-02-03']);
  assert.deepStrictEqual(range('2024-02'), ['2024-02-01', '2024-02-29']);
  assert.deepStrictEqual(range('2026-11-01 to 2026-11-03'), ['2026-11-01', '2026-11-03']);
  assert.deepStrictEqual(range('2026-10 - 2026-11-02'), ['2026-10-01', '2026-11-02']);
  assert.deepStrictEqual(range('2026-11-20_to_today'), ['2026-11-20', '2026-11-25']);
});

test('a bad -d value is a usage error that quotes it', () => {
  for (const bad of ['2026-02-30', '2026-13', 'tomorrow', '25.11.2026', '2026-11-05 to 2026-11-01', 'a to b to c']) {
    assert.throws(() => parseDateRange(bad, NOW), (e: unknown) => e instanceof UserError && e.exitCode === 2 && e.message.includes(`'${bad}'`) && !e.message.includes('\n'), bad);
  }
});

test("a record's day is the date its stamp shows, whatever the offset", () => {
  // 2026-11-25T23:30:00+01:00 is 22:30 UTC, still the 25th where it was logged
  const t = Date.UTC(2026, 10, 25, 22, 30);
  assert.equal(dayString(dayOf(t, 60)), '2026-11-25');
  assert.equal(dayString(dayOf(t, 120)), '2026-11-26');
  assert.equal(dayString(dayOf(t, -600)), '2026-11-25');
});
