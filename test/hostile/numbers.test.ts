// Numbers a damaged line holds where Postfix writes plain ones: a journal stamp of twenty-five digits crashed the
// report (an Invalid Date, then a RangeError writing the period); `size=-1` made negative byte counts, and
// `size=1e308` or four hundred nines in `delays=` made sums of Infinity, which JSON writes as null. Found by the
// fuzz tests (invariants.ts: every number of the report finite and not negative).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Report } from '../../src/report/model.js';
import { run, TempDir } from '../fuzz/harness.js';
import { checkPlainData } from '../fuzz/invariants.js';

const dir = new TempDir();
after(() => dir.clean());

/** Lab lines 10 and 17 (../shared/lab/out/maillog-traditional.log) with their size, delay and delays as given. */
function message(qid: string, size: string, delay: string, delays: string): string[] {
  return [
    `Nov 25 20:08:39 mx postfix/qmgr[3546]: ${qid}: from=<alice@lab.example>, size=${size}, nrcpt=1 (queue active)`,
    `Nov 25 20:08:39 mx postfix/local[3600]: ${qid}: to=<alice@lab.example>, relay=local, delay=${delay}, delays=${delays}, dsn=2.0.0, status=sent (delivered to mailbox)`,
  ];
}

test('a journal stamp too large for a date is a malformed line, not a crash', async () => {
  const line = JSON.stringify({ __REALTIME_TIMESTAMP: '9'.repeat(25), _HOSTNAME: 'mx', SYSLOG_IDENTIFIER: 'postfix/qmgr', _PID: '3546', MESSAGE: 'B7D4A160390: removed' });
  const r = await run(['--format', 'json', dir.file(`${line}\nNov 25 20:08:39 mx postfix/qmgr[3546]: B7D4A160390: removed\n`)]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as Report;
  assert.deepEqual([report.input.lines, report.input.malformed, report.input.postfixLines], [2, 1, 1]);
  assert.match(report.period.from!, /^\d{4}-11-25T20:08:39/);
});

test('sizes and delays no Postfix writes are not counted; the report\'s numbers stay finite and not negative', async () => {
  const log = [
    ...message('ABC77160389', '1e308', '1e308', '0/0/0/' + '9'.repeat(400)),
    ...message('B7D4A160390', '1e308', '-5', '-1/0/0/0'),
    ...message('130C7160394', '-100', '0x1f', '0/0/0/0'),
    ...message('51B64160031', '79700', '0.04', '0.02/0.02/0.01/0'),
  ].join('\n') + '\n';
  const r = await run(['--format', 'json', '--year', '2026', dir.file(log)]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /: null[,\n]/, 'no number written as null');
  const report = JSON.parse(r.out) as Report;
  checkPlainData(report);
  // the one plain message is delivered with its size and delay; the others are delivered without
  assert.deepEqual([report.totals.delivered, report.totals.bytesDelivered, report.delays.total.count], [4, 79700, 1]);
});
