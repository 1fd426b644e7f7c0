// The diagnostics section: warnings, errors, fatal errors and panics by daemon with shortened texts, and master
// daemon and postfix-script lifecycle lines. Lines from the lab (../shared/lab/out/maillog-traditional.log) unless named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnosticsSection } from '../../src/aggregate/diagnostics.js';
import { runReport } from '../../src/cli/pipeline.js';
import { sharedDir } from '../corpus.js';
import { rec, run } from './feed.js';

const LINES = [
  'Nov 25 20:08:38 mx postfix/postfix-script[3525]: warning: /var/spool/postfix/etc/hosts and /etc/hosts differ',
  'Nov 25 20:08:38 mx postfix/postfix-script[3541]: starting the Postfix mail system',
  'Nov 25 20:08:38 mx postfix/master[3543]: daemon started -- version 3.7.11, configuration /etc/postfix',
  'Nov 25 20:08:44 mx postfix/smtpd[3607]: warning: 5A074160033: queue file size limit exceeded',
  'Nov 25 20:09:38 mx postfix/submission/smtpd[3590]: warning: brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure, sasl_username=alice@lab.example',
  'Nov 25 20:11:08 mx postfix/submission/smtpd[4200]: warning: SASL authentication failure: Password verification failed',
  'Nov 25 20:09:24 mx postfix/sendmail[3885]: fatal: carol(1003): No recipient addresses found in message header',
  // moj-postfix-stats-collector (tests.mail.log)
  'Jan 24 06:32:47 mframe1 postfix/smtp[8377]: fatal: unknown service: smtp/tcp',
  'Nov 25 20:17:42 mx postfix/master[3543]: terminating on signal 15',
  // not diagnostics: anvil statistics
  'Nov 25 20:10:39 mx postfix/anvil[3593]: statistics: max connection rate 14/60s for (smtpd:127.0.0.43) at Nov 25 19:09:54',
];

test('warnings and fatal errors count by daemon with shortened texts; master and postfix-script lifecycle lines apart', () => {
  const r = run(diagnosticsSection, LINES.map(rec));
  assert.deepStrictEqual(r.warnings, {
    'postfix-script': { '/var/spool/postfix/etc/hosts and /etc/hosts differ': 1 },
    smtpd: {
      'queue file size limit exceeded': 1,
      // the client and user are dropped so that one cause is one row (the SASL figures keep them)
      'SASL LOGIN authentication failed': 1,
      'SASL authentication failure: Password verification failed': 1,
    },
  });
  assert.deepStrictEqual(r.fatals, {
    sendmail: { 'carol(1003): No recipient addresses found in message header': 1 },
    smtp: { 'unknown service: smtp/tcp': 1 },
  });
  assert.deepStrictEqual([r.errors, r.panics], [{}, {}]);
  assert.deepStrictEqual(r.master, {
    'starting the Postfix mail system': 1,
    'daemon started -- version 3.7.11, configuration /etc/postfix': 1,
    'terminating on signal 15': 1,
  });
});

test('with --verbose-msg-detail warnings keep their queue ID, client and user', () => {
  const r = run(diagnosticsSection, [LINES[3]!, LINES[4]!].map(rec), { verboseMsgDetail: true });
  assert.deepStrictEqual(r.warnings, {
    smtpd: {
      '5A074160033: queue file size limit exceeded': 1,
      'brute.attacker.example[127.0.0.54]: SASL LOGIN authentication failed: authentication failure': 1,
    },
  });
});

test("on the lab log, fatal errors and master messages equal pflogsumm's, and so do the warnings of every daemon but smtpd", { skip: sharedDir() === null }, async () => {
  const lab = join(sharedDir()!, 'lab', 'out');
  const { report } = await runReport([join(lab, 'maillog-traditional.log')], { year: 2026 });
  const text = readFileSync(join(lab, 'pflogsumm', 'traditional.default.txt'), 'utf8');
  assert.deepStrictEqual(report.fatals, groups(text, 'Fatal Errors'));
  const warnings = groups(text, 'Warnings');
  // smtpd: pflogsumm 1.1.5 keeps queue IDs, clients and running counts in the text (one row per line)
  delete warnings.smtpd;
  const ours = { ...report.warnings };
  delete ours.smtpd;
  assert.deepStrictEqual(ours, warnings);
  // pflogsumm reads master's own lines only; postfix-script's starting/refreshing/stopping are ours too
  const master = Object.fromEntries(Object.entries(report.master).filter(([t]) => !/the Postfix mail system$/.test(t)));
  assert.deepStrictEqual(master, flat(text, 'Master daemon messages'));
});

/** pflogsumm's `  daemon (total: N)` / `       count   text` groups under a title. */
function groups(report: string, title: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  let daemon = '';
  for (const l of section(report, title)) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}(\S+) \(total: \d+\)$/.exec(l)) !== null) out[(daemon = m[1]!)] = {};
    else if ((m = /^\s+(\d+)\s{3}(.*)$/.exec(l)) !== null) out[daemon]![m[2]!] = Number(m[1]);
  }
  return out;
}

function flat(report: string, title: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of section(report, title)) {
    const m = /^\s+(\d+)\s{3}(.*)$/.exec(l);
    if (m !== null) out[m[2]!] = Number(m[1]);
  }
  return out;
}

function section(report: string, title: string): string[] {
  const start = report.indexOf(`\n${title}\n`) + 1;
  const end = report.indexOf('\n\n', start);
  return report.slice(start, end < 0 ? undefined : end).split('\n').slice(2);
}
