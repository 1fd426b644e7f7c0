// Tests for src/parse/year.ts: years for stamps without one, epoch and offset of every stamp, ISO output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHeader } from '../../src/parse/header.js';
import { isoTime, StampClock } from '../../src/parse/year.js';

process.env.TZ = 'Europe/Berlin';

/** The ISO times a clock gives a run of lines, in order. */
function times(clock: StampClock, lines: string[]): string[] {
  const off = [0];
  return lines.map((l) => {
    const h = parseHeader(l);
    assert.ok(h, l);
    const t = clock.epochOf(h.stamp, off);
    return isoTime(t, off[0]!);
  });
}
const line = (stamp: string) => `${stamp} mx postfix/qmgr[3564]: 1A9B21600D5: removed`;

test('year: a classic stamp takes the year of the reference time (the file mtime)', () => {
  const clock = new StampClock(Date.UTC(2026, 10, 25, 22, 0));
  assert.deepStrictEqual(times(clock, [line('Nov 25 20:09:01')]), ['2026-11-25T20:09:01.000+01:00']);
});

test('year: a log that crosses New Year is dated across it', () => {
  // mtime in January: the December lines are of the year before
  const clock = new StampClock(Date.UTC(2027, 0, 1, 0, 30));
  assert.deepStrictEqual(times(clock, [line('Dec 31 23:59:58'), line('Jan  1 00:00:02'), line('Jan  1 00:10:00')]), [
    '2026-12-31T23:59:58.000+01:00', '2027-01-01T00:00:02.000+01:00', '2027-01-01T00:10:00.000+01:00',
  ]);
});

test('year: --year fixes the first line\'s year and New Year still advances it', () => {
  const clock = new StampClock(Date.UTC(2030, 5, 1), 2013);
  assert.deepStrictEqual(times(clock, [line('Dec 31 23:59:58'), line('Jan  1 00:00:02')]), [
    '2013-12-31T23:59:58.000+01:00', '2014-01-01T00:00:02.000+01:00',
  ]);
});

test('year: a straggler from December after January lines stays in the old year without moving the clock', () => {
  const clock = new StampClock(Date.UTC(2027, 0, 2));
  assert.deepStrictEqual(times(clock, [line('Dec 31 23:59:59'), line('Jan  1 00:00:01'), line('Dec 31 23:59:59'), line('Jan  1 00:00:03')]), [
    '2026-12-31T23:59:59.000+01:00', '2027-01-01T00:00:01.000+01:00', '2026-12-31T23:59:59.000+01:00', '2027-01-01T00:00:03.000+01:00',
  ]);
});

test('year: a first line after the reference time (beyond a day) belongs to the year before', () => {
  // a log read in March whose first line says December: last year's December
  const clock = new StampClock(Date.UTC(2026, 2, 1));
  assert.deepStrictEqual(times(clock, [line('Dec 20 10:00:00')]), ['2025-12-20T10:00:00.000+01:00']);
});

test('year: stamps that carry a year keep it whatever the reference', () => {
  const clock = new StampClock(Date.UTC(2030, 0, 1), 1999);
  assert.deepStrictEqual(times(clock, [line('2021-02-06T10:57:57+01:00'), line('2022-04-14T00:36:03.150Z')]), [
    '2021-02-06T10:57:57.000+01:00', '2022-04-14T00:36:03.150Z',
  ]);
});

test('year: local stamps follow daylight saving time, stated offsets are kept', () => {
  const clock = new StampClock(Date.UTC(2026, 11, 1));
  assert.deepStrictEqual(times(clock, [line('Jul 15 12:00:00'), line('Nov 25 12:00:00.5')]), [
    '2026-07-15T12:00:00.000+02:00', '2026-11-25T12:00:00.500+01:00',
  ]);
  const utc = new StampClock(0);
  assert.deepStrictEqual(times(utc, [line('2026-11-25T06:25:01.123456-05:30')]), ['2026-11-25T06:25:01.123-05:30']);
});

test('year: the classic and RFC 3339 stamps of one lab line give one instant', () => {
  const off = [0];
  const a = parseHeader('Nov 25 20:08:38 mx postfix/master[3543]: daemon started -- version 3.7.11, configuration /etc/postfix')!;
  const b = parseHeader('2026-11-25T20:08:38.291201+01:00 mx postfix/master[3543]: daemon started -- version 3.7.11, configuration /etc/postfix')!;
  const ta = new StampClock(Date.UTC(2026, 10, 25, 23)).epochOf(a.stamp, off);
  const oa = off[0];
  const tb = new StampClock(0).epochOf(b.stamp, off);
  assert.equal(tb - ta, 291);
  assert.equal(oa, off[0]);
});

test('year: lines within one minute reuse the cached minute and stay exact', () => {
  const clock = new StampClock(Date.UTC(2026, 10, 26));
  const got = times(clock, [line('Nov 25 20:09:01'), line('Nov 25 20:09:59'), line('Nov 25 20:10:00'), line('Nov 25 20:09:30')]);
  assert.deepStrictEqual(got, ['2026-11-25T20:09:01.000+01:00', '2026-11-25T20:09:59.000+01:00', '2026-11-25T20:10:00.000+01:00', '2026-11-25T20:09:30.000+01:00']);
});
