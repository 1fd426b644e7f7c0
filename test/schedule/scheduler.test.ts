// The scheduler alone, with a hand-driven clock and job: which day a run reports, no two runs at once, one
// retry after the injected wait, and the rotated files read beside a log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withRotated } from '../../src/schedule/logs.js';
import { dayBefore, localDate, Scheduler } from '../../src/schedule/scheduler.js';

test('the previous day is reckoned in the configured time zone, across months and years', () => {
  const t = Date.parse('2026-11-24T23:30:00Z');
  assert.equal(localDate(t, 'UTC'), '2026-11-24');
  assert.equal(localDate(t, 'Europe/Berlin'), '2026-11-25');
  assert.equal(localDate(t, 'America/New_York'), '2026-11-24');
  assert.equal(dayBefore('2026-12-01'), '2026-11-30');
  assert.equal(dayBefore('2027-01-01'), '2026-12-31');
  assert.equal(dayBefore('2028-03-01'), '2028-02-29');
});

test('a tick while a run is going is skipped and logged; the next tick runs again', async () => {
  const lines: string[] = [];
  const days: string[] = [];
  let finish!: () => void;
  const s = new Scheduler({
    job: (day) => {
      days.push(day);
      return new Promise((resolve) => (finish = () => resolve(`mailed ${day}`)));
    },
    now: () => Date.parse('2026-11-25T06:00:00Z'),
    timeZone: 'UTC',
    log: (l) => lines.push(l),
    wait: async () => {},
  });
  const first = s.tick();
  assert.equal(await s.tick(), 'skipped');
  finish();
  assert.equal(await first, 'done');
  const third = s.tick();
  finish();
  assert.equal(await third, 'done');
  assert.deepEqual(days, ['2026-11-24', '2026-11-24']);
  assert.deepEqual(lines, [
    'run for 2026-11-24 started',
    'run for 2026-11-24 skipped: the previous run is still going',
    'mailed 2026-11-24',
    'run for 2026-11-24 started',
    'mailed 2026-11-24',
  ]);
});

test('a failed run is retried once after the injected wait, and a second failure is logged, never thrown', async () => {
  const lines: string[] = [];
  const waits: number[] = [];
  let calls = 0;
  const s = new Scheduler({
    job: async (day) => {
      calls++;
      if (calls !== 2 && calls !== 4) throw new Error(`postsumm: relay down (${calls})`);
      if (calls === 4) throw new Error('still down');
      return `mailed ${day}`;
    },
    now: () => Date.parse('2026-11-25T06:00:00Z'),
    log: (l) => lines.push(l),
    wait: async (ms) => void waits.push(ms),
    retryDelayMs: 1000,
  });
  assert.equal(await s.tick(), 'done');
  assert.equal(await s.tick(), 'failed');
  assert.deepEqual(waits, [1000, 1000]);
  assert.ok(lines.includes('run for 2026-11-24 failed: relay down (1); retrying in 1 s'));
  assert.ok(lines.includes('run for 2026-11-24 failed again: still down; giving up until the next scheduled run'));
});

test('a log is read with its newest rotated file (numbered or dated), which the input layer orders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-rotated-'));
  for (const f of ['mail.log', 'mail.log.1', 'mail.log.2.gz', 'other.log', 'other.log-20261123.gz', 'other.log-20261124']) writeFileSync(join(dir, f), '');
  assert.deepEqual(withRotated([join(dir, 'mail.log'), join(dir, 'other.log'), join(dir, 'absent.log')]), [
    join(dir, 'mail.log.1'), join(dir, 'mail.log'),
    join(dir, 'other.log-20261124'), join(dir, 'other.log'),
    join(dir, 'absent.log'),
  ]);
  rmSync(dir, { recursive: true });
});
