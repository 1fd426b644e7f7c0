// The bench log generator writes lines postsumm reads, in the shapes real Postfix logs have, with queue IDs
// that hold together, and the same bytes for the same seed.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { main } from '../src/cli/main.js';
import type { LineCounts } from '../src/parse/tally.js';
import { generateLog, type GenerateOptions } from './bench/generate.js';
import { SECOND } from './bench/gen/clock.js';
import { logSources, sharedDir } from './corpus.js';

// short queue timings, so that ~5,000 lines (about an hour of traffic) see retries, delay warnings and expiries
const OPTIONS: GenerateOptions = {
  lines: 5000, seed: 7, format: 'classic',
  settings: { queueLifetime: 1800 * SECOND, delayWarning: 600 * SECOND, minBackoff: 120 * SECOND, maxBackoff: 300 * SECOND },
};

let dir = '';
let file = '';
let text = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'postsumm-gen-'));
  file = join(dir, 'gen.log');
  generateLog(file, OPTIONS);
  text = readFileSync(file, 'utf8');
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('bench log generator', () => {
  it('writes exactly the lines asked for, with expiries, bounces and the filter hop among them', () => {
    const lines = text.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, OPTIONS.lines);
    for (const needle of ['status=expired', 'sender delay notification', 'sender non-delivery notification', 'orig_queue_id=', 'status=deferred']) {
      assert.ok(text.includes(needle), `no line with ${needle}`);
    }
  });

  it('writes no Postfix line that postsumm finds unrecognized or malformed', async () => {
    const counts = await countEvents(file);
    assert.equal(counts.lines, OPTIONS.lines);
    assert.equal(counts.malformed, 0, counts.samples.malformed.join('\n'));
    assert.deepEqual(counts.unrecognized, {}, JSON.stringify(counts.samples.unrecognized, null, 1));
    // other programs' lines (dovecot, amavis, opendkim, cron) are a few per cent, as on a real mail host
    assert.ok(counts.foreign > 0.01 * counts.lines && counts.foreign < 0.06 * counts.lines, `foreign: ${counts.foreign}`);
  });

  it('writes Postfix lines whose shapes occur in the lab logs or the corpus', (t) => {
    const shared = sharedDir();
    if (shared === null) return t.skip('../shared is not here');
    const known = new Set<string>();
    for (const src of logSources(shared)) {
      for (const line of readFileSync(src.abs, 'utf8').split('\n')) {
        const s = shapeOf(line);
        if (s !== null) known.add(s);
      }
    }
    const unknown = new Map<string, string>();
    for (const line of text.split('\n')) {
      const s = shapeOf(line);
      if (s !== null && !known.has(s) && !unknown.has(s)) unknown.set(s, line);
    }
    assert.deepEqual([...unknown.values()].slice(0, 10), []);
  });

  it('uses each queue ID only after it was queued, and not again while it is in flight', () => {
    const problems: string[] = [];
    // opened: client=, uid= or cleanup seen; active: qmgr has it; a removed ID may come back later
    const state = new Map<string, 'opened' | 'active'>();
    const QID_LINE = /^\S+ +\d+ \S+ \S+ (postfix(?:\/[\w-]+)*\/([\w-]+))\[\d+\]: ([0-9A-F]{6,12}): (.*)$/;
    text.split('\n').forEach((line, i) => {
      const m = QID_LINE.exec(line);
      if (m === null) return;
      const [, , daemon, id, rest] = m as unknown as [string, string, string, string, string];
      const now = state.get(id);
      const bad = (why: string) => problems.push(`line ${i + 1}: ${why}: ${line}`);
      if ((daemon === 'smtpd' && rest.startsWith('client=')) || daemon === 'pickup') {
        if (now === 'active') bad('queue ID reused while in flight');
        state.set(id, 'opened');
      } else if (daemon === 'cleanup' && rest.startsWith('message-id=')) {
        if (now === 'active') bad('queue ID reused while in flight');
        if (now === undefined) state.set(id, 'opened'); // a bounce or forward made inside Postfix
      } else if (daemon === 'qmgr' && rest.endsWith('(queue active)')) {
        if (now === undefined) bad('activated before it was received');
        state.set(id, 'active');
      } else if (daemon === 'qmgr' && rest === 'removed') {
        if (now !== 'active') bad('removed but never active');
        state.delete(id);
      } else if (rest.startsWith('to=')) {
        if (now !== 'active') bad('delivered but not in the active queue');
      }
      // the filter's re-injection, a .forward copy, a bounce: each names a queue ID of ours (remote servers' IDs are not)
      const made = /(?:\): 250 2\.0\.0 Ok: queued as|forwarded as|notification:) ([0-9A-F]{6,12})\)?$/.exec(rest);
      if (made !== null && !state.has(made[1]!)) bad(`refers to ${made[1]} before it exists`);
    });
    assert.deepEqual(problems.slice(0, 10), []);
  });

  it('gives the same bytes for the same seed, other bytes for another, and monotone RFC 3339 stamps', () => {
    const again = join(dir, 'again.log');
    generateLog(again, OPTIONS);
    assert.ok(readFileSync(again).equals(readFileSync(file)), 'same seed, different bytes');
    generateLog(again, { ...OPTIONS, seed: 8 });
    assert.notEqual(readFileSync(again, 'utf8'), text);
    generateLog(again, { ...OPTIONS, format: 'rfc3339' });
    const stamps = readFileSync(again, 'utf8').trimEnd().split('\n').map((l) => l.slice(0, l.indexOf(' ')));
    assert.match(stamps[0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+01:00$/);
    // same offset and width throughout, so string order is time order
    const backwards = stamps.findIndex((s, i) => i > 0 && s < stamps[i - 1]!);
    assert.equal(backwards, -1, `line ${backwards + 1} goes back in time`);
  });
});

/** Runs `postsumm events --count FILE` in-process and parses what it prints. */
async function countEvents(path: string): Promise<LineCounts> {
  let out = '';
  const stdout = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
  const stderr = new Writable({ write(_chunk, _enc, done) { done(); } });
  const code = await main(['events', '--count', path], { stdout, stderr });
  assert.equal(code, 0);
  return JSON.parse(out) as LineCounts;
}

// a syslog header of either stamp shape, then the tag and the message
const HEADER = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)) \S+ ([^\s[:]+)(?:\[\d+\])?: (.*)$/;

/**
 * The shape of a Postfix line: daemon and message with the values masked (addresses, hosts, IPs, queue IDs,
 * numbers, delays, smtpd's command counters), and optional fields (orig_to, conn_use) and spellings that do not
 * change the shape (NOQUEUE for a queue ID, ESMTP/SMTP, the TLS trust level) made equal. Null for other lines.
 */
function shapeOf(line: string): string | null {
  const m = HEADER.exec(line);
  if (m === null || !m[1]!.includes('/')) return null;
  const daemon = m[1]!.slice(m[1]!.lastIndexOf('/') + 1);
  const masked = m[2]!
    .replace(/<[^<>]*>/g, '<A>')
    .replace(/ (?:orig_to=<A>|conn_use=\d+),/g, '')
    .replace(/\bproto=E?SMTP\b/g, 'proto=P')
    .replace(/^NOQUEUE:/, 'Q:')
    .replace(/^(?:Anonymous|Untrusted|Trusted|Verified) TLS/, 'X TLS')
    .replace(/cannot update mailbox \S+ for user \S+\./, 'cannot update mailbox M for user U.')
    .replace(/\b(delays?)=[\d./]+/g, '$1=T')
    .replace(/\bsasl_username=\S+/g, 'sasl_username=U')
    .replace(/^(disconnect from \S+)(?: [a-z]+=\d+(?:\/\d+)?)+$/, '$1 CMDS')
    .replace(/[^\s<>,;=()[\]]+@[A-Za-z0-9.-]+/g, 'E')
    .replace(/\[[^\]\s]*\]/g, '[I]')
    .replace(/[A-Za-z0-9._-]*\[I\]/g, 'H[I]')
    .replace(/\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4})*::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?/g, 'D')
    .replace(/\b[0-9A-F]{8,12}\b/g, 'Q')
    .replace(/\b[A-Za-z0-9+/]{20,24}(?=\s|$)/g, 'T')
    .replace(/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, 'D')
    .replace(/\d+/g, 'N');
  return daemon + ': ' + masked;
}

describe('the generator\'s smtpd sessions', () => {
  it('never put two clients on one smtpd process at once (a session holds its pid until its disconnect)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postsumm-gen-pids-'));
    const file = join(dir, 'mail.log');
    // seed 1 at 300,000 lines had three such overlaps before sessions held their process
    generateLog(file, { lines: 300_000, seed: 1, format: 'classic' });
    const open = new Map<string, string>();
    const overlaps: string[] = [];
    let sessions = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = / (postfix\/(?:submission\/|smtps\/)?smtpd)\[(\d+)\]: (connect|disconnect) from (\S+)/.exec(line);
      if (m === null) continue;
      const key = `${m[1]}[${m[2]}]`;
      if (m[3] === 'connect') {
        sessions++;
        if (open.has(key)) overlaps.push(`${key}: ${open.get(key)} and ${m[4]}`);
        open.set(key, m[4]!);
      } else open.delete(key);
    }
    rmSync(dir, { recursive: true, force: true });
    assert.ok(sessions > 10_000, `${sessions} sessions`);
    assert.deepStrictEqual(overlaps, []);
  });
});
