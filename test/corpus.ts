// Finds ../shared (the lab logs and the corpus of real lines) and reads its sources in place, for the corpus
// tests and the `unrecognized` tool. Where ../shared is absent, `sharedDir()` is null and the tests skip.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the folder of package.json above this file (works from test/ and from dist/test/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** `../shared` beside the project root, or null when it is not there. */
export function sharedDir(): string | null {
  const dir = join(projectRoot(), '..', 'shared');
  return existsSync(join(dir, 'corpus')) ? dir : null;
}

/** A file of whole log lines (with syslog headers). */
export interface LogSource {
  /** the corpus folder (`lightmeter`, `lab/out`, …) */
  source: string;
  /** path relative to ../shared */
  path: string;
  abs: string;
}

/** Every whole-line log file of the lab and the corpus (message-only files are in messageOnlySources). */
export function logSources(shared: string): LogSource[] {
  const out: LogSource[] = [];
  for (const lab of ['lab/out', 'lab/out-filter']) {
    for (const f of readdirSync(join(shared, lab)).sort()) {
      if (f.startsWith('maillog-') && f.endsWith('.log')) out.push({ source: lab, path: `${lab}/${f}`, abs: join(shared, lab, f) });
    }
  }
  const corpus = join(shared, 'corpus');
  for (const folder of readdirSync(corpus).sort()) {
    if (!statSync(join(corpus, folder)).isDirectory() || MESSAGE_ONLY.has(folder)) continue;
    for (const abs of walk(join(corpus, folder))) {
      if (!abs.endsWith('.log') || abs.endsWith('.template.log')) continue;
      if (folder === 'msimerson-postfix-parser' && abs.endsWith('postfix_messages.log')) continue;
      out.push({ source: folder, path: relative(shared, abs), abs });
    }
  }
  return out;
}

const MESSAGE_ONLY = new Set(['postfix-grok-patterns', 'postfix-source-ref']);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** A message-only line (no syslog header) with the daemon its source names for it. */
export interface MessageLine {
  source: string;
  daemon: string;
  message: string;
}

/** GROK pattern names that do not map to a daemon by lower-casing. */
const GROK_DAEMONS: Record<string, string | null> = {
  POSTFIX_SCRIPT: 'postfix-script',
  POSTFIX_TRIVIAL_REWRITE: 'trivial-rewrite',
  POSTFIX_RELAY: 'smtp',
  // fragments, not whole messages
  POSTFIX_TLS_FEATURES: null,
  POSTFIX_COMMAND_COUNTER_DATA: null,
  POSTFIX_DELAYS: null,
};

/**
 * Message-only lines: postfix-grok-patterns (daemon from the grok pattern), msimerson-postfix-parser
 * postfix_messages (daemon from `type`), postfix-source-ref (`./smtpd_check:` → smtpd, `./cleanup_milter:` → cleanup).
 */
export function messageOnlyLines(shared: string): MessageLine[] {
  const out: MessageLine[] = [];
  const grok = join(shared, 'corpus/postfix-grok-patterns/messages.expected.jsonl');
  for (const l of readFileSync(grok, 'utf8').split('\n')) {
    if (!l) continue;
    const o = JSON.parse(l) as { pattern: string; line: string };
    const name = /%\{(\w+)\}/.exec(o.pattern)?.[1] ?? '';
    const mapped = name in GROK_DAEMONS ? GROK_DAEMONS[name] : name.replace(/^POSTFIX_/, '').toLowerCase();
    if (mapped) out.push({ source: 'postfix-grok-patterns', daemon: mapped, message: o.line });
  }
  const msim = join(shared, 'corpus/msimerson-postfix-parser/postfix_messages.expected.jsonl');
  for (const l of readFileSync(msim, 'utf8').split('\n')) {
    if (!l) continue;
    const o = JSON.parse(l) as { type: string; line: string };
    if (!o.type.startsWith('postfix/') || !o.line) continue;
    out.push({ source: 'msimerson-postfix-parser', daemon: o.type.slice(o.type.lastIndexOf('/') + 1), message: o.line });
  }
  const ref = join(shared, 'corpus/postfix-source-ref/ref_messages.log');
  for (const l of readFileSync(ref, 'utf8').split('\n')) {
    const m = /^\.\/(smtpd_check|cleanup_milter): (.*)$/.exec(l);
    if (m) out.push({ source: 'postfix-source-ref', daemon: m[1] === 'smtpd_check' ? 'smtpd' : 'cleanup', message: m[2]! });
  }
  return out;
}
