// PCRE patterns as Postfix's pcre: tables compile them → JavaScript RegExp source. Most of PCRE is JS already;
// what is not is rewritten where JS has an equivalent, and refused with a clear message where it has none.
//
// Rewritten: Postfix's flags (i and s on by default; m, x, A, E, U), a `$` that also matches before a final newline
// (PCRE's default), \A \z \Z \h \H \v \V \R \N \e \a \Q…\E \x{…} \o{…} \g{n} \k{name}, (?P<name>…) (?P=name)
// (?'name'…), (?#comments), POSIX classes in brackets ([[:alpha:]]), a `]` first in brackets, and option settings
// such as (?i) at the very start of the pattern.
// Refused (no JS equivalent): possessive quantifiers (a++), atomic groups (?>…), recursion and subroutine calls
// (?R) (?1) (?&name), conditionals (?(…)…), branch reset (?|…), callouts, backtracking verbs (*SKIP), \K \G \X \C,
// Unicode properties \p{…}, and option settings after the start of the pattern.

import { classChar, literal, PatternError } from './posix.js';

/** Postfix's pcre: flags (pcre_table(5)); defaults: caseless and dotall on, the rest off. */
export interface PcreFlags {
  caseless: boolean;
  dotall: boolean;
  multiline: boolean;
  extended: boolean;
  anchored: boolean;
  dollarEndOnly: boolean;
  ungreedy: boolean;
}

/** The translated pattern (as posix.ts gives it). */
export interface PcreTranslated {
  source: string;
  flags: string;
  groups: number;
  warnings: string[];
}

/** Escapes that are assertions: PCRE refuses a quantifier after them. */
const ASSERTIONS = new Set(['A', 'z', 'Z', 'b', 'B', 'G', 'K']);

const VERTICAL = '\\n\\x0b\\f\\r\\x85\\u2028\\u2029';
const HORIZONTAL = ' \\t\\xa0';

/** POSIX classes (ASCII, as PCRE reads them without UCP) as JS class contents. */
const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
  word: '0-9A-Za-z_', ascii: '\\x00-\\x7f',
};
/** The negated POSIX classes JS can say inside brackets. */
const NEGATED_CLASSES: Record<string, string> = { digit: '\\D', space: '\\S', word: '\\W' };

/** Translates a PCRE pattern with Postfix's flags. */
export function translatePcre(pattern: string, flags: PcreFlags): PcreTranslated {
  const p = new PcreParser(pattern, { ...flags });
  const source = p.run();
  const f = p.flags;
  const js = (f.caseless ? 'i' : '') + (f.dotall ? 's' : '') + (f.multiline ? 'm' : '') + (f.anchored ? 'y' : '');
  return { source, flags: js, groups: p.groups, warnings: [] };
}

class PcreParser {
  private i = 0;
  groups = 0;
  private out = '';
  /** whether the last item may take a quantifier (PCRE refuses one after ^, $, \A, \z, \Z, \b, \B) */
  private repeatable = false;
  /** the highest numbered back reference: PCRE refuses one to a group the pattern does not have */
  private maxRef = 0;

  constructor(private readonly s: string, readonly flags: PcreFlags) {}

  run(): string {
    this.leadingOptions();
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (this.flags.extended && this.skipExtended()) continue;
      switch (c) {
        case '\\': {
          const next = s[this.i + 1];
          const js = this.escape(false);
          if (next !== 'E') this.repeatable = js !== '' && !ASSERTIONS.has(next ?? '');
          this.out += js;
          break;
        }
        case '(':
          this.group();
          this.repeatable = false;
          break;
        case '[':
          this.out += this.bracket();
          this.repeatable = true;
          break;
        case '$':
          this.i++;
          // without m or E, PCRE's $ also matches before a newline that ends the subject
          this.out += this.flags.multiline || this.flags.dollarEndOnly ? '$' : '(?=\\n?(?![\\s\\S]))';
          this.repeatable = false;
          break;
        case '*':
        case '+':
        case '?':
          this.i++;
          this.out += this.quantifierTail(c);
          break;
        case '{': {
          const m = /^\{\d+(?:,\d*)?\}/.exec(s.slice(this.i));
          this.i += m === null ? 1 : m[0].length;
          if (m === null) {
            this.out += '\\{';
            this.repeatable = true;
          } else {
            this.out += this.quantifierTail(m[0]);
          }
          break;
        }
        default:
          this.i++;
          this.out += c === '/' ? '\\/' : c;
          this.repeatable = c !== '^' && c !== '|';
      }
    }
    if (this.maxRef > this.groups) throw new PatternError(`reference to non-existent subpattern \\${this.maxRef}`);
    return this.out;
  }

  /** `(?i)`, `(?s-i)`… at the very start set the flags of the whole pattern, which JS can say. */
  private leadingOptions(): void {
    for (;;) {
      const m = /^\(\?([imsxU]*)(?:-([imsxU]*))?\)/.exec(this.s.slice(this.i));
      if (m === null || m[0] === '(?)') return;
      for (const c of m[1] ?? '') this.setOption(c, true);
      for (const c of m[2] ?? '') this.setOption(c, false);
      this.i += m[0].length;
    }
  }

  private setOption(c: string, on: boolean): void {
    const key = ({ i: 'caseless', m: 'multiline', s: 'dotall', x: 'extended', U: 'ungreedy' } as const)[c as 'i'];
    this.flags[key] = on;
  }

  /** In extended mode, whitespace and `#` comments outside brackets are not part of the pattern. */
  private skipExtended(): boolean {
    const c = this.s[this.i]!;
    if (/[ \t\n\v\f\r]/.test(c)) {
      this.i++;
      return true;
    }
    if (c === '#') {
      const nl = this.s.indexOf('\n', this.i);
      this.i = nl < 0 ? this.s.length : nl + 1;
      return true;
    }
    return false;
  }

  /** After a quantifier: `?` makes it lazy, `+` possessive (refused); the U flag swaps greedy and lazy. */
  private quantifierTail(q: string): string {
    if (!this.repeatable) throw new PatternError(`quantifier ${q} does not follow a repeatable item`);
    // a quantifier on a quantifier is PCRE's error too (JS's "Nothing to repeat")
    this.repeatable = false;
    const next = this.s[this.i];
    if (next === '+') throw new PatternError(`the possessive quantifier ${q}+ is PCRE-only (JavaScript has none)`);
    let lazy = false;
    if (next === '?') {
      lazy = true;
      this.i++;
    }
    if (this.flags.ungreedy) lazy = !lazy;
    return q + (lazy ? '?' : '');
  }

  private group(): void {
    const s = this.s;
    const rest = s.slice(this.i);
    if (rest.startsWith('(*')) throw new PatternError(`${verb(rest)}: backtracking verbs and start-of-pattern settings are PCRE-only`);
    if (!rest.startsWith('(?')) {
      this.groups++;
      this.i++;
      this.out += '(';
      return;
    }
    const comment = /^\(\?#[^)]*\)/.exec(rest);
    if (comment !== null) {
      this.i += comment[0].length;
      return;
    }
    for (const plain of ['(?:', '(?=', '(?!', '(?<=', '(?<!']) {
      if (rest.startsWith(plain)) {
        this.i += plain.length;
        this.out += plain;
        return;
      }
    }
    const named = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
    if (named !== null) {
      this.groups++;
      this.i += named[0].length;
      this.out += `(?<${named[1] ?? named[2]}>`;
      return;
    }
    const backref = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
    if (backref !== null) {
      this.i += backref[0].length;
      this.out += `\\k<${backref[1]}>`;
      return;
    }
    throw new PatternError(`${groupName(rest)} is PCRE-only (JavaScript has no equivalent)`);
  }

  /** A backslash sequence (in brackets when `inClass`), as JS source. */
  private escape(inClass: boolean): string {
    const s = this.s;
    const c = s[this.i + 1];
    if (c === undefined) throw new PatternError('\\ at end of pattern');
    this.i += 2;
    switch (c) {
      case 'Q': {
        const end = s.indexOf('\\E', this.i);
        const text = s.slice(this.i, end < 0 ? s.length : end);
        this.i = end < 0 ? s.length : end + 2;
        return [...text].map(inClass ? classChar : literal).join('');
      }
      case 'E':
        return '';
      case 'A':
        if (inClass) break;
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) break;
        return '(?![\\s\\S])';
      case 'Z':
        if (inClass) break;
        return '(?=\\n?(?![\\s\\S]))';
      case 'h':
        return inClass ? HORIZONTAL : `[${HORIZONTAL}]`;
      case 'H':
        if (inClass) break;
        return `[^${HORIZONTAL}]`;
      case 'v':
        return inClass ? VERTICAL : `[${VERTICAL}]`;
      case 'V':
        if (inClass) break;
        return `[^${VERTICAL}]`;
      case 'R':
        if (inClass) break;
        return `(?:\\r\\n|[${VERTICAL}])`;
      case 'N':
        if (inClass || s[this.i] === '{') break;
        return '[^\\n]';
      case 'e':
        return '\\x1b';
      case 'a':
        return '\\x07';
      case 'x': {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(this.i));
        if (braced === null) return '\\x';
        this.i += braced[0].length;
        return codeUnit(parseInt(braced[1]!, 16), `\\x{${braced[1]}}`);
      }
      case 'o': {
        const braced = /^\{([0-7]+)\}/.exec(s.slice(this.i));
        if (braced === null) break;
        this.i += braced[0].length;
        return codeUnit(parseInt(braced[1]!, 8), `\\o{${braced[1]}}`);
      }
      case 'g':
      case 'k':
        if (inClass) break;
        return this.reference(c);
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'f': case 'n': case 'r': case 't': case 'c': case '0':
        return '\\' + c;
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        // one digit is a back reference; more are PCRE's and JS's business alike (a reference, or octal)
        if (!inClass && !/\d/.test(s[this.i] ?? '')) this.maxRef = Math.max(this.maxRef, Number(c));
        return '\\' + c;
      case 'b':
      case 'B':
        // \b in brackets is a backspace in both
        return '\\' + c;
    }
    if (/[A-Za-z]/.test(c)) throw new PatternError(`\\${c} is PCRE-only or unknown to PCRE (JavaScript has no equivalent)`);
    return inClass ? classChar(c) : literal(c);
  }

  /** \g{1}, \g1, \g{-1}, \g{name}, \k<name>, \k'name', \k{name}: back references. */
  private reference(c: string): string {
    const rest = this.s.slice(this.i);
    const m = c === 'g' ? /^(?:\{(-?\d+)\}|(-?\d+)|\{([A-Za-z_]\w*)\})/.exec(rest) : /^(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|\{([A-Za-z_]\w*)\})/.exec(rest);
    if (m === null) throw new PatternError(`\\${c}${rest.slice(0, 8)}: a back reference JavaScript cannot say`);
    this.i += m[0].length;
    if (c === 'k') return `\\k<${m[1] ?? m[2] ?? m[3]}>`;
    if (m[3] !== undefined) return `\\k<${m[3]}>`;
    let n = Number(m[1] ?? m[2]);
    if (n < 0) n = this.groups + 1 + n;
    if (n < 1) throw new PatternError(`\\g${m[0]}: a relative back reference before the first group`);
    this.maxRef = Math.max(this.maxRef, n);
    // a non-capturing group keeps the number from running into digits that follow
    return `(?:\\${n})`;
  }

  /** A character class; the cursor is at `[`. */
  private bracket(): string {
    const s = this.s;
    this.i++;
    let out = '[';
    if (s[this.i] === '^') {
      out += '^';
      this.i++;
    }
    // a `]` first is an ordinary character in PCRE; JS would read `[]` as an empty class
    if (s[this.i] === ']') {
      out += '\\]';
      this.i++;
    }
    for (;;) {
      if (this.i >= s.length) throw new PatternError('missing terminating ] for character class');
      const c = s[this.i]!;
      if (c === ']') {
        this.i++;
        return out + ']';
      }
      if (c === '\\') {
        out += this.escape(true);
        continue;
      }
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(this.i));
      if (posix !== null) {
        const [, neg, name] = posix;
        const js = neg === '' ? POSIX_CLASSES[name!] : NEGATED_CLASSES[name!];
        if (js === undefined) {
          throw new PatternError(POSIX_CLASSES[name!] === undefined ? `unknown POSIX class name [:${name}:]` : `[:^${name}:] inside brackets: JavaScript cannot say it (use [^[:${name}:]])`);
        }
        out += js;
        this.i += posix[0].length;
        continue;
      }
      out += c === '[' ? '\\[' : c;
      this.i++;
    }
  }
}

/** A code point as a JS escape (without the u flag only the Basic Multilingual Plane can be said). */
function codeUnit(n: number, text: string): string {
  if (n > 0xffff) throw new PatternError(`${text}: a character beyond U+FFFF needs Unicode mode`);
  return `\\u${n.toString(16).padStart(4, '0')}`;
}

/** `(*SKIP)`, `(*UTF)`: the verb as written, for messages. */
function verb(rest: string): string {
  const end = rest.indexOf(')');
  return end < 0 ? rest.slice(0, 10) : rest.slice(0, end + 1);
}

/** What a `(?` construct JS lacks is called, for messages. */
function groupName(rest: string): string {
  if (rest.startsWith('(?>')) return 'the atomic group (?>…)';
  if (rest.startsWith('(?|')) return 'the branch reset group (?|…)';
  if (rest.startsWith('(?(')) return 'the conditional group (?(…)…)';
  if (rest.startsWith('(?C')) return 'the callout (?C…)';
  if (/^\(\?(?:R|[+-]?\d+|&\w+|P>\w+)\)/.test(rest)) return `the recursion or subroutine call ${verb(rest)}`;
  if (/^\(\?[a-zA-Z^-]*[:)]/.test(rest)) return `the option setting ${verb(rest).replace(/:.*/, ':…)')} after the start of the pattern`;
  return `the group ${rest.slice(0, 4)}…`;
}
