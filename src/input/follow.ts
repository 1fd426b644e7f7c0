// Follows one log file as `tail -F` does, for live mode: new lines as they are written, through everything logrotate
// does to the file (rename and create, copytruncate, deletion and re-creation), with no line lost or handed twice.
// Woken by fs.watch on the file's directory, with polling as the fallback; the waker and the clock are injected.

import type { BigIntStats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { LineSplitter } from './follow-lines.js';
import { firstLineSince, lastLineStart } from './follow-seek.js';
import { keepTail, openCopy, TAIL_BYTES } from './follow-truncate.js';
import { systemTimers, Wakeups, type Waker } from './follow-wake.js';

export type { Waker } from './follow-wake.js';

/** Bytes read at a time: the batch reader's chunk size, for the same reason (fewer hand-offs per MB of a burst). */
const READ_CHUNK = 1 << 18;

/** Poll interval when no watch event comes: one fstat and one stat a second is no measurable load, and a second's
 * delay is what a live view can bear where watch events never arrive (NFS, some container mounts). */
const POLL_MS = 1000;

/** How long after its last growth a file that was renamed away or deleted is still read (alongside the new one).
 * logrotate signals the writer (postrotate) only after renaming and creating every file of its set, and until then
 * the writer adds to the old file; five seconds of quiet is well past that, and an open file costs nothing. */
const GRACE_MS = 5000;

/** Old files read at once: logrotate replaces a file once per run, so more than a few is a runaway (a writer
 * recreating the file in a loop), not a log to keep up with; past this the oldest is let go at once. */
const MAX_RETIRING = 8;

/** What happened to the followed file, for the UI and logs. */
export interface FollowNote {
  kind: 'rotated' | 'truncated' | 'missing' | 'appeared' | 'error';
  path: string;
  message?: string;
}

/** Options of following. */
export interface FollowOptions {
  /** where to begin: after the lines there now (default), the start, or the first line at or after an epoch ms
   * (needs timeOf) */
  start?: 'end' | 'start' | { since: number };
  /** the epoch ms a line is stamped with, null when it has none (only for `start: { since }`) */
  timeOf?: (line: string) => number | null;
  /** called for each complete line, in order, without its newline; lines over MAX_LINE_CHARS are cut and counted
   * as the batch reader does. Call pause() on the follower to hold the flow. */
  line: (text: string) => void;
  /** told about rotation, truncation, the file missing and reappearing, and errors (including those of checks
   * the waker or a watch event started, which have no caller to reject to) */
  note?: (note: FollowNote) => void;
  /** default setTimeout/clearTimeout */
  timers?: Waker;
  /** epoch ms now; default Date.now (measures GRACE_MS) */
  now?: () => number;
  /** poll interval when no watch event comes (default POLL_MS) */
  pollMs?: number;
  /** how long a file no longer at the path is still read after its last growth (default GRACE_MS) */
  graceMs?: number;
  /** watch the directory for changes (default true); polling runs in any case */
  watch?: boolean;
}

/** An open file and where we are in it. */
interface Open {
  fh: FileHandle;
  dev: bigint;
  ino: bigint;
  /** the next byte to read */
  offset: number;
  /** the TAIL_BYTES bytes (or fewer, at the start of the file) before offset; empty when not known */
  tail: Buffer;
  /** its own: an old file and the new one may each have a line unfinished */
  splitter: LineSplitter;
  /** for a file that left the path: when it last grew (or left) */
  grewAt: number;
}

/**
 * Follows `path`: start() positions, then every check() hands over the lines written since. Checks run on their own
 * (poll timer, watch events) and may be called directly; they never overlap. stop() hands over the rest.
 */
export class Follower {
  private readonly now: () => number;
  private readonly graceMs: number;
  private readonly wakeups: Wakeups;
  private readonly buf = Buffer.allocUnsafe(READ_CHUNK);
  /** the file at the path */
  private file: Open | null = null;
  /** files that left the path (renamed, deleted), oldest first, still read until quiet for graceMs */
  private retiring: Open[] = [];
  /** lines cut in files closed */
  private cut = 0;
  private missing = false;
  private lastError = '';
  private started = false;
  private stopped = false;
  private read = 0;
  /** the end of the chain of checks: each waits for the one before */
  private chain: Promise<void> = Promise.resolve();
  /** a check waiting its turn: later calls share it, as it will see all they would */
  private waiting: Promise<void> | null = null;
  private paused = false;
  private resumed: Promise<void> = Promise.resolve();
  private release: () => void = () => {};

  constructor(readonly path: string, private readonly options: FollowOptions) {
    if (typeof options.start === 'object' && !options.timeOf) throw new TypeError('following from a time needs timeOf');
    this.now = options.now ?? Date.now;
    this.graceMs = options.graceMs ?? GRACE_MS;
    // a check nobody awaits: its failure (a throwing consumer) is told rather than left unhandled
    const wake = () => void this.check().catch((err) => this.tell('error', describe(err)));
    const pollMs = options.pollMs ?? POLL_MS;
    this.wakeups = new Wakeups(path, options.timers ?? systemTimers, pollMs, wake, (message) => this.tell('error', message));
  }

  /** Lines cut at the length limit so far. */
  get cutLines(): number {
    return this.retiring.reduce((n, f) => n + f.splitter.cutLines, this.cut + (this.file?.splitter.cutLines ?? 0));
  }

  /** Bytes read from files so far, positioning included. */
  get bytesRead(): number {
    return this.read;
  }

  /** The inode of the file at the path and the next byte to read in it; null while there is none. */
  get position(): { inode: number; offset: number } | null {
    return this.file && { inode: Number(this.file.ino), offset: this.file.offset };
  }

  /**
   * Opens the file and positions it as `start` says (a missing file is noted, and read from its start once it
   * appears), starts watching, and schedules the first check at once. Rejects when the file is there but can't be
   * read (EACCES): a mistake to report, not a state to wait out.
   */
  async start(): Promise<void> {
    if (this.started || this.stopped) throw new Error('a follower starts once, before it is stopped');
    this.started = true;
    await this.serial(() => this.place());
    if (!this.stopped) this.wakeups.start(this.options.watch !== false);
  }

  /**
   * One round: reads what is new and deals with rotation, truncation and a missing file. I/O errors are noted, not
   * thrown (the next round tries again); an exception from `line` rejects. Does nothing before start() or after stop().
   */
  check(): Promise<void> {
    if (this.stopped || !this.started) return Promise.resolve();
    if (this.waiting) return this.waiting;
    const round = this.serial(() => {
      this.waiting = null;
      return this.round(false);
    });
    this.waiting = round;
    return round;
  }

  /** Holds the flow of lines: none is handed over until resume(). The same shape as source.ts's Flow. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.resumed = new Promise((resolve) => (this.release = resolve));
  }

  /** Lets the lines flow again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.release();
  }

  /**
   * Stops the timers and the watch, reads what is left (old files first, without waiting out the grace), hands over
   * each file's unfinished last line as a line (the batch reader would read it as one), and closes them all. Waits
   * for a paused flow to be resumed.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeups.stop();
    if (!this.started) return;
    await this.serial(async () => {
      await this.round(true);
      // whatever an I/O error kept the last round from closing
      for (const old of this.retiring.splice(0)) await this.close(old);
      if (this.file) await this.close(this.file);
      this.file = null;
    });
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    this.chain = run.catch(() => {});
    return run;
  }

  /** Opens the file for the first time and sets the offset to begin at. */
  private async place(): Promise<void> {
    const file = (this.file = await this.open());
    if (!file) return;
    const start = this.options.start ?? 'end';
    if (start === 'start') return;
    const size = Number((await file.fh.stat({ bigint: true })).size);
    const placed = start === 'end'
      ? await lastLineStart(file.fh, size, this.buf)
      : await firstLineSince(file.fh, size, this.buf, start.since, this.options.timeOf!);
    this.read += placed.bytesRead;
    file.offset = placed.offset;
  }

  /**
   * Reads the files that left the path (closing each once quiet for graceMs, or all when `final`), then the file at
   * the path. When the path names another file now, or none, the open file joins those that left — its writer may
   * add to it until told to reopen — and the new one is read from its start, alongside. One writer writes to one
   * file at a time, so reading the old files first keeps its lines in the order it wrote them.
   */
  private async round(final: boolean): Promise<void> {
    try {
      for (const old of [...this.retiring]) {
        if ((await this.drain(old)) > 0) old.grewAt = this.now();
        if (final || this.now() - old.grewAt >= this.graceMs) await this.retire(old);
      }
      const file = this.file;
      if (file) {
        await this.drain(file);
        const at = await this.lookup();
        if (at === 'unknown') return;
        if (at !== null && same(at, file)) {
          this.lastError = '';
          return;
        }
        this.file = null;
        this.missing = at === null;
        this.tell(at === null ? 'missing' : 'rotated');
        file.grewAt = this.now();
        this.retiring.push(file);
        if (this.retiring.length > MAX_RETIRING) await this.retire(this.retiring[0]!);
        await this.drain(file); // what the writer added since the read above
        if (final || this.graceMs <= 0) await this.retire(file); // as tail -F does, without a grace
      }
      this.file = await this.open();
      if (this.file) await this.drain(this.file);
      this.lastError = '';
    } catch (err) {
      if (err instanceof ConsumerError) throw err.cause;
      // an I/O error (EIO, EACCES on a re-created file): told once, tried again next round
      if (!isIoError(err)) throw err;
      this.fail(err);
    }
  }

  /** Closes a file that left the path, its unfinished line handed over. */
  private async retire(old: Open): Promise<void> {
    this.retiring.splice(this.retiring.indexOf(old), 1);
    await this.close(old);
  }

  /** Opens the path at offset 0 (or takes back a file that left it); null when it is missing or not a regular file
   * (noted). */
  private async open(): Promise<Open | null> {
    let fh: FileHandle;
    try {
      fh = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (!this.missing) {
        this.missing = true;
        this.tell('missing');
      }
      return null;
    }
    const st = await fh.stat({ bigint: true });
    if (!st.isFile()) {
      await fh.close();
      this.fail(new Error('not a regular file'));
      return null;
    }
    if (this.missing) {
      this.missing = false;
      this.tell('appeared');
    }
    // renamed away and back: the file is read on where it was, not again from its start
    const back = this.retiring.findIndex((old) => same(old, st));
    if (back >= 0) {
      await fh.close();
      return this.retiring.splice(back, 1)[0]!;
    }
    return { fh, dev: st.dev, ino: st.ino, offset: 0, tail: Buffer.alloc(0), splitter: new LineSplitter(), grewAt: 0 };
  }

  /** The stat of the file at the path; null when there is none, 'unknown' when it can't be looked at (noted). */
  private async lookup(): Promise<BigIntStats | null | 'unknown'> {
    try {
      return await stat(this.path, { bigint: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      this.fail(err);
      return 'unknown';
    }
  }

  /**
   * Reads from the offset to the end of the file, handing over the lines completed. A file smaller than the offset,
   * or with other bytes just before it than we read there, was truncated (copytruncate): it is read from its start.
   * Returns the bytes read past the offset.
   */
  private async drain(file: Open): Promise<number> {
    const size = Number((await file.fh.stat({ bigint: true })).size);
    if (size < file.offset) await this.truncated(file);
    else if (size === file.offset) return 0;
    let total = 0;
    let back = file.offset > 0 && file.tail.length === Math.min(TAIL_BYTES, file.offset) ? file.tail.length : 0;
    for (;;) {
      const { bytesRead: n } = await file.fh.read(this.buf, 0, this.buf.length, file.offset - back);
      this.read += n;
      if (back > 0) {
        if (n < back || this.buf.compare(file.tail, 0, back, 0, back) !== 0) {
          await this.truncated(file);
          back = 0;
          continue;
        }
      }
      if (n <= back) break;
      file.tail = keepTail(file.tail, this.buf.subarray(back, n));
      file.offset += n - back;
      total += n - back;
      await this.hand(file.splitter.push(this.buf.subarray(back, n)));
      if (n < this.buf.length) break;
      back = 0;
    }
    return total;
  }

  /**
   * The file was truncated under us (copytruncate: copied, then truncated). What was written after our last read
   * is read from the copy when one is found (openCopy); what was written between the copy and the truncation is
   * lost by logrotate itself. An unfinished line left then is handed over as it is, and reading restarts at 0: the
   * rest of it is in the copy, or lost, or the first bytes of the truncated file — joining would be right only in
   * the last case, dropping never; as a line, it is what the batch reader gives for the copy and then the file.
   */
  private async truncated(file: Open): Promise<void> {
    const copy = await openCopy(this.path, file.offset, file.tail);
    this.tell('truncated', copy ? `the rest read from ${copy.name}` : undefined);
    if (copy) {
      try {
        await this.drain({ ...file, fh: copy.fh, tail: Buffer.alloc(0) });
      } finally {
        await copy.fh.close();
      }
    }
    await this.hand(file.splitter.end());
    file.offset = 0;
    file.tail = Buffer.alloc(0);
  }

  /** Closes a file for good, its unfinished line handed over. */
  private async close(file: Open): Promise<void> {
    this.cut += file.splitter.cutLines;
    file.splitter.cutLines = 0;
    await file.fh.close();
    await this.hand(file.splitter.end());
  }

  /** Hands lines to the consumer, waiting before each while the flow is paused. */
  private async hand(lines: string[]): Promise<void> {
    for (const line of lines) {
      if (this.paused) await this.resumed;
      try {
        this.options.line(line);
      } catch (err) {
        throw new ConsumerError(err);
      }
    }
  }

  private fail(err: unknown): void {
    const message = describe(err);
    if (message === this.lastError) return;
    this.lastError = message;
    this.tell('error', message);
  }

  private tell(kind: FollowNote['kind'], message?: string): void {
    this.options.note?.(message === undefined ? { kind, path: this.path } : { kind, path: this.path, message });
  }
}

/** An exception from the consumer's callback, kept apart from I/O errors so that it reaches check()'s caller. */
class ConsumerError {
  constructor(readonly cause: unknown) {}
}

/** Whether two stats (or an open file) are the same file. */
function same(a: { dev: bigint; ino: bigint }, b: { dev: bigint; ino: bigint }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function isIoError(err: unknown): boolean {
  return typeof (err as NodeJS.ErrnoException | null)?.code === 'string';
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.message ?? String(err);
}
