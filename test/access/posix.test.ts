// POSIX patterns as glibc reads them (Postfix's regexp: tables), translated to JS: every row of posix-cases.ts
// matches and fails as postmap showed, glibc's refusals are refused in its words, and the translation keeps group
// numbers ($1) where quantifiers stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternError, translatePosix } from '../../src/access/posix.js';
import { POSIX_CASES, POSIX_REFUSED } from './posix-cases.js';

/** Postfix's flags (each toggles regcomp's: i REG_ICASE, x REG_EXTENDED, m REG_NEWLINE) as PosixFlags. */
function flags(f: string): { extended: boolean; icase: boolean; newline: boolean } {
  return { icase: !f.includes('i'), extended: !f.includes('x'), newline: f.includes('m') };
}

for (const c of POSIX_CASES) {
  test(`posix: ${c.why} (/${c.pattern}/${c.flags})`, () => {
    const t = translatePosix(c.pattern, flags(c.flags));
    const re = new RegExp(t.source, t.flags);
    assert.deepEqual(c.match.filter((k) => !re.test(k)), [], `should match (JS ${t.source})`);
    assert.deepEqual(c.noMatch.filter((k) => re.test(k)), [], `should not match (JS ${t.source})`);
    assert.equal(t.warnings.length > 0, c.warns === true, t.warnings.join('; '));
  });
}

for (const c of POSIX_REFUSED) {
  test(`posix: glibc refuses /${c.pattern}/${c.flags} with "${c.error}"`, () => {
    assert.throws(() => translatePosix(c.pattern, flags(c.flags)), (err: unknown) => err instanceof PatternError && err.message.startsWith(c.error));
  });
}

test('posix: stacked quantifiers wrap in non-capturing groups, so $1 and $2 keep their groups', () => {
  const t = translatePosix('^(a)*?(b)', flags(''));
  assert.equal(t.source, '^(?:(a)*)?(b)');
  assert.equal(t.groups, 2);
  assert.deepEqual([...new RegExp(t.source, t.flags).exec('aab')!], ['aab', 'a', 'b']);
});

test('posix: the warning for \\d names the letter and says the part matches nothing', () => {
  const t = translatePosix('^[0-9]+\\d$', flags(''));
  assert.equal(t.warnings.length, 1);
  assert.match(t.warnings[0]!, /\\d is the letter d .*not a digit.*matches nothing/);
});

test('posix: m (REG_NEWLINE) keeps . and [^…] off newlines and lets ^ match after one', () => {
  const on = translatePosix('^b[^x]', flags('m'));
  const re = new RegExp(on.source, on.flags);
  assert.equal(re.test('a\nbc'), true);
  assert.equal(re.test('a\nb\n'), false);
  const off = translatePosix('a.b', flags(''));
  assert.equal(new RegExp(off.source, off.flags).test('a\nb'), true);
});

test('posix: a back reference to a group of another alternative is refused, as glibc refuses it', () => {
  assert.throws(() => translatePosix('(a)|\\1', flags('')), /Invalid back reference/);
  assert.equal(translatePosix('(a)|(b)\\2', flags('')).groups, 2);
});
