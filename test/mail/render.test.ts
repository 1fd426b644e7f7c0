// Tests of what the report mail carries: the samples' HTML part under the size Gmail shows unclipped, with every
// section, chart and header figure, each cut table saying how many rows the attached full report holds; the row
// counts of the HTML part (the mail's at most, the user's when fewer); no attachment when nothing is cut.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAIL_HTML_BUDGET, MAIL_ROWS, mailHtmlOptions, renderForMail } from '../../src/mail/render.js';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import type { Report } from '../../src/report/model.js';
import { projectRoot } from '../corpus.js';
import { fixture } from '../render/fixtures.js';
import { startServer } from './server.js';
import { runMain } from '../cli-run.js';

process.env.TZ = 'Europe/Berlin'; // the samples' zone

const samples = [join(projectRoot(), 'samples/mail.log'), join(projectRoot(), 'samples/mail.log.1.gz')];

const run = (argv: string[]) => runMain(argv, { env: {} });

/** The samples' report mailed as `postsumm --mail-to` sends it (default options), as it arrives. */
async function mailedSamples(): Promise<{ html: string; text: string; attachments: { filename?: string; content: Buffer }[] }> {
  const server = await startServer();
  try {
    const { code, err } = await run(['--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), ...samples]);
    assert.equal(code, 0, err);
    const { mail } = server.received[0]!;
    assert.ok(typeof mail.html === 'string');
    return { html: mail.html, text: mail.text ?? '', attachments: mail.attachments };
  } finally {
    await server.close();
  }
}

const sectionsOf = (html: string): string[] => [...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1]!);

test('the samples\' mail has an HTML part under MAIL_HTML_BUDGET, with every section, chart and header figure', async () => {
  const { html } = await mailedSamples();
  const bytes = Buffer.byteLength(html, 'utf8');
  // Gmail clips a mail whose HTML passes about 102 KB behind "View entire message": the samples (a small but busy
  // lab server's day, every section filled) must leave room under it for a busier day (MAIL_HTML_BUDGET says how much)
  assert.ok(bytes <= MAIL_HTML_BUDGET, `the samples' mailed HTML is ${bytes} bytes, over ${MAIL_HTML_BUDGET}`);
  // what an admin needs is all there: the figures, the problems first, the charts, every section of the full page
  const page = (await run(['--format', 'html', ...samples])).out;
  assert.deepStrictEqual(sectionsOf(html), sectionsOf(page));
  assert.deepStrictEqual([...html.matchAll(/data-figure="([^"]+)"/g)].map((m) => m[1]), ['received', 'delivered', 'deferred', 'bounced', 'rejected', 'expired']);
  for (const id of ['chart-per-hour', 'chart-reject-classes', 'chart-delays']) assert.match(html, new RegExp(`<svg [^>]*id="${id}"`), id);
  assert.ok(html.indexOf('data-part="problems"') < html.indexOf('data-part="traffic"'), 'problems first');
});

test('each cut table of the samples\' mail says how many more rows the attached full report has, and it has them', async () => {
  const { html, text, attachments } = await mailedSamples();
  const file = /the attached <strong[^>]*>([^<]+)<\/strong> is the full report/.exec(html)?.[1];
  assert.equal(file, 'postsumm-mx-2026-11-25.txt', 'the header names the attachment');
  const full = attachments.find((a) => a.filename === file);
  assert.ok(full, `${file} is attached`);
  assert.equal(full.content.toString('utf8'), text, 'the attachment is the text report, whole');
  let tables = 0;
  for (const m of html.matchAll(/<h3[^>]*>([^<]*) \(top (\d+) of (\d+)\)<\/h3>[\s\S]*?<p data-more="(\d+)" data-attached="(\d+)"[^>]*>([^<]*)</g)) {
    const [, title, shown, total, more, attached, words] = m;
    const left = Number(total) - Number(shown);
    assert.equal(Number(more), left, `${title}: rows left out`);
    assert.equal(Number(attached), left, `${title}: all of them in the attachment`);
    assert.equal(words, `${left} more rows in the attached full report`);
    // the text report (the attachment) lists the table whole: its title carries the count, not a cut
    assert.ok(text.includes(`${title} (${total})\n`), `${title}: all ${total} rows in the text report`);
    tables++;
  }
  assert.equal(tables, 6, 'the host/domain and the sender/recipient tables are cut to 10 rows');
  assert.ok([...html.matchAll(/data-attached="/g)].length > tables, 'detail reports are cut too');
});

test('the HTML part shows at most MAIL_ROWS, fewer when asked, and keeps the asked-for counts for the attachment', () => {
  const asked = { ...DEFAULT_RENDER_OPTIONS, userCount: 3, rejectDetail: 20 };
  const o = mailHtmlOptions(asked, 'f.txt');
  assert.equal(o.hostCount, MAIL_ROWS.hostCount, 'every row asked for: the mail\'s count');
  assert.equal(o.userCount, 3, 'fewer asked for: those');
  assert.equal(o.rejectDetail, MAIL_ROWS.rejectDetail, 'more asked for: the mail\'s count, the rest attached');
  assert.equal(o.classDetail, MAIL_ROWS.classDetail);
  assert.equal(o.detailGroups, MAIL_ROWS.detailGroups);
  assert.deepStrictEqual(o.fullReport, {
    file: 'f.txt',
    limits: { hostCount: Infinity, userCount: 3, bounceDetail: Infinity, deferralDetail: Infinity, rejectDetail: 20, smtpDetail: Infinity, warningDetail: Infinity, classDetail: null, detailGroups: Infinity },
  });
  // the rest of the options are the user's
  assert.equal(mailHtmlOptions({ ...asked, isoDateTime: true, smtpdStats: true }, 'f.txt').isoDateTime, true);
});

test('a report the mail does not cut goes without the full text attached, and its page names none', () => {
  const small: Report = fixture('multiday');
  const mail = renderForMail(small, DEFAULT_RENDER_OPTIONS, false, 'mx');
  assert.equal(mail.full, undefined);
  assert.doesNotMatch(mail.html, /data-attached=|data-note="full-report"/);
  // the page is the report's HTML page, only told where a cut would send its reader
  assert.equal(mail.html, renderHtml(small, mailHtmlOptions(DEFAULT_RENDER_OPTIONS, 'postsumm-cluster-2026-12-30_2027-01-02.txt')));
  const cut = renderForMail(fixture('full'), { ...DEFAULT_RENDER_OPTIONS, userCount: 100 }, true, 'mx');
  assert.equal(cut.full, cut.text, 'cut (the class lists): the text report goes along whole');
  assert.ok(cut.json !== undefined, 'and the JSON when asked for');
});
