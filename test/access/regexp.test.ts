// regexp: and pcre: table files (regexp_table(5), pcre_table(5), dict_regexp.c): rules, negation, the two-pattern
// rule, if/endif nesting, $n substitution, logical lines; and the lines Postfix would skip, refused by line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseResult, PatternTable } from '../../src/access/regexp.js';
import { TableError } from '../../src/access/types.js';

/** The result a table gives for each key (null: no rule matched). */
function results(text: string, keys: readonly string[], syntax: 'regexp' | 'pcre' = 'regexp'): (string | null)[] {
  const t = PatternTable.parse(text, syntax);
  return keys.map((k) => t.find(k)?.value ?? null);
}

test('regexp table: the first matching rule wins, tried on the whole string', () => {
  const text = '/^dhcp/ REJECT first\n/pool/ REJECT second\n';
  assert.deepEqual(results(text, ['dhcp-1.pool.example', 'x.pool.example', 'mail.example']), ['REJECT first', 'REJECT second', null]);
});

test('regexp table: entries keep their line, pattern as written and result as written', () => {
  const t = PatternTable.parse('# S25R\n\n/^(dhcp|dialup|ppp|adsl|pool)[^.]*[0-9]/  550 S25R check\n', 'regexp');
  assert.deepEqual(t.entries, [{ index: 0, line: 3, key: '/^(dhcp|dialup|ppp|adsl|pool)[^.]*[0-9]/', action: '550 S25R check' }]);
  assert.equal(t.find('dhcp-44-7.pool.isp.example')?.entry.line, 3);
});

test('regexp table: !/pattern/ gives its result when the pattern does not match', () => {
  assert.deepEqual(results('!/\\./ DUNNO\n', ['localhost', 'mx.example']), ['DUNNO', null]);
  // each ! toggles
  assert.deepEqual(results('!!/\\./ OK\n', ['localhost', 'mx.example']), [null, 'OK']);
});

test('regexp table: /a/!/b/ matches when a matches and b does not (dict_regexp.c)', () => {
  assert.deepEqual(results('/\\.isp2?\\.example$/!/^liar\\./ WARN isp\n', ['a.isp.example', 'liar.isp2.example', 'x.example']), ['WARN isp', null, null]);
});

test('regexp table: if /…/ … endif tries the rules inside only when the pattern matches; they nest; if ! negates', () => {
  const text = [
    'if /@lab\\.example$/',
    'if !/^(alice|bob)@/',
    '/^former-/ 550 5.1.6 left',
    '/./ REJECT not alice or bob',
    'endif',
    '/^alice@/ OK',
    'endif',
    '/^alice@/ REJECT outside',
  ].join('\n');
  assert.deepEqual(
    results(text, ['former-x@lab.example', 'carol@lab.example', 'alice@lab.example', 'alice@other.example', 'bob@lab.example']),
    ['550 5.1.6 left', 'REJECT not alice or bob', 'OK', 'REJECT outside', null],
  );
});

test('regexp table: $1, ${1}, $(1) take what the groups matched, $$ is a $, an unmatched group gives nothing', () => {
  const text = '/^(dhcp|ppp)-([^.]+)(x)?\\./ REJECT $1 ${2} $(1)[$3] $$5\n';
  assert.deepEqual(results(text, ['dhcp-44-7.pool.example']), ['REJECT dhcp 44-7 dhcp[] $5']);
  assert.deepEqual(results('/^a/ cost $$5\n', ['ab']), ['cost $5']);
});

test('regexp table: a result is parsed as Postfix\'s mac_parse parses it', () => {
  assert.deepEqual(parseResult('REJECT $1 and ${12}'), { pieces: ['REJECT ', 1, ' and ', 12], maxSub: 12 });
  assert.deepEqual(parseResult('OK $$'), { pieces: ['OK $'], maxSub: 0 });
  assert.deepEqual(parseResult(''), { pieces: [''], maxSub: 0 });
});

test('regexp table: a line that starts with white space continues the rule before it, comment lines between are dropped', () => {
  const t = PatternTable.parse('/^a/ REJECT one\n# a comment\n   two\n/^b/ OK\n', 'regexp');
  assert.deepEqual(t.entries.map((e) => [e.line, e.action]), [[1, 'REJECT one   two'], [4, 'OK']]);
});

test('regexp table: any non-alphanumeric character delimits a pattern; an escaped delimiter is part of it', () => {
  assert.deepEqual(results('|^127\\.0\\.0\\.4[0-9]$| REJECT\n~^a/b~ OK\n/^c\\/d/ DUNNO\n', ['127.0.0.44', 'a/b', 'c/d']), ['REJECT', 'OK', 'DUNNO']);
});

test('regexp table: flags: i makes a rule case-sensitive; pcre: tables take their own flags', () => {
  assert.deepEqual(results('/^MX\\./i REJECT\n', ['MX.example', 'mx.example']), ['REJECT', null]);
  assert.deepEqual(results('/^a\\d+$/ OK\n/^A.B$/s DUNNO\n', ['A12', 'a\nb', 'axb'], 'pcre'), ['OK', null, 'DUNNO']);
});

test('regexp table: what Postfix accepts with a warning is kept, and the warning said', () => {
  const t = PatternTable.parse('  orphan text\nif /a/ /b/ REJECT\nendif\nendif\nif /c/\n/^x/\n/^[0-9]\\d/ REJECT\n', 'regexp');
  assert.deepEqual(t.warnings.map((w) => w.replace(/:.*/, '')), ['line 1', 'line 2', 'line 4', 'line 6', 'line 7', 'line 5']);
  assert.match(t.warnings[1]!, /text after the pattern of an "if" is ignored/);
  assert.match(t.warnings[3]!, /no result/);
  assert.match(t.warnings[4]!, /\\d is the letter d/);
  assert.match(t.warnings[5]!, /"if" without "endif"/);
  // the unclosed if: a key it rejects ends the lookup without a match
  assert.equal(t.find('zz'), null);
  assert.equal(t.find('xc')?.value, '');
});

/** [what, table text, line named, words of the reason]. */
const REFUSED: readonly [string, string, number, RegExp][] = [
  ['a pattern glibc cannot compile', '/^ok$/ OK\n/^(unclosed/ REJECT\n', 2, /Unmatched \( or \\\(/],
  ['no closing delimiter', '/^a REJECT\n', 1, /no closing delimiter "\/"/],
  ['an unknown flag', '/^a/g REJECT\n', 1, /unknown flag "g"/],
  ['$n beyond the groups', '/^(a)/ REJECT $2\n', 1, /\$2 in the result, but the pattern has 1 group/],
  ['$n in the result of a negated pattern', '!/^(a)/ REJECT $1\n', 1, /negated pattern/],
  ['a lone $', '/^a/ REJECT costs $\n', 1, /a "\$" with no group number/],
  ['$name', '/^a/ REJECT $name\n', 1, /"\$name" in the result is not a group number/],
  ['an unterminated ${', '/^(a)/ REJECT ${1\n', 1, /unterminated/],
  ['a line that is not a rule', '/^a/ OK\nREJECT everything\n', 2, /not a rule/],
  ['PCRE syntax in a regexp: table', '/^(?:dhcp)/ REJECT\n', 1, /use a pcre: table/],
];

for (const [what, text, line, why] of REFUSED) {
  test(`regexp table: ${what} is refused, naming line ${line}`, () => {
    assert.throws(() => PatternTable.parse(text, 'regexp'), (err: unknown) => err instanceof TableError && err.line === line && why.test(err.why));
  });
}
