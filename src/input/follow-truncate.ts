// copytruncate: told by the bytes just before our read position, which are kept and compared on the next read; and
// the copy logrotate made, found by those same bytes, so that the lines written between our last read and the copy
// are read from it instead of being lost with the truncation.

import { readdir, stat, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Bytes before the read position kept and compared on the next read: a file truncated and written past our
 * position between two checks has other bytes there (same size or larger, so the size alone can't tell). Sixteen
 * bytes of log text (the end of a line with its pid, queue ID or address) do not repeat by chance. */
export const TAIL_BYTES = 16;

/** The TAIL_BYTES bytes before the new position: the last of `read` (just read), topped up from `kept` (before it). */
export function keepTail(kept: Buffer, read: Buffer): Buffer {
  if (read.length >= TAIL_BYTES) return Buffer.from(read.subarray(read.length - TAIL_BYTES));
  const joined = Buffer.concat([kept, read]);
  return joined.subarray(Math.max(0, joined.length - TAIL_BYTES));
}

/** Copies looked at, newest first: logrotate has just made one, so it is the newest file of the set. */
const CANDIDATES = 3;

/**
 * Opens the file in the log's directory, named as logrotate names copies (`mail.log.1`, `mail.log-20261125`), that
 * holds `tail` just before `offset` — the copy of what we read. Compressed copies never match: the lines in them are
 * not read here (that needs delaycompress). Null when none is found; then those lines are lost to live mode.
 */
export async function openCopy(path: string, offset: number, tail: Buffer): Promise<{ fh: FileHandle; name: string } | null> {
  if (tail.length === 0) return null;
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.length > base.length && n.startsWith(base) && (n[base.length] === '.' || n[base.length] === '-'));
  } catch {
    return null;
  }
  const found: { name: string; mtime: number }[] = [];
  for (const name of names) {
    const st = await stat(join(dir, name)).catch(() => null);
    if (st?.isFile() && st.size >= offset) found.push({ name, mtime: st.mtimeMs });
  }
  found.sort((a, b) => b.mtime - a.mtime);
  const bytes = Buffer.alloc(tail.length);
  for (const { name } of found.slice(0, CANDIDATES)) {
    const fh = await open(join(dir, name), 'r').catch(() => null);
    if (!fh) continue;
    const { bytesRead } = await fh.read(bytes, 0, tail.length, offset - tail.length);
    if (bytesRead === tail.length && bytes.equals(tail)) return { fh, name };
    await fh.close();
  }
  return null;
}
