// Where following begins in a file that already has content: at its last line, or at the first line stamped at or
// after a given time — found by binary search over byte offsets, so a large log is never read whole to get there.

import type { FileHandle } from 'node:fs/promises';

/** Bytes read per probe: holds any Postfix line whole (they rarely pass 2 KiB), and keeps the ~30 probes of a
 * multi-gigabyte log under 1 MiB of reading. */
const PROBE_BLOCK = 16 * 1024;

/** How far back from the end a line start is looked for: past this the last line is not a log line (a stray binary
 * or a runaway writer), and following begins at the very end instead of reading more of it. */
const BACK_LIMIT = 1 << 20;

/**
 * How much out of order the stamps of a log may be: syslog stamps lines as they arrive from several processes, so a
 * line may carry a time a little before that of a line above it. A probe skips a line only when it is older than the
 * wanted time by more than this, so no line at or after that time is skipped; the cost is reading up to this much of
 * the log line by line after the search.
 */
export const DISORDER_MS = 10_000;

/** Where to begin, and what finding it cost. */
export interface Placement {
  offset: number;
  bytesRead: number;
}

/**
 * The start of the file's last line, complete or not (its end when that is a newline), so that following hands
 * over a line being written as it was meant to be, never the tail of it.
 */
export async function lastLineStart(fh: FileHandle, size: number, buf: Buffer): Promise<Placement> {
  let bytesRead = 0;
  let end = size;
  while (end > 0 && size - end < BACK_LIMIT) {
    const at = Math.max(0, end - PROBE_BLOCK);
    const { bytesRead: n } = await fh.read(buf, 0, end - at, at);
    bytesRead += n;
    const nl = buf.subarray(0, n).lastIndexOf(10);
    if (nl >= 0) return { offset: at + nl + 1, bytesRead };
    if (n < end - at) break; // the file shrank under us: begin at what is its end now
    end = at;
  }
  return { offset: end === 0 ? 0 : size, bytesRead };
}

/**
 * The start of the first line stamped at or after `since` (epoch ms). Lines `timeOf` finds no stamp in are passed
 * over. With stamps out of order by less than DISORDER_MS no line at or after `since` comes before the result (lines
 * after it may be a little older). When every line is older, the start of the last line, as lastLineStart.
 */
export async function firstLineSince(
  fh: FileHandle, size: number, buf: Buffer, since: number, timeOf: (line: string) => number | null,
): Promise<Placement> {
  const win = new Window(fh, size, buf);
  // every line before lo is older than since; the first stamped line at or after hi is not older than since - DISORDER_MS
  let lo = 0;
  let hi = size;
  while (hi - lo > PROBE_BLOCK) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const probe = await firstStamped(win, mid, hi, timeOf);
    if (probe === null || probe.time >= since - DISORDER_MS) hi = mid;
    // an unfinished last line is never passed: following would then begin in the middle of it
    else lo = probe.next < 0 ? probe.start : probe.next;
  }
  for (let start = lo; start < size;) {
    const nl = await win.newline(start);
    if (nl < 0) return { offset: start, bytesRead: win.bytesRead };
    const time = timeOf(await win.text(start, nl));
    if (time !== null && time >= since) return { offset: start, bytesRead: win.bytesRead };
    start = nl + 1;
  }
  return { offset: size, bytesRead: win.bytesRead };
}

/** A stamped line a probe found. */
interface Stamped {
  start: number;
  /** the offset after its newline; -1 when it has none yet */
  next: number;
  time: number;
}

/** The first line starting in [from, until) that `timeOf` finds a stamp in, or null. */
async function firstStamped(win: Window, from: number, until: number, timeOf: (line: string) => number | null): Promise<Stamped | null> {
  let start = from;
  if (from > 0) {
    const nl = await win.newline(from - 1);
    if (nl < 0) return null;
    start = nl + 1;
  }
  while (start < until && start < win.size) {
    const nl = await win.newline(start);
    const time = timeOf(await win.text(start, nl < 0 ? win.size : nl));
    if (time !== null) return { start, next: nl < 0 ? -1 : nl + 1, time };
    if (nl < 0) return null;
    start = nl + 1;
  }
  return null;
}

/** Reads a file through one window of PROBE_BLOCK bytes, so that lines next to each other cost one read. */
class Window {
  private start = 0;
  private view: Buffer;
  bytesRead = 0;

  constructor(private readonly fh: FileHandle, readonly size: number, private readonly buf: Buffer) {
    this.view = buf.subarray(0, 0);
  }

  /** The offset of the first `\n` at or after `from`, or -1 when there is none before the end. */
  async newline(from: number): Promise<number> {
    let pos = from;
    while (pos < this.size) {
      if (pos < this.start || pos >= this.start + this.view.length) {
        if (!(await this.load(pos))) return -1;
      }
      const i = this.view.indexOf(10, pos - this.start);
      if (i >= 0) return this.start + i;
      pos = this.start + this.view.length;
    }
    return -1;
  }

  /** The text of the line in [start, end) as timeOf sees it: its first PROBE_BLOCK bytes, without a final `\r`. */
  async text(start: number, end: number): Promise<string> {
    const stop = Math.min(end, start + PROBE_BLOCK);
    if (start < this.start || stop > this.start + this.view.length) await this.load(start);
    const bytes = this.view.subarray(start - this.start, Math.min(stop - this.start, this.view.length));
    const text = bytes.toString('utf8');
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  /** Reads the window at `at`; false when nothing is there (the file shrank). */
  private async load(at: number): Promise<boolean> {
    const want = Math.min(PROBE_BLOCK, this.size - at);
    const { bytesRead: n } = await this.fh.read(this.buf, 0, want, at);
    this.bytesRead += n;
    this.start = at;
    this.view = this.buf.subarray(0, n);
    return n > 0;
  }
}
