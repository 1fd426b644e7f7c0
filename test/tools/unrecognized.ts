// Dev tool: runs the parser over every lab and corpus line (read in place) and lists what stays
// unrecognized or malformed, by daemon, with samples. Usage:
//   node --import tsx test/tools/unrecognized.ts [DAEMON…] [--samples N] [--kind KIND]
// With --kind, prints sample lines parsed to that event kind instead (to eyeball fields).
import { readFileSync, statSync } from 'node:fs';
import { parseLine, parseMessage } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { logSources, messageOnlyLines, sharedDir } from '../corpus.js';

const args = process.argv.slice(2);
let samples = 5;
let kind: string | null = null;
const daemons = new Set<string>();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--samples') samples = Number(args[++i]);
  else if (args[i] === '--kind') kind = args[++i]!;
  else daemons.add(args[i]!);
}
const shared = sharedDir();
if (!shared) throw new Error('../shared not found');
const byDaemon = new Map<string, { n: number; samples: string[] }>();
const kinds = new Map<string, number>();
let malformed = 0, foreign = 0, total = 0;
const malformedSamples: string[] = [];
function note(daemon: string, line: string) {
  if (daemons.size && !daemons.has(daemon)) return;
  let e = byDaemon.get(daemon);
  if (!e) byDaemon.set(daemon, (e = { n: 0, samples: [] }));
  e.n++;
  if (e.samples.length < samples) e.samples.push(line);
}
function seen(daemon: string, ev: { kind: string }, line: string) {
  kinds.set(ev.kind, (kinds.get(ev.kind) ?? 0) + 1);
  if (kind && ev.kind === kind && (!daemons.size || daemons.has(daemon))) {
    const c = kinds.get(ev.kind)!;
    if (c <= samples) console.log(line + '\n  → ' + JSON.stringify(ev));
  }
}
for (const src of logSources(shared)) {
  const clock = new StampClock(statSync(src.abs).mtimeMs);
  for (const line of readFileSync(src.abs, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    total++;
    const r = parseLine(line, clock);
    if (r === 'malformed') { malformed++; if (malformedSamples.length < samples) malformedSamples.push(`${src.path}: ${line}`); continue; }
    if (r === 'foreign') { foreign++; continue; }
    seen(r.daemon, r.event, line);
    if (r.event.kind === 'unrecognized') note(r.daemon, `${src.path}: ${line}`);
  }
}
for (const m of messageOnlyLines(shared)) {
  total++;
  const { event } = parseMessage(m.daemon, m.message);
  seen(m.daemon, event, `[${m.source} ${m.daemon}] ${m.message}`);
  if (event.kind === 'unrecognized') note(m.daemon, `[${m.source}] ${m.message}`);
}
if (!kind) {
  console.log(`lines ${total}, foreign ${foreign}, malformed ${malformed}`);
  for (const s of malformedSamples) console.log('  malformed: ' + s);
  const rows = [...byDaemon].sort((a, b) => b[1].n - a[1].n);
  for (const [d, e] of rows) {
    console.log(`${d}: ${e.n} unrecognized`);
    for (const s of e.samples) console.log('    ' + s.slice(0, 400));
  }
  console.log('kinds: ' + JSON.stringify(Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1]))));
}
