// The corpus lines that stay unrecognized or malformed, each with the reason (named by path:line, never copied),
// and the recognised share each source must keep. Used by corpus.test.ts.

/** `path:line` (or `source#n` for message-only sources) → why the line is left. */
export const LEFT: Record<string, string> = {};

/** Recognised share (percent of Postfix lines) each source must keep. */
export const MIN_SHARE: Record<string, number> = {};
