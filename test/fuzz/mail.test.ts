// Property test of the report mail's header block: whatever host names the log carries (control characters, CR LF,
// header lines, bidi overrides, lone surrogates, kilobytes) and whatever day is asked for, the message sendMessage
// hands to sendmail has exactly the headers postsumm writes, one Subject that decodes to the subject built, and no
// control character in it. A fake sendmail (a shell script) keeps what it is given, so the real send path runs.
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { buildMessage } from '../../src/mail/message.js';
import { sendMessage } from '../../src/mail/send.js';
import { emptyReport } from '../../src/report/empty.js';
import { NASTY } from './arbitraries.js';
import { fuzzParameters, TempDir } from './harness.js';

const dir = new TempDir();
after(() => dir.clean());

/** sendmail's stand-in: the message on standard input goes to a file of its own. */
const SENDMAIL = dir.file(`#!/bin/sh\ncat > "${dir.path}/mail-$$.eml"\n`, 'sendmail');
chmodSync(SENDMAIL, 0o755);

/** What a subject may never carry: C0 and C1 controls, DEL, line separators, bidi controls, half a surrogate pair. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

/** The headers of postsumm's mail, and only those (nodemailer adds Date, Message-ID, MIME-Version, Content-Type). */
const HEADERS = ['auto-submitted', 'content-type', 'date', 'from', 'message-id', 'mime-version', 'subject', 'to'];

/** A host name from the log: a nasty string, random text of any code points, or both; sometimes kilobytes long. */
const host = fc.oneof(
  fc.constantFrom(...NASTY, 'mx1\r\nBcc: victim@example.com', 'mx1\nSubject: second', 'mx1\r\n\r\nbody', 'x'.repeat(70) + '\ud83d\ude00'),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.tuple(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 20 }), fc.nat(3000)).map(([a, b, n]) => a + b + 'h'.repeat(n)),
);

test('host names and days from anywhere never add a header, and the subject arrives as built', async () => {
  let n = 0;
  const property = fc.asyncProperty(fc.array(host, { maxLength: 5 }), fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }), async (hosts, day) => {
    const report = emptyReport('postsumm test');
    report.hosts = hosts;
    const message = buildMessage({ report, text: 'report\n', html: '<p>report</p>' }, {
      from: 'postsumm@test.example', to: ['admin@example.com'], fallbackHost: 'box', ...(day === undefined ? {} : { day }),
    });
    assert.doesNotMatch(message.subject, UNSAFE, 'the subject built');
    await sendMessage(message, { kind: 'sendmail', path: SENDMAIL }, {});
    const files = readdirSync(dir.path).filter((f) => f.startsWith('mail-'));
    assert.equal(files.length, 1, 'one message');
    const raw = readFileSync(join(dir.path, files[0]!));
    rmSync(join(dir.path, files[0]!));
    n++;
    const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
    // every header line is printable ASCII (encoded words for the rest), folded lines start with white space
    assert.doesNotMatch(head, /[^\x20-\x7e\r\n\t]/, 'a raw header byte outside printable ASCII');
    const names = head.split('\r\n').filter((l) => !/^[ \t]/.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
    assert.deepEqual([...names].sort(), HEADERS, 'the header names');
    const mail = await simpleParser(raw);
    assert.equal(mail.subject, message.subject, 'the subject decodes to the one built');
    assert.deepEqual((mail.to as { value: { address: string }[] }).value.map((a) => a.address), ['admin@example.com']);
    assert.equal(mail.text, 'report\n');
  });
  await fc.assert(property, fuzzParameters(60, 10));
  assert.ok(n >= 60);
});
