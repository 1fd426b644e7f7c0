// Writes a realistic, seeded Postfix log of N lines for the benchmark (streaming: memory does not grow with N).
//   node dist/test/bench/generate.js [--lines 3000000] [--seed 1] [--format classic|rfc3339] [--gz] [--out FILE]
// Without --out the file goes to bench-out/ under a name that says lines, seed, format and generator version (the
// bench's cache).

import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { projectRoot } from '../corpus.js';
import { HOUR, MINUTE, Scheduler, SECOND } from './gen/clock.js';
import { startPeriodic } from './gen/periodic.js';
import { buildPopulation } from './gen/population.js';
import { Inbound } from './gen/inbound.js';
import { Queue } from './gen/queue.js';
import { Random } from './gen/random.js';
import { Submission } from './gen/submission.js';
import { startTraffic } from './gen/traffic.js';
import { World, type ServerSettings } from './gen/world.js';
import { LogWriter, type StampFormat } from './gen/writer.js';

/** What to generate. */
export interface GenerateOptions {
  lines: number;
  seed: number;
  format: StampFormat;
  /** the first line's time, epoch ms (default: Sunday 2026-11-22 06:25 +01:00, when a weekly rotation starts one) */
  start?: number;
  /** overrides of the simulated server's settings (tests shorten the queue lifetime to see expiries) */
  settings?: Partial<ServerSettings>;
}

/** What was written. */
export interface GenerateResult {
  lines: number;
  bytes: number;
  /** first and last line's time, epoch ms */
  first: number;
  last: number;
}

export const DEFAULT_LINES = 3_000_000;
export const DEFAULT_SEED = 1;
const DEFAULT_START = Date.UTC(2026, 10, 22, 5, 25, 3);
// the stamps' zone: Central European (winter) time, as the lab logs
const OFFSET_MINUTES = 60;

/** Postfix defaults where they exist (5d lifetime, 300s/4000s backoff); a 4h delay warning as many sites set. */
export const DEFAULT_SETTINGS: ServerSettings = {
  queueLifetime: 5 * 24 * HOUR,
  delayWarning: 4 * HOUR,
  minBackoff: 300 * SECOND,
  maxBackoff: 4000 * SECOND,
  filterShare: 0.2,
};

/** bench-out/ at the project root (git-ignored). */
export function benchOutDir(): string {
  return join(projectRoot(), 'bench-out');
}

/**
 * The cache name of a generated log: everything that determines its bytes is in it, the generator's own code
 * too (a fingerprint of its modules), so a changed generator never reuses an old file.
 */
export function benchLogName(lines: number, seed: number, format: StampFormat): string {
  return `${benchLogPrefix(lines, seed, format)}${generatorFingerprint()}.log`;
}

/** The part of the cache name before the fingerprint (older generations of the same log share it). */
export function benchLogPrefix(lines: number, seed: number, format: StampFormat): string {
  return `postfix-${format}-${lines}l-s${seed}-`;
}

/** Eight hex digits of a hash over this module and the gen/ modules, as they are on disk. */
function generatorFingerprint(): string {
  const here = fileURLToPath(import.meta.url);
  const gen = join(dirname(here), 'gen');
  const hash = createHash('sha256').update(readFileSync(here));
  for (const f of readdirSync(gen).sort()) if (/\.[jt]s$/.test(f)) hash.update(f).update(readFileSync(join(gen, f)));
  return hash.digest('hex').slice(0, 8);
}

/**
 * Writes the log to `path` (through a temporary name, so an interrupted run never leaves a short file behind
 * under the real name) and sets its mtime to the last line's time, so year inference sees a fresh log.
 */
export function generateLog(path: string, options: GenerateOptions): GenerateResult {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const start = (options.start ?? DEFAULT_START) * 1000;
    const rnd = new Random(options.seed);
    const clock = new Scheduler(start);
    const pop = buildPopulation(options.seed);
    const out = new LogWriter(fd, clock, options.format, pop.host, options.lines, OFFSET_MINUTES);
    const w = new World(rnd, clock, out, pop, { ...DEFAULT_SETTINGS, ...options.settings });
    const queue = new Queue(w);
    startPeriodic(w, OFFSET_MINUTES);
    startTraffic(w, new Inbound(w, queue), new Submission(w, queue), OFFSET_MINUTES);
    while (!out.full && clock.step()) { /* each step writes its lines */ }
    out.flush();
    closeSync(fd);
    const last = Math.floor(clock.now / 1000);
    utimesSync(tmp, last / 1000, last / 1000);
    renameSync(tmp, path);
    return { lines: out.lines, bytes: out.bytes, first: start / 1000, last };
  } catch (err) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes a gzipped copy of `path` as `path.gz` (level 6, as logrotate's gzip), keeping the mtime. */
export async function gzipCopy(path: string, mtimeMs: number): Promise<string> {
  const gz = `${path}.gz`;
  const tmp = `${gz}.${process.pid}.tmp`;
  await pipeline(createReadStream(path), createGzip({ level: 6 }), createWriteStream(tmp));
  utimesSync(tmp, mtimeMs / 1000, mtimeMs / 1000);
  renameSync(tmp, gz);
  return gz;
}

async function cli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' },
      gz: { type: 'boolean' }, out: { type: 'string' },
    },
  });
  const lines = Number(values.lines ?? DEFAULT_LINES);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const format = (values.format ?? 'classic') as StampFormat;
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`--lines takes a positive integer, not '${values.lines}'`);
  if (!Number.isInteger(seed)) throw new Error(`--seed takes an integer, not '${values.seed}'`);
  if (format !== 'classic' && format !== 'rfc3339') throw new Error(`--format is classic or rfc3339, not '${values.format}'`);
  const path = values.out ?? join(benchOutDir(), benchLogName(lines, seed, format));
  const t0 = performance.now();
  const r = generateLog(path, { lines, seed, format });
  const secs = (performance.now() - t0) / 1000;
  const span = (r.last - r.first) / (24 * 60 * MINUTE / 1000);
  process.stdout.write(`${path}: ${r.lines} lines, ${(r.bytes / 1e6).toFixed(1)} MB, ${span.toFixed(2)} days of traffic, `
    + `written in ${secs.toFixed(1)} s\n`);
  if (values.gz) {
    const gz = await gzipCopy(path, r.last);
    process.stdout.write(`${gz}: written in ${((performance.now() - t0) / 1000 - secs).toFixed(1)} s\n`);
  }
}

// run only as a program, and not when `node --test dist/test/` executes every file it finds
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.env.NODE_TEST_CONTEXT === undefined) {
  cli(process.argv.slice(2)).catch((err: Error) => {
    process.stderr.write(`generate: ${err.message}\n`);
    process.exitCode = 1;
  });
}
