// Tests for render/format: thousands separators, binary sizes, pflogsumm's delays, clock times, percentages, labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clock, count, day, decimal, duration, hourRange, longDay, percent, size, stamp } from '../../src/render/format.js';

test('count groups thousands with commas and rounds fractions away', () => {
  const rows: [number, string][] = [[0, '0'], [999, '999'], [1000, '1,000'], [1234567, '1,234,567'], [2.5, '3'], [-4321, '-4,321']];
  for (const [n, s] of rows) assert.equal(count(n), s, String(n));
  assert.equal(count(1234.56, 1), '1,234.6');
  assert.equal(count(0.25, 1), '0.3');
});

test('size uses binary units with one decimal below 100 and never prints 1024 of a unit', () => {
  const rows: [number, string][] = [
    [0, '0 B'], [1023, '1023 B'], [1024, '1.0 KiB'], [1536, '1.5 KiB'], [102400, '100 KiB'],
    [21686272, '20.7 MiB'], [1024 * 1024 - 1, '1.0 MiB'], [5 * 1024 ** 3, '5.0 GiB'],
  ];
  for (const [n, s] of rows) assert.equal(size(n), s, String(n));
});

test('duration picks seconds, minutes, hours or days with one decimal, as pflogsumm prints delays', () => {
  const rows: [number, string][] = [[0, '0.0 s'], [0.25, '0.3 s'], [59.9, '59.9 s'], [66, '1.1 m'], [294, '4.9 m'], [7260, '2.0 h'], [432000, '5.0 d']];
  for (const [n, s] of rows) assert.equal(duration(n), s, String(n));
});

test('clock prints h:mm:ss with unbounded hours', () => {
  assert.equal(clock(5), '0:00:05');
  assert.equal(clock(3725.4), '1:02:05');
  assert.equal(clock(90000), '25:00:00');
});

test('percent rounds down and is 0% of nothing', () => {
  assert.equal(percent(304, 1490), '20%');
  assert.equal(percent(1, 3), '33%');
  assert.equal(percent(5, 0), '0%');
});

test('decimal drops trailing zeros', () => {
  assert.equal(decimal(0.5), '0.5');
  assert.equal(decimal(2), '2');
  assert.equal(decimal(1.26, 1), '1.3');
});

test('dates and hours read as pflogsumm labels them, or ISO with --iso-date-time', () => {
  assert.equal(day('2026-11-25', false), 'Nov 25 2026');
  assert.equal(day('2026-11-25', true), '2026-11-25');
  assert.equal(longDay('2026-11-25'), 'Wed, Nov 25 2026');
  assert.equal(hourRange(8, false), '0800-0900');
  assert.equal(hourRange(23, true), '23:00-24:00');
});

test('stamp shows an ISO time with its own offset, Z as +00:00', () => {
  assert.equal(stamp('2026-11-25T20:08:38.291+01:00'), '2026-11-25 20:08:38 +01:00');
  assert.equal(stamp('2026-11-25T19:08:38.291Z'), '2026-11-25 19:08:38 +00:00');
  assert.equal(stamp('not a time'), 'not a time');
});
