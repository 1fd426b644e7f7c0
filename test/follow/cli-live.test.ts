// Live mode's outputs through cli/main: --listen serves /metrics whose figures equal the batch report of the lines
// followed, and the live page; --alert-bounce-rate says its alert once; NDJSON off a terminal; option mistakes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { runReport } from '../../src/cli/pipeline.js';
import type { LiveRun } from '../../src/follow/index.js';
import { projectRoot } from '../corpus.js';
import { startServer } from '../mail/server.js';
import { sampleLines } from './lines.js';

process.env.TZ = 'Europe/Berlin';

const lines = sampleLines();
const tmp = mkdtempSync(join(tmpdir(), 'postsumm-cli-live-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const chunk = (from: number, to: number) => lines.slice(from, to).map((l) => l + '\n').join('');

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function live(argv: string[]): Promise<{ run: LiveRun; out: () => string; err: () => string; stop: () => Promise<number> }> {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write(c, _e, done) { f(String(c)); done(); } });
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  let run: LiveRun | null = null;
  const code = main(['--follow', '--year', '2026', ...argv], {
    stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)),
    follow: { timers: { set: () => null, clear: () => {} }, stopped, watch: false, run: (r) => (run = r) },
  });
  for (let i = 0; i < 100 && run === null; i++) await new Promise((r) => setImmediate(r));
  assert.ok(run !== null, `the run started (stderr: ${err})`);
  await (run as LiveRun).started;
  return { run: run!, out: () => out, err: () => err, stop: async () => (stop(), await code) };
}

/** A sample of the exposition: `name{labels} value` → value. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('--listen serves /metrics equal to the batch report of the lines followed, and the live page', async () => {
  const log = join(tmp, 'listen.log');
  writeFileSync(log, chunk(0, 2500));
  const port = await freePort();
  const l = await live(['--from-start', '--listen', `127.0.0.1:${port}`, '--format', 'json', log]);
  appendFileSync(log, chunk(2500, lines.length));
  await l.run.poll();
  const batchFile = join(tmp, 'listen-batch.log');
  writeFileSync(batchFile, chunk(0, lines.length));
  const t = (await runReport([batchFile], { year: 2026 })).report.totals;
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  for (const status of ['delivered', 'bounced', 'rejected', 'held', 'discarded'] as const) {
    assert.equal(sample(text, `postsumm_messages_total{status="${status}"}`), t[status], status);
  }
  const page = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<html/);
  assert.ok(html.includes(t.delivered.toLocaleString('en-US')), 'the live page shows the delivered figure');
  assert.equal(await l.stop(), 0);
  await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`), 'the server is closed when live mode ends');
  assert.match(l.err(), new RegExp(`serving /metrics and the live page at http://127\\.0\\.0\\.1:${port}`));
});

test('--alert-bounce-rate says its alert once per episode (not once per bounce), on stderr off a terminal', async () => {
  const log = join(tmp, 'alert.log');
  writeFileSync(log, '');
  const l = await live(['--alert-bounce-rate', '3%', '--format', 'ndjson', log]);
  appendFileSync(log, chunk(0, lines.length));
  await l.run.poll();
  await l.run.poll();
  assert.equal(await l.stop(), 0);
  const alerts = l.err().split('\n').filter((s) => s.includes('ALERT'));
  // the sample's hour has two episodes: 1 of the first 20 recipients bounced (5%), the rate then fell below the
  // re-arm level (80% of 3%) and rose past 3% again later; its 86 bounces would be 86 alerts if each line fired
  assert.equal(alerts.length, 2, l.err());
  assert.match(alerts[0]!, /bounce rate 5% over the last 1 h: 1 of 20 recipients bounced \(threshold 3%\)/);
  assert.match(alerts[1]!, /bounce rate 3\.\d% over the last 1 h/);
  const out = l.out().trim().split('\n').map((s) => JSON.parse(s) as { type: string });
  assert.ok(out.some((o) => o.type === 'message') && out.some((o) => o.type === 'reject'), 'NDJSON of messages and rejects');
});

test('an alert is mailed when --mail-to is given (a real SMTP server receives it)', async () => {
  const server = await startServer();
  try {
    const log = join(tmp, 'alert-mail.log');
    writeFileSync(log, '');
    const l = await live(['--alert-bounce-rate', '3%', '--format', 'ndjson', '--mail-to', 'admin@example.com', '--smtp-host', '127.0.0.1', '--smtp-port', String(server.port), log]);
    appendFileSync(log, chunk(0, lines.length));
    await l.run.poll();
    assert.equal(await l.stop(), 0, l.err());
    assert.equal(server.received.length, 2, 'one mail per alert (two episodes, see above)');
    const mail = server.received[0]!.mail;
    assert.match(mail.subject ?? '', /^postsumm alert on .+: bounce rate 5% over the last 1 h/);
    assert.deepStrictEqual(server.received[0]!.to, ['admin@example.com']);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
  } finally {
    await server.close();
  }
});

test('live mode\'s options are refused without --follow, and --follow without a file', async () => {
  const run = async (argv: string[]) => {
    let err = '';
    const sink = (f: (s: string) => void) => new Writable({ write(c, _e, done) { f(String(c)); done(); } });
    const code = await main(argv, { stdout: sink(() => {}), stderr: sink((s) => (err += s)) });
    return { code, err };
  };
  let r = await run(['--since', '30m', 'x.log']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--since needs --follow/);
  r = await run(['--follow']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--follow follows files/);
  r = await run(['--follow', '--since', 'yesterday', 'x.log']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--since takes a duration/);
  r = await run(['--follow', '--listen', 'localhost', 'x.log']);
  assert.match(r.err, /--listen takes HOST:PORT/);
  r = await run(['--follow', '--alert-bounce-rate', '150%', 'x.log']);
  assert.match(r.err, /--alert-bounce-rate takes a percentage/);
  r = await run(['--format', 'ndjson', 'x.log']);
  assert.match(r.err, /ndjson is live mode's/);
});

const BIN = join(projectRoot(), 'bin', 'postsumm.js');
const built = existsSync(join(projectRoot(), 'dist', 'postsumm.mjs')) ? false : 'needs the built CLI (npm run build)';

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} ends live mode with exit 0 and the report of everything read (the real process)`, { skip: built }, async () => {
    const log = join(tmp, `${signal}.log`);
    writeFileSync(log, chunk(0, 3000));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, '--follow', '--from-start', '--year', '2026', '--format', 'json', '--listen', `:${port}`, log], { env: { ...process.env, TZ: 'Europe/Berlin' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    const ready = new Promise<void>((resolve) => child.stderr.on('data', (c) => {
      err += c;
      if (err.includes('serving /metrics')) resolve();
    }));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await ready;
    // the lines are read once the follower has had its first round: /metrics says when
    for (let i = 0; i < 100; i++) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if ((sample(text, 'postsumm_messages_total{status="delivered"}') ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill(signal);
    assert.equal(await exited, 0, err);
    const report = JSON.parse(out) as { input: { lines: number } };
    assert.equal(report.input.lines, 3000);
  });
}
