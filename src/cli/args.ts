// Command-line arguments → a typed command. Mistakes are UserErrors (exit 2) that quote the bad value.

import { parseArgs } from 'node:util';
import { UserError } from './errors.js';

/** What the user asked for. */
export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'events'; count: boolean; files: string[]; year?: number; syslogName?: string };

export const USAGE = `Usage: postsumm events [--count] [options] [FILE…]

Reads Postfix logs (plain or .gz, rotated sets oldest first; no FILE or - reads standard input) in any
syslog shape: classic (Nov  5 06:25:01), RFC 3339, RFC 5424, journalctl short-iso/short-precise/short-full/json,
Postfix's own maillog_file, year-first templates.

Commands:
  events            one JSON object per line (NDJSON) for each Postfix line: kind, time, host, instance,
                    service, daemon, pid, queueId and the parsed fields
  events --count    one JSON object counting what the lines became:
                    {"lines": N, "events": {kind: N}, "foreign": N, "unrecognized": {daemon: N}, "malformed": N, …}

Options:
  --year YEAR           year of the first line for stamps without a year (default: from the file's
                        modification time, or now for standard input; New Year is crossed as the log does)
  --syslog-name NAME    read only the Postfix instance whose syslog tag starts with NAME (postfix-out);
                        default: every instance (postfix, postfix-out, …)
  -h, --help            this text
  --version             the version

Exit codes: 0 all inputs read; 1 an input could not be read (missing, unreadable, directory, corrupt .gz:
the other inputs are still read); 2 the command line is wrong.`;

/** Parses argv (without node and the script). */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        count: { type: 'boolean' },
        year: { type: 'string' },
        'syslog-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UserError(`postsumm: ${(err as Error).message.split('\n')[0]} (see postsumm --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  if (values.version) return { name: 'version' };
  const [name, ...files] = positionals;
  if (name === undefined) throw new UserError('postsumm: no command given (see postsumm --help)');
  if (name !== 'events') throw new UserError(`postsumm: unknown command '${name}' (see postsumm --help)`);
  const cmd: Command = { name: 'events', count: values.count === true, files };
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year)) throw new UserError(`postsumm: --year takes a four-digit year, not '${values.year}'`);
    cmd.year = Number(values.year);
  }
  if (values['syslog-name'] !== undefined) {
    if (values['syslog-name'] === '') throw new UserError("postsumm: --syslog-name needs a name, such as 'postfix-out'");
    cmd.syslogName = values['syslog-name'];
  }
  return cmd;
}
