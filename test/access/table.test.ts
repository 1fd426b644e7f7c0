// Tables named as main.cf names them: the type picks the syntax, indexed types are read from their source text,
// and a table that cannot be used is one UserError (exit 2) naming the table, the line and the text.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseTable, readTable, splitSpec } from '../../src/access/table.js';
import { EXIT, UserError } from '../../src/errors.js';
import { projectRoot } from '../corpus.js';

const fixtures = join(projectRoot(), 'test/fixtures/whatif');
const tmp = mkdtempSync(join(tmpdir(), 'postsumm-access-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('table spec: type and path; proxy: forwards; a bare path is an indexed table', () => {
  assert.deepEqual(splitSpec('regexp:/etc/postfix/client_checks'), { type: 'regexp', path: '/etc/postfix/client_checks' });
  assert.deepEqual(splitSpec('proxy:hash:/etc/postfix/access'), { type: 'hash', path: '/etc/postfix/access' });
  assert.deepEqual(splitSpec('/etc/postfix/access'), { type: 'hash', path: '/etc/postfix/access' });
});

test('table: every indexed type is read from its source text; regexp: and pcre: tables are pattern tables', () => {
  for (const type of ['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'texthash']) {
    const t = parseTable(`${type}:x`, 'localhost REJECT You are not localhost\n');
    assert.equal(t.pattern, false, type);
    assert.equal(t.find('LOCALHOST')?.value, 'REJECT You are not localhost', type);
  }
  assert.equal(parseTable('regexp:x', '/a/ OK\n').pattern, true);
  assert.equal(parseTable('pcre:x', '/a/ OK\n').pattern, true);
});

test('table: the lab\'s own tables read as Postfix reads them', async () => {
  const client = await readTable(`regexp:${join(fixtures, 'client_access.regexp')}`);
  assert.deepEqual(client.entries.map((e) => e.line), [2, 3, 4]);
  assert.deepEqual(client.warnings, []);
  const helo = await readTable(`hash:${join(fixtures, 'helo_access')}`);
  assert.deepEqual(helo.entries.map((e) => e.key), ['localhost', 'localhost.localdomain', 'mx.lab.example', 'lab.example', '127.0.0.1', '[127.0.0.1]']);
});

test('table: a line that cannot be used is exit 2, naming the table and line and quoting the text', async () => {
  const spec = `regexp:${join(fixtures, 'broken.regexp')}`;
  await assert.rejects(readTable(spec), (err: unknown) => {
    assert.ok(err instanceof UserError);
    assert.equal(err.exitCode, EXIT.usage);
    assert.equal(err.message, `postsumm: cannot read the access table ${spec}, line 3: Unmatched ( or \\(: "/^(unclosed/    REJECT"`);
    return true;
  });
});

test('table: a missing file, a built .db, a binary file and an unknown type are refused with what to do', async () => {
  await assert.rejects(readTable(`hash:${join(tmp, 'nothing')}`), /cannot read the access table .*: no such file/);
  await assert.rejects(readTable('hash:/etc/postfix/access.db'), /is a built database; name its source text, as main.cf does \(hash:\/etc\/postfix\/access\)/);
  writeFileSync(join(tmp, 'binary'), 'a\0b');
  await assert.rejects(readTable(`hash:${join(tmp, 'binary')}`), /is not text/);
  await assert.rejects(readTable('cidr:/etc/postfix/x.cidr'), /reads regexp:, pcre: and the source text of hash:/);
});
