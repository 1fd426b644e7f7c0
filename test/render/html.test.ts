// Tests for the HTML renderer on report fixtures (test/fixtures/reports): golden files per scenario, every
// section and chart present, problems first, nothing loaded from outside, every log string escaped (hostile
// strings put everywhere), and a validator's verdict.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { escapeHtml } from '../../src/render/html-kit.js';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from '../../src/render/options.js';
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

test('charts: per hour, per day (several days), reject classes and delays, each titled with a value per bar', () => {
  const one = renderHtml(fixture('full'), opts());
  const several = renderHtml(fixture('multiday'), opts());
  for (const [html, id] of [[one, 'chart-per-hour'], [one, 'chart-reject-classes'], [one, 'chart-delays'], [several, 'chart-per-day'], [several, 'chart-per-hour']] as const) {
    const svg = new RegExp(`<svg [^>]*id="${id}"[\\s\\S]*?</svg>`).exec(html)?.[0];
    assert.ok(svg !== undefined, `${id} is drawn`);
    assert.match(svg, new RegExp(`aria-labelledby="${id}-t"`));
    assert.match(svg, new RegExp(`<title id="${id}-t">[^<]+</title>`), `${id} has a title`);
    // bars are the rects with content; the pattern tiles and legend swatches close themselves
    const bars = [...svg.matchAll(/<rect [^>]*>(<title>[^<]*<\/title>)?/g)].filter((m) => !m[0].endsWith('/>'));
    assert.ok(bars.length > 0 && bars.every((m) => m[1] !== undefined), `${id}: every bar has a <title> (hover)`);
    // a grey print tells the series apart by their patterns and labels
    if (id !== 'chart-reject-classes') assert.ok((svg.match(/<pattern /g) ?? []).length >= 3, `${id}: series have patterns`);
  }
  assert.match(one, /<svg [^>]*id="chart-per-hour"[\s\S]*?>hour of the day<[\s\S]*?>messages</, 'axis labels');
  assert.doesNotMatch(one, /id="chart-per-day"/, 'one day: no per-day chart');
  assert.match(several, /<title>2026-12-31: received 0, delivered 0, rejected 0, deferred 0<\/title>/, 'the day without traffic is on the axis');
});

test('hostile strings from the log reach the page only as text', () => {
  const html = renderHtml(withHostile(fixture('full')), opts({ ...STATS, verbose: true }));
  for (const h of HOSTILE) {
    assert.ok(html.includes(escapeHtml(h)), `${h} is shown, escaped`);
  }
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
