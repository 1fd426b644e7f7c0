// Golden files: an output compared whole with test/fixtures/golden/<name>. They change only when the tests run
// with UPDATE_GOLDEN=1 (`UPDATE_GOLDEN=1 npm test`), which writes them; the diff is then read in the commit.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './corpus.js';

/** The folder of golden files (in the source tree, also when the tests run from dist/). */
export function goldenDir(): string {
  return join(projectRoot(), 'test', 'fixtures', 'golden');
}

/** True when this run rewrites the golden files instead of comparing with them. */
export const UPDATING = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `actual` with the golden file `name` (e.g. `full.txt`) in `dir` (default: the golden folder); with
 * UPDATE_GOLDEN=1, writes it instead. A missing golden file fails (it is never created silently).
 */
export function golden(name: string, actual: string, dir = goldenDir()): void {
  const file = join(dir, name);
  if (UPDATING) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${file} is missing: write it with UPDATE_GOLDEN=1 npm test, then read it`);
  const expected = readFileSync(file, 'utf8');
  if (actual === expected) return;
  // the first differing line makes the failure readable without a diff tool
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  assert.fail(`${name} differs from its golden file at line ${i + 1}:\n  golden: ${JSON.stringify(e[i])}\n  actual: ${JSON.stringify(a[i])}\n(if the change is intended: UPDATE_GOLDEN=1 npm test, then read the diff)`);
}
