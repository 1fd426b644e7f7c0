// PCRE patterns (Postfix's pcre: tables) translated to JS: Postfix's flags (pcre_table(5): i and s on by default),
// the PCRE-only syntax JS can say another way, and the PCRE-only syntax it cannot, refused by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternError } from '../../src/access/posix.js';
import { translatePcre, type PcreFlags } from '../../src/access/pcre.js';
import { PCRE_CASES } from './pcre-cases.js';

/** Postfix's defaults, then the flags after the pattern, each toggling one (as dict_pcre.c reads them). */
function flags(f = ''): PcreFlags {
  const o = { caseless: true, dotall: true, multiline: false, extended: false, anchored: false, dollarEndOnly: false, ungreedy: false };
  const names = { i: 'caseless', s: 'dotall', m: 'multiline', x: 'extended', A: 'anchored', E: 'dollarEndOnly', U: 'ungreedy' } as const;
  for (const c of f) o[names[c as keyof typeof names]] = !o[names[c as keyof typeof names]];
  return o;
}

function re(pattern: string, f = ''): RegExp {
  const t = translatePcre(pattern, flags(f));
  return new RegExp(t.source, t.flags);
}

for (const { why, pattern, flags: f, match: yes, noMatch: no } of PCRE_CASES) {
  test(`pcre: ${why} (/${pattern}/${f})`, () => {
    const r = re(pattern, f);
    assert.deepEqual(yes.filter((k) => !(r.lastIndex = 0) && !r.test(k)), [], `should match (JS /${r.source}/${r.flags})`);
    assert.deepEqual(no.filter((k) => !(r.lastIndex = 0) && r.test(k)), [], `should not match (JS /${r.source}/${r.flags})`);
  });
}

test('pcre: U makes a + lazy, and a lazy one greedy', () => {
  assert.equal(re('^(a+)', 'U').exec('aaa')![1], 'a');
  assert.equal(re('^(a+?)', 'U').exec('aaa')![1], 'aaa');
});

/** [construct, pattern, what the message names]. */
const REFUSED: readonly [string, string, RegExp][] = [
  ['a possessive quantifier', 'a++b', /possessive/],
  ['an atomic group', '(?>a+)b', /atomic group/],
  ['recursion', '^(a(?R)?b)$', /recursion/],
  ['a subroutine call', '(a)(?1)', /recursion or subroutine/],
  ['a named subroutine call', '(?<x>a)(?&x)', /recursion or subroutine/],
  ['a conditional', '(a)?(?(1)b|c)', /conditional/],
  ['a branch reset', '(?|(a)|(b))', /branch reset/],
  ['a backtracking verb', 'a(*SKIP)b', /\(\*SKIP\)/],
  ['\\K', 'a\\Kb', /\\K/],
  ['\\G', '\\Ga', /\\G/],
  ['a Unicode property', '\\p{Lu}', /\\p/],
  ['an option setting after the start', 'a(?i)b', /option setting/],
  ['a scoped option setting', 'a(?i:b)', /option setting/],
  ['a code point beyond U+FFFF', '\\x{1F600}', /U\+FFFF/],
  ['an unknown escape', '\\y', /\\y/],
  ['a quantifier after $ (PCRE refuses it)', 'a$*', /quantifier \* does not follow a repeatable item/],
  ['a quantifier after \\z', 'a\\z+', /does not follow a repeatable item/],
  ['a reference to a group the pattern lacks', '(a)\\2', /non-existent subpattern/],
];

for (const [what, pattern, message] of REFUSED) {
  test(`pcre: ${what} is refused by name (/${pattern}/)`, () => {
    assert.throws(() => translatePcre(pattern, flags()), (err: unknown) => err instanceof PatternError && message.test(err.message));
  });
}
