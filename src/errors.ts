// The one user-error class: a mistake of the user's (bad option, bad value, bad config), thrown anywhere and
// caught once in cli/main.ts, which shows it as one line. It sits outside the data flow so every layer may use it.

/** Exit codes. */
export const EXIT = {
  ok: 0,
  /** some input could not be read (the others were) */
  input: 1,
  /** the command line is wrong */
  usage: 2,
} as const;

/** A user mistake, phrased for the user: states the action, names the file and line, quotes the bad value. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
  }
}
