// What an access table's result makes smtpd do (access(5), check_table_result() in smtpd_check.c): the first word
// decides, case-insensitively; `4NN text`/`5NN text` reject with that code; an all-digit result is OK; anything
// else is a list of restrictions (`permit`, `reject`, `reject_unknown_client_hostname`, a restriction class…).

/**
 * The effect of a result. `reject` and `defer` refuse (5xx and 4xx); the others let the mail through, possibly
 * changed (hold, discard, filter, …), or decide later (`defer-if-reject`, `defer-if-permit`, `restrictions`).
 */
export type Effect =
  | 'reject' | 'defer' | 'defer-if-reject' | 'defer-if-permit' | 'accept' | 'dunno' | 'warn' | 'info' | 'hold'
  | 'discard' | 'filter' | 'redirect' | 'bcc' | 'prepend' | 'hangup' | 'restrictions';

/** Effects that refuse the mail: what "would have rejected" counts. */
export const REFUSING: ReadonlySet<Effect> = new Set<Effect>(['reject', 'defer']);

/** Action words and their effects (access(5)); RELAY is OK's old spelling. */
const WORDS: Record<string, Effect> = {
  ok: 'accept', relay: 'accept', dunno: 'dunno', reject: 'reject', defer: 'defer', defer_if_reject: 'defer-if-reject',
  defer_if_permit: 'defer-if-permit', warn: 'warn', info: 'info', hold: 'hold', discard: 'discard', filter: 'filter',
  redirect: 'redirect', bcc: 'bcc', prepend: 'prepend', hangup: 'hangup',
};

/** Restriction names that decide at once, as a result's first restriction. */
const RESTRICTIONS: Record<string, Effect> = { permit: 'accept', reject: 'reject', defer: 'defer' };

/** The effect of a table result. */
export function effectOf(value: string): Effect {
  // "in the dark ages, an empty right-hand side meant OK" (smtpd_check.c), and it still does
  if (value.trim() === '') return 'accept';
  const word = /^[^ \t]*/.exec(value)![0];
  const text = value.slice(word.length).trim();
  const lower = word.toLowerCase();
  const direct = WORDS[lower];
  if (direct !== undefined) return direct;
  // `550 text` rejects, `450 text` defers; a bare `550` is all digits, which is OK (pop-before-smtp time stamps)
  if (/^[45]\d\d$/.test(word) && text !== '') return word[0] === '5' ? 'reject' : 'defer';
  if (/^\d+$/.test(word)) return 'accept';
  // a lookup table inside a result is a configuration error: smtpd answers 451 4.3.5 Server configuration error
  if (value.includes(':')) return 'defer';
  // a list of restrictions, split on commas and whitespace: only a decisive first one is known here
  const first = value.split(/[,\s]+/).find((w) => w !== '')?.toLowerCase() ?? '';
  return RESTRICTIONS[first] ?? 'restrictions';
}
