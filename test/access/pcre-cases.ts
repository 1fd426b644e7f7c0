// PCRE patterns as Postfix's pcre: tables read them: each row a pattern as written in a table (with its Postfix
// flags), strings it matches and strings it does not. pcre.test.ts checks our translation against them, and
// postmap.test.ts checks them against `postmap -q … pcre:` wherever Postfix's PCRE map (postfix-pcre) is installed;
// they were found so with Postfix 3.7.11 and PCRE2 on Debian 12.

/** One pattern: what matches and what does not. */
export interface PcreCase {
  why: string;
  pattern: string;
  /** Postfix's pcre flags after the closing delimiter, each toggling one (i and s are on by default) */
  flags: string;
  match: string[];
  noMatch: string[];
}

export const PCRE_CASES: readonly PcreCase[] = [
  { why: 'caseless by default', pattern: '^dhcp\\d', flags: '', match: ['DHCP7.example'], noMatch: ['dhcpx'] },
  { why: 'i makes it case-sensitive', pattern: '^dhcp\\d', flags: 'i', match: ['dhcp7'], noMatch: ['DHCP7'] },
  { why: 'dotall by default: . matches a newline', pattern: '^a.b$', flags: '', match: ['a\nb'], noMatch: [] },
  { why: 's turns dotall off', pattern: '^a.b$', flags: 's', match: ['axb'], noMatch: ['a\nb'] },
  { why: '$ also matches before a final newline (PCRE, not JS)', pattern: '^ab$', flags: '', match: ['ab', 'ab\n'], noMatch: ['ab\nc'] },
  { why: 'E: $ only at the very end', pattern: '^ab$', flags: 'E', match: ['ab'], noMatch: ['ab\n'] },
  { why: 'm: ^ after a newline', pattern: '^b', flags: 'm', match: ['a\nb'], noMatch: ['ab'] },
  { why: 'x: white space and # comments are not part of the pattern', pattern: '^ a \\  b # a comment', flags: 'x', match: ['a b'], noMatch: ['ab'] },
  { why: 'A: anchored at the start', pattern: 'b', flags: 'A', match: ['bc'], noMatch: ['ab'] },
  { why: '\\A and \\z', pattern: '\\Aab\\z', flags: '', match: ['ab'], noMatch: ['ab\n', 'xab'] },
  { why: '\\Z matches before a final newline', pattern: 'ab\\Z', flags: '', match: ['ab', 'ab\n'], noMatch: ['ab\nc'] },
  { why: '\\Q…\\E quotes', pattern: '^\\Qa.b*\\E$', flags: '', match: ['a.b*'], noMatch: ['axb'] },
  { why: '\\h is horizontal space', pattern: '^a\\hb$', flags: '', match: ['a b', 'a\tb'], noMatch: ['a\nb'] },
  { why: '\\R is any line break', pattern: '^a\\Rb$', flags: '', match: ['a\r\nb', 'a\nb'], noMatch: ['a b'] },
  { why: 'POSIX classes in brackets', pattern: '^[[:alpha:]][[:digit:]]$', flags: '', match: ['a1'], noMatch: ['1a'] },
  { why: 'a negated POSIX class JS can say', pattern: '^[[:^digit:]]$', flags: '', match: ['a'], noMatch: ['1'] },
  { why: '] first in brackets is a ]', pattern: '^[]a]$', flags: '', match: [']', 'a'], noMatch: ['b'] },
  { why: 'named groups, Python style, and their back references', pattern: '^(?P<x>a)(?P=x)$', flags: '', match: ['aa'], noMatch: ['ab'] },
  { why: '\\g{-1} is the group before', pattern: '^(a)(b)\\g{-1}$', flags: '', match: ['abb'], noMatch: ['aba'] },
  { why: '(?#…) is a comment', pattern: '^a(?#note)b$', flags: '', match: ['ab'], noMatch: ['a(?#note)b'] },
  { why: '(?i) at the start sets the flag for the whole pattern', pattern: '(?i)^AB$', flags: 'i', match: ['ab', 'AB'], noMatch: ['ac'] },
  { why: 'U swaps greedy and lazy', pattern: '^(a+)', flags: 'U', match: ['aaa'], noMatch: [] },
  { why: '\\x{…} is a code point', pattern: '^\\x{41}$', flags: 'i', match: ['A'], noMatch: ['a'] },
  { why: 'lookbehind', pattern: '(?<!mail)\\.example$', flags: '', match: ['x.example'], noMatch: ['mail.example'] },
];
