// Shared by the command-line tests: runs cli/main with in-memory stdout and stderr and hands back what it wrote.
import { Writable } from 'node:stream';
import { main, type Io } from '../src/cli/main.js';

/** What a run of main came to. */
export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** A Writable that hands every chunk to `f` as a string. */
export function sink(f: (s: string) => void): Writable {
  return new Writable({ write(chunk, _e, done) { f(String(chunk)); done(); } });
}

/** Runs main with `argv`; `tty` makes stderr look like a terminal; the rest of `io` is passed on (clock, env, …). */
export async function runMain(argv: string[], io: Partial<Omit<Io, 'stdout' | 'stderr'>> & { tty?: boolean } = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const { tty, ...rest } = io;
  const stderr = Object.assign(sink((s) => (err += s)), tty === true ? { isTTY: true } : {});
  const code = await main(argv, { stdout: sink((s) => (out += s)), stderr, ...rest });
  return { code, out, err };
}
