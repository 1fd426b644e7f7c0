// The benchmark (`npm run bench -- [--lines N] [--seed S] [--format classic|rfc3339] [--runs N] [--json FILE]
// [--follow-rate N] [--follow-seconds S]`): makes the bench log once (cached in bench-out/ by lines, seed and format,
// plus a .gz copy), times every case of cases.ts in a fresh child process, and pflogsumm when it is installed, then
// prints one table; then live mode following a log appended at a fixed rate (follow.ts).

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CaseReport } from './case.js';
import type { FollowBench } from './follow.js';
import { CASES, type Input } from './cases.js';
import { benchLogName, benchLogPrefix, benchOutDir, DEFAULT_LINES, DEFAULT_SEED, generateLog, gzipCopy } from './generate.js';
import type { StampFormat } from './gen/writer.js';

/** One row of the table (and of --json). */
export interface BenchRow {
  case: string;
  input: Input;
  lines: number;
  /** the input file's size on disk */
  bytes: number;
  /** seconds; the fastest of --runs */
  wall: number;
  linesPerSec: number;
  /** MB (10^6 bytes) of log text per second: the uncompressed size, for .gz inputs too */
  mbPerSec: number;
  /** null when it could not be measured (pflogsumm without /usr/bin/time) */
  peakRssMb: number | null;
  /** wall over the floor case's wall for the same input */
  xFloor: number | null;
  /** wall over pflogsumm's wall; null without pflogsumm */
  xPflogsumm: number | null;
}

const CASE_JS = fileURLToPath(new URL('./case.js', import.meta.url));
const FOLLOW_JS = fileURLToPath(new URL('./follow.js', import.meta.url));

async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' },
      runs: { type: 'string' }, json: { type: 'string' },
      'follow-rate': { type: 'string' }, 'follow-seconds': { type: 'string' },
    },
  });
  const lines = Number(values.lines ?? DEFAULT_LINES);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const runs = Number(values.runs ?? 1);
  const format = (values.format ?? 'classic') as StampFormat;
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`--lines takes a positive integer, not '${values.lines}'`);
  if (!Number.isInteger(seed)) throw new Error(`--seed takes an integer, not '${values.seed}'`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, not '${values.runs}'`);
  if (format !== 'classic' && format !== 'rfc3339') throw new Error(`--format is classic or rfc3339, not '${values.format}'`);

  const files = await ensureLog(lines, seed, format);
  const textBytes = statSync(files.plain).size;
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const file = files[c.input];
    let best: CaseReport | null = null;
    for (let i = 0; i < runs; i++) {
      const r = runChild(c.name, file);
      if (best === null || r.wall < best.wall) best = r;
    }
    if (best!.lines !== lines) process.stderr.write(`bench: case '${c.name}' saw ${best!.lines} lines, not ${lines}\n`);
    rows.push(row(c.name, c.input, best!.lines, statSync(file).size, textBytes, best!.wall, best!.maxRssKiB));
  }
  const pflogsumm = onPath('pflogsumm');
  if (pflogsumm !== null) {
    let best: { wall: number; maxRssKiB: number | null } | null = null;
    for (let i = 0; i < runs; i++) {
      const r = timeCommand(pflogsumm, [files.plain]);
      if (best === null || r.wall < best.wall) best = r;
    }
    rows.push(row('pflogsumm', 'plain', lines, textBytes, textBytes, best!.wall, best!.maxRssKiB));
  }
  for (const r of rows) {
    const floor = rows.find((f) => f.input === r.input && CASES.find((c) => c.name === f.case)?.floor === true);
    r.xFloor = floor === undefined ? null : r.wall / floor.wall;
    const p = rows.find((f) => f.case === 'pflogsumm');
    r.xPflogsumm = p === undefined ? null : r.wall / p.wall;
  }

  process.stdout.write(`postsumm bench: ${lines} lines (seed ${seed}, ${format}), ${(textBytes / 1e6).toFixed(1)} MB `
    + `(.gz ${(statSync(files.gz).size / 1e6).toFixed(1)} MB); node ${process.version}, ${cpus()[0]?.model ?? '?'}; `
    + `best of ${runs} run${runs > 1 ? 's' : ''} per case${pflogsumm === null ? '; pflogsumm not installed' : ''}\n\n`);
  process.stdout.write(table(rows, pflogsumm !== null) + '\n');
  // flat memory: the same report on a log a third as long, with the same population of senders, recipients and
  // clients (the generator's population depends on the seed only): peak RSS may not grow by 20% or more
  const third = Math.max(1, Math.floor(lines / 3));
  const small = await ensureLog(third, seed, format);
  const smallRun = runChild(FLATNESS_CASE, small.plain);
  const full = rows.find((r) => r.case === FLATNESS_CASE);
  const flatness = full === undefined || full.peakRssMb === null ? null : {
    lines: [third, lines], peakRssMb: [smallRun.maxRssKiB / 1024, full.peakRssMb],
    growth: full.peakRssMb / (smallRun.maxRssKiB / 1024) - 1,
  };
  if (flatness !== null) {
    process.stdout.write(`\nmemory flatness (${FLATNESS_CASE}): peak RSS ${flatness.peakRssMb[0]!.toFixed(0)} MB at ${third} lines, `
      + `${flatness.peakRssMb[1]!.toFixed(0)} MB at ${lines} lines: ${(flatness.growth * 100).toFixed(0)}% `
      + `(target < 20%)\n`);
  }
  // live mode: a writer process appends the log at a fixed rate while a fresh process follows it (issue 6's target:
  // 50,000 lines/s with the live totals at most a second behind)
  const rate = Number(values['follow-rate'] ?? 50_000);
  const seconds = Number(values['follow-seconds'] ?? 10);
  const f = spawnSync(process.execPath, [FOLLOW_JS, files.plain, '--rate', String(rate), '--seconds', String(seconds)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (f.status !== 0) throw new Error(`the follow bench failed (exit ${f.status}): ${f.stderr.trim()}`);
  const live = JSON.parse(f.stdout) as FollowBench;
  process.stdout.write(`\nfollow: ${live.lines} lines appended at ${Math.round(live.writtenRate).toLocaleString('en-US')} lines/s `
    + `(asked ${rate.toLocaleString('en-US')}/s for ${seconds} s): largest lag ${live.maxLagSeconds.toFixed(2)} s of writing, `
    + `every line read ${live.catchUpSeconds.toFixed(2)} s after the last write (target: at most 1 s behind)\n`);
  if (values.json !== undefined) {
    writeFileSync(values.json, JSON.stringify({ lines, seed, format, node: process.version, runs, rows, flatness, follow: live }, null, 2) + '\n');
  }
}

/** The case whose peak memory is compared on a log of a third of the length. */
const FLATNESS_CASE = 'report (text)';

/** The plain log and its .gz copy, made when they are not cached yet. */
async function ensureLog(lines: number, seed: number, format: StampFormat): Promise<Record<Input, string>> {
  const plain = join(benchOutDir(), benchLogName(lines, seed, format));
  const gz = `${plain}.gz`;
  let fresh = false;
  if (!existsSync(plain)) {
    // logs of the same lines, seed and format from an older generator are stale: make room
    const prefix = benchLogPrefix(lines, seed, format);
    if (existsSync(benchOutDir())) {
      for (const f of readdirSync(benchOutDir())) if (f.startsWith(prefix)) rmSync(join(benchOutDir(), f), { force: true });
    }
    process.stderr.write(`bench: generating ${plain} …\n`);
    const t0 = performance.now();
    generateLog(plain, { lines, seed, format });
    process.stderr.write(`bench: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    fresh = true;
  }
  if (fresh || !existsSync(gz)) {
    process.stderr.write(`bench: compressing to ${gz} …\n`);
    await gzipCopy(plain, statSync(plain).mtimeMs);
  }
  return { plain, gz };
}

/** Runs one case in a fresh node process. */
function runChild(name: string, file: string): CaseReport {
  const r = spawnSync(process.execPath, [CASE_JS, name, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`case '${name}' failed (exit ${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as CaseReport;
}

/** Times an outside command (its output discarded); peak RSS from GNU time's %M when /usr/bin/time is there. */
function timeCommand(cmd: string, args: string[]): { wall: number; maxRssKiB: number | null } {
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const t0 = performance.now();
  const r = time === null
    ? spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(time, ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status}): ${r.stderr.trim().slice(-500)}`);
  if (time === null) return { wall, maxRssKiB: null };
  const last = r.stderr.trim().split('\n').pop() ?? '';
  return { wall, maxRssKiB: /^\d+$/.test(last) ? Number(last) : null };
}

/** The full path of an executable on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch { /* not here */ }
  }
  return null;
}

function row(name: string, input: Input, lines: number, bytes: number, textBytes: number, wall: number, maxRssKiB: number | null): BenchRow {
  return {
    case: name, input, lines, bytes, wall,
    linesPerSec: lines / wall, mbPerSec: textBytes / 1e6 / wall,
    peakRssMb: maxRssKiB === null ? null : maxRssKiB / 1024,
    xFloor: null, xPflogsumm: null,
  };
}

/** The rows as an aligned text table. */
function table(rows: readonly BenchRow[], withPflogsumm: boolean): string {
  const head = ['case', 'lines', 'bytes', 'wall s', 'lines/s', 'MB/s', 'peak RSS MB', '× floor', ...(withPflogsumm ? ['× pflogsumm'] : [])];
  const fmt = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));
  const body = rows.map((r) => [
    r.case, String(r.lines), String(r.bytes), fmt(r.wall, 2), Math.round(r.linesPerSec).toLocaleString('en-US'),
    fmt(r.mbPerSec, 1), fmt(r.peakRssMb, 0), fmt(r.xFloor, 2), ...(withPflogsumm ? [fmt(r.xPflogsumm, 2)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  // the case name reads left-aligned, numbers right-aligned
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

// run only as a program, and not when `node --test dist/test/` executes every file it finds
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.env.NODE_TEST_CONTEXT === undefined) {
  bench(process.argv.slice(2)).catch((err: Error) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exitCode = 1;
  });
}
