// The one place that wires everything: arguments → pipeline → output, and every error → one line and an exit code.

import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { recordToJson } from '../parse/serialize.js';
import { Tally } from '../parse/tally.js';
import { parseCommand, USAGE, type Command } from './args.js';
import { EXIT, UserError } from './errors.js';
import { runPipeline } from './pipeline.js';

/** Where a run writes; injected by tests. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
}

/** Runs postsumm with `argv` and resolves with the exit code. Never throws for user mistakes or bad input. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr.write(err.message + '\n');
      return err.exitCode;
    }
    throw err;
  }
  switch (cmd.name) {
    case 'help':
      io.stdout.write(USAGE + '\n');
      return EXIT.ok;
    case 'version':
      io.stdout.write(version() + '\n');
      return EXIT.ok;
    case 'events':
      return runEvents(cmd, io);
  }
}

async function runEvents(cmd: Extract<Command, { name: 'events' }>, io: Io): Promise<number> {
  const options = { ...(cmd.year === undefined ? {} : { year: cmd.year }), ...(cmd.syslogName === undefined ? {} : { syslogName: cmd.syslogName }) };
  let result;
  if (cmd.count) {
    const tally = new Tally();
    result = await runPipeline(cmd.files, options, (r, line) => tally.add(r, line));
    io.stdout.write(JSON.stringify(tally.counts(result.cutLines)) + '\n');
  } else {
    // batch output lines into large writes; hold the input while the output is full
    let buf = '';
    result = await runPipeline(cmd.files, options, (r, _line, flow) => {
      if (typeof r === 'string') return;
      buf += recordToJson(r) + '\n';
      if (buf.length >= 65536) {
        if (!io.stdout.write(buf)) {
          flow.pause();
          io.stdout.once('drain', () => flow.resume());
        }
        buf = '';
      }
    });
    if (buf.length > 0) io.stdout.write(buf);
  }
  for (const e of result.errors) io.stderr.write(`postsumm: cannot read ${e.file}: ${e.message}\n`);
  return result.errors.length > 0 ? EXIT.input : EXIT.ok;
}

/** The version in package.json, found above this module (src/cli when run from source, dist/src/cli when built). */
function version(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'postsumm') return `postsumm ${pkg.version}`;
    } catch {
      // not at this level
    }
  }
  return 'postsumm (version unknown)';
}
