// Broken inputs through postsumm as the command line runs it: a truncated .gz, a corrupt .gz, a directory, a missing
// file, a file that vanishes after the shell listed it (while an earlier input, a pipe, is still being read), and a
// file the user may not read. Each is one line on stderr naming it, the other inputs are still read into the report,
// and the exit code is 1; with no input readable, nothing is printed. A file removed while it is read is no error:
// its open descriptor reads it whole. --help documents every exit code.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { main } from '../../src/cli/main.js';
import { EXIT } from '../../src/errors.js';
import { EXIT_MAIL } from '../../src/mail/index.js';
import type { Report } from '../../src/report/model.js';
import { projectRoot } from '../corpus.js';
import { run, TempDir } from '../fuzz/harness.js';

const dir = new TempDir();
after(() => dir.clean());

/** `n` lines of lab line 6 (../shared/lab/out/maillog-traditional.log) from syslog host `host`. */
function lines(host: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `Nov 25 20:08:39 ${host} postfix/submission/smtpd[${3590 + i}]: connect from laptop81.home.example[127.0.0.81]\n`).join('');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('truncated and corrupt .gz, a directory and a missing file: one line each naming it, the rest is read, exit 1', async () => {
  const good1 = dir.file(lines('mx1', 3), 'a-good.log');
  const whole = gzipSync(lines('mx2', 5000));
  const truncated = dir.file(whole.subarray(0, whole.length >> 1), 'b-truncated.gz');
  const damaged = Buffer.from(whole);
  damaged.fill(0x55, 40, 90);
  const corrupt = dir.file(damaged, 'c-corrupt.gz');
  const folder = join(dir.path, 'd-folder');
  mkdirSync(folder);
  const missing = join(dir.path, 'e-missing.log');
  const good2 = dir.file(lines('mx3', 4), 'f-good.log');
  const r = await run(['--format', 'json', '--year', '2026', good1, truncated, corrupt, folder, missing, good2]);
  assert.equal(r.code, EXIT.input);
  const err = r.err.split('\n').slice(0, -1);
  assert.equal(err.length, 4, r.err);
  assert.match(err[0]!, new RegExp(`^postsumm: cannot read ${escape(truncated)}: corrupt gzip data \\(unexpected end of file\\) near byte \\d+$`));
  assert.match(err[1]!, new RegExp(`^postsumm: cannot read ${escape(corrupt)}: corrupt gzip data \\(.+\\) near byte \\d+$`));
  assert.equal(err[2], `postsumm: cannot read ${folder}: is a directory, not a log file`);
  assert.equal(err[3], `postsumm: cannot read ${missing}: no such file`);
  const report = JSON.parse(r.out) as Report;
  // both good files whole; of the truncated one, the lines before the damage (a gzip stream is read as it inflates)
  assert.ok(report.hosts.includes('mx1') && report.hosts.includes('mx3'), report.hosts.join());
  assert.ok(report.input.lines > 7 && report.input.lines < 7 + 2 * 5000, `${report.input.lines} lines`);
  assert.equal(report.input.malformed, 0, 'no half line of a broken file is taken for a line of its own');
});

test('with no input readable nothing is printed, exit 1', async () => {
  const r = await run([join(dir.path, 'nothing-here.log'), dir.path]);
  assert.deepEqual(r, { code: EXIT.input, out: '', err: `postsumm: cannot read ${join(dir.path, 'nothing-here.log')}: no such file\npostsumm: cannot read ${dir.path}: is a directory, not a log file\n` });
});

test('a file that vanishes while an earlier input (a pipe) is read is named, the pipe read whole, exit 1', async () => {
  const fifo = join(dir.path, 'g-pipe');
  await new Promise<void>((resolve, reject) => execFile('mkfifo', [fifo], (e) => (e ? reject(e) : resolve())));
  const doomed = dir.file(lines('mx9', 2), 'h-doomed.log');
  const running = run(['--format', 'json', '--year', '2026', fifo, doomed]);
  // the writer end: opening it waits for postsumm to open the reading end, so the file goes only after postsumm
  // listed it and started on the pipe, and before it gets to the file
  const w = createWriteStream(fifo);
  w.write(lines('mx8', 10));
  await new Promise<void>((resolve) => w.write(lines('mx8', 10), () => resolve()));
  unlinkSync(doomed);
  w.end();
  const r = await running;
  assert.equal(r.code, EXIT.input);
  assert.equal(r.err, `postsumm: cannot read ${doomed}: no such file\n`);
  const report = JSON.parse(r.out) as Report;
  assert.deepEqual([report.input.lines, report.hosts], [20, ['mx8']]);
});

test('a file removed while it is being read is read to its end (what an open file does on Linux), exit 0', async () => {
  const n = 50_000;
  const file = dir.file(lines('mx7', n), 'i-removed.log');
  let removed = false;
  let out = '';
  // the progress line is drawn only on a terminal, after 16,384 lines: its first draw is the moment to remove the file
  const stderr = Object.assign(new Writable({
    write(chunk, _e, done) {
      if (!removed && String(chunk).includes('\r')) {
        unlinkSync(file);
        removed = true;
      }
      done();
    },
  }), { isTTY: true });
  const stdout = new Writable({ write(chunk, _e, done) { out += String(chunk); done(); } });
  let t = 0;
  const code = await main(['--format', 'json', '--year', '2026', file], { stdout, stderr, now: () => (t += 10_000) });
  assert.ok(removed && !existsSync(file), 'removed during the read');
  assert.equal(code, EXIT.ok);
  assert.equal((JSON.parse(out) as Report).input.lines, n);
});

/**
 * Runs the CLI (src/cli/main.ts, as bin/postsumm.js does) in a child process as user `uid`: root reads a mode-000
 * file anyway, so permission errors are tested as another user.
 */
function runAs(uid: number, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const ts = import.meta.url.endsWith('.ts');
  const child = fileURLToPath(new URL(ts ? './cli-child.ts' : './cli-child.js', import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, [...(ts ? ['--import', 'tsx'] : []), child, ...argv], { uid, gid: uid }, (e, out, err) => {
      resolve({ code: e === null ? 0 : typeof e.code === 'number' ? e.code : -1, out, err });
    });
  });
}

/** The user `nobody`, which the child runs as when the tests run as root. */
const NOBODY = 65534;

test('a file the user may not read is named, the others read, exit 1', async () => {
  // a folder everyone may enter (mkdtemp makes its owner's only), a log everyone may read, one nobody may
  const open = mkdtempSync(join(tmpdir(), 'postsumm-perm-'));
  after(() => rmSync(open, { recursive: true, force: true }));
  chmodSync(open, 0o755);
  const readable = join(open, 'readable.log');
  const locked = join(open, 'locked.log');
  writeFileSync(readable, lines('mx1', 2), { mode: 0o644 });
  writeFileSync(locked, lines('mx2', 2), { mode: 0o600 });
  chmodSync(locked, 0o000);
  const argv = ['--format', 'json', '--year', '2026', locked, readable];
  const r = process.getuid?.() === 0 ? await runAs(NOBODY, argv) : await run(argv);
  assert.equal(r.code, EXIT.input, r.err);
  assert.equal(r.err, `postsumm: cannot read ${locked}: permission denied\n`);
  assert.deepEqual((JSON.parse(r.out) as Report).hosts, ['mx1']);
});

test('--help documents every exit code postsumm uses', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, EXIT.ok);
  const codes = r.out.slice(r.out.indexOf('Exit codes:')).replace(/\s+/g, ' ');
  // src/errors.ts's, the mail's, and bin/postsumm.js's for an error nobody caught
  const bin = readFileSync(join(projectRoot(), 'bin', 'postsumm.js'), 'utf8');
  const internal = [...bin.matchAll(/exitCode = (\d+)/g)].map((m) => Number(m[1]));
  assert.ok(internal.length > 0, 'bin/postsumm.js sets an exit code of its own');
  for (const code of [EXIT.ok, EXIT.input, EXIT.usage, EXIT_MAIL, ...internal]) assert.match(codes, new RegExp(`[:;] ${code} [a-z]`), `exit code ${code}`);
});
