// No catastrophic backtracking and no quadratic scan in the parser: every regex literal of src/parse/ (found in the
// sources with the TypeScript parser, so a new one is checked without being listed) on adversarial strings of 10 and
// 100 KB, and parseLine on lines up to the reader's 64 KiB cap, each timed against a linear bound as a ratio on
// this machine (test/linear.ts), never as an absolute time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { MAX_LINE_CHARS } from '../../src/input/decode.js';
import { parseLine } from '../../src/parse/index.js';
import { StampClock } from '../../src/parse/year.js';
import { projectRoot } from '../corpus.js';
import { SEED_LINES } from '../fuzz/seeds.js';
import { assertLinear } from '../linear.js';

const PARSE_DIR = join(projectRoot(), 'src', 'parse');

/** A regex literal of the parser's sources, where it is. */
interface Found {
  where: string;
  regex: RegExp;
}

/** Every regex literal in src/parse/*.ts, and every `new RegExp(…)`/`RegExp(…)` call (which cannot be checked here). */
function regexesOfParser(): { literals: Found[]; constructed: string[] } {
  const literals: Found[] = [];
  const constructed: string[] = [];
  for (const f of readdirSync(PARSE_DIR).filter((n) => n.endsWith('.ts')).sort()) {
    const sf = ts.createSourceFile(f, readFileSync(join(PARSE_DIR, f), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      const where = `${f}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const slash = text.lastIndexOf('/');
        literals.push({ where, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.expression.getText() === 'RegExp') {
        constructed.push(where);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, constructed };
}

/** The pattern's atoms a character can match: classes, escapes, `.` and literal characters. */
function atomsOf(source: string): string[] {
  return source.match(/\[(?:\\.|[^\]\\])*\]|\\[dDwWsSbB]|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\.|\.|[^()[\]{}*+?|^$\\]/g) ?? [];
}

/** Characters tried: printable ASCII and a few others (tab, NUL, a Latin letter, a line separator, U+FFFD). */
const ALPHABET = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\0', 'é', '\u2028', '\ufffd'];

/**
 * One character of each class of characters the pattern cannot tell apart (the same answer from every atom): what
 * a quantifier of the pattern may repeat, and what makes its match fail at the end.
 */
function representatives(re: RegExp): string[] {
  const tests = atomsOf(re.source).filter((a) => a !== '^' && a !== '$').map((a) => {
    try {
      return new RegExp(`^(?:${a})$`, re.flags.replace(/[gy]/g, ''));
    } catch {
      return null;
    }
  }).filter((r): r is RegExp => r !== null);
  const bySignature = new Map<string, string>();
  for (const c of ALPHABET) {
    const sig = tests.map((t) => (t.test(c) ? '1' : '0')).join('');
    if (!bySignature.has(sig)) bySignature.set(sig, c);
  }
  return [...bySignature.values()];
}

/** Adversarial inputs of a pattern: each representative or pair of them repeated, then each one, or nothing, to end. */
function adversarial(re: RegExp): { pump: string; end: string }[] {
  const reps = representatives(re);
  const pumps = [...reps, ...reps.flatMap((a) => reps.map((b) => a + b))];
  return pumps.flatMap((pump) => ['', ...reps].map((end) => ({ pump, end })));
}

const make = (c: { pump: string; end: string }) => (n: number) => c.pump.repeat(Math.ceil(n / c.pump.length)).slice(0, n) + c.end;

/** The `k` of `items` that take longest on one sample each (a cheap screen before the careful ratio). */
function slowest<T>(items: readonly T[], k: number, run: (x: T) => void): T[] {
  const timed = items.map((x) => {
    const t0 = performance.now();
    run(x);
    return { x, t: performance.now() - t0 };
  });
  return timed.sort((a, b) => b.t - a.t).slice(0, k).map((e) => e.x);
}

test('every regex of src/parse/ is a literal the check below can see', () => {
  const { literals, constructed } = regexesOfParser();
  assert.deepEqual(constructed, [], 'a RegExp built at run time: give it a literal, or bound its input and say so');
  assert.ok(literals.length >= 4, `found ${literals.length} regex literals`);
});

test('the check finds the input that makes a quadratic regex quadratic, and fails it', () => {
  // /\d+x/ unanchored: each start position scans the digits after it before failing. At a twentieth of the sizes
  // (500 and 5,000 characters) it takes a moment, and the ratio is about 100. Screened at 5,000, where the quadratic
  // case takes milliseconds and the others microseconds (at 500 every case is lost in the noise)
  const bad = /\d+x/;
  const worst = slowest(adversarial(bad), 1, (c) => bad.test(make(c)(5_000)))[0]!;
  assert.throws(() => assertLinear((s) => bad.test(s), (n) => make(worst)(n / 20), 'quadratic'), /10× the input took/);
});

test('every regex of src/parse/ runs in linear time on adversarial strings of 10 and 100 KB', () => {
  const { literals } = regexesOfParser();
  const seen = new Set<string>();
  for (const { where, regex } of literals) {
    const key = String(regex);
    if (seen.has(key)) continue;
    seen.add(key);
    const test = (s: string) => {
      regex.lastIndex = 0;
      return regex.test(s);
    };
    for (const c of slowest(adversarial(regex), 3, (c) => test(make(c)(10_000)))) {
      assertLinear(test, make(c), `${where} ${regex} on ${JSON.stringify(c.pump)}… + ${JSON.stringify(c.end)}`);
    }
  }
});

/** Tokens the hand-written scanners look for: brackets, separators, keys and the words verdict lines are cut at. */
const PUMPS = [
  ' ', '[', ']', '[1.2.3.4]', 'a[', '<', '>', '>, ', '>, a', '=', 'a=', ', a=', ' from ', ' from a;', '; from=<', ':', ': ',
  ';', ', ', 'x', '1', '.', '/', '(', ')', ' (', 'queued as ', ' to ', ' said: ', '\\]', '{"', '\t',
];

/**
 * Lines that make a scanner work hardest: each seed line cut at every token boundary, then one token repeated to
 * the length wanted. `n` 100,000 is the reader's 64 KiB cap (lines never reach the parser longer).
 */
function lineCases(): { head: string; pump: string }[] {
  const out: { head: string; pump: string }[] = [];
  for (const l of SEED_LINES) {
    const cuts = new Set<number>([0]);
    for (let i = 0; i < l.length; i++) if (' =<[:;,('.includes(l[i]!)) cuts.add(i + 1);
    for (const k of cuts) for (const pump of PUMPS) out.push({ head: l.slice(0, k), pump });
  }
  return out;
}

test('parseLine is linear on lines up to 64 KiB built to make its scanners backtrack', () => {
  const clock = new StampClock(Date.UTC(2026, 10, 26));
  const parse = (s: string) => parseLine(s, clock);
  const scale = MAX_LINE_CHARS / 100_000;
  const line = (c: { head: string; pump: string }) => (n: number) => {
    const len = Math.max(0, Math.round(n * scale) - c.head.length);
    return c.head + c.pump.repeat(Math.ceil(len / c.pump.length)).slice(0, len);
  };
  const cases = lineCases();
  assert.ok(cases.length > 10_000, `${cases.length} cases`);
  for (const c of slowest(cases, 8, (c) => parse(line(c)(10_000)))) {
    assertLinear(parse, line(c), `parseLine(${JSON.stringify(c.head.slice(0, 60))}… + ${JSON.stringify(c.pump)}…)`);
  }
});
