// The data flows one way (STYLE.md): input → parse → correlate → aggregate → report → render → mail/schedule, with
// cli/ the only place that wires across it. This test reads every import of src/ and checks it against that flow.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from './corpus.js';

/** For each folder of src/, the other folders it may import from (src/errors.ts, outside the flow, is open to all). */
const ALLOWED: Record<string, readonly string[]> = {
  input: [],
  parse: [],
  correlate: ['parse'],
  // access tables (what-if) are read by the what-if evaluator like any other input to counting
  access: [],
  aggregate: ['parse', 'correlate', 'report', 'access'],
  report: [],
  render: ['report'],
  // mail takes rendered strings and the report's figures (for the subject), formatted as the renderers do
  mail: ['report', 'render'],
  // schedule takes a callback: it runs what cli hands it, and mails through mail
  schedule: ['mail'],
  // follow is a source with its own outputs (dashboard, metrics, live page, alerts): it wires across the flow as cli does
  follow: ['input', 'parse', 'correlate', 'aggregate', 'report', 'render', 'mail'],
  cli: ['input', 'parse', 'correlate', 'aggregate', 'report', 'render', 'mail', 'schedule', 'access', 'follow'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every import of src/ follows the one-way flow', () => {
  const src = join(projectRoot(), 'src');
  const folders = readdirSync(src).filter((f) => statSync(join(src, f)).isDirectory());
  for (const f of folders) assert.ok(f in ALLOWED, `src/${f}/ has its rule in ALLOWED`);
  let checked = 0;
  for (const folder of folders) {
    for (const file of files(join(src, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.\.\/[^']+)'/gms)) {
        const target = m[1]!.split('/')[1]!;
        checked++;
        if (target === 'errors.js') continue;
        assert.ok(ALLOWED[folder]!.includes(target), `${file.slice(src.length + 1)} imports ${m[1]} (${folder} may import ${ALLOWED[folder]!.join(', ') || 'nothing'})`);
      }
    }
  }
  assert.ok(checked > 20, `${checked} cross-folder imports read`);
});
