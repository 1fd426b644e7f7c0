// fast-check arbitraries for broken logs: real lines (seeds.ts) cut, doubled, spliced into each other, with bytes
// flipped, fields swapped, queue IDs shared between messages, stamps moved out of order, joined by LF, CR LF, a bare
// CR or nothing; then the bytes themselves damaged (invalid UTF-8, NUL, a cut in the middle of a character).
import fc from 'fast-check';
import { SEED_LINES } from './seeds.js';

/** Strings strangers choose (HELO, addresses, reasons) and bytes a broken log holds, spliced into lines. */
export const NASTY = [
  '\0', '\r', '\t', '\x1b', '\x1b[31m', '\x1b]0;title\x07', '\x1b[2J', '\u009b31m', '\u0085', '\u2028', '\u202e', '\ufeff',
  '\ufffd', '\ud83d\ude00', '<', '>', '"', "'", '&', '[', ']', ':', ': ', ';', ',', ', ', '=', ' ', '  ', '\\', '(', ')',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '</style><b>', '__proto__',
  'constructor', 'NOQUEUE: ', ' from ', '; from=<', '>, ', ' status=sent (', 'to=<', '[1.2.3.4]', 'unknown[::1]:25',
] as const;

/** A few queue IDs of the seeds: replacing one by another makes unrelated messages share an ID. */
const QUEUE_IDS = ['ABC77160389', 'B7D4A160390', '130C7160394', '51B64160031', '0BB95160042', '3mPVKl0Mhjz7sXv', 'C6E0DDB74006'];
const QUEUE_ID = /\b(?:[0-9A-F]{10,12}|3mPVKl0Mhjz7sXv)\b/g;

/** Numbers a damaged line may hold where Postfix writes a plain one. */
const ODD_NUMBERS = ['-1', '-0', '1e308', '1e400', '9'.repeat(400), '0x1f', 'NaN', 'Infinity', '1.5.5', '', ' 1', '00000000000000000000001'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Xyz'];

/** Something to splice in: a nasty string, or a short random one (any code point, lone surrogates included). */
const junk = fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 12 }));

type Mutation = (line: string) => string;

/** Where in `s` a position (any natural number) falls. */
const at = (s: string, n: number) => n % (s.length + 1);

/** One change to a line. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // cut: the head or the tail of the line (a truncated write, a rotation mid-line)
  fc.tuple(fc.nat(), fc.boolean()).map(([n, head]): Mutation => (l) => (head ? l.slice(0, at(l, n)) : l.slice(at(l, n)))),
  // something inserted, or put in place of one character
  fc.tuple(fc.nat(), junk).map(([n, j]): Mutation => (l) => l.slice(0, at(l, n)) + j + l.slice(at(l, n))),
  fc.tuple(fc.nat(), junk).map(([n, j]): Mutation => (l) => l.slice(0, at(l, n)) + j + l.slice(at(l, n) + 1)),
  // two fields swapped
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (l) => {
    const f = l.split(' ');
    const i = a % f.length;
    const k = b % f.length;
    [f[i], f[k]] = [f[k]!, f[i]!];
    return f.join(' ');
  }),
  // the line twice, with no line break between (two writers interleaved)
  fc.constant<Mutation>((l) => l + l),
  // the head of this line, then the tail of another
  fc.tuple(fc.constantFrom(...SEED_LINES), fc.nat(), fc.nat()).map(([o, a, b]): Mutation => (l) => l.slice(0, at(l, a)) + o.slice(at(o, b))),
  // every queue ID replaced by one of a few: unrelated messages now share one
  fc.constantFrom(...QUEUE_IDS).map((q): Mutation => (l) => l.replace(QUEUE_ID, q)),
  // one number of the line (a size, a delay, a pid, a count) replaced by one no Postfix writes
  fc.tuple(fc.nat(), fc.constantFrom(...ODD_NUMBERS)).map(([n, x]): Mutation => (l) => {
    let k = 0;
    const runs = l.match(/\d+(?:\.\d+)?/g)?.length ?? 0;
    return runs === 0 ? l : l.replace(/\d+(?:\.\d+)?/g, (d) => (k++ === n % runs ? x : d));
  }),
  // another stamp in the classic shape: out of order, across New Year, or an invalid month or hour
  fc.tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 })).map(([m, d, h]): Mutation => (l) =>
    l.replace(/^[A-Z][a-z]{2} [ \d]\d \d\d/, `${m} ${String(d).padStart(2, ' ')} ${String(h).padStart(2, '0')}`)),
);

/** A line: a seed with up to three changes. */
const line = fc.tuple(fc.constantFrom(...SEED_LINES), fc.array(mutation, { maxLength: 3 })).map(([l, ms]) => ms.reduce((s, m) => m(s), l));

/** What ends a line: mostly LF, sometimes CR LF, a bare CR (no break for the reader) or nothing (lines run together). */
const ending = fc.constantFrom('\n', '\n', '\n', '\n', '\r\n', '\r', '');

/** A log of up to `maxLines` broken lines, as text. */
export function brokenLog(maxLines = 40): fc.Arbitrary<string> {
  return fc.tuple(fc.array(fc.tuple(line, ending), { maxLength: maxLines }), fc.boolean())
    .map(([ls, finalBreak]) => ls.map(([l, e]) => l + e).join('') + (finalBreak ? '\n' : ''));
}

type ByteMutation = (b: Uint8Array) => Uint8Array;

/** Damage to the bytes: random bytes inserted, a byte changed, the file cut short (maybe inside a character). */
const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([n, ins]): ByteMutation => (b) => {
    const k = n % (b.length + 1);
    return Buffer.concat([b.subarray(0, k), ins, b.subarray(k)]);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([n, x]): ByteMutation => (b) => {
    if (b.length === 0) return b;
    const c = Uint8Array.from(b);
    const k = n % c.length;
    c[k] = c[k]! ^ x;
    return c;
  }),
  fc.nat().map((n): ByteMutation => (b) => b.subarray(0, n % (b.length + 1))),
);

/** A broken log as bytes: the text as UTF-8, then up to three kinds of byte damage. */
export function brokenBytes(maxLines = 40): fc.Arbitrary<Uint8Array> {
  return fc.tuple(brokenLog(maxLines), fc.array(byteMutation, { maxLength: 3 }))
    .map(([text, ms]) => ms.reduce<Uint8Array>((b, m) => m(b), new Uint8Array(Buffer.from(text, 'utf8'))));
}
