// The renderers see only the report model (STYLE rule 5): every import of src/render is the report model, another
// renderer file, or cli-table3.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../corpus.js';

test('renderers import nothing but src/report/, each other and cli-table3', () => {
  const dir = join(projectRoot(), 'src', 'render');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 4, 'the renderer files are found');
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '([^']+)'/gms)) {
      const spec = m[1]!;
      assert.ok(/^\.\/[\w-]+\.js$/.test(spec) || /^\.\.\/report\/[\w-]+\.js$/.test(spec) || spec === 'cli-table3', `${f} imports ${spec}`);
    }
  }
});
