// regexp: and pcre: tables (regexp_table(5), pcre_table(5)): `/pattern/flags result`, `!/pattern/ result`,
// regexp's `/a/!/b/ result` (a matches and b does not), and `if /pattern/` … `endif`, nesting. Rules are tried in
// file order against the whole string; the first that matches gives its result, with $1, ${1}, $(1) replaced by
// what the groups matched and $$ by $.
//
// Postfix skips a rule it cannot compile (with a warning, so the rule silently never matches); postsumm refuses
// the table instead, naming the line: a what-if run is where such a mistake should show.

import { logicalLines } from './lines.js';
import { translatePcre } from './pcre.js';
import { PatternError, translatePosix } from './posix.js';
import { TableError, type TableEntry, type TableMatch } from './types.js';

/** The two pattern dialects. */
export type PatternSyntax = 'regexp' | 'pcre';

/** A compiled pattern: the RegExp, and whether the rule wants it to match (`!/…/` wants it not to). */
interface Compiled {
  re: RegExp;
  match: boolean;
}

/** A piece of a result: literal text, or the number of a group to put in. */
type Piece = string | number;

type Rule =
  | { op: 'match'; entry: TableEntry; first: Compiled; second: Compiled | null; pieces: Piece[]; maxSub: number }
  | { op: 'if'; line: number; pattern: Compiled; endif: number }
  | { op: 'endif' };

/** A parsed regexp: or pcre: table. */
export class PatternTable {
  private constructor(private readonly rules: Rule[], readonly entries: TableEntry[], readonly warnings: string[]) {}

  /**
   * Parses a table's text. A line Postfix would skip (a rule it cannot compile, a line it does not understand) is
   * a TableError naming it; what Postfix accepts with a warning is kept, and the warning said in `warnings`.
   */
  static parse(text: string, syntax: PatternSyntax): PatternTable {
    const { lines, orphans } = logicalLines(text);
    const warnings = orphans.map((o) => `line ${o.line}: a logical line must not start with whitespace (Postfix skips "${o.text}")`);
    const rules: Rule[] = [];
    const entries: TableEntry[] = [];
    const open: number[] = [];
    for (const { line, text: t } of lines) {
      const fail = (why: string): never => {
        throw new TableError(line, t, why);
      };
      try {
        if (!/^[A-Za-z0-9]/.test(t)) {
          const r = matchRule(t, syntax, line, entries.length, warnings);
          entries.push(r.entry);
          rules.push(r);
        } else if (/^if(?![A-Za-z0-9])/i.test(t)) {
          const cursor = { at: 2 };
          const pattern = readPattern(t, cursor, syntax, line, warnings);
          // Postfix ignores the extra text with a warning: it is usually an indented rule, which is then lost
          const extra = t.slice(cursor.at).trim();
          if (extra !== '') warnings.push(`line ${line}: text after the pattern of an "if" is ignored (do not indent the rules between if and endif): "${extra}"`);
          open.push(rules.length);
          rules.push({ op: 'if', line, pattern, endif: -1 });
        } else if (/^endif(?![A-Za-z0-9])/i.test(t)) {
          const at = open.pop();
          if (at === undefined) {
            warnings.push(`line ${line}: "endif" without "if" is ignored`);
            continue;
          }
          if (t.slice(5).trim() !== '') warnings.push(`line ${line}: text after "endif" is ignored`);
          (rules[at] as { endif: number }).endif = rules.length;
          rules.push({ op: 'endif' });
        } else {
          fail('not a rule: a rule starts with a pattern delimiter such as /, or is "if" or "endif"');
        }
      } catch (err) {
        if (err instanceof PatternError) fail(err.message);
        throw err;
      }
    }
    // Postfix warns, and a lookup the unclosed "if" rejects ends there, with no match
    for (const at of open) warnings.push(`line ${(rules[at] as { line: number }).line}: "if" without "endif": when its pattern does not match, no rule after it is tried`);
    return new PatternTable(rules, entries, warnings);
  }

  /** The first rule that matches `key`, with its result; null when none does. */
  find(key: string): TableMatch | null {
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (r.op === 'endif') continue;
      if (r.op === 'if') {
        if (matches(r.pattern, key)) continue;
        if (r.endif < 0) return null;
        i = r.endif;
        continue;
      }
      const groups = test(r.first, key);
      if (groups === null) continue;
      if (r.second !== null && !matches(r.second, key)) continue;
      return { entry: r.entry, value: r.maxSub === 0 ? (r.pieces[0] as string | undefined) ?? '' : expand(r.pieces, groups) };
    }
    return null;
  }
}

/** A match rule: pattern(s), then the result after whitespace. */
function matchRule(t: string, syntax: PatternSyntax, line: number, index: number, warnings: string[]): Extract<Rule, { op: 'match' }> {
  const cursor = { at: 0 };
  const first = readPattern(t, cursor, syntax, line, warnings);
  let second: Compiled | null = null;
  // regexp: only, `/a/!/b/`: and b does not match (regexp_table(5) no longer documents it; dict_regexp.c takes it)
  if (syntax === 'regexp' && t[cursor.at] === '!') second = readPattern(t, cursor, syntax, line, warnings);
  const key = t.slice(0, cursor.at);
  const value = t.slice(cursor.at).replace(/^\s+/, '');
  if (value === '') warnings.push(`line ${line}: no result after the pattern (Postfix uses the empty string)`);
  const { pieces, maxSub } = parseResult(value);
  if (maxSub > 0 && !first.match) throw new PatternError('$number in the result of a negated pattern (!/…/): there is nothing to substitute');
  if (maxSub > first.groups) throw new PatternError(`$${maxSub} in the result, but the pattern has ${first.groups} group${first.groups === 1 ? '' : 's'}`);
  return { op: 'match', entry: { index, line, key, action: value }, first, second, pieces, maxSub };
}

/**
 * A delimited pattern and its flags at `cursor` (after any `!`s, each of which toggles negation), compiled.
 * `maxGroups` is its number of capturing groups.
 */
function readPattern(t: string, cursor: { at: number }, syntax: PatternSyntax, line: number, warnings: string[]): Compiled & { groups: number } {
  let match = true;
  let at = cursor.at;
  while (t[at] === '!' || /\s/.test(t[at] ?? '')) {
    if (t[at] === '!') match = !match;
    at++;
  }
  if (at >= t.length) throw new PatternError('no pattern');
  const delim = t[at]!;
  if (/[A-Za-z0-9\s]/.test(delim)) throw new PatternError(`"${delim}" cannot delimit a pattern (any other character can; / is usual)`);
  const start = ++at;
  // the closing delimiter: a backslash hides the character after it (and stays in the pattern)
  while (at < t.length && t[at] !== delim) at += t[at] === '\\' && at + 1 < t.length ? 2 : 1;
  if (at >= t.length) throw new PatternError(`no closing delimiter "${delim}"`);
  const source = t.slice(start, at);
  at++;
  const flagStart = at;
  while (at < t.length && !/\s/.test(t[at]!) && !(syntax === 'regexp' && t[at] === '!')) at++;
  const flags = t.slice(flagStart, at);
  cursor.at = at;
  const translated = syntax === 'regexp' ? translatePosix(source, posixFlags(flags)) : translatePcre(source, pcreFlags(flags));
  for (const w of translated.warnings) warnings.push(`line ${line}: ${w}`);
  let re: RegExp;
  try {
    re = new RegExp(translated.source, translated.flags);
  } catch (err) {
    throw new PatternError(`the pattern cannot be compiled: ${(err as Error).message}`);
  }
  return { re, match, groups: translated.groups };
}

/** regexp: flags toggle regcomp's: i (REG_ICASE, on by default), x (REG_EXTENDED, on by default), m (REG_NEWLINE). */
function posixFlags(flags: string): { extended: boolean; icase: boolean; newline: boolean } {
  const f = { extended: true, icase: true, newline: false };
  for (const c of flags) {
    if (c === 'i') f.icase = !f.icase;
    else if (c === 'x') f.extended = !f.extended;
    else if (c === 'm') f.newline = !f.newline;
    else throw new PatternError(`unknown flag "${c}" (a regexp: table takes i, m and x)`);
  }
  return f;
}

/** pcre: flags toggle PCRE's options; i and s are on by default. */
function pcreFlags(flags: string): Parameters<typeof translatePcre>[1] {
  const f = { caseless: true, dotall: true, multiline: false, extended: false, anchored: false, dollarEndOnly: false, ungreedy: false };
  const names = { i: 'caseless', s: 'dotall', m: 'multiline', x: 'extended', A: 'anchored', E: 'dollarEndOnly', U: 'ungreedy' } as const;
  for (const c of flags) {
    // X (PCRE_EXTRA) is obsolete: Postfix with PCRE2 ignores it
    if (c === 'X') continue;
    const name = names[c as keyof typeof names];
    if (name === undefined) throw new PatternError(`unknown flag "${c}" (a pcre: table takes i, m, s, x, A, E, U and X)`);
    f[name] = !f[name];
  }
  return f;
}

/**
 * The result text split into literal pieces and group numbers, as Postfix's mac_parse reads it: `$$` is `$`,
 * `$1`, `${1}` and `$(1)` name group 1; any other `$name` or a lone `$` makes Postfix skip the rule.
 */
export function parseResult(value: string): { pieces: Piece[]; maxSub: number } {
  const pieces: Piece[] = [];
  let text = '';
  let maxSub = 0;
  for (let i = 0; i < value.length;) {
    const c = value[i]!;
    if (c !== '$') {
      text += c;
      i++;
      continue;
    }
    if (value[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    let name: string;
    const open = value[i + 1];
    if (open === '{' || open === '(') {
      const close = open === '{' ? '}' : ')';
      let level = 1;
      let end = i + 2;
      for (; end < value.length && level > 0; end++) {
        if (value[end] === open) level++;
        else if (value[end] === close) level--;
      }
      if (level > 0) throw new PatternError(`unterminated "$${open}" in the result (write $$ for a $)`);
      name = value.slice(i + 2, end - 1);
      i = end;
    } else {
      const m = /^[A-Za-z0-9_]*/.exec(value.slice(i + 1))![0];
      name = m;
      i += 1 + m.length;
    }
    if (name === '') throw new PatternError('a "$" with no group number in the result (write $$ for a $)');
    if (!/^\d+$/.test(name)) throw new PatternError(`"$${name}" in the result is not a group number (write $$ for a $)`);
    const n = Number(name);
    if (n < 1) throw new PatternError(`"$${name}": group numbers start at 1`);
    if (text !== '') pieces.push(text);
    text = '';
    pieces.push(n);
    maxSub = Math.max(maxSub, n);
  }
  if (text !== '' || pieces.length === 0) pieces.push(text);
  return { pieces, maxSub };
}

/** The result with its group numbers replaced by what they matched (a group that matched nothing gives ''). */
function expand(pieces: readonly Piece[], groups: RegExpExecArray): string {
  let out = '';
  for (const p of pieces) out += typeof p === 'string' ? p : groups[p] ?? '';
  return out;
}

/** Whether the pattern decides for `key` as the rule wants (it matches, or for `!` it does not). */
function matches(c: Compiled, key: string): boolean {
  c.re.lastIndex = 0;
  return c.re.test(key) === c.match;
}

/** The groups when the pattern decides for `key` (an empty list for a negated one), else null. */
function test(c: Compiled, key: string): RegExpExecArray | null {
  c.re.lastIndex = 0;
  const m = c.re.exec(key);
  if (c.match) return m;
  return m === null ? (Object.assign([''], { index: 0, input: key }) as unknown as RegExpExecArray) : null;
}
