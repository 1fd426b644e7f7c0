// Golden reports of real logs: the lab's (plain and behind a content filter) and a few of the corpus's, read in
// place from ../shared (skipped when it is absent), rendered as text and as JSON through the whole pipeline.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReport } from '../../src/cli/pipeline.js';
import { renderJson } from '../../src/render/json.js';
import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from '../../src/render/options.js';
import { renderText } from '../../src/render/text.js';
import type { Report } from '../../src/report/model.js';
import { sharedDir } from '../corpus.js';
import { golden } from '../golden.js';

process.env.TZ = 'Europe/Berlin'; // the lab's zone: classic stamps then mean the same instants as the RFC 3339 ones

const shared = sharedDir();
const skip = shared === null ? 'needs ../shared (the lab logs and the corpus)' : false;

/** The report of one log, with a fixed year and generator so the goldens do not move with the clock or the version. */
async function report(path: string): Promise<Report> {
  // `a + b`: a rotated pair given oldest first
  const { report: r, input } = await runReport(path.split(' + ').map((p) => join(shared!, p)), { year: 2026, generator: 'postsumm' });
  assert.deepStrictEqual(input.errors, []);
  return r;
}

/** Scenario → log under ../shared and the text options of its golden (JSON is always the whole model). */
const SCENARIOS: Record<string, [string, Partial<RenderOptions>]> = {
  'lab-out': ['lab/out/maillog-traditional.log', { hostCount: 10, userCount: 10, smtpdStats: true, pscrnStats: true }],
  'lab-out-filter': ['lab/out-filter/maillog-traditional.log', { detail: 10, hostCount: 10, userCount: 10 } as Partial<RenderOptions>],
  'lab-postlogd-longids': ['lab/out/maillog-postlogd-longids.log', { detail: 5, hostCount: 5, userCount: 5, problemsFirst: true } as Partial<RenderOptions>],
  'corpus-lightmeter-two-days': ['corpus/lightmeter/complete/mail.log.1.log + corpus/lightmeter/complete/mail.log', { hostCount: 10, userCount: 10, rejectDetail: 5, smtpdStats: true }],
  'corpus-modoboa-amavis': ['corpus/modoboa/mail.rendered.log', {}],
  'corpus-parse-syslog-mail-postfix21': ['corpus/parse-syslog-mail/postfix-plain.log', { isoDateTime: true }],
  'corpus-postfix-exporter-kumina': ['corpus/postfix_exporter/kumina.log', { quiet: true }],
  'corpus-lightmeter-expired': ['corpus/lightmeter/individual_files/18_expired.log', { quiet: true }],
  'corpus-youyo-milter': ['corpus/youyo-postfix-log-parser/test-milter.log', { quiet: true }],
  'corpus-pda-backup-clients': ['corpus/postfix-deliverability-analytics/parser_backup-multiple-clients.log', { quiet: true }],
};

/**
 * Sources under copyleft licences (lightmeter AGPL, parse-syslog-mail GPL/Artistic, postfix-deliverability-analytics
 * LGPL) are read in place and never copied: their goldens keep only a SHA-256 of each report, which still fails on
 * any change, while the report itself stays out of the repository.
 */
const COPYLEFT = ['corpus/lightmeter/', 'corpus/parse-syslog-mail/', 'corpus/postfix-deliverability-analytics/'];

for (const [scenario, [path, o]] of Object.entries(SCENARIOS)) {
  const present = shared !== null && path.split(' + ').every((p) => existsSync(join(shared, p)));
  test(`the ${scenario} log gives its golden text and JSON reports`, { skip: skip || (present ? false : `${path} is not in ../shared`) }, async () => {
    const r = await report(path);
    // `detail` is the CLI's --detail: every row count not set on its own
    const { detail, ...rest } = o as Partial<RenderOptions> & { detail?: number };
    const rows = detail ?? Infinity;
    const options: RenderOptions = { ...DEFAULT_RENDER_OPTIONS, bounceDetail: rows, deferralDetail: rows, rejectDetail: rows, smtpDetail: rows, warningDetail: rows, ...rest };
    const text = renderText(r, options);
    for (const line of text.split('\n')) assert.ok([...line].length <= 80, `80 columns: ${line}`);
    const json = renderJson(r, options);
    if (COPYLEFT.some((c) => path.includes(c))) {
      const sha = (t: string) => createHash('sha256').update(t).digest('hex') + '\n';
      golden(`${scenario}.txt.sha256`, sha(text));
      golden(`${scenario}.json.sha256`, sha(json));
    } else {
      golden(`${scenario}.txt`, text);
      golden(`${scenario}.json`, json);
    }
  });
}

/** Connection times measured from stamps: whole seconds from classic stamps, milliseconds from RFC 3339 ones. */
function withoutStampFractions(r: Report): Report {
  const c = structuredClone(r);
  const seconds = (iso: string | null) => iso?.replace(/\.\d{3}/, '') ?? null;
  c.period = { from: seconds(c.period.from), to: seconds(c.period.to) };
  for (const stat of [...Object.values(c.smtpd.perDay), ...c.smtpd.perHour, ...Object.values(c.smtpd.perDomain)]) {
    stat.seconds = 0;
    stat.max = 0;
  }
  return c;
}

test('the classic-stamp and RFC 3339 copies of the lab logs give the same report but for fractions of seconds', { skip }, async () => {
  for (const dir of ['lab/out', 'lab/out-filter']) {
    const a = await report(`${dir}/maillog-traditional.log`);
    const b = await report(`${dir}/maillog-rfc3339.log`);
    assert.deepStrictEqual(withoutStampFractions(a), withoutStampFractions(b), dir);
    // and without --smtpd-stats the text shows nothing measured from stamps but the period line
    const text = (r: Report) => renderText(r, DEFAULT_RENDER_OPTIONS).split('\n').filter((l) => !l.startsWith('from ')).join('\n');
    assert.equal(text(a), text(b), dir);
  }
});
