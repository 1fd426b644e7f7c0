// Strings strangers choose, put where strangers put them in a real log (the HELO name, the client's reverse DNS name,
// the sender, the recipient, a reject reason, a warning, a line no parser knows, the syslog host), run through
// postsumm as the command line runs it: the text report and `postsumm events` carry none of the log's control
// characters raw, the JSON report is valid and keeps the strings whole, and the HTML report shows every string as
// text in Chromium, with no element, handler, link or style of the log's making.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Report } from '../../src/report/model.js';
import { run, TempDir } from '../fuzz/harness.js';

const dir = new TempDir();
after(() => dir.clean());

/** Markup and CSS that must stay text (none has a space: each fits every field, HELO names and addresses too). */
const MARKUP = [
  '<script>alert(1)</script>', '"><img/src=x/onerror=alert(1)>', 'javascript:alert(1)', '</style><style>*{display:none}</style>',
  '};body{background:url(javascript:alert(1))}', "'><svg/onload=alert(1)>", ']]><!--', '--><a/href=javascript:alert(1)>x</a>',
  '&lt;b&gt;',
] as const;

/** Terminal escapes: colour, window title (OSC), clear screen by 8-bit CSI, a bidi override, a carriage return. */
const TERMINAL = ['\x1b[31mred\x1b[0m', '\x1b]0;pwned\x07', '\u009b2J', '\u202etxt.exe', 'a\rb', 'nul\0', '\u2028sep'] as const;

/** Lab lines (../shared/lab/out/maillog-traditional.log 6-18, 54, 127, 2378) with `h` where strangers write. */
function hostileLines(h: string, i: number): string[] {
  const q = (0xabc77160389 + i).toString(16).toUpperCase();
  const stamp = `Nov 25 20:08:${String(10 + i).padStart(2, '0')}`;
  const t = `${stamp} mx`;
  return [
    `${t} postfix/smtpd[${3590 + i}]: connect from ${h}.example[127.0.0.81]`,
    `${t} postfix/smtpd[${3590 + i}]: ${q}: client=${h}.example[127.0.0.81], sasl_method=LOGIN, sasl_username=${h}`,
    `${t} postfix/cleanup[3595]: ${q}: message-id=<${h}@traffic.lab.example>`,
    `${t} postfix/qmgr[3546]: ${q}: from=<${h}@lab.example>, size=79700, nrcpt=2 (queue active)`,
    `${t} postfix/smtp[3596]: ${q}: to=<${h}@flaky.example>, relay=${h}.example[127.0.0.18]:2525, delay=0.04, delays=0.02/0.02/0.01/0, dsn=4.0.0, status=deferred (host ${h}.example[127.0.0.18] said: 421 4.0.0 ${h} (in reply to MAIL FROM command))`,
    `${t} postfix/local[3600]: ${q}: to=<${h}@lab.example>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to mailbox)`,
    `${t} postfix/smtp[3596]: ${q}: to=<news@${h}.example>, relay=none, delay=0.05, delays=0.02/0.03/0/0, dsn=5.4.4, status=bounced (Host or domain name not found: ${h})`,
    `${t} postfix/qmgr[3546]: ${q}: removed`,
    `${t} postfix/smtpd[3604]: NOQUEUE: reject: RCPT from ${h}[127.0.0.51]: 554 5.7.1 <${h}>: Helo command rejected: ${h}; from=<${h}@badhost.example> to=<bob@lab.example> proto=ESMTP helo=<${h}>`,
    `${t} postfix/smtpd[3607]: warning: ${h}: queue file size limit exceeded`,
    `${t} postfix/submission/smtpd[3590]: warning: ${h}[127.0.0.54]: SASL LOGIN authentication failed: ${h}, sasl_username=${h}`,
    `${t} postfix/smtpd[3604]: ${h} is what this client sent`,
    // the syslog host: a field without spaces, so any of these strings fits
    `${stamp} mx-${h} postfix/qmgr[3546]: ${h}`,
  ];
}

/** A log with every hostile string in every place, one set of lines each. */
function hostileLog(strings: readonly string[]): string {
  return strings.flatMap((h, i) => hostileLines(h, i)).join('\n') + '\n';
}

/** What the text report and `events` may never carry raw (LF ends lines). */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

test('terminal escapes of the log reach the text report only escaped, and `events` only as JSON escapes', async () => {
  const log = dir.file(hostileLog(TERMINAL));
  for (const argv of [[log], ['--verbose-msg-detail', '--smtpd-stats', log], ['events', log]]) {
    const r = await run(['--year', '2026', ...argv]);
    assert.equal(r.code, 0, r.err);
    const m = UNSAFE.exec(r.out);
    assert.equal(m, null, `${argv.join(' ')}: ${JSON.stringify(r.out.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 10))}`);
    if (argv[0] === 'events') {
      // the same values, parsed back: escaped, not lost
      const texts = r.out.trim().split('\n').map((l) => JSON.stringify(JSON.parse(l) as object));
      for (const h of TERMINAL) assert.ok(texts.some((t) => t.includes(JSON.stringify(h).slice(1, -1))), `events keep ${JSON.stringify(h)}`);
    } else {
      // shown as the text report shows a control character: `\x1b`
      assert.match(r.out, /\\x1b\[31mred\\x1b\[0m/);
      assert.match(r.out, /\\u202etxt\.exe/);
    }
  }
});

test('the JSON report is valid and keeps every string whole, markup and escapes alike', async () => {
  const r = await run(['--format', 'json', '--year', '2026', dir.file(hostileLog([...MARKUP, ...TERMINAL]))]);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as Report;
  const all = JSON.stringify(report);
  for (const h of [...MARKUP, ...TERMINAL]) assert.ok(all.includes(JSON.stringify(h).slice(1, -1)), `the report holds ${JSON.stringify(h)}`);
  assert.ok(report.hosts.some((x) => x.includes('<script>')), 'a hostile syslog host');
});

const CHROMIUM = '/usr/bin/chromium';

test('the HTML report shows the log\'s markup as text in Chromium, and makes nothing of it', { skip: existsSync(CHROMIUM) ? false : `needs Chromium at ${CHROMIUM}` }, async () => {
  const r = await run(['--format', 'html', '--year', '2026', '--smtpd-stats', '--verbose-msg-detail', dir.file(hostileLog(MARKUP))]);
  assert.equal(r.code, 0, r.err);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(r.out);
    const found = await page.evaluate((markup) => {
      const text = document.body.textContent ?? '';
      const all = [...document.querySelectorAll('*')];
      return {
        shown: markup.filter((h) => text.includes(h)),
        elements: ['script', 'img', 'iframe', 'object', 'embed', 'link', 'base', 'form', 'style', 'foreignObject', 'animate', 'set'].filter((t) => document.getElementsByTagName(t).length > 0),
        svgs: [...document.querySelectorAll('svg')].map((s) => s.id).filter((id) => !id.startsWith('chart-')),
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
        links: [...document.querySelectorAll('[href], [src], [action], [formaction]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '').filter((h) => !h.startsWith('#')),
        styles: all.map((e) => e.getAttribute('style') ?? '').filter((s) => /javascript|url\(|display:none|expression/i.test(s)),
        bodyHeight: document.body.getBoundingClientRect().height,
      };
    }, [...MARKUP]);
    assert.deepEqual(found.shown, [...MARKUP], 'every string is shown as text');
    assert.deepEqual({ ...found, shown: [], bodyHeight: found.bodyHeight > 500 }, { shown: [], elements: [], svgs: [], handlers: [], links: [], styles: [], bodyHeight: true });
    assert.deepEqual(dialogs, [], 'no script ran');
  } finally {
    await browser.close();
  }
});
