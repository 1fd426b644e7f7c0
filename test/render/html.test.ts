// Tests for the HTML renderer on report fixtures (test/fixtures/reports): golden files per scenario, every
// section and chart present, problems first, nothing loaded from outside, every log string escaped (hostile
// strings put everywhere), and a validator's verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { escapeHtml } from '../../src/render/html-kit.js';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS, type RenderOptions, type RowLimits } from '../../src/render/options.js';
import { SECTION_TITLES } from '../../src/report/labels.js';
import { golden } from '../golden.js';
import { fixture } from './fixtures.js';
import { HOSTILE, withHostile } from './hostile.js';

const opts = (o: Partial<RenderOptions> = {}): RenderOptions => ({ ...DEFAULT_RENDER_OPTIONS, ...o });
const STATS = { smtpdStats: true, pscrnStats: true };

/** Scenario → fixture and options; each has its golden file `html-<scenario>.html`. */
const SCENARIOS: Record<string, [string, Partial<RenderOptions>]> = {
  'full-stats': ['full', STATS],
  'full-top2-quiet': ['full', { hostCount: 2, userCount: 2, bounceDetail: 1, deferralDetail: 1, rejectDetail: 2, smtpDetail: 1, warningDetail: 1, quiet: true }],
  // a mail's page: its largest groups, no class lists, every cut sending the reader to the attached full report
  'full-mail': ['full', {
    hostCount: 2, userCount: 2, rejectDetail: 1, detailGroups: 2, classDetail: 0,
    fullReport: { file: 'postsumm-mx-2026-11-25.txt', limits: { ...DEFAULT_RENDER_OPTIONS, classDetail: null } },
  }],
  multiday: ['multiday', { smtpdStats: true }],
  empty: ['empty', {}],
  'empty-quiet': ['empty', { quiet: true }],
};

for (const [scenario, [name, o]] of Object.entries(SCENARIOS)) {
  test(`HTML report of the ${scenario} scenario matches its golden file`, () => {
    golden(`html-${scenario}.html`, renderHtml(fixture(name), opts(o)));
  });
}

/** The `data-section` keys of a page, in order. */
const sections = (html: string): string[] => [...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1]!);

test('every section title of the text report is in the HTML report (one day and several days together)', () => {
  const pages = [renderHtml(fixture('full'), opts(STATS)), renderHtml(fixture('multiday'), opts(STATS))];
  for (const [key, title] of Object.entries(SECTION_TITLES)) {
    assert.ok(pages.some((p) => p.includes(`>${escapeHtml(title)}`)), `${key}: "${title}" is shown`);
  }
  const one = sections(pages[0]!);
  for (const key of ['figures', 'attention', 'grandTotals', 'instances', 'perHour', 'deliveryDomains', 'smtpdPerHour', 'smtpdPerDomain', 'sendersByCount', 'noSize', 'bounces', 'rejectClasses', 'fatals', 'panics', 'master', 'postscreen', 'sasl', 'tls', 'delays', 'input']) {
    assert.ok(one.includes(key), `full: section ${key}`);
  }
  const several = sections(pages[1]!);
  for (const key of ['perDay', 'perHour', 'smtpdPerDay']) assert.ok(several.includes(key), `multiday: section ${key}`);
  assert.match(pages[1]!, new RegExp(`>${SECTION_TITLES.perHourAverage}<`), 'several days: the per-hour daily average');
});

test('the page leads with the figures, then the problems, then the traffic, then the rest', () => {
  const html = renderHtml(fixture('full'), opts());
  const at = (s: string) => {
    const i = html.indexOf(s);
    assert.ok(i >= 0, `${s} is on the page`);
    return i;
  };
  const order = ['data-section="figures"', 'data-part="problems"', 'data-section="bounces"', 'data-section="rejectClasses"', 'data-section="fatals"',
    'data-part="traffic"', 'data-section="grandTotals"', 'data-section="perHour"', 'data-section="noSize"', 'data-part="server"', 'data-section="input"'];
  for (let i = 1; i < order.length; i++) assert.ok(at(order[i - 1]!) < at(order[i]!), `${order[i - 1]} before ${order[i]}`);
  const figures = [...html.matchAll(/data-figure="([^"]+)"/g)].map((m) => m[1]);
  assert.deepStrictEqual(figures, ['received', 'delivered', 'deferred', 'bounced', 'rejected', 'expired']);
  assert.match(html, /<a href="#s-fatals"[^>]*>1 fatal error<\/a>/, 'the attention line links to the problem');
});

test('charts: per hour, per day (several days), reject classes and delays, each titled, every value readable', () => {
  const one = renderHtml(fixture('full'), opts());
  const several = renderHtml(fixture('multiday'), opts());
  for (const [html, id] of [[one, 'chart-per-hour'], [one, 'chart-reject-classes'], [one, 'chart-delays'], [several, 'chart-per-day'], [several, 'chart-per-hour']] as const) {
    const svg = new RegExp(`<svg [^>]*id="${id}"[\\s\\S]*?</svg>`).exec(html)?.[0];
    assert.ok(svg !== undefined, `${id} is drawn`);
    assert.match(svg, new RegExp(`aria-labelledby="${id}-t"`));
    assert.match(svg, new RegExp(`<title id="${id}-t">[^<]+</title>`), `${id} has a title`);
    // bar charts tell a category's values on hover; bar lists and delays write each bar's value beside it
    assert.ok(chartFigures(id, svg).length > 0, `${id}: its values can be read`);
    // a grey print tells the series apart by their patterns and labels
    if (id !== 'chart-reject-classes') assert.ok((svg.match(/<pattern /g) ?? []).length >= 3, `${id}: series have patterns`);
  }
  assert.match(one, /<svg [^>]*id="chart-per-hour"[\s\S]*?>hour of the day<[\s\S]*?>messages</, 'axis labels');
  assert.doesNotMatch(one, /id="chart-per-day"/, 'one day: no per-day chart');
  assert.match(several, /<title>Dec 31 2026: received 0, delivered 0, rejected 0, deferred 0<\/title>/, 'the day without traffic is on the axis, named as its row would be');
});

/** HTML text back to plain text (the entities escapeHtml writes). */
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The figures a chart shows, per category: its label and each series' value as written (hover titles, bar texts). */
function chartFigures(id: string, svg: string): { label: string; values: [string, string][] }[] {
  if (id === 'chart-per-hour' || id === 'chart-per-day') {
    // `20:00-21:00: received 658, delivered 1,188, …` on each category's hover column
    return [...svg.matchAll(/<rect [^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => {
      const text = unescape(m[1]!);
      const at = text.lastIndexOf(': ');
      return { label: text.slice(0, at), values: text.slice(at + 2).split(', ').map((p) => p.split(' ') as [string, string]) };
    });
  }
  const texts = [...svg.slice(svg.indexOf('<g stroke-width')).matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => [m[1]!, unescape(m[2]!)] as const);
  const out: { label: string; values: [string, string][] }[] = [];
  if (id === 'chart-delays') {
    // a stage's name in bold, then `p50 0.1 s` beside each of its bars
    for (const [attrs, text] of texts) {
      if (attrs.includes('font-weight')) out.push({ label: text, values: [] });
      else if (out.length > 0 && /^(p50|p90|p99|max) /.test(text)) out.at(-1)!.values.push([text.slice(0, text.indexOf(' ')), text.slice(text.indexOf(' ') + 1)]);
    }
    return out;
  }
  // a bar list: each row's label, then `26 5xx` or `30 (21 5xx, 9 warn)` after its bar (only the parts there are)
  for (let i = 0; i + 1 < texts.length; i += 2) {
    const parts = [...texts[i + 1]![1].matchAll(/([\d,]+) (5xx|4xx|warn)\b/g)].map((m) => [m[2]!, m[1]!] as [string, string]);
    out.push({ label: texts[i]![1], values: parts });
  }
  return out;
}

/** The table right after a chart: its column heads and its rows of cell texts. */
function tableAfter(html: string, at: number): { heads: string[]; rows: string[][] } {
  const start = html.indexOf('<table', at);
  const table = html.slice(start, html.indexOf('</table>', start));
  const heads = [...table.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => unescape(m[1]!));
  const rows = [...table.matchAll(/<tr[^>]*>(<td[\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => unescape(c[1]!)));
  return { heads, rows };
}

test('every figure a chart shows is in the table under it, in its row and column (Gmail and Outlook show no SVG)', () => {
  const pages = [
    ['full', renderHtml(fixture('full'), opts())],
    ['multiday', renderHtml(fixture('multiday'), opts({ smtpdStats: true }))],
    ['multiday iso', renderHtml(fixture('multiday'), opts({ isoDateTime: true, zeroFill: true }))],
  ] as const;
  let checked = 0;
  for (const [name, html] of pages) {
    for (const m of html.matchAll(/<svg [^>]*id="([^"]+)"[\s\S]*?<\/svg>/g)) {
      const id = m[1]!;
      const { heads, rows } = tableAfter(html, m.index! + m[0].length);
      // the class table names the class in its last column; the others name the category first
      const labelAt = id === 'chart-reject-classes' ? heads.length - 1 : 0;
      for (const { label, values } of chartFigures(id, m[0])) {
        const row = rows.find((r) => r[labelAt] === label);
        // a day without traffic is on the chart's axis; its row is there with --zero-fill only
        if (row === undefined && values.every(([, v]) => v === '0')) continue;
        assert.ok(row !== undefined, `${name} ${id}: a row for ${label}`);
        for (const [series, value] of values) {
          assert.equal(row[heads.indexOf(series)], value, `${name} ${id}: ${label} ${series}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 100, `figures checked: ${checked}`);
});

/** Every row limit of a report at `n` (the limits of an attached full report). */
const limitsAt = (n: number): RowLimits => ({
  hostCount: n, userCount: n, bounceDetail: n, deferralDetail: n, rejectDetail: n, smtpDetail: n, warningDetail: n, classDetail: null, detailGroups: Infinity,
});

/** The "more rows" line of a section: its count, the count in the attachment (or null), and its words. */
function moreOf(html: string, key: string): { rows: number; attached: number | null; text: string } | null {
  const start = html.indexOf(`data-section="${key}"`);
  const section = html.slice(start, html.indexOf('data-section=', start + 20));
  const m = /<p data-more="(\d+)"(?: data-attached="(\d+)")?[^>]*>([^<]*)<\/p>/.exec(section);
  return m === null ? null : { rows: Number(m[1]), attached: m[2] === undefined ? null : Number(m[2]), text: m[3]! };
}

test('a cut table says how many rows it leaves out, and in a mail how many of them the attached full report holds', () => {
  const r = fixture('full');
  const senders = Object.keys(r.senders).length;
  const full = { file: 'postsumm-mx-2026-11-25.txt', limits: limitsAt(Infinity) };
  // a page cut by -u 2: how many rows, nowhere else to find them
  const page = renderHtml(r, opts({ userCount: 2 }));
  assert.deepStrictEqual(moreOf(page, 'sendersByCount'), { rows: senders - 2, attached: null, text: `${senders - 2} more rows not shown` });
  assert.doesNotMatch(page, /data-note="full-report"/);
  // the same cut in a mail whose attachment holds every row; the header names the file once
  const mail = renderHtml(r, opts({ userCount: 2, fullReport: full }));
  assert.deepStrictEqual(moreOf(mail, 'sendersByCount'), { rows: senders - 2, attached: senders - 2, text: `${senders - 2} more rows in the attached full report` });
  assert.match(mail, /<p data-note="full-report"[^>]*>This mail shows the top rows of each table; the attached <strong[^>]*>postsumm-mx-2026-11-25\.txt<\/strong> is the full report\.<\/p>/);
  // an attachment cut by its own -u 3 holds one of them
  const partial = renderHtml(r, opts({ userCount: 2, fullReport: { ...full, limits: { ...limitsAt(Infinity), userCount: 3 } } }));
  assert.deepStrictEqual(moreOf(partial, 'sendersByCount'), { rows: senders - 2, attached: 1, text: `${senders - 2} more rows, 1 of them in the attached full report` });
  // nothing cut: no line, and a mail without cuts names no attachment
  const whole = renderHtml(r, opts({ fullReport: full }));
  assert.equal(moreOf(whole, 'sendersByCount'), null);
  assert.doesNotMatch(whole, /data-more=|data-note="full-report"/);
});

test('a detail report cut to its largest groups says how many it shows and counts the rows of the others', () => {
  const r = fixture('full');
  // of five commands RCPT is the largest (18 rejects); of its three reasons (9, 6 and 3 rejects; 3, 2 and 1
  // clients) the first is kept, with its top client: 2 + 2 + 1 rows left out there, and the one row of each of the
  // four other commands
  const html = renderHtml(r, opts({ rejectDetail: 1, detailGroups: 1, fullReport: { file: 'f.txt', limits: limitsAt(Infinity) } }));
  const section = html.slice(html.indexOf('data-section="rejects"'), html.indexOf('data-section="rejectWarnings"'));
  assert.match(section, /<strong>RCPT<\/strong><span[^>]*> \(total: 18, top 1 of 3 shown\)<\/span>/);
  assert.match(section, /User unknown in local recipient table<\/strong><span[^>]*> \(total: 9, top 1 of 3 shown\)/);
  assert.doesNotMatch(section, /Relay access denied|zen\.spamhaus|<strong>DATA<\/strong>|pipelining/);
  assert.deepStrictEqual(moreOf(html, 'rejects'), { rows: 9, attached: 9, text: '9 more rows in the attached full report' });
  // the reasons and clients per restriction class left out (0): the table stays, the line counts their rows
  const classes = renderHtml(r, opts({ classDetail: 0, fullReport: { file: 'f.txt', limits: limitsAt(Infinity) } }));
  const lists = Object.values(r.rejectClasses).reduce((n, c) => n + Object.keys(c.reasons).length + Object.keys(c.clients).length, 0);
  assert.deepStrictEqual(moreOf(classes, 'rejectClasses'), { rows: lists, attached: lists, text: `${lists} more rows in the attached full report` });
  assert.match(classes, /data-section="rejectClasses"[\s\S]*?<tbody style="text-align:right;white-space:nowrap">/, 'the class table stays');
});

/** Row limits that cut every section of the full fixture, as a mail's do. */
const MAIL_CUT: Partial<RenderOptions> = { hostCount: 2, userCount: 2, bounceDetail: 1, deferralDetail: 1, rejectDetail: 1, smtpDetail: 1, warningDetail: 1, classDetail: 0, detailGroups: 1 };

test('hostile strings from the log reach the page only as text', () => {
  const html = renderHtml(withHostile(fixture('full')), opts({ ...STATS, verbose: true }));
  for (const h of HOSTILE) {
    assert.ok(html.includes(escapeHtml(h)), `${h} is shown, escaped`);
  }
  // a mail's page too, and the attachment's name it shows
  const mail = renderHtml(withHostile(fixture('full')), opts({ ...STATS, ...MAIL_CUT, fullReport: { file: '<b>x</b>.txt', limits: limitsAt(Infinity) } }));
  for (const h of HOSTILE) assert.ok(mail.includes(escapeHtml(h)), `mail: ${h} is shown, escaped`);
  assert.ok(mail.includes('&lt;b&gt;x&lt;/b&gt;.txt') && !mail.includes('<b>'), 'the file name is escaped');
  for (const raw of ['<script', '<img', '</style', '<b>']) assert.ok(!html.toLowerCase().includes(raw), `no raw ${raw}`);
  assert.doesNotMatch(html, /<[^>]*\son\w+=/i, 'no event handler attribute');
  for (const m of html.matchAll(/\s(?:href|src|xlink:href|action)="([^"]*)"/g)) assert.match(m[1]!, /^#[\w-]+$/, `only in-page links: ${m[0]}`);
  // the hostile host also heads the page, and the SVG bar list names the hostile class
  assert.match(html, /<svg [^>]*id="chart-reject-classes"[\s\S]*?&lt;script&gt;alert\(1\)&lt;\/script&gt;[\s\S]*?<\/svg>/);
});

test('escapeHtml escapes markup and quotes, and shows control characters as the text report does', () => {
  const rows: [string, string][] = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"><img src=x onerror='a'>`, '&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    ['bell \x07 esc \x1b[31m', 'bell \\x07 esc \\x1b[31m'],
    ['rtl \u202e override', 'rtl \\u202e override'],
    ['plain user@example.org', 'plain user@example.org'],
  ];
  assert.deepStrictEqual(rows.map(([a]) => escapeHtml(a)), rows.map(([, b]) => b));
});

test('the page is self-contained: no scripts, stylesheets, fonts, images or outside links', () => {
  for (const [name, o] of Object.values(SCENARIOS)) {
    const html = renderHtml(name === 'full' ? withHostile(fixture(name)) : fixture(name), opts(o));
    assert.doesNotMatch(html, /<(script|link|img|iframe|object|embed|style)\b/i);
    assert.doesNotMatch(html, /@import|url\((?!#)/i, `${name}: no style fetches anything`);
    // a URL in a logged reason is text; in an attribute only the SVG namespace (which is never fetched) may be one
    assert.doesNotMatch(html, /\s(?!xmlns=)[\w:-]+="(?:https?:|\/\/)/i, `${name}: no attribute points outside`);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(html.includes(`id="${m[1]}"`), `${name}: #${m[1]} points into the page`);
  }
});

test('empty sections read "none", and -q leaves them out', () => {
  const plain = renderHtml(fixture('empty'), opts());
  assert.match(plain, new RegExp(`<strong[^>]*>${SECTION_TITLES.panics}</strong>: none`));
  const quiet = renderHtml(fixture('empty'), opts({ quiet: true }));
  assert.doesNotMatch(quiet, /: none/);
  assert.ok(sections(quiet).includes('grandTotals'), 'Grand Totals are always shown');
  const cut = renderHtml(fixture('full'), opts({ bounceDetail: 0, rejectDetail: 0, hostCount: 0 }));
  for (const key of ['bounces', 'expiries', 'rejects', 'rejectClasses', 'deliveryDomains']) assert.ok(!sections(cut).includes(key), `${key} left out by its limit 0`);
});

test('the page passes html-validate (recommended rules, bar the one mail HTML must break)', async () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      // mail clients drop <style> blocks and class rules (Gmail, Outlook): inline styles are the only styling kept
      'no-inline-style': 'off',
    },
  });
  const pages = [
    ...Object.entries(SCENARIOS).map(([s, [name, o]]) => [s, renderHtml(fixture(name), opts(o))] as const),
    ['hostile', renderHtml(withHostile(fixture('full')), opts(STATS))] as const,
    // a mail's page: cut tables with their lines, the header naming the attachment
    ['mail', renderHtml(withHostile(fixture('full')), opts({ ...STATS, ...MAIL_CUT, fullReport: { file: '<b>x</b>.txt', limits: limitsAt(Infinity) } }))] as const,
  ];
  for (const [scenario, html] of pages) {
    const report = await validator.validateString(html);
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    assert.deepStrictEqual(messages, [], `${scenario}: no validation errors`);
  }
});

test('with a previous period, each header figure shows its change against it; without one, none', () => {
  const now = fixture('full');
  const before = fixture('full');
  before.period = { from: '2026-11-24T00:00:01.000+01:00', to: '2026-11-24T23:59:59.000+01:00' };
  before.totals = { ...now.totals, received: now.totals.received * 2, delivered: Math.round(now.totals.delivered / 2), bounced: 0, rejected: now.totals.rejected };
  const html = renderHtml(now, opts({ previous: { period: before.period, totals: before.totals } }));
  const changes = Object.fromEntries([...html.matchAll(/data-change="(\w+)"[^>]*>([^<]*)</g)].map((m) => [m[1]!, m[2]!]));
  const pct = (a: number, b: number) => Math.abs(Math.round(((a - b) / b) * 100));
  assert.deepStrictEqual(Object.keys(changes), ['received', 'delivered', 'deferred', 'bounced', 'rejected', 'expired']);
  assert.equal(changes.received, `▼ ${pct(now.totals.received, before.totals.received)}% vs Tue, Nov 24 2026`);
  assert.equal(changes.delivered, `▲ ${pct(now.totals.delivered, before.totals.delivered)}% vs Tue, Nov 24 2026`);
  assert.equal(changes.rejected, '= 0% vs Tue, Nov 24 2026');
  assert.equal(changes.bounced, now.totals.bounced === 0 ? '= 0% vs Tue, Nov 24 2026' : '▲ new vs Tue, Nov 24 2026');
  assert.doesNotMatch(renderHtml(now, opts()), /data-change=/);
});
