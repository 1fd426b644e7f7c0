// Postfix's logical lines (readllines(3), shared by postmap, regexp: and pcre: tables): blank lines and lines whose
// first non-blank is `#` are dropped, and a line that starts with whitespace continues the logical line before it,
// its text joined as it is (leading whitespace kept, no newline), even across comment lines in between.

/** C's isspace() in the C locale: Postfix's idea of whitespace (not Unicode's). */
const LEADING_BLANKS = /^[ \t\n\v\f\r]*/;
const TRAILING_BLANKS = /[ \t\n\v\f\r]+$/;

/** One logical line: the number of its first physical line, and its text. */
export interface LogicalLine {
  line: number;
  text: string;
}

/** What readllines warns about and skips: continuation text with no line to continue. */
export interface Orphan {
  line: number;
  text: string;
}

/**
 * The logical lines of a table's text, trailing whitespace (and a CRLF's CR) trimmed as every Postfix table
 * reader trims it. `orphans` are continuation lines at the top of the file, which Postfix skips with a warning.
 */
export function logicalLines(text: string): { lines: LogicalLine[]; orphans: Orphan[] } {
  const lines: LogicalLine[] = [];
  const orphans: Orphan[] = [];
  const physical = text.split('\n');
  // a final newline ends the last line; it does not start an empty one
  if (physical.length > 0 && physical[physical.length - 1] === '') physical.pop();
  let current: LogicalLine | null = null;
  physical.forEach((raw, i) => {
    const lead = LEADING_BLANKS.exec(raw)![0].length;
    if (lead === raw.length || raw[lead] === '#') return;
    if (lead > 0) {
      // whitespace first: continues the logical line before it
      if (current === null) orphans.push({ line: i + 1, text: raw.slice(lead) });
      else current.text += raw;
      return;
    }
    current = { line: i + 1, text: raw };
    lines.push(current);
  });
  for (const l of lines) l.text = l.text.replace(TRAILING_BLANKS, '');
  return { lines, orphans };
}
