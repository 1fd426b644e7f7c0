// Tests for src/render/text-kit.ts: the hand-set rows of long tables are exactly what cli-table3 sets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliTable, padRow, table } from '../../src/render/text-kit.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/render/options.js';

test('a hand-set row equals cli-table3\'s for plain ASCII cells of every alignment', () => {
  const widths = [8, 9, 3, 24];
  const aligns = ['right', 'right', 'left', 'left'] as const;
  const rows = [
    ['1,234', '20.7 MiB', 'x', 'alice@lab.example'],
    ['0', '0 B', '', 'a very long domain.example'.slice(0, 24)],
    ['12', '1.1 m', 'abc', ''],
  ];
  for (const r of rows) assert.equal(padRow(r, widths, aligns), cliTable([r], widths, aligns)[0]);
});

test('a long table reads the same as one laid out by cli-table3 alone', () => {
  const rows = Array.from({ length: 180 }, (_, i) => [String(i * 37), `user${i}@example.org`]);
  rows[120]![1] = 'größe@example.org'; // a row that is not plain ASCII goes through cli-table3
  const columns = [{ head: 'count', align: 'right' as const }, { head: 'address', align: 'left' as const }];
  const got = table(columns, rows, DEFAULT_RENDER_OPTIONS);
  const widths = [5, Math.max(...rows.map((r) => [...r[1]!].length))];
  const all = [['count', 'address'], widths.map((w) => '-'.repeat(w)), ...rows];
  const expected = cliTable(all, widths, ['right', 'left']).map((l) => (' ' + l).trimEnd());
  assert.deepStrictEqual(got, expected);
});
