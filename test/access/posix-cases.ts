// How glibc's regcomp (through Postfix's regexp: tables) reads POSIX patterns: each row a pattern as written in a
// table (with its Postfix flags), strings it matches and strings it does not. The rows were found with
// `postmap -q - regexp:FILE` (Postfix 3.7.11, glibc 2.36, Debian 12); posix.test.ts checks our translation
// against them, and postmap.test.ts checks them against postmap itself wherever it is installed.

/** One pattern: what matches and what does not. `why` says what the row pins down. */
export interface PosixCase {
  why: string;
  pattern: string;
  /** Postfix's regexp flags after the closing delimiter: i (toggles case-insensitivity), x (basic syntax), m */
  flags: string;
  match: string[];
  noMatch: string[];
  /** a warning is given (a part of the pattern can never match) */
  warns?: boolean;
}

export const POSIX_CASES: readonly PosixCase[] = [
  { why: 'the issue\'s S25R pattern', pattern: '^(dhcp|dialup|ppp|adsl|pool)[^.]*[0-9]', flags: '', match: ['dhcp-44-7.pool.isp.example', 'PPP-127-0-0-46.cable.isp.example', 'pool7.example'], noMatch: ['dsl-45.dyn.isp.example', 'mail.pool1.example', 'dhcp.example'] },
  { why: 'matching is case-insensitive by default', pattern: '^mx\\.lab\\.example$', flags: '', match: ['mx.lab.example', 'MX.Lab.Example'], noMatch: ['mxxlab.example'] },
  { why: 'the i flag makes it case-sensitive', pattern: '^mx\\.lab\\.example$', flags: 'i', match: ['mx.lab.example'], noMatch: ['MX.lab.example'] },
  { why: '\\d is the letter d, and an escaped lower-case letter never matches case-insensitively', pattern: '^a\\db$', flags: '', match: [], noMatch: ['adb', 'aDb', 'a1b'], warns: true },
  { why: '\\d is the letter d when case-sensitive', pattern: '^a\\db$', flags: 'i', match: ['adb'], noMatch: ['aDb', 'a1b'] },
  { why: 'an escaped upper-case letter is that letter, either case', pattern: '^g\\Dh$', flags: '', match: ['gDh', 'gdh'], noMatch: ['gxh', 'g1h'] },
  { why: '\\w is a word character (GNU)', pattern: '^c\\wd$', flags: '', match: ['c_d', 'c9d'], noMatch: ['c-d'] },
  { why: '\\s is white space (GNU)', pattern: '^e\\sf$', flags: '', match: ['e f'], noMatch: ['esf'] },
  { why: 'a backslash in brackets is a backslash', pattern: '^n[\\d]o$', flags: '', match: ['ndo', 'n\\o'], noMatch: ['n1o'] },
  { why: 'POSIX classes in brackets', pattern: '^p[[:alpha:]][[:digit:]]q$', flags: '', match: ['px1q'], noMatch: ['p1xq'] },
  { why: '\\< is the start of a word (GNU)', pattern: '\\<rr', flags: '', match: ['a rr', 'rr'], noMatch: ['arr'] },
  { why: 'stacked quantifiers: *? is (…*)?, not a lazy star', pattern: '^l*?m$', flags: '', match: ['m', 'lm', 'llm'], noMatch: ['lx'] },
  { why: 'stacked quantifiers: +? is (…+)?', pattern: '^y+?z$', flags: '', match: ['z', 'yz', 'yyz'], noMatch: ['yy'] },
  { why: 'an empty alternative matches the empty string', pattern: 'a||b', flags: '', match: ['a', 'c'], noMatch: [] },
  { why: '] first in brackets is a ]', pattern: '^[]a]$', flags: '', match: [']', 'a'], noMatch: ['b'] },
  { why: '] first in a negated list is a ]', pattern: '^[^]a]$', flags: '', match: ['b'], noMatch: [']', 'a'] },
  { why: '[a\\] ends at the first ]', pattern: '^[a\\]]$', flags: '', match: ['a]', '\\]'], noMatch: ['a'] },
  { why: '{,n} is {0,n}', pattern: '^a{,3}$', flags: '', match: ['a', 'aaa'], noMatch: ['aaaa'] },
  { why: 'an escaped brace in extended syntax is a brace', pattern: '^x\\{2\\}$', flags: '', match: ['x{2}'], noMatch: ['xx'] },
  { why: 'escaped parentheses in extended syntax are parentheses', pattern: '^\\(a\\)$', flags: '', match: ['(a)'], noMatch: ['a'] },
  { why: 'an escaped bar in extended syntax is a bar', pattern: '^a\\|b$', flags: '', match: ['a|b'], noMatch: ['a', 'b'] },
  { why: 'an escaped plus in extended syntax is a plus', pattern: '^a\\+$', flags: '', match: ['a+'], noMatch: ['aa'] },
  { why: 'a ) without ( is a )', pattern: 'a)', flags: '', match: ['a)'], noMatch: ['a'] },
  { why: 'back references, case-insensitive too', pattern: '^(a)\\1$', flags: '', match: ['aa', 'aA'], noMatch: ['ab'] },
  { why: '- last in brackets is a -', pattern: '^[[:digit:]-]+$', flags: '', match: ['12-3'], noMatch: ['ab'] },
  { why: 'a collating symbol of one character', pattern: '^[[.-.]]$', flags: '', match: ['-'], noMatch: ['h'] },
  { why: 'an equivalence class of one character', pattern: '^[[=a=]]$', flags: '', match: ['a', 'A'], noMatch: ['b'] },
  { why: 'ranges fold case too', pattern: '^[A-Z]$', flags: '', match: ['a', 'A'], noMatch: ['1'] },
  { why: 'ranges are case-sensitive with i', pattern: '^[A-Z]$', flags: 'i', match: ['A'], noMatch: ['a'] },
  { why: '\\0 is a 0', pattern: '^x\\0$', flags: '', match: ['x0'], noMatch: ['x'] },
  { why: 'the empty pattern matches everything', pattern: '', flags: '', match: ['a', ''], noMatch: [] },
  { why: 'basic syntax (x): \\( \\) group', pattern: '^\\(a\\)b$', flags: 'x', match: ['ab'], noMatch: ['(a)b'] },
  { why: 'basic syntax: + is a plus', pattern: '^a+$', flags: 'x', match: ['a+'], noMatch: ['aa'] },
  { why: 'basic syntax: \\+ repeats (GNU)', pattern: '^a\\+$', flags: 'x', match: ['a', 'aa'], noMatch: ['a+'] },
  { why: 'basic syntax: | is a bar', pattern: '^a|b$', flags: 'x', match: ['a|b'], noMatch: ['a', 'b'] },
  { why: 'basic syntax: \\| alternates (GNU)', pattern: '^a\\|b$', flags: 'x', match: ['a', 'b'], noMatch: ['c'] },
  { why: 'basic syntax: * first is a star', pattern: '^*a', flags: 'x', match: ['*a'], noMatch: ['a'] },
  { why: 'basic syntax: ^ and $ inside are characters', pattern: 'a^b$c', flags: 'x', match: ['a^b$c'], noMatch: ['ab'] },
  { why: 'basic syntax: \\{ \\} interval', pattern: '^a\\{2\\}$', flags: 'x', match: ['aa'], noMatch: ['a{2}'] },
  { why: 'basic syntax: $ before \\) is an anchor', pattern: '\\(a$\\)', flags: 'x', match: ['a', 'ba'], noMatch: ['a$'] },
];

/** Patterns glibc refuses (Postfix skips the rule with a warning), with the start of glibc's message. */
export const POSIX_REFUSED: readonly { pattern: string; flags: string; error: string }[] = [
  { pattern: 'i{$', flags: '', error: 'Unmatched \\{' },
  { pattern: 'a{x}', flags: '', error: 'Invalid content of \\{\\}' },
  { pattern: '(?:k)', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: '*a', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: '(*a)', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: 'a|*b', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: '^*a', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: 'a$*', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: '{1}a', flags: '', error: 'Invalid preceding regular expression' },
  { pattern: 'a{2,1}', flags: '', error: 'Invalid content of \\{\\}' },
  { pattern: '(a)\\2', flags: '', error: 'Invalid back reference' },
  { pattern: '[[:foo:]]', flags: '', error: 'Invalid character class name' },
  { pattern: '[a', flags: '', error: 'Unmatched [' },
  { pattern: '(a', flags: '', error: 'Unmatched ( or \\(' },
  { pattern: 'a{99999}', flags: '', error: 'Regular expression too big' },
  { pattern: '[a-c-e]', flags: '', error: 'Invalid range end' },
  { pattern: '[[.hyphen.]]', flags: '', error: 'Invalid collation character' },
  { pattern: 'a**', flags: 'x', error: 'Invalid preceding regular expression' },
];
