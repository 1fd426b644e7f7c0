// The corpus test: every Postfix line of the lab logs and of the real-log corpus (../shared, read in place, never
// copied: several sources are GPL/LGPL/AGPL/EPL) parses to a typed event. The lines that are left are named below
// with the reason; a line that newly falls out, or a named line that now parses, fails the test, and so does a
// recognised share per source below its floor.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { parseLine, parseMessage } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { logSources, messageOnlyLines, sharedDir } from '../corpus.js';
import { LEFT, MIN_SHARE } from './corpus-left.js';

const shared = sharedDir();
const skip = shared === null ? 'needs ../shared (lab logs and corpus), read in place' : false;

/** Per source: Postfix lines seen, and the `path:line` of those left unrecognized or malformed. */
function survey(): Map<string, { postfix: number; left: string[] }> {
  const out = new Map<string, { postfix: number; left: string[] }>();
  const entry = (source: string) => {
    let e = out.get(source);
    if (!e) out.set(source, (e = { postfix: 0, left: [] }));
    return e;
  };
  for (const src of logSources(shared!)) {
    const clock = new StampClock(statSync(src.abs).mtimeMs);
    const lines = readFileSync(src.abs, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return; // blank lines carry nothing
      const r = parseLine(line, clock);
      if (r === 'foreign') return;
      const e = entry(src.source);
      e.postfix++;
      if (r === 'malformed' || r.event.kind === 'unrecognized') e.left.push(`${src.path}:${i + 1}`);
    });
  }
  const seen = new Map<string, number>();
  for (const m of messageOnlyLines(shared!)) {
    // message-only sources have no line numbers of their own here: number them per source in file order
    const n = (seen.get(m.source) ?? 0) + 1;
    seen.set(m.source, n);
    const e = entry(`${m.source} (message-only)`);
    e.postfix++;
    if (parseMessage(m.daemon, m.message).event.kind === 'unrecognized') e.left.push(`${m.source}#${n}`);
  }
  return out;
}

test('corpus: every Postfix line parses to a typed event, but for the lines named with their reason', { skip }, () => {
  const result = survey();
  const left = [...result.values()].flatMap((e) => e.left).sort();
  assert.deepStrictEqual(left, Object.keys(LEFT).sort());
});

test('corpus: the recognised share of each source stays at or above its floor', { skip }, () => {
  const result = survey();
  const shares: Record<string, number> = {};
  for (const [source, e] of result) shares[source] = Math.floor(((e.postfix - e.left.length) / e.postfix) * 10000) / 100;
  for (const [source, floor] of Object.entries(MIN_SHARE)) {
    assert.ok(source in shares, `source ${source} not found`);
    assert.ok(shares[source]! >= floor, `${source}: ${shares[source]}% recognised, floor ${floor}%`);
  }
  assert.deepStrictEqual(Object.keys(shares).sort(), Object.keys(MIN_SHARE).sort(), 'every source has a floor');
});
