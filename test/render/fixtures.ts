// Report fixtures (test/fixtures/reports/*.json): small reports with every section filled, for the renderer tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/report/model.js';
import { projectRoot } from '../corpus.js';

/** A report fixture by name: `full` (one day, every section), `multiday` (New Year, two hosts), `empty`. */
export function fixture(name: string): Report {
  return JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'reports', `${name}.json`), 'utf8')) as Report;
}
