// Bytes → text chunks ready for line splitting: gzip detected by its magic bytes and inflated, UTF-8 decoded
// across chunk boundaries (invalid bytes become U+FFFD, never fatal), and every line cut at a length limit.

import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';

/** A log line longer than this is cut (and counted): one hostile line can't exhaust memory. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Bytes inflated at a time: zlib's 16 KiB default makes sixteen times the stream hand-offs per MB of log. */
const INFLATE_CHUNK = 1 << 18;

/** An input error with the byte offset where it happened (compressed bytes, for gzip). */
export class GzipError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/**
 * Passes bytes through, or inflates them when the stream starts with the gzip magic bytes 1f 8b.
 * Concatenated gzip members (as `cat a.gz b.gz` makes) are read as one stream.
 */
export class MaybeGunzip extends Transform {
  private decided = false;
  private gunzip: Gunzip | null = null;
  private pending: Buffer | null = null;
  private consumed = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.decided) {
      const head = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
      if (head.length < 2) {
        this.pending = head;
        done();
        return;
      }
      this.pending = null;
      this.decided = true;
      if (head[0] === 0x1f && head[1] === 0x8b) this.startGunzip();
      chunk = head;
    }
    if (this.gunzip === null) {
      done(null, chunk);
      return;
    }
    this.consumed += chunk.length;
    // honour the inflater's back-pressure so a large .gz is never inflated into memory ahead of the reader
    if (this.gunzip.write(chunk)) done();
    else this.gunzip.once('drain', () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.decided && this.pending) {
      this.push(this.pending);
      done();
      return;
    }
    if (this.gunzip === null) {
      done();
      return;
    }
    const gz = this.gunzip;
    gz.once('end', () => done());
    gz.end();
  }

  private startGunzip(): void {
    const gz = createGunzip({ chunkSize: INFLATE_CHUNK });
    this.gunzip = gz;
    gz.on('data', (out: Buffer) => this.push(out));
    gz.on('error', (err: Error) => {
      // zlib says `unexpected end of file` for a truncated file, `incorrect header check` etc. for corruption
      const offset = Math.min(this.consumed, gz.bytesWritten);
      this.destroy(new GzipError(`corrupt gzip data (${err.message}) near byte ${offset}`, offset));
    });
  }
}

/**
 * Decodes UTF-8 (a character split across chunks is joined; invalid bytes become U+FFFD) and cuts each line
 * at MAX_LINE_CHARS characters, dropping the rest of it up to its newline. Emits strings.
 */
export class LineLimiter extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  /** characters of the current (unfinished) line passed on so far */
  private lineLength = 0;
  private dropping = false;
  /** lines that were cut */
  cutLines = 0;

  constructor(private readonly maxChars = MAX_LINE_CHARS) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.decoder.write(chunk);
    if (text.length > 0) this.pass(text);
    done();
  }

  override _flush(done: TransformCallback): void {
    const text = this.decoder.end();
    if (text.length > 0) this.pass(text);
    done();
  }

  private pass(text: string): void {
    if (!this.dropping && this.fits(text)) this.push(text);
    else this.passSlow(text);
  }

  /** True (and the line length updated) when no line in `text` goes past the limit: the common case. */
  private fits(text: string): boolean {
    let len = this.lineLength;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        len += text.length - start;
        if (len > this.maxChars) return false;
        this.lineLength = len;
        return true;
      }
      if (len + nl - start > this.maxChars) return false;
      len = 0;
      start = nl + 1;
    }
  }

  private passSlow(text: string): void {
    let out = '';
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      if (!this.dropping) {
        let room = this.maxChars - this.lineLength;
        if (end - start > room) {
          // never between the two halves of a surrogate pair: a lone half is no character (it showed as U+FFFD)
          const last = text.charCodeAt(start + room - 1);
          if (room > 0 && last >= 0xd800 && last <= 0xdbff) room--;
          out += text.slice(start, start + room);
          this.lineLength += room;
          this.dropping = true;
          this.cutLines++;
        } else {
          out += text.slice(start, end);
          this.lineLength += end - start;
        }
      }
      if (nl < 0) break;
      out += '\n';
      this.lineLength = 0;
      this.dropping = false;
      start = nl + 1;
    }
    if (out.length > 0) this.push(out);
  }
}
