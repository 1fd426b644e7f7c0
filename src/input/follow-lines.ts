// Bytes of a followed file → complete lines, exactly as the batch reader (LineLimiter, then readline-transform with
// ignoreEndOfBreak) would give them for the same bytes, but holding an unfinished last line until its newline comes.

import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE_CHARS } from './decode.js';

/**
 * Splits bytes into lines: UTF-8 decoded across reads (a character split between two reads is joined; invalid bytes
 * become U+FFFD), each line cut at `maxChars` characters (counted once in `cutLines`), one `\r` before the `\n`
 * dropped. The batch reader does these in the same order — cap first, counting a `\r` as a character, then strip — so
 * a line of exactly `maxChars` characters plus `\r\n` is cut and counted there too; here that is matched, not fixed.
 */
export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  /** the unfinished line's text so far, already capped */
  private partial = '';
  /** true once the unfinished line went past the cap: the rest of it, up to its newline, is dropped */
  private dropping = false;
  /** lines that were cut */
  cutLines = 0;

  constructor(private readonly maxChars = MAX_LINE_CHARS) {}

  /** The lines that `bytes` completes, in order (possibly none). */
  push(bytes: Uint8Array): string[] {
    const lines: string[] = [];
    const text = this.decoder.write(bytes);
    if (text.length > 0) this.split(text, lines);
    return lines;
  }

  /**
   * The unfinished last line, if any, handed over as it is (its `\r`, if it ends with one, kept: readline-transform
   * keeps it when no `\n` follows) — for when the file is left for good. The splitter is then ready for a new file.
   */
  end(): string[] {
    const lines: string[] = [];
    const text = this.decoder.end();
    if (text.length > 0) this.split(text, lines);
    if (this.partial.length > 0) lines.push(detach(this.partial));
    this.decoder = new StringDecoder('utf8');
    this.partial = '';
    this.dropping = false;
    return lines;
  }

  private split(text: string, out: string[]): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      if (!this.dropping) {
        let room = this.maxChars - this.partial.length;
        if (end - start > room) {
          // never between the two halves of a surrogate pair, as the batch reader cuts (decode.ts)
          const last = text.charCodeAt(start + room - 1);
          if (room > 0 && last >= 0xd800 && last <= 0xdbff) room--;
          this.partial += text.slice(start, start + room);
          this.dropping = true;
          this.cutLines++;
        } else if (end > start) {
          this.partial = this.partial.length === 0 ? text.slice(start, end) : this.partial + text.slice(start, end);
        }
      }
      if (nl < 0) return;
      const line = this.partial;
      out.push(detach(line.endsWith('\r') ? line.slice(0, -1) : line));
      this.partial = '';
      this.dropping = false;
      start = nl + 1;
    }
  }
}

/**
 * A line as a string of its own, not a slice of the whole decoded read (which a kept line would otherwise hold in
 * memory); the same measure as the batch reader's, for the same reason.
 */
function detach(line: string): string {
  // V8 copies slices shorter than 13 characters anyway
  return line.length < 13 ? line : (' ' + line).slice(1);
}
