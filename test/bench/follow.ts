// Live mode under load (`npm run bench`, after the batch cases): a writer process appends the bench log's lines to a
// file at a fixed rate (default 50,000 lines/s) while this process follows it with the production follower, parser,
// correlator and sections; every 100 ms the lines read are compared with the lines written. Reports the rate kept,
// the largest lag (lines written not yet read, as seconds of writing) and how long after the last write every line
// was read. Run alone: node dist/test/bench/follow.js LOG [--rate N] [--seconds S].

import { fork } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { follow } from '../../src/follow/index.js';

/** What the follow bench measured. */
export interface FollowBench {
  rate: number;
  seconds: number;
  lines: number;
  /** lines per second the writer achieved */
  writtenRate: number;
  /** the largest backlog seen, in seconds of writing at the writer's rate */
  maxLagSeconds: number;
  /** from the writer's last line to the follower having read every line */
  catchUpSeconds: number;
}

/** How often the writer appends: 50 batches a second keeps each batch small, as a busy syslog daemon writes. */
const BATCH_MS = 20;
/** How often the lag is sampled. */
const SAMPLE_MS = 100;

/** Follows a fresh file while a writer child appends `rate` lines/s of `source` for `seconds`. */
export async function benchFollow(source: string, rate = 50_000, seconds = 10): Promise<FollowBench> {
  const dir = mkdtempSync(join(tmpdir(), 'postsumm-follow-bench-'));
  const file = join(dir, 'mail.log');
  closeSync(openSync(file, 'w'));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const run = follow({ files: [file], start: 'end', output: { kind: 'none' } }, {
    now: Date.now,
    timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
    stopped,
  });
  await run.started;
  const total = rate * seconds;
  let written = 0;
  let writerDone = 0;
  let maxLag = 0;
  const writer = fork(fileURLToPath(import.meta.url), ['--writer', source, file, String(rate), String(seconds)], { stdio: 'inherit' });
  let t0 = 0;
  writer.on('message', (m: { written: number; done?: boolean }) => {
    if (t0 === 0) t0 = performance.now();
    written = m.written;
    if (m.done === true) writerDone = performance.now();
  });
  const sampler = setInterval(() => {
    const lag = (written - run.view().lines) / rate;
    if (lag > maxLag) maxLag = lag;
  }, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => writer.on('exit', (c) => resolve(c)));
  if (code !== 0) {
    clearInterval(sampler);
    stop();
    await run.done;
    throw new Error(`the writer failed (exit ${code})`);
  }
  const writeSeconds = (writerDone - t0) / 1000;
  while (run.view().lines < total) await new Promise((r) => setTimeout(r, 5));
  const caughtUp = performance.now();
  clearInterval(sampler);
  stop();
  await run.done;
  rmSync(dir, { recursive: true, force: true });
  return { rate, seconds, lines: total, writtenRate: total / writeSeconds, maxLagSeconds: maxLag, catchUpSeconds: (caughtUp - writerDone) / 1000 };
}

/** The writer child: appends `rate` lines/s of `source` to `target` in batches, telling the parent how many. */
function writer(source: string, target: string, rate: number, seconds: number): void {
  // only the head of the log that is needed (lines average ~150 bytes): reading all of a big log first would
  // delay the first write by seconds
  const want = rate * seconds;
  const head = Buffer.alloc(Math.min(want * 400, 1 << 30));
  const src = openSync(source, 'r');
  const got = readSync(src, head, 0, head.length, 0);
  closeSync(src);
  const text = head.subarray(0, got).toString('utf8');
  const some = text.split('\n', want + 1).slice(0, want).filter((l) => l !== '');
  if (some.length === 0) throw new Error(`${source} has no lines`);
  // a log shorter than rate × seconds is appended again from its start, as often as it takes
  const lines = some.length >= want ? some : Array.from({ length: want }, (_, i) => some[i % some.length]!);
  const fd = openSync(target, 'a');
  const t0 = performance.now();
  let written = 0;
  const step = (): void => {
    // as many lines as the clock says are due: the rate holds even when a batch comes late
    const due = Math.min(lines.length, Math.round(((performance.now() - t0) / 1000) * rate));
    if (due > written) {
      writeSync(fd, lines.slice(written, due).join('\n') + '\n');
      written = due;
      process.send!({ written });
    }
    if (written >= lines.length) {
      closeSync(fd);
      process.send!({ written, done: true }, () => process.exit(0));
      return;
    }
    setTimeout(step, BATCH_MS);
  };
  step();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.env.NODE_TEST_CONTEXT === undefined) {
  if (process.argv[2] === '--writer') {
    writer(process.argv[3]!, process.argv[4]!, Number(process.argv[5]), Number(process.argv[6]));
  } else {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { rate: { type: 'string' }, seconds: { type: 'string' } } });
    benchFollow(positionals[0]!, Number(values.rate ?? 50_000), Number(values.seconds ?? 10)).then((r) => {
      process.stdout.write(JSON.stringify(r) + '\n');
    }, (err: Error) => {
      process.stderr.write(`bench follow: ${err.message}\n`);
      process.exitCode = 1;
    });
  }
}
