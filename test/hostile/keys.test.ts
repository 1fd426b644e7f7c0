// Log text that is also a name JavaScript objects know (`__proto__`, `constructor`) used as a key of the report, and
// a reason cut inside a character. Each string comes from the log: a syslog tag's instance or daemon, a relay.
// Found by these tests and the fuzz tests, and fixed.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Report } from '../../src/report/model.js';
import { run, TempDir } from '../fuzz/harness.js';
import { LONE_SURROGATE } from '../fuzz/invariants.js';

const dir = new TempDir();
after(() => dir.clean());

/** Lab lines 6, 12 and 127 (../shared/lab/out/maillog-traditional.log) under an instance, a relay and a daemon named `name`. */
function linesNamed(name: string): string {
  return [
    `Nov 25 20:08:39 mx postfix/submission/smtpd[3590]: connect from laptop81.home.example[127.0.0.81]`,
    `Nov 25 20:08:39 mx ${name}/submission/smtpd[3591]: connect from laptop81.home.example[127.0.0.81]`,
    `Nov 25 20:08:39 mx postfix/smtp[3596]: ABC77160389: to=<info@flaky.example>, relay=${name}[127.0.0.18]:2525, delay=0.04, delays=0.02/0.02/0.01/0, dsn=4.0.0, status=deferred (host ${name}[127.0.0.18] said: 421 4.0.0 Server closing connection (in reply to MAIL FROM command))`,
    `Nov 25 20:08:44 mx postfix/${name}[3607]: warning: 5A074160033: queue file size limit exceeded`,
    `Nov 25 20:08:44 mx postfix/${name}[3607]: a line no parser knows`,
  ].join('\n') + '\n';
}

test('a statistics pair named `__proto__` is kept like any other (parse/scache.ts)', async () => {
  // lab: `statistics: domain lookup hits=113 miss=6 success=94%`, one pair renamed
  const line = 'Nov 25 20:10:39 mx postfix/scache[3676]: statistics: domain lookup hits=113 __proto__=6 success=94%';
  const r = await run(['events', '--year', '2026', dir.file(line + '\n')]);
  assert.equal(r.code, 0, r.err);
  const values = (JSON.parse(r.out) as { values: Record<string, number> }).values;
  assert.deepEqual(Object.entries(values), [['hits', 113], ['__proto__', 6], ['success', 94]]);
});

// found: `out[key] = …` on a plain object set the prototype for `__proto__` and lost the instance, the deferral host and
// the warnings of that daemon; the aggregates now build these objects with Object.fromEntries
test('`__proto__` as an instance, a relay and a daemon is a key of the report like any other', async () => {
  const r = await run(['--format', 'json', '--year', '2026', dir.file(linesNamed('__proto__'))]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as Report;
  assert.deepEqual(Object.keys(report.instances).sort(), ['__proto__', 'postfix']);
  assert.deepEqual(Object.keys(report.deferrals.smtp ?? {}), ['__proto__']);
  assert.deepEqual(Object.keys(report.warnings), ['__proto__']);
  assert.deepEqual(Object.keys(report.input.unrecognized), ['__proto__']);
});

// found: merge read `samples['constructor']` as Object's and crashed (exit 70); merge.ts now reads and sets own keys only
test('merge takes a report with a daemon named `constructor` and one without', async () => {
  const a = dir.file(linesNamed('constructor'), 'a.log');
  const b = dir.file('Nov 25 20:08:39 mx postfix/qmgr[3546]: B7D4A160390: removed\n', 'b.log');
  const ja = await run(['--format', 'json', '--year', '2026', a]);
  const jb = await run(['--format', 'json', '--year', '2026', b]);
  const r = await run(['merge', '--format', 'json', dir.file(jb.out, 'b.json'), dir.file(ja.out, 'a.json')]);
  assert.equal(r.code, 0, r.err);
  const merged = JSON.parse(r.out) as Report;
  assert.deepEqual(merged.input.unrecognized, { constructor: 1 });
  assert.deepEqual(Object.keys(merged.input.samples), ['constructor']);
});

// found: trimTo could end in the first half of a surrogate pair (an emoji in a bounce reason), shown as U+FFFD
test('a reason cut to pflogsumm\'s width keeps whole characters', async () => {
  const reason = 'y'.repeat(62) + '\u{1F600}'.repeat(10);
  const line = `Nov 25 20:08:39 mx postfix/smtp[3596]: ABC77160389: to=<news@nxdomain.example>, relay=none, delay=0.05, delays=0.02/0.03/0/0, dsn=5.4.4, status=bounced (${reason})`;
  const r = await run(['--format', 'json', '--year', '2026', dir.file(line + '\n')]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as Report;
  const reasons = Object.keys(report.bounces.none ?? {});
  assert.equal(reasons.length, 1);
  assert.doesNotMatch(reasons[0]!, LONE_SURROGATE);
});
