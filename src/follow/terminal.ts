// The terminal the dashboard is drawn on: the alternate screen (the shell's screen comes back on exit), lines
// redrawn in place without flicker, `q` read in raw mode, and the size followed through resizes.

/** The output side of a TTY, as node's tty.WriteStream has it. */
export interface TtyOut {
  write(s: string): boolean;
  columns?: number;
  rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

/** The input side of a TTY, as node's tty.ReadStream has it. */
export interface TtyIn {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

const ENTER = '\x1b[?1049h\x1b[?25l'; // alternate screen, cursor hidden
const LEAVE = '\x1b[?25h\x1b[?1049l'; // cursor shown, the shell's screen back

/** Draws whole screens of lines; `q`, `Q` or Ctrl-C call `onQuit`. */
export class Terminal {
  private last = '';
  private readonly keys = (chunk: Buffer | string): void => {
    const s = chunk.toString();
    if (s.includes('q') || s.includes('Q') || s.includes('\x03')) this.onQuit();
  };
  private readonly resized = (): void => {
    this.last = ''; // everything is redrawn at the new size
    this.onResize();
  };

  constructor(private readonly out: TtyOut, private readonly input: TtyIn | null, private readonly onQuit: () => void, private readonly onResize: () => void = () => {}) {}

  /** Takes over the screen and the keyboard. */
  open(): void {
    this.out.write(ENTER);
    this.out.on?.('resize', this.resized);
    if (this.input !== null && this.input.isTTY === true) {
      this.input.setRawMode?.(true);
      this.input.on('data', this.keys);
      this.input.resume();
    }
  }

  /** The size to lay out for (80×24 when the terminal does not say). */
  size(): { columns: number; rows: number } {
    return { columns: this.out.columns ?? 80, rows: this.out.rows ?? 24 };
  }

  /** Redraws the screen when it changed: each line cleared to its end, then everything below the last. */
  draw(lines: readonly string[]): void {
    const frame = '\x1b[H' + lines.join('\x1b[K\r\n') + '\x1b[K\x1b[J';
    if (frame === this.last) return;
    this.last = frame;
    this.out.write(frame);
  }

  /** Gives the screen and the keyboard back. */
  close(): void {
    this.out.off?.('resize', this.resized);
    if (this.input !== null && this.input.isTTY === true) {
      this.input.off('data', this.keys);
      this.input.setRawMode?.(false);
      this.input.pause();
    }
    this.out.write(LEAVE);
  }
}
