// Tests of --mail-to through cli/main against a real SMTP server on 127.0.0.1: the message that arrives (both
// alternatives, the subject from the figures, the full text and JSON attachments), and each failure (refused
// recipient, closed connection, wrong password, missing sendmail): exit code 3, one line naming the saved report, no
// password.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { mailHtmlOptions } from '../../src/mail/render.js';
import { renderHtml } from '../../src/render/html.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';
import type { Report } from '../../src/report/model.js';
import { projectRoot } from '../corpus.js';
import { startClosingServer, startServer } from './server.js';
import { runMain } from '../cli-run.js';

process.env.TZ = 'Europe/Berlin'; // the samples' zone

const root = projectRoot();
const samples = [join(root, 'samples/mail.log'), join(root, 'samples/mail.log.1.gz')];
const PASSWORD = 'Pw-7f3a9c1e-not-for-eyes';
const saved: string[] = [];
after(() => {
  for (const f of saved) rmSync(f, { force: true });
});

const run = (argv: string[], env: Record<string, string> = {}) => runMain(argv, { env });

/** The saved report's path from a failure line, checked to exist; removed after the tests. */
function savedFile(err: string): string {
  const m = /the report is saved in (\S+\.txt)$/m.exec(err);
  assert.ok(m, `names the saved report: ${err}`);
  saved.push(m[1]!);
  assert.ok(existsSync(m[1]!));
  assert.equal(statSync(m[1]!).mode & 0o077, 0, 'readable by its owner only');
  return m[1]!;
}

test('--mail-to sends the report as text and HTML alternatives, the subject from the figures, the JSON attached', async () => {
  const server = await startServer();
  try {
    const { code, out, err } = await run(['--mail-to', 'admin@example.com,ops@example.com', '--mail-to', 'boss@example.com', '--mail-from', 'postsumm@mx.lab.example',
      '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), '--attach-json', ...samples]);
    assert.equal(code, 0, err);
    assert.equal(out, '', 'mailed, not printed');
    assert.equal(err, '');
    assert.equal(server.received.length, 1);
    const { from, to, mail } = server.received[0]!;
    assert.equal(from, 'postsumm@mx.lab.example');
    assert.deepEqual(to, ['admin@example.com', 'ops@example.com', 'boss@example.com']);
    assert.match(server.received[0]!.raw, /^Content-Type: multipart\/mixed/m);
    assert.match(server.received[0]!.raw, /multipart\/alternative/);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');

    const attachment = mail.attachments.find((a) => a.contentType === 'application/json');
    assert.ok(attachment, 'the JSON report is attached');
    const report = JSON.parse(attachment.content.toString('utf8')) as Report;
    assert.equal(report.schemaVersion, 1);
    const printed = await run(['--format', 'json', ...samples]);
    const expected = JSON.parse(printed.out) as Report;
    assert.deepEqual(report.totals, expected.totals, 'the attachment is the report');
    const n = (x: number) => x.toLocaleString('en-US');
    assert.equal(mail.subject, `Postfix report ${expected.hosts.join(', ')}: ${expected.period.from!.slice(0, 10)} — ${n(expected.totals.delivered)} delivered, ${n(expected.totals.rejected)} rejected, ${n(expected.totals.bounced)} bounced`);
    assert.equal(attachment.filename, `postsumm-${expected.hosts[0]}-${expected.period.from!.slice(0, 10)}.json`);

    const text = await run(samples);
    assert.equal(mail.text, text.out, 'the text part is the text report');
    // the HTML part is the HTML report cut to the mail's rows, so the text report whole goes along as a file
    const stem = `postsumm-${expected.hosts[0]}-${expected.period.from!.slice(0, 10)}`;
    assert.equal(mail.html, renderHtml(expected, mailHtmlOptions(DEFAULT_RENDER_OPTIONS, `${stem}.txt`)), 'the HTML part is the mail\'s HTML report');
    const full = mail.attachments.find((a) => a.filename === `${stem}.txt`);
    assert.ok(full, 'the full text report is attached');
    assert.equal(full.contentType, 'text/plain');
    assert.equal(full.content.toString('utf8'), text.out, 'the attachment is the text report');
    assert.deepEqual(mail.attachments.map((a) => a.filename), [`${stem}.json`, `${stem}.txt`]);
  } finally {
    await server.close();
  }
});

test('without --attach-json there is no attachment, and -d names the day in the subject', async () => {
  const server = await startServer();
  try {
    const { code, err } = await run(['-d', '2026-11-24', '--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), ...samples]);
    assert.equal(code, 0, err);
    const { mail } = server.received[0]!;
    assert.equal(mail.attachments.length, 0);
    assert.match(mail.subject!, /: 2026-11-24 — 0 delivered, 0 rejected, 0 bounced$/);
  } finally {
    await server.close();
  }
});

test('a login with the password from an environment variable is accepted, and the password shows nowhere', async () => {
  const server = await startServer({ auth: { user: 'reporter', pass: PASSWORD } });
  try {
    const { code, out, err } = await run(['--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port),
      '--smtp-user', 'reporter', '--smtp-password-env', 'POSTSUMM_SMTP_PASSWORD', ...samples], { POSTSUMM_SMTP_PASSWORD: PASSWORD });
    assert.equal(code, 0, err);
    assert.deepEqual(server.logins, ['reporter']);
    assert.equal(server.received.length, 1);
    assert.ok(!out.includes(PASSWORD) && !err.includes(PASSWORD));
    assert.ok(!server.received[0]!.raw.includes(PASSWORD), 'not in the report mail either');
  } finally {
    await server.close();
  }
});

test('a wrong password: exit 3, one line saying authentication failed, the report saved, the password nowhere', async () => {
  const server = await startServer({ auth: { user: 'reporter', pass: 'the-right-one' } });
  try {
    const { code, out, err } = await run(['--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port),
      '--smtp-user', 'reporter', '--smtp-password-env', 'POSTSUMM_SMTP_PASSWORD', ...samples], { POSTSUMM_SMTP_PASSWORD: PASSWORD });
    assert.equal(code, 3);
    assert.equal(out, '');
    assert.equal(err.split('\n').filter((l) => l !== '').length, 1, err);
    assert.match(err, /^postsumm: cannot mail the report to admin@example\.com via SMTP 127\.0\.0\.1:\d+: authentication failed: 535 /);
    const file = savedFile(err);
    const body = readFileSync(file, 'utf8');
    assert.match(body, /^Subject: Postfix report /);
    assert.match(body, /Grand Totals/);
    for (const s of [out, err, body]) {
      assert.ok(!s.includes(PASSWORD), 'the password is not shown');
      assert.ok(!s.includes(Buffer.from(PASSWORD).toString('base64')), 'nor its base64');
    }
    assert.equal(server.received.length, 0);
  } finally {
    await server.close();
  }
});

test('a password file is read (its last newline dropped), a missing variable is named and its report saved', async () => {
  const server = await startServer({ auth: { user: 'reporter', pass: PASSWORD } });
  try {
    const { code, err } = await run(['--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port),
      '--smtp-user', 'reporter', '--smtp-password-env', 'POSTSUMM_UNSET', ...samples]);
    assert.equal(code, 3);
    assert.match(err, /: the password variable POSTSUMM_UNSET is not set; the report is saved in /);
    savedFile(err);
    const dir = mkdtempSync(join(tmpdir(), 'postsumm-mail-'));
    const file = join(dir, 'password');
    writeFileSync(file, PASSWORD + '\n', { mode: 0o600 });
    const ok = await run(['--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port),
      '--smtp-user', 'reporter', '--smtp-password-file', file, ...samples]);
    assert.equal(ok.code, 0, ok.err);
    assert.equal(server.received.length, 1);
    rmSync(dir, { recursive: true });
  } finally {
    await server.close();
  }
});

test('a refused recipient: exit 3, the server\'s words in one line, the report saved', async () => {
  const server = await startServer({ refuse: (a) => a === 'nobody@example.com' });
  try {
    const { code, out, err } = await run(['--mail-to', 'nobody@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), ...samples]);
    assert.equal(code, 3);
    assert.equal(out, '');
    assert.equal(err.split('\n').filter((l) => l !== '').length, 1, err);
    assert.match(err, /via SMTP 127\.0\.0\.1:\d+: the server refused nobody@example\.com: .*550.*User unknown.*; the report is saved in /);
    savedFile(err);
    assert.equal(server.received.length, 0);
  } finally {
    await server.close();
  }
});

test('one refused recipient of two is a failure too (the other got it; the report is saved)', async () => {
  const server = await startServer({ refuse: (a) => a === 'nobody@example.com' });
  try {
    const { code, err } = await run(['--mail-to', 'admin@example.com,nobody@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), ...samples]);
    assert.equal(code, 3);
    assert.match(err, /: the server refused nobody@example\.com; the report is saved in /);
    savedFile(err);
    assert.deepEqual(server.received.map((r) => r.to), [['admin@example.com']]);
  } finally {
    await server.close();
  }
});

test('a server that closes the connection: exit 3, one line, the report saved', async () => {
  const server = await startClosingServer();
  try {
    const { code, err } = await run(['--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), ...samples]);
    assert.equal(code, 3);
    assert.equal(err.split('\n').filter((l) => l !== '').length, 1, err);
    assert.match(err, /via SMTP 127\.0\.0\.1:\d+: the connection failed: .*; the report is saved in /);
    savedFile(err);
  } finally {
    await server.close();
  }
});

test('no SMTP host: the local sendmail; one that is not there fails in one line, and the report is saved', async () => {
  const { code, err } = await run(['--mail-to', 'admin@example.com', '--sendmail', '/nonexistent/sendmail', ...samples]);
  assert.equal(code, 3);
  assert.match(err, /^postsumm: cannot mail the report to admin@example\.com via \/nonexistent\/sendmail: .*ENOENT.*; the report is saved in /);
  savedFile(err);
});

test('mail options are checked: a password on the command line is refused without being echoed, and the rest', async () => {
  const cases: [string[], RegExp][] = [
    [['--mail-to', 'a@example.com', `--smtp-password=${PASSWORD}`], /a password is never taken on the command line/],
    [['--mail-to', 'a@example.com', '--smtp-password', PASSWORD], /a password is never taken on the command line/],
    [['--smtp-host', 'localhost'], /--smtp-host needs --mail-to/],
    [['--mail-to', 'a b@example.com'], /--mail-to takes addresses .*'a b@example\.com'/],
    [['--mail-to', 'a@example.com', '--smtp-port', '25'], /--smtp-port needs --smtp-host/],
    [['--mail-to', 'a@example.com', '--smtp-host', 'h', '--smtp-port', '99999'], /--smtp-port takes a port number \(1-65535\), not '99999'/],
    [['--mail-to', 'a@example.com', '--smtp-host', 'h', '--smtp-tls', '--smtp-starttls'], /exclude each other/],
    [['--mail-to', 'a@example.com', '--smtp-host', 'h', '--smtp-user', 'u'], /--smtp-user needs --smtp-password-env VARIABLE or --smtp-password-file FILE/],
    [['--mail-to', 'a@example.com', '--smtp-host', 'h', '--smtp-password-env', 'X'], /--smtp-password-env needs --smtp-user/],
  ];
  for (const [argv, re] of cases) {
    const { code, out, err } = await run(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(err, re);
    assert.ok(!err.includes(PASSWORD) && !out.includes(PASSWORD));
  }
});
