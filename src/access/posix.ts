// POSIX regular expressions as Postfix's regexp: tables compile them (regcomp(3) of glibc, the C library of the
// Linux systems Postfix mostly runs on) → JavaScript RegExp source that matches the same strings.
//
// What differs, and how it is handled (each checked against `postmap -q … regexp:` on Debian 12, glibc 2.36; see
// test/access/posix.test.ts):
//  - inside brackets a backslash is an ordinary character (`[\.]` is backslash or dot), `]` first is literal, and
//    [:class:], [=c=], [.c.] name characters; JS needs all of that spelled its own way;
//  - an escaped ordinary character is that character: `\d` is the letter d, not a digit. With the default
//    case-insensitive matching glibc compares an escaped lower-case letter untranslated against upper-cased
//    input, so `\d`, `\n` or `\t` never match anything there: translated to a pattern that never matches, with
//    a warning;
//  - GNU escapes \w \W \s \S \b \B \< \> \` \' are kept or rewritten to their JS equivalents;
//  - quantifiers stack in extended syntax (`a*?` is `(a*)?`, not a lazy star), so every quantifier after the
//    first wraps what it repeats in a non-capturing group: group numbers ($1, $2) stay the same;
//  - `(?:`, `(?=`, `*` with nothing before it and other constructs glibc refuses are refused with its words
//    (Postfix skips such a rule with a warning: it never matches).
// Matching itself agrees; only which text a group captures may differ where POSIX takes the longest and JS the
// first alternative (it matters for $1 substitutions only).

/** A pattern that cannot be translated, in glibc's words where glibc refuses it too. */
export class PatternError extends Error {}

/** How regcomp is asked to compile: Postfix's flags i, x and m toggle these (defaults: icase on, extended on). */
export interface PosixFlags {
  /** REG_EXTENDED: extended syntax (the `x` flag turns it off: basic syntax) */
  extended: boolean;
  /** REG_ICASE */
  icase: boolean;
  /** REG_NEWLINE (the `m` flag): `.` and `[^…]` stop at newlines, ^ and $ match at them */
  newline: boolean;
}

/** A translated pattern: JS source and flags, the number of capturing groups, and warnings about the pattern. */
export interface Translated {
  source: string;
  flags: string;
  groups: number;
  warnings: string[];
}

/** A JS pattern that never matches (an empty class): what glibc makes of an escaped lower-case letter under REG_ICASE. */
const NEVER = '[]';

/** The POSIX character classes of the C locale, as JS class contents. */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\v\\f\\r',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

/** glibc's RE_DUP_MAX: a larger interval count is "Regular expression too big". */
const DUP_MAX = 0x7fff;

/** Translates a POSIX (extended or basic) regular expression as glibc compiles it. */
export function translatePosix(pattern: string, flags: PosixFlags): Translated {
  const p = new PosixParser(pattern, flags);
  const source = p.run();
  const jsFlags = (flags.icase ? 'i' : '') + (flags.newline ? 'm' : 's');
  return { source, flags: jsFlags, groups: p.groups, warnings: p.warnings };
}

/** A parsed atom: its JS source, and whether a quantifier may follow it. */
interface Atom {
  js: string;
  /** false for anchors: glibc refuses `^*` and `$*` */
  repeatable: boolean;
}

class PosixParser {
  private i = 0;
  groups = 0;
  /** groups whose `)` has been read: a back reference may name only those */
  private readonly closed = new Set<number>();
  readonly warnings: string[] = [];
  private readonly ere: boolean;

  constructor(private readonly s: string, private readonly flags: PosixFlags) {
    this.ere = flags.extended;
  }

  run(): string {
    const out = this.alternation(0);
    // an extended `)` with no `(` is an ordinary character (glibc), so only a basic `\)` can be left over
    if (this.i < this.s.length) throw new PatternError('Unmatched ) or \\)');
    return out;
  }

  private alternation(depth: number): string {
    // glibc: a back reference may not name a group of another alternative (`(a)|\1`)
    const before = new Set(this.closed);
    const others = new Set<number>();
    const branches = [this.branch(depth)];
    while (this.atBar()) {
      this.i += this.ere ? 1 : 2;
      for (const n of this.closed) others.add(n);
      this.closed.clear();
      for (const n of before) this.closed.add(n);
      branches.push(this.branch(depth));
    }
    for (const n of others) this.closed.add(n);
    return branches.join('|');
  }

  private atBar(): boolean {
    return this.ere ? this.s[this.i] === '|' : this.s.startsWith('\\|', this.i);
  }

  private atClose(depth: number): boolean {
    if (depth === 0) return false;
    return this.ere ? this.s[this.i] === ')' : this.s.startsWith('\\)', this.i);
  }

  private branch(depth: number): string {
    let out = '';
    const start = this.i;
    let star = true;
    while (this.i < this.s.length && !this.atBar() && !this.atClose(depth)) {
      const atom = this.atom(depth, this.i === start, star);
      // basic syntax: after an assertion a `*` is an ordinary star, as at the start
      star = !atom.repeatable;
      out += atom.repeatable || this.ere ? this.quantified(atom) : atom.js;
    }
    return out;
  }

  /**
   * One atom. `first`: at the start of a branch, where basic syntax reads `^` as an anchor; `star`: where basic
   * syntax reads `*` as an ordinary character (the start of a branch, after an anchor).
   */
  private atom(depth: number, first: boolean, star: boolean): Atom {
    const s = this.s;
    const c = s[this.i]!;
    if (this.ere) {
      switch (c) {
        case '(':
          return this.group(depth);
        case '*':
        case '+':
        case '?':
        case '{':
          throw new PatternError('Invalid preceding regular expression');
        case '^':
        case '$':
          this.i++;
          return { js: c, repeatable: false };
      }
    } else {
      if (s.startsWith('\\(', this.i)) return this.group(depth);
      // basic syntax: `*` first in a branch or after an anchor is an ordinary star; ^ is an anchor only first,
      // $ only last (before the end, `\)` or `\|`)
      if (c === '*' && star) {
        this.i++;
        return { js: '\\*', repeatable: true };
      }
      if (c === '^' && first) {
        this.i++;
        return { js: '^', repeatable: false };
      }
      if (c === '$' && (this.i + 1 === s.length || s.startsWith('\\)', this.i + 1) || s.startsWith('\\|', this.i + 1))) {
        this.i++;
        return { js: '$', repeatable: false };
      }
      if (s.startsWith('\\{', this.i) || s.startsWith('\\+', this.i) || s.startsWith('\\?', this.i)) {
        throw new PatternError('Invalid preceding regular expression');
      }
    }
    if (c === '[') return { js: this.bracket(), repeatable: true };
    if (c === '.') {
      this.i++;
      return { js: this.flags.newline ? '[^\\n]' : '.', repeatable: true };
    }
    if (c === '\\') return this.escape();
    this.i++;
    return { js: literal(c), repeatable: true };
  }

  private group(depth: number): Atom {
    this.i += this.ere ? 1 : 2;
    if (this.ere && this.s[this.i] === '?') throw new PatternError(`Invalid preceding regular expression ("(?" is PCRE syntax, which regexp: tables do not take: use a pcre: table)`);
    const n = ++this.groups;
    const inner = this.alternation(depth + 1);
    if (!this.atClose(depth + 1)) throw new PatternError('Unmatched ( or \\(');
    this.i += this.ere ? 1 : 2;
    this.closed.add(n);
    return { js: `(${inner})`, repeatable: true };
  }

  /** A backslash outside brackets (the mode's own operators `\(`, `\|`, … are read before this). */
  private escape(): Atom {
    const c = this.s[this.i + 1];
    if (c === undefined) throw new PatternError('Trailing backslash');
    this.i += 2;
    switch (c) {
      case 'w': case 'W': case 's': case 'S':
        return { js: '\\' + c, repeatable: true };
      // glibc refuses a quantifier after any of these assertions, as after ^ and $
      case 'b': case 'B':
        return { js: '\\' + c, repeatable: false };
      case '<':
        return { js: '\\b(?=\\w)', repeatable: false };
      case '>':
        return { js: '\\b(?<=\\w)', repeatable: false };
      case '`':
        return { js: '(?<![\\s\\S])', repeatable: false };
      case "'":
        return { js: '(?![\\s\\S])', repeatable: false };
      case ')':
        // basic syntax; inside a group the parser has ended the group before it gets here
        if (!this.ere) throw new PatternError('Unmatched ) or \\)');
    }
    if (c >= '1' && c <= '9') {
      if (!this.closed.has(Number(c))) throw new PatternError('Invalid back reference');
      return { js: '\\' + c, repeatable: true };
    }
    if (c >= 'a' && c <= 'z' && this.flags.icase) {
      this.warnings.push(`\\${c} is the letter ${c} in a POSIX regular expression (not a ${ESCAPE_MEANINGS[c] ?? 'special character'}), and glibc never matches an escaped lower-case letter case-insensitively: this part matches nothing`);
      return { js: NEVER, repeatable: true };
    }
    return { js: literal(c), repeatable: true };
  }

  /** Quantifiers after an atom; each after the first wraps what it repeats, as glibc's stacked quantifiers do. */
  private quantified(atom: Atom): string {
    let js = atom.js;
    let count = 0;
    for (;;) {
      const q = this.quantifier();
      if (q === null) return js;
      if (!atom.repeatable) throw new PatternError('Invalid preceding regular expression');
      // basic syntax does not stack them (`a**` is refused)
      if (count > 0 && !this.ere) throw new PatternError('Invalid preceding regular expression');
      js = count === 0 ? js + q : `(?:${js})${q}`;
      count++;
    }
  }

  /** The quantifier at the cursor as JS, or null. */
  private quantifier(): string | null {
    const s = this.s;
    const c = s[this.i];
    if (c === '*') {
      this.i++;
      return '*';
    }
    if (this.ere) {
      if (c === '+' || c === '?') {
        this.i++;
        return c;
      }
      if (c === '{') {
        this.i++;
        return this.interval('}');
      }
      return null;
    }
    if (s.startsWith('\\+', this.i) || s.startsWith('\\?', this.i)) {
      this.i += 2;
      return s[this.i - 1]!;
    }
    if (s.startsWith('\\{', this.i)) {
      this.i += 2;
      return this.interval('\\}');
    }
    return null;
  }

  /** `{m}`, `{m,}`, `{m,n}`, `{,n}` (read as {0,n}, as glibc does); the cursor is after the opening brace. */
  private interval(close: string): string {
    const m = /^(\d*)(,?)(\d*)/.exec(this.s.slice(this.i))!;
    this.i += m[0].length;
    if (!this.s.startsWith(close, this.i)) {
      // glibc: no closing brace at all is "Unmatched", one after something else "Invalid content"
      throw new PatternError(this.s.includes(close, this.i) ? 'Invalid content of \\{\\}' : 'Unmatched \\{');
    }
    this.i += close.length;
    const [, lo, comma, hi] = m;
    if (lo === '' && comma === '') throw new PatternError('Invalid content of \\{\\}');
    const min = lo === '' ? 0 : Number(lo);
    const max = hi === '' ? null : Number(hi);
    if (min > DUP_MAX || (max !== null && max > DUP_MAX)) throw new PatternError('Regular expression too big');
    if (max !== null && max < min) throw new PatternError('Invalid content of \\{\\}');
    if (comma === '') return `{${min}}`;
    return max === null ? `{${min},}` : `{${min},${max}}`;
  }

  /** A bracket expression; the cursor is at `[`. */
  private bracket(): string {
    const s = this.s;
    this.i++;
    let negate = false;
    if (s[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let body = '';
    let first = true;
    for (;;) {
      if (this.i >= s.length) throw new PatternError('Unmatched [, [^, [:, [., or [=');
      if (s[this.i] === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      const start = this.bracketItem();
      // a range: `-` between two characters (a `-` first or last is an ordinary character)
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        const end = this.bracketItem();
        if (start.kind !== 'char' || end.kind !== 'char' || end.char.codePointAt(0)! < start.char.codePointAt(0)!) {
          throw new PatternError('Invalid range end');
        }
        body += `${classChar(start.char)}-${classChar(end.char)}`;
        // a range cannot start where one ends (`[a-c-e]`)
        if (s[this.i] === '-' && s[this.i + 1] !== ']') throw new PatternError('Invalid range end');
      } else {
        body += start.kind === 'char' ? classChar(start.char) : start.js;
      }
    }
    // REG_NEWLINE: a non-matching list does not match a newline either
    if (negate && this.flags.newline) body += '\\n';
    return `[${negate ? '^' : ''}${body}]`;
  }

  /** One character or [:class:] of a bracket expression. */
  private bracketItem(): { kind: 'char'; char: string } | { kind: 'class'; js: string } {
    const s = this.s;
    if (s[this.i] === '[' && (s[this.i + 1] === ':' || s[this.i + 1] === '.' || s[this.i + 1] === '=')) {
      const kind = s[this.i + 1]!;
      const end = s.indexOf(kind + ']', this.i + 2);
      if (end < 0) throw new PatternError('Unmatched [, [^, [:, [., or [=');
      const name = s.slice(this.i + 2, end);
      this.i = end + 2;
      if (kind === ':') {
        const js = CLASSES[name];
        if (js === undefined) throw new PatternError(`Invalid character class name [:${name}:]`);
        return { kind: 'class', js };
      }
      // the C locale has no multi-character collating elements: [.x.] and [=x=] name one character
      if ([...name].length !== 1) throw new PatternError(`Invalid collation character [${kind}${name}${kind}]`);
      return { kind: 'char', char: name };
    }
    const char = String.fromCodePoint(s.codePointAt(this.i)!);
    this.i += char.length;
    return { kind: 'char', char };
  }
}

/** What a reader of Perl-like patterns takes an escaped letter to mean (for the warning). */
const ESCAPE_MEANINGS: Record<string, string> = {
  d: 'digit', n: 'newline', t: 'tab', r: 'carriage return', f: 'form feed', v: 'vertical tab', e: 'escape',
  a: 'bell', h: 'horizontal space', z: 'end of the string', x: 'hex escape', u: 'Unicode escape', p: 'Unicode property',
};

/** A character matched as itself outside brackets, escaped where JS would read it as an operator. */
export function literal(c: string): string {
  if ('\\^$.|?*+()[]{}/'.includes(c)) return '\\' + c;
  return controlEscape(c);
}

/** A character inside a JS class, escaped where JS would read it as an operator. */
export function classChar(c: string): string {
  if ('\\]^-['.includes(c)) return '\\' + c;
  return controlEscape(c);
}

function controlEscape(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return c;
}
