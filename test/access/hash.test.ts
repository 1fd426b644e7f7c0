// Indexed tables from their source text, as postmap reads it (postmap.c, dict_thash.c): key, white space, value;
// quotes and backslashes keep white space in a key; keys and lookups lower-cased; the first of duplicates kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HashTable } from '../../src/access/hash.js';
import { TableError } from '../../src/access/types.js';

test('hash table: key and value split at the first white space; the value trimmed, inner spaces kept', () => {
  const t = HashTable.parse('localhost               REJECT You are not localhost\nkey\tvalue with  spaces  \r\n');
  assert.deepEqual(t.entries.map((e) => [e.line, e.key, e.action]), [[1, 'localhost', 'REJECT You are not localhost'], [2, 'key', 'value with  spaces']]);
});

test('hash table: lookups are folded to lower case, as smtpd and postmap -q fold them', () => {
  const t = HashTable.parse('Foo.Example REJECT x\n');
  assert.equal(t.find('foo.example')?.value, 'REJECT x');
  assert.equal(t.find('FOO.EXAMPLE')?.value, 'REJECT x');
  assert.equal(t.find('foo.example.net'), null);
});

test('hash table: a duplicate key keeps the first value, with a warning naming both lines', () => {
  const t = HashTable.parse('bob@lab.example REJECT\nBOB@lab.example OK\n');
  assert.equal(t.find('bob@lab.example')?.value, 'REJECT');
  assert.equal(t.entries.length, 1);
  assert.deepEqual(t.warnings, ['line 2: duplicate entry "BOB@lab.example": the first, on line 1, is used']);
});

test('hash table: quotes and backslashes keep white space in the key, and stay part of it', () => {
  const t = HashTable.parse('"quoted key" v1\na\\ b v2\n');
  assert.deepEqual(t.entries.map((e) => e.key), ['"quoted key"', 'a\\ b']);
  assert.equal(t.find('"QUOTED KEY"')?.value, 'v1');
  assert.equal(t.find('a\\ b')?.value, 'v2');
});

test('hash table: comments, blank lines and continued lines (joined with their leading white space)', () => {
  const t = HashTable.parse('# comment\n\nmulti line\n  continued here\n# dropped\n  indented\n');
  assert.deepEqual(t.entries.map((e) => [e.line, e.action]), [[3, 'line  continued here  indented']]);
});

test('hash table: a line postmap would skip is refused, naming it', () => {
  assert.throws(() => HashTable.parse('ok OK\nlonely\n'), (e: unknown) => e instanceof TableError && e.line === 2 && /key whitespace value/.test(e.why));
  assert.throws(() => HashTable.parse('"open key OK\n'), (e: unknown) => e instanceof TableError && e.line === 1 && /unbalanced/.test(e.why));
});

test('hash table: "key: value" (an alias file?) is kept with postmap\'s warning', () => {
  const t = HashTable.parse('postmaster: root\n');
  assert.equal(t.find('postmaster:')?.value, 'root');
  assert.match(t.warnings[0]!, /alias file/);
});
