// Files and standard input → lines, one input after another, oldest rotated file first.
// Each input's lines go through: bytes → (gunzip when the magic bytes say so) → UTF-8 with a line-length cap
// → readline-transform. An unreadable input is reported and skipped; the others are still read.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { ReadlineTransform } from 'readline-transform';
import { GzipError, LineLimiter, MaybeGunzip } from './decode.js';
import { orderRotated } from './rotation.js';

/** Bytes read from a file at a time: 256 KiB keeps the reader from idling between reads (64 KiB, the default, left it
 * waiting 15% of the time in a profile of events --count); larger chunks cost memory for little more speed. */
const READ_CHUNK = 1 << 18;

/** One input as the reader sees it. */
export interface InputFile {
  /** the path as given, or `-` for standard input */
  name: string;
  /** epoch ms the input is known to end near: the file's mtime, or now for standard input (for year inference) */
  reference: number;
}

/** Lets a consumer hold the flow of lines (back-pressure from its output). */
export interface Flow {
  pause(): void;
  resume(): void;
}

/** Receives the inputs' lines in order. */
export interface LineConsumer {
  /** called before the first line of each input */
  begin(file: InputFile, flow: Flow): void;
  line(text: string): void;
}

/** A problem with one input, already phrased for the user. */
export interface InputError {
  file: string;
  message: string;
}

/** What reading the inputs came to. */
export interface InputResult {
  files: number;
  errors: InputError[];
  /** lines cut at the length limit */
  cutLines: number;
}

/** Options of reading. */
export interface ReadOptions {
  /** the current time, for standard input's reference (injected in tests) */
  now?: () => number;
  stdin?: Readable;
}

/**
 * Reads every input in order (rotated sets oldest first; `-` or no path is standard input) and hands each line
 * to `consumer`. Never rejects for a bad input: its error is in the result, after the other inputs are read.
 */
export async function readInputs(paths: readonly string[], consumer: LineConsumer, options: ReadOptions = {}): Promise<InputResult> {
  const ordered = orderRotated(paths.length === 0 ? ['-'] : paths);
  const result: InputResult = { files: 0, errors: [], cutLines: 0 };
  const now = options.now ?? Date.now;
  for (const name of ordered) {
    let reference: number;
    let source: Readable;
    if (name === '-') {
      reference = now();
      source = options.stdin ?? process.stdin;
    } else {
      try {
        const st = await stat(name);
        if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        reference = st.mtimeMs;
      } catch (err) {
        result.errors.push({ file: name, message: describe(err) });
        continue;
      }
      source = createReadStream(name, { highWaterMark: READ_CHUNK });
    }
    result.files++;
    try {
      result.cutLines += await readOne(source, { name, reference }, consumer);
    } catch (err) {
      result.errors.push({ file: name, message: describe(err) });
    }
  }
  return result;
}

/** Streams one input's lines to the consumer; resolves with the number of cut lines. */
function readOne(source: Readable, file: InputFile, consumer: LineConsumer): Promise<number> {
  return new Promise((resolve, reject) => {
    const limiter = new LineLimiter();
    const lines = new ReadlineTransform({ ignoreEndOfBreak: true });
    const flow: Flow = { pause: () => lines.pause(), resume: () => lines.resume() };
    consumer.begin(file, flow);
    lines.on('data', (line: string) => consumer.line(detach(line)));
    pipeline(source, new MaybeGunzip(), limiter, lines, (err) => {
      if (err) reject(err);
      else resolve(limiter.cutLines);
    });
  });
}

/**
 * A line as a string of its own. readline-transform splits a whole read chunk, and V8 makes each piece a slice that
 * points into the chunk: any part of a line kept for long (a sender in a counter, a queue ID in the correlator)
 * would then keep its whole 256 KiB chunk alive, and memory would grow with the log (measured: 80 MB of chunks held
 * by a few thousand short strings after a million lines). Concatenating and slicing makes V8 copy the line out.
 */
function detach(line: string): string {
  // V8 copies slices shorter than 13 characters anyway
  return line.length < 13 ? line : (' ' + line).slice(1);
}

/** One line for the user: what went wrong with the input, without a stack trace. */
function describe(err: unknown): string {
  if (err instanceof GzipError) return err.message;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a log file';
    case 'EIO': return 'input/output error';
    default: return (err as Error).message ?? String(err);
  }
}
