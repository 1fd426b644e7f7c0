// The schedule end to end, without waiting for real time: the clock and the cron are injected, the log rotates
// during each day, and the reports of two days arrive at a real SMTP server on 127.0.0.1 with their own dates
// and figures. Then --run-now, init, the configuration's checks and its permission warning.
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { main, type Io } from '../../src/cli/main.js';
import { loadConfig } from '../../src/schedule/config.js';
import type { CronStarter } from '../../src/schedule/service.js';
import { startServer } from '../mail/server.js';

/** The lines of one delivered message at `time` (UTC, RFC 3339 stamps carry the year). */
function delivered(time: string, label: string, status: 'sent' | 'bounced' = 'sent'): string[] {
  const t = `${time}+00:00 mx1`;
  // a Postfix queue ID is hex: the label's bytes make one
  const id = Buffer.from(label).toString('hex').toUpperCase().padStart(10, '0');
  return [
    `${t} postfix/smtpd[100]: ${id}: client=client.example[192.0.2.10]`,
    `${t} postfix/cleanup[101]: ${id}: message-id=<${id}@client.example>`,
    `${t} postfix/qmgr[102]: ${id}: from=<sender@client.example>, size=1500, nrcpt=1 (queue active)`,
    status === 'sent'
      ? `${t} postfix/smtp[103]: ${id}: to=<user@partner.example>, relay=mx.partner.example[198.51.100.7]:25, delay=0.5, delays=0.1/0.1/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)`
      : `${t} postfix/smtp[103]: ${id}: to=<gone@partner.example>, relay=mx.partner.example[198.51.100.7]:25, delay=0.5, delays=0.1/0.1/0.2/0.1, dsn=5.1.1, status=bounced (host mx.partner.example[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command))`,
    `${t} postfix/qmgr[102]: ${id}: removed`,
  ];
}

function rejected(time: string): string[] {
  return [`${time}+00:00 mx1 postfix/smtpd[104]: NOQUEUE: reject: RCPT from bad.example[203.0.113.5]: 554 5.7.1 <nobody@lab.example>: Recipient address rejected: Access denied; from=<spam@bad.example> to=<nobody@lab.example> proto=ESMTP helo=<bad.example>`];
}

/** Removes the reports that failed runs saved (named in their log lines); returns how many. */
function removeSaved(log: string): number {
  const files = [...log.matchAll(/the report is saved in (\S+\.txt)/g)].map((m) => m[1]!);
  for (const f of files) {
    assert.ok(existsSync(f), f);
    rmSync(f);
  }
  return files.length;
}

function capture(): { w: Writable; text: () => string } {
  let s = '';
  return { w: new Writable({ write(c, _e, done) { s += String(c); done(); } }), text: () => s };
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setUp(port: number, extra: Record<string, unknown> = {}): { dir: string; log: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-schedule-'));
  dirs.push(dir);
  const log = join(dir, 'mail.log');
  const config = join(dir, 'postsumm.json');
  writeFileSync(config, JSON.stringify({
    logs: [log],
    timeZone: 'UTC',
    mail: { to: ['admin@example.com'], from: 'postsumm@mx1.example', attachJson: true, smtp: { host: '127.0.0.1', port } },
    report: { detail: 5 },
    ...extra,
  }), { mode: 0o600 });
  return { dir, log, config };
}

test('the service mails the previous day at each tick, the rotated file included: two days, two mails, their figures', async () => {
  const server = await startServer();
  const { log, config } = setUp(server.port);
  const write = (lines: string[]) => appendFileSync(log, lines.join('\n') + '\n');
  const rotate = () => {
    if (existsSync(log + '.1')) renameSync(log + '.1', log + '.2');
    renameSync(log, log + '.1');
  };

  let now = Date.parse('2026-11-23T00:00:00Z');
  let tick: (() => Promise<void>) | null = null;
  let cronArgs: [string, string | undefined] | null = null;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let done!: Promise<{ code: number; err: string }>;
  const started = new Promise<void>((resolve) => {
    const cron: CronStarter = async (expression, timeZone, t) => {
      cronArgs = [expression, timeZone];
      tick = t;
      resolve();
      return { stop() {}, next: () => null };
    };
    const err = capture();
    const io: Io = { stdout: capture().w, stderr: err.w, now: () => now, service: { cron, stopped, wait: async () => {} } };
    done = main(['schedule', '--config', config], io).then((code) => ({ code, err: err.text() }));
  });
  await started;
  assert.deepEqual(cronArgs, ['0 6 * * *', 'UTC'], 'the default schedule, in the configured zone');

  // day 1: two messages and a reject before rotation at noon, one message after it
  write([...delivered('2026-11-23T08:00:00', 'A1'), ...delivered('2026-11-23T09:00:00', 'A2'), ...rejected('2026-11-23T10:00:00')]);
  rotate();
  write(delivered('2026-11-23T15:00:00', 'A3'));
  // early on day 2, before the run: not the previous day's
  write(delivered('2026-11-24T05:00:00', 'B0'));
  now = Date.parse('2026-11-24T06:00:00Z');
  await tick!();
  assert.equal(server.received.length, 1);
  assert.equal(server.received[0]!.mail.subject, 'Postfix report mx1: 2026-11-23 — 3 delivered, 1 rejected, 0 bounced');

  // day 2: B0 above, a bounce and two rejects, rotation, one more message; then day 3 begins
  write([...delivered('2026-11-24T09:00:00', 'B1', 'bounced'), ...rejected('2026-11-24T10:00:00'), ...rejected('2026-11-24T11:00:00')]);
  rotate();
  write([...delivered('2026-11-24T18:00:00', 'B2'), ...delivered('2026-11-25T01:00:00', 'C1')]);
  now = Date.parse('2026-11-25T06:00:00Z');
  await tick!();
  assert.equal(server.received.length, 2);
  const second = server.received[1]!.mail;
  assert.equal(second.subject, 'Postfix report mx1: 2026-11-24 — 2 delivered, 2 rejected, 1 bounced');
  const json = JSON.parse(second.attachments[0]!.content.toString('utf8')) as { period: { from: string; to: string } };
  assert.equal(json.period.from.slice(0, 10), '2026-11-24');
  assert.equal(json.period.to.slice(0, 10), '2026-11-24');
  assert.match(second.text!, /Grand Totals/);

  stop();
  const { code, err } = await done;
  assert.equal(code, 0, err);
  assert.match(err, /postsumm schedule: started: runs at '0 6 \* \* \*' \(UTC\)/);
  assert.match(err, /postsumm schedule: mailed the report of 2026-11-23 to admin@example\.com: Postfix report mx1: 2026-11-23/);
  assert.match(err, /postsumm schedule: stopped/);
  await server.close();
});

test('a failed run is logged and retried once; the service keeps running', async () => {
  const server = await startServer({ refuse: () => true });
  const { log, config } = setUp(server.port);
  writeFileSync(log, delivered('2026-11-23T08:00:00', 'A1').join('\n') + '\n');
  let tick: (() => Promise<void>) | null = null;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const waits: number[] = [];
  const err = capture();
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = main(['schedule', '--config', config], {
    stdout: capture().w,
    stderr: err.w,
    now: () => Date.parse('2026-11-24T06:00:00Z'),
    service: { cron: async (_e, _z, t) => ((tick = t), ready(), { stop() {}, next: () => null }), stopped, wait: async (ms) => void waits.push(ms) },
  });
  await started;
  await tick!();
  assert.deepEqual(waits, [300000], 'one retry, five minutes later');
  const lines = err.text();
  assert.match(lines, /run for 2026-11-23 failed: cannot mail the report to admin@example\.com via SMTP 127\.0\.0\.1:\d+: the server refused admin@example\.com: .*; retrying in 300 s/);
  assert.match(lines, /run for 2026-11-23 failed again: .*; giving up until the next scheduled run/);
  assert.equal(removeSaved(lines), 2, 'each attempt saved its report');
  stop();
  assert.equal(await done, 0);
  await server.close();
});

test('--run-now mails the previous day once and exits 0; a failed one exits 3 at once, without a retry', async () => {
  const server = await startServer();
  const { log, config } = setUp(server.port);
  writeFileSync(log, [...delivered('2026-11-23T08:00:00', 'A1'), ...rejected('2026-11-23T09:00:00')].join('\n') + '\n');
  const err = capture();
  const code = await main(['schedule', '--config', config, '--run-now'], { stdout: capture().w, stderr: err.w, now: () => Date.parse('2026-11-24T10:00:00Z') });
  assert.equal(code, 0, err.text());
  assert.equal(server.received[0]!.mail.subject, 'Postfix report mx1: 2026-11-23 — 1 delivered, 1 rejected, 0 bounced');
  await server.close();

  const err2 = capture();
  const waits: number[] = [];
  const code2 = await main(['schedule', '--config', config, '--run-now'], {
    stdout: capture().w, stderr: err2.w, now: () => Date.parse('2026-11-24T10:00:00Z'), service: { wait: async (ms) => void waits.push(ms) },
  });
  assert.equal(code2, 3);
  assert.deepEqual(waits, []);
  assert.match(err2.text(), /run for 2026-11-23 failed: cannot mail the report .*the connection failed: .*; the report is saved in (\S+)$/m);
  assert.equal(removeSaved(err2.text()), 1);
});

test('init writes an example that the schedule reads as it is, readable by its owner only, and never overwrites', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-init-'));
  dirs.push(dir);
  const file = join(dir, 'postsumm.json');
  const out = capture();
  assert.equal(await main(['init', file], { stdout: out.w, stderr: capture().w }), 0);
  assert.match(out.text(), /wrote .*postsumm\.json.*--run-now/);
  const { config, warnings } = await loadConfig(file);
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.logs, ['/var/log/mail.log']);
  assert.equal(config.schedule, '0 6 * * *');
  assert.equal(config.mail.transport.kind, 'sendmail');
  assert.ok(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).some((k) => k.startsWith('//')), 'explained in // keys');
  const err = capture();
  assert.equal(await main(['init', file], { stdout: capture().w, stderr: err.w }), 1);
  assert.match(err.text(), /cannot write .*postsumm\.json: it exists/);
});

test('a configuration readable by every user gives a warning', async () => {
  const { config } = setUp(25);
  chmodSync(config, 0o644);
  const { warnings } = await loadConfig(config);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /is readable by every user \(mode 644\): chmod o-r /);
});

test('configuration mistakes are named by their key, exit 1', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ logs: [] }, /"logs" must be a list of log files/],
    [{ schedule: '0 25 * * *' }, /"schedule" is not a cron expression: "0 25 \* \* \*"/],
    [{ timeZone: 'Mars/Olympus' }, /"timeZone" is not a time zone name .*"Mars\/Olympus"/],
    [{ mail: { to: 'not an address' } }, /"mail\.to" must be a list of addresses/],
    [{ mail: { to: ['a@example.com'], smtp: { host: 'h', port: 70000 } } }, /"mail\.smtp\.port" must be a port number \(1-65535\), not 70000/],
    [{ mail: { to: ['a@example.com'], smtp: { host: 'h', user: 'u', password: 'secret' } } }, /"mail\.smtp\.password" is not read: a password is never kept in the configuration/],
    [{ mail: { to: ['a@example.com'], smtp: { host: 'h', secutiry: 'tls' } } }, /"mail\.smtp\.secutiry" is not a key of this configuration/],
    [{ mial: {} }, /"mial" is not a key of this configuration \(known: logs, schedule, timeZone, mail, report\)/],
    [{ report: { detail: 'many' } }, /"report": --detail takes a whole number of rows \(0: none\), not 'many'/],
    [{ report: { dateRange: 'today' } }, /"report" takes display and counting options only/],
  ];
  for (const [extra, re] of cases) {
    const { config } = setUp(25, extra);
    const err = capture();
    const code = await main(['schedule', '--config', config, '--run-now'], { stdout: capture().w, stderr: err.w });
    assert.equal(code, 1, `${JSON.stringify(extra)}: ${err.text()}`);
    assert.match(err.text(), re);
    assert.ok(err.text().includes(config), 'names the file');
    assert.ok(!err.text().includes('secret'));
  }
});

test('the mailed HTML shows each figure against the day before only when the logs hold all of that day', async () => {
  const server = await startServer();
  const { log, config } = setUp(server.port);
  const run = async (): Promise<string> => {
    const code = await main(['schedule', '--config', config, '--run-now'], { stdout: capture().w, stderr: capture().w, now: () => Date.parse('2026-11-24T10:00:00Z') });
    assert.equal(code, 0);
    return server.received.at(-1)!.mail.html as string;
  };
  const changes = (html: string) => [...html.matchAll(/data-change="(\w+)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
  // Nov 22 and Nov 23 in the log, but nothing before Nov 22: Nov 22 may have begun earlier, in a file not read
  appendFileSync(log, [...delivered('2026-11-22T08:00:00', 'A1'), ...delivered('2026-11-23T08:00:00', 'B1'), ...delivered('2026-11-23T09:00:00', 'B2')].join('\n') + '\n');
  assert.deepStrictEqual(changes(await run()), []);
  // a line of Nov 21 first: Nov 22 is whole, and the report of Nov 23 says how it compares
  writeFileSync(log, [...delivered('2026-11-21T23:00:00', 'Z1'), ...delivered('2026-11-22T08:00:00', 'A1'), ...delivered('2026-11-23T08:00:00', 'B1'), ...delivered('2026-11-23T09:00:00', 'B2')].join('\n') + '\n');
  const vs = 'vs Sun, Nov 22 2026';
  assert.deepStrictEqual(changes(await run()), [
    `received ▲ 100% ${vs}`, `delivered ▲ 100% ${vs}`, `deferred = 0% ${vs}`, `bounced = 0% ${vs}`, `rejected = 0% ${vs}`, `expired = 0% ${vs}`,
  ]);
  await server.close();
});
